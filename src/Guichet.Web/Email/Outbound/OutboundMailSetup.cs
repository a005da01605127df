using Guichet.Web.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Guichet.Web.Email.Outbound;

public static class OutboundMailSetup
{
    public static WebApplicationBuilder AddGuichetOutboundMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .PostConfigure<IOptions<GuichetOptions>>((smtp, site) =>
            {
                if (string.IsNullOrWhiteSpace(smtp.FromAddress)) smtp.FromAddress = "support@" + site.Value.Link("/").Host;
                if (string.IsNullOrWhiteSpace(smtp.FromName)) smtp.FromName = site.Value.Name;
            })
            .ValidateDataAnnotations()
            .Validate(o => MailboxAddress.TryParse(o.FromAddress, out var from) && from.Address == o.FromAddress.Trim(),
                "Guichet:Smtp:FromAddress must be a mail address such as support@example.com.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Guichet:Smtp:Timeout must be positive.")
            .Validate(o => Enum.IsDefined(o.Security), "Guichet:Smtp:Security must be StartTls, SslOnConnect, Auto or None.")
            .ValidateOnStart();
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Guichet:Outbox:PollInterval must be positive.")
            .Validate(o => o.ClaimDuration >= TimeSpan.FromMinutes(1), "Guichet:Outbox:ClaimDuration must be at least a minute.")
            .Validate(o => o.GiveUpAfter > TimeSpan.Zero, "Guichet:Outbox:GiveUpAfter must be positive.")
            .ValidateOnStart();

        builder.Services.AddScoped<MailOutbox>();
        builder.Services.AddScoped<RequestMailThreads>();
        builder.Services.AddSingleton<OutboxSignal>();
        // Decided when first needed, so that every configuration source (tests included) has its say.
        builder.Services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.IsConfigured
            ? ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp)
            : ActivatorUtilities.CreateInstance<PickupFolderTransport>(sp));
        // Always registered; it returns at once when Guichet:Outbox:Enabled is false.
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return builder;
    }
}
