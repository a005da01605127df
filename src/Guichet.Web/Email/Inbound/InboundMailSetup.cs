namespace Guichet.Web.Email.Inbound;

public static class InboundMailSetup
{
    public static WebApplicationBuilder AddGuichetInboundMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboundMailOptions>().BindConfiguration(InboundMailOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Token is null || o.Token.Length >= 16, "Guichet:InboundMail:Token must be at least 16 characters long.")
            .Validate(o => o.TrustedCertificates.All(f => ServerCertificates.Normalize(f) is not null),
                "Each of Guichet:InboundMail:TrustedCertificates must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed.")
            .ValidateOnStart();
        builder.Services.AddScoped<InboundMail>();
        builder.Services.AddScoped<InboundProcessor>();
        builder.Services.AddScoped<MailThreading>();
        builder.Services.AddScoped<MailImport>();
        builder.Services.AddSingleton<MailboxPasswords>();
        builder.Services.AddSingleton<ImapFetcher>();
        builder.Services.AddScoped<MailboxConnections>();
        builder.Services.AddSingleton<MailboxFetcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MailboxFetcher>());
        builder.Services.AddSingleton<InboundSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboundSweep>());
        return builder;
    }

    public static WebApplication MapGuichetInboundMail(this WebApplication app)
    {
        InboundMailEndpoint.Map(app);
        return app;
    }
}
