using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Portal;

namespace Guichet.IntegrationTests.Accounts;

/// <summary>The account mails as they really leave: through an SMTP server, read back from it, links followed.</summary>
public sealed class AccountMailOverSmtpTests
{
    [Theory, Databases]
    public async Task Verification_and_reset_mails_cross_the_SMTP_server_and_their_links_work(Db db)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = await GuichetApp.StartAsync(db, smtp.Settings);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        using var visitor = new PageClient(app.NewClient());

        var signUp = await visitor.GetAsync("/account/signup");
        await visitor.SubmitAndFollowAsync(signUp, "main form", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Sam",
            ["Input.LastName"] = "Smtp",
            ["Input.Email"] = "sam@example.org",
        });
        var verification = (await smtp.WaitForMessagesAsync("sam@example.org"))[0];
        Assert.Equal("auto-generated", verification.Headers["Auto-Submitted"]);
        var home = await visitor.SubmitAndFollowAsync(await visitor.GetAsync(verification.LinkTo("/account/verify")), "main form",
            new Dictionary<string, string> { ["Input.Password"] = "sent through smtp", ["Input.ConfirmPassword"] = "sent through smtp" });
        Assert.Contains("Sam Smtp", home.MainText());

        using var forgetful = new PageClient(app.NewClient());
        var ask = await forgetful.GetAsync("/account/reset");
        var codePage = await forgetful.SubmitAndFollowAsync(ask, "main form", new Dictionary<string, string> { ["Ask.Email"] = "sam@example.org" });
        var reset = (await smtp.WaitForMessagesAsync("sam@example.org", count: 2))[1];
        var done = await forgetful.SubmitAndFollowAsync(codePage, "main form", new Dictionary<string, string>
        {
            ["Reset.Code"] = reset.Code(),
            ["Reset.NewPassword"] = "reset through smtp",
            ["Reset.ConfirmPassword"] = "reset through smtp",
        });
        Assert.Contains("Your password was changed", done.MainText());
        Assert.Single(smtp.Messages("sam@example.org"), m => m.MessageId == verification.MessageId);
    }

    [Theory, Databases]
    public async Task Links_in_mail_use_the_configured_address_whatever_host_the_request_named(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        var http = app.NewClient();
        using var visitor = new PageClient(http);
        var signUp = await visitor.GetAsync("/account/signup");

        http.DefaultRequestHeaders.Host = "attacker.example";
        await visitor.SubmitAsync(signUp, "main form", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Host",
            ["Input.LastName"] = "Header",
            ["Input.Email"] = "host@example.org",
        });

        var mail = await app.WaitForMailAsync("host@example.org");
        Assert.DoesNotContain("attacker.example", mail.TextBody);
        Assert.DoesNotContain("attacker.example", mail.HtmlBody);
        Assert.StartsWith("/account/verify?", mail.LinkTo("/account/verify"));
        Assert.Contains(GuichetApp.BaseUrl + "/account/verify?", mail.TextBody);
    }

    [Theory, Databases]
    public async Task Mail_is_written_in_the_recipients_language(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        var http = app.NewClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it-IT");
        using var visitor = new PageClient(http);

        var signUp = await visitor.GetAsync("/account/signup");
        Assert.Equal("it", signUp.DocumentElement.GetAttribute("lang"));
        await visitor.SubmitAsync(signUp, "main form", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Giulia",
            ["Input.LastName"] = "Bianchi",
            ["Input.Email"] = "giulia@example.org",
        });

        var mail = await app.WaitForMailAsync("giulia@example.org");
        Assert.StartsWith("Buongiorno Giulia", mail.TextBody);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(mail.LinkTo("/account/verify"))).StatusCode);
    }
}
