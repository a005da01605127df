using Guichet.Web.Email.Outbound;
using Guichet.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Guichet.Tests.Email;

public sealed class OutboundMailSetupTests
{
    private static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Guichet:BaseUrl"] = "https://help.example.com" }
                .Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))));
        builder.Services.AddOptions<GuichetOptions>().BindConfiguration(GuichetOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddGuichetOutboundMail();
        return builder.Build();
    }

    [Fact]
    public void Without_an_SMTP_host_mail_goes_to_the_pickup_folder()
    {
        using var app = Build();
        Assert.IsType<PickupFolderTransport>(app.Services.GetRequiredService<IMailTransport>());
    }

    [Fact]
    public void With_an_SMTP_host_mail_goes_out_by_SMTP_from_the_support_address_of_the_base_URL()
    {
        using var app = Build(("Guichet:Smtp:Host", "smtp.example.com"));
        Assert.IsType<SmtpMailTransport>(app.Services.GetRequiredService<IMailTransport>());
        var smtp = app.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        Assert.Equal(("support@help.example.com", "Guichet", 587, SmtpSecurity.StartTls), (smtp.FromAddress, smtp.FromName, smtp.Port, smtp.Security));
    }

    [Theory]
    [InlineData("Guichet:Smtp:Port", "0", "Port")]
    [InlineData("Guichet:Smtp:FromAddress", "not an address", "FromAddress")]
    [InlineData("Guichet:Smtp:Timeout", "00:00:00", "Timeout")]
    [InlineData("Guichet:Outbox:ClaimDuration", "00:00:05", "ClaimDuration")]
    public void An_invalid_setting_is_refused_naming_the_key(string key, string value, string named)
    {
        using var app = Build(("Guichet:Smtp:Host", "smtp.example.com"), (key, value));
        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = app.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
            _ = app.Services.GetRequiredService<IOptions<OutboxOptions>>().Value;
        });
        Assert.Contains(named, error.Message);
    }
}
