using System.Net;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Accounts;

public sealed class ProfileTests
{
    [Theory, Databases]
    public async Task Details_are_saved_and_the_chosen_language_is_used_from_then_on(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("claude@example.org");
        using var client = await app.SignInAsync("claude@example.org");

        var profile = await client.GetAsync("/account/profile");
        var saved = await client.SubmitAndFollowAsync(profile, "form[action*='handler=Details']", new Dictionary<string, string>
        {
            ["Details.FirstName"] = "Claude",
            ["Details.LastName"] = "Lefèvre",
            ["Details.JobTitle"] = "Responsable informatique",
            ["Details.Phone"] = "+33 1 23 45 67 89",
            ["Details.Culture"] = "fr",
            ["Details.TimeZone"] = "Europe/Paris",
        });

        Assert.Equal("fr", saved.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Lefèvre", saved.QuerySelector("#Details_LastName")?.GetAttribute("value"));
        var user = await app.WithDbAsync(d => d.Users.SingleAsync(u => u.Email == "claude@example.org"));
        Assert.Equal(("Responsable informatique", "fr", "Europe/Paris"), (user.JobTitle, user.Culture, user.TimeZone));

        // Another browser, whose language says English, still gets the user's French.
        using var elsewhere = await app.SignInAsync("claude@example.org");
        elsewhere.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        Assert.Equal("fr", (await elsewhere.GetAsync("/")).DocumentElement.GetAttribute("lang"));
    }

    [Theory, Databases]
    public async Task Invalid_details_are_shown_again_with_their_errors(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("typo@example.org");
        using var client = await app.SignInAsync("typo@example.org");

        var profile = await client.GetAsync("/account/profile");
        var response = await client.SubmitAsync(profile, "form[action*='handler=Details']", new Dictionary<string, string>
        {
            ["Details.FirstName"] = "",
            ["Details.JobTitle"] = "Kept as typed",
            ["Details.TimeZone"] = "Mars/Olympus_Mons",
        });
        var page = await PageClient.ParseAsync(response);
        Assert.Equal("Enter your first name.", page.FieldError("Details.FirstName"));
        Assert.Equal("Choose a time zone from the list.", page.FieldError("Details.TimeZone"));
        Assert.Equal("Kept as typed", page.QuerySelector("#Details_JobTitle")?.GetAttribute("value"));
    }

    [Theory, Databases]
    public async Task A_new_address_needs_the_password_and_counts_once_its_link_is_followed(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("old@example.org");
        using var client = await app.SignInAsync("old@example.org");

        var profile = await client.GetAsync("/account/profile");
        var wrong = await PageClient.ParseAsync(await client.SubmitAsync(profile, "form[action*='handler=Email']", new Dictionary<string, string>
        {
            ["EmailChange.NewEmail"] = "new@example.org",
            ["EmailChange.Password"] = "not my password",
        }));
        Assert.Equal("The current password is not right.", wrong.FieldError("EmailChange.Password"));

        await client.SubmitAndFollowAsync(profile, "form[action*='handler=Email']", new Dictionary<string, string>
        {
            ["EmailChange.NewEmail"] = "new@example.org",
            ["EmailChange.Password"] = People.Password,
        });
        Assert.Equal("old@example.org", await app.WithDbAsync(d => d.Users.Select(u => u.Email).SingleAsync()));

        var link = (await app.WaitForMailAsync("new@example.org", "Confirm your new address")).LinkTo("/account/confirm-email");
        var confirmPage = await client.GetAsync(link);
        await client.SubmitAndFollowAsync(confirmPage, "main form");

        Assert.Equal("new@example.org", await app.WithDbAsync(d => d.Users.Select(u => u.Email).SingleAsync()));
        await app.WaitForMailAsync("old@example.org", "Your address was changed");
        using var withNewAddress = await app.SignInAsync("new@example.org");
    }

    [Theory, Databases]
    public async Task Changing_the_password_ends_other_sessions_but_not_this_one(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("mover@example.org");
        using var laptop = await app.SignInAsync("mover@example.org");
        using var phone = await app.SignInAsync("mover@example.org");

        var profile = await laptop.GetAsync("/account/profile");
        var done = await laptop.SubmitAndFollowAsync(profile, "form[action*='handler=Password']", new Dictionary<string, string>
        {
            ["PasswordChange.CurrentPassword"] = People.Password,
            ["PasswordChange.NewPassword"] = "a completely new one",
            ["PasswordChange.ConfirmPassword"] = "a completely new one",
        });

        Assert.Contains("Your password was changed", done.MainText());
        app.Time.Advance(TimeSpan.FromSeconds(1));   // sessions are checked against the account once time has passed
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/account/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account/profile")).StatusCode);
    }

    [Theory, Databases]
    public async Task Other_sessions_are_checked_against_the_account_once_the_check_interval_has_passed(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:Accounts:SessionCheckInterval"] = "00:10:00" });
        await app.CreateUserAsync("mover@example.org");
        using var laptop = await app.SignInAsync("mover@example.org");
        using var phone = await app.SignInAsync("mover@example.org");

        await laptop.SubmitAndFollowAsync(await laptop.GetAsync("/account/profile"), "form[action*='handler=Password']", new Dictionary<string, string>
        {
            ["PasswordChange.CurrentPassword"] = People.Password,
            ["PasswordChange.NewPassword"] = "a completely new one",
            ["PasswordChange.ConfirmPassword"] = "a completely new one",
        });

        // Not checked before the interval, which is the price of not reading the account on every request.
        app.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/account/profile")).StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/account/profile")).StatusCode);
    }

    [Theory, Databases]
    public async Task Sign_out_everywhere_ends_every_session(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("careful@example.org");
        using var laptop = await app.SignInAsync("careful@example.org");
        using var phone = await app.SignInAsync("careful@example.org");

        await laptop.SubmitAndFollowAsync(await laptop.GetAsync("/account/profile"), "form[action*='handler=SignOutEverywhere']");

        app.Time.Advance(TimeSpan.FromSeconds(1));   // sessions are checked against the account once time has passed
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.Http.GetAsync("/account/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account/profile")).StatusCode);
    }
}
