using Guichet.Web.Text;

namespace Guichet.Web.Tickets;

public static class TicketsSetup
{
    public static WebApplicationBuilder AddGuichetTickets(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TicketOptions>().BindConfiguration(TicketOptions.Section);
        builder.Services.AddSingleton<RichText>();
        builder.Services.AddScoped<StatusWorkflow>();
        builder.Services.AddScoped<TicketNumbers>();
        builder.Services.AddScoped<TicketIntake>();
        builder.Services.AddScoped<TicketConversation>();
        return builder;
    }
}
