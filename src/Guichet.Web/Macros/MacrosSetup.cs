namespace Guichet.Web.Macros;

public static class MacrosSetup
{
    public static WebApplicationBuilder AddGuichetMacros(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MacroRendering>();
        builder.Services.AddScoped<MacroLibrary>();
        builder.Services.AddScoped<MacroReplies>();
        return builder;
    }
}
