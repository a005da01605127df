using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;
using System.Net;

namespace Guichet.IntegrationTests.Accounts;

public sealed class PasswordResetTests
{
    private static async Task<IDocument> AskForCodeAsync(PageClient client, string email)
    {
        var page = await client.GetAsync("/account/reset");
        return await client.SubmitAndFollowAsync(page, "main form", new Dictionary<string, string> { ["Ask.Email"] = email });
    }

    private static Task<IDocument> TypeCodeAsync(PageClient client, IDocument page, string code, string password) =>
        client.SubmitAndFollowAsync(page, "main form", new Dictionary<string, string>
        {
            ["Reset.Code"] = code,
            ["Reset.NewPassword"] = password,
            ["Reset.ConfirmPassword"] = password,
        });

    [Theory, Databases]
    public async Task The_mailed_code_changes_the_password_and_ends_the_other_sessions(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("forgetful@example.org");
        using var otherDevice = await app.SignInAsync("forgetful@example.org");
        using var client = new PageClient(app.NewClient());

        var codePage = await AskForCodeAsync(client, "forgetful@example.org");
        Assert.Contains("a code is on its way", codePage.MainText());
        var mail = await app.WaitForMailAsync("forgetful@example.org", "reset code");
        var home = await TypeCodeAsync(client, codePage, mail.Code(), "my brand new passphrase");

        Assert.Contains("Your password was changed", home.MainText());
        app.Time.Advance(TimeSpan.FromSeconds(1));   // sessions are checked against the account once time has passed
        Assert.Equal(HttpStatusCode.Redirect, (await otherDevice.Http.GetAsync("/account/profile")).StatusCode);
        await app.WaitForMailAsync("forgetful@example.org", "Your password was changed");
        using var again = await app.SignInAsync("forgetful@example.org", "my brand new passphrase");
    }

    [Theory, Databases]
    public async Task The_mailed_link_works_without_typing_the_code(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("linker@example.org");
        using var client = new PageClient(app.NewClient());

        await AskForCodeAsync(client, "linker@example.org");
        var link = (await app.WaitForMailAsync("linker@example.org", "reset code")).LinkTo("/account/reset");
        var form = await client.GetAsync(link);
        Assert.Null(form.QuerySelector("#Reset_Code"));
        var home = await client.SubmitAndFollowAsync(form, "main form", new Dictionary<string, string>
        {
            ["Reset.NewPassword"] = "followed the link",
            ["Reset.ConfirmPassword"] = "followed the link",
        });
        Assert.Contains("Your password was changed", home.MainText());
    }

    [Theory, Databases]
    public async Task A_code_works_once_and_not_after_fifteen_minutes(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("careful@example.org");
        using var client = new PageClient(app.NewClient());

        var codePage = await AskForCodeAsync(client, "careful@example.org");
        var code = (await app.WaitForMailAsync("careful@example.org", "reset code")).Code();
        await TypeCodeAsync(client, codePage, code, "first new passphrase");
        using var again = new PageClient(app.NewClient());
        var reused = await TypeCodeAsync(again, await AskForCodeAsync(again, "careful@example.org"), code, "second new passphrase");
        Assert.Equal("This code is not valid or has expired. Ask for a new one.", reused.FieldError("Reset.Code"));

        using var late = new PageClient(app.NewClient());
        var latePage = await AskForCodeAsync(late, "careful@example.org");
        var mails = await WaitForMailsAsync(app, "careful@example.org", 3);
        app.Time.Advance(TimeSpan.FromMinutes(16));
        var expired = await TypeCodeAsync(late, latePage, mails[^1].Code(), "third new passphrase");
        Assert.Equal("This code is not valid or has expired. Ask for a new one.", expired.FieldError("Reset.Code"));
    }

    [Theory, Databases]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("exists@example.org");
        using var client = new PageClient(app.NewClient());

        var known = await AskForCodeAsync(client, "exists@example.org");
        var unknown = await AskForCodeAsync(client, "ghost@example.org");

        Assert.Equal(known.MainText().Replace("exists@", "X@"), unknown.MainText().Replace("ghost@", "X@"));
        await app.WaitForMailAsync("exists@example.org");
        Assert.Empty(await app.MailToAsync("ghost@example.org"));
    }

    private static async Task<List<MimeKit.MimeMessage>> WaitForMailsAsync(GuichetApp app, string to, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var mails = (await app.MailToAsync(to)).Where(m => (m.Subject ?? "").Contains("reset code", StringComparison.Ordinal)).ToList();
            if (mails.Count >= count) return mails;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Fewer than {count} reset mails to {to}.");
    }
}
