using System.Net;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;

namespace Guichet.IntegrationTests.Accounts;

public sealed class SignInTests
{
    private static async Task<IDocument> TrySignInAsync(PageClient client, string email, string password)
    {
        var page = await client.GetAsync("/account/signin");
        return await client.SubmitAndFollowAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    [Theory, Databases]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_answer(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("known@example.org");
        using var visitor = new PageClient(app.NewClient());

        var wrongPassword = await TrySignInAsync(visitor, "known@example.org", "not the password");
        var unknown = await TrySignInAsync(visitor, "nobody@example.org", "not the password");

        Assert.Contains("The email or the password is not right", wrongPassword.MainText());
        Assert.Equal(wrongPassword.MainText(), unknown.MainText());
        Assert.Equal("known@example.org", wrongPassword.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.Equal("", wrongPassword.QuerySelector("#Input_Password")?.GetAttribute("value") ?? "");
    }

    [Theory, Databases]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("target@example.org");
        using var attacker = new PageClient(app.NewClient());

        for (var i = 0; i < 5; i++) await TrySignInAsync(attacker, "target@example.org", $"guess number {i}");
        var locked = await TrySignInAsync(attacker, "target@example.org", People.Password);

        Assert.Contains("The email or the password is not right", locked.MainText());
        Assert.Null(locked.QuerySelector("form[action='/account/signout']"));
    }

    [Theory, Databases]
    public async Task Sign_in_returns_to_the_page_asked_for_but_never_to_another_site(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("someone@example.org");
        using var client = new PageClient(app.NewClient());

        var profile = await client.Http.GetAsync("/account/profile");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.StartsWith("/account/signin?ReturnUrl=%2Faccount%2Fprofile", profile.Headers.Location!.OriginalString);

        var page = await client.GetAsync("/account/signin?returnUrl=//evil.example/x");
        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "someone@example.org",
            ["Input.Password"] = People.Password,
        });
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Theory, Databases]
    public async Task Sign_out_ends_the_session(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("leaving@example.org");
        using var client = await app.SignInAsync("leaving@example.org");

        var home = await client.GetAsync("/");
        var after = await client.SubmitAndFollowAsync(home, "form[action='/account/signout']");

        Assert.NotNull(after.QuerySelector("a[href='/account/signin']"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/account/profile")).StatusCode);
    }

    [Theory, Databases]
    public async Task Too_many_attempts_from_one_address_are_refused_with_a_readable_page(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:Accounts:AccountPermitsPerMinute"] = "3" });
        using var client = new PageClient(app.NewClient());

        for (var i = 0; i < 3; i++) await client.Http.GetAsync("/account/signin");
        var refused = await client.Http.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts", (await PageClient.ParseAsync(refused)).MainText());
    }

    [Theory, Databases]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("victim@example.org");
        using var client = new PageClient(app.NewClient());

        var response = await client.Http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "victim@example.org",
            ["Input.Password"] = People.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
