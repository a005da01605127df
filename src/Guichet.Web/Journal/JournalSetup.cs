namespace Guichet.Web.Journal;

public static class JournalSetup
{
    public static WebApplicationBuilder AddGuichetJournal(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ActivityJournal>();
        return builder;
    }
}
