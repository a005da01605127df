namespace Guichet.Web.Email.Outbound;

public static class OutboundMailSetup
{
    public static WebApplicationBuilder AddGuichetOutboundMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MailOutbox>();
        return builder;
    }
}
