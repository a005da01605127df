using Guichet.Web.Text;

namespace Guichet.Web.Tickets;

public static class TicketsSetup
{
    public static WebApplicationBuilder AddGuichetTickets(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TicketOptions>().BindConfiguration(TicketOptions.Section);
        builder.Services.AddSingleton<RichText>();
        builder.Services.AddScoped<StatusWorkflow>();
        builder.Services.AddScoped<TicketCatalog>();
        builder.Services.AddScoped<Groups>();
        builder.Services.AddScoped<TicketNumbers>();
        builder.Services.AddScoped<TicketIntake>();
        builder.Services.AddSingleton<TicketQueries>();
        builder.Services.AddScoped<CustomFieldValues>();
        builder.Services.AddScoped<TicketConversation>();
        builder.Services.AddScoped<TicketMerge>();
        builder.Services.AddScoped<TicketContext>();
        builder.Services.AddScoped<TicketParticipants>();
        builder.Services.AddScoped<TicketTags>();
        builder.Services.AddScoped<TicketRelations>();
        builder.Services.AddScoped<TicketSplit>();
        builder.Services.AddScoped<CurrentViewer>();
        builder.Services.AddScoped<TicketView>();
        builder.Services.AddScoped<TicketExport>();
        builder.Services.AddScoped<TicketNotifications>();
        builder.Services.AddSingleton<TicketEventDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TicketEventDispatcher>());
        builder.Services.AddSingleton<AutoClose>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AutoClose>());
        return builder;
    }
}
