using Guichet.Web.Accounts;

namespace Guichet.Web.Notifications;

public static class NotificationsSetup
{
    public static WebApplicationBuilder AddGuichetNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AgentNotifier>();
        builder.Services.AddScoped<AgentInbox>();
        builder.Services.AddScoped<AgentProfiles>();
        builder.Services.AddSingleton<NotificationSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationSweep>());
        return builder;
    }
}
