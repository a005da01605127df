using AngleSharp.Dom;
using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Portal;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Accounts;

public sealed class SignUpTests
{
    private static async Task<AngleSharp.Dom.IDocument> SignUpAsync(PageClient client, string email, string first = "Camille", string last = "Durand")
    {
        var page = await client.GetAsync("/account/signup");
        return await client.SubmitAndFollowAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.FirstName"] = first,
            ["Input.LastName"] = last,
            ["Input.Email"] = email,
        });
    }

    [Theory, Databases]
    public async Task Sign_up_mails_a_link_that_sets_a_password_and_signs_in(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        using var visitor = new PageClient(app.NewClient());

        var sent = await SignUpAsync(visitor, "camille@example.org");
        Assert.Contains("Check your inbox", sent.MainText());

        var mail = await app.WaitForMailAsync("camille@example.org", "Confirm your address");
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        Assert.False(string.IsNullOrEmpty(mail.MessageId));
        Assert.NotNull(mail.HtmlBody);
        var link = mail.LinkTo("/account/verify");

        // Opening the link (as a mail scanner would) uses nothing up: the form comes first.
        var form = await visitor.GetAsync(link);
        await visitor.GetAsync(link);
        var home = await visitor.SubmitAndFollowAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = "a long enough passphrase",
            ["Input.ConfirmPassword"] = "a long enough passphrase",
        });
        Assert.Contains("Hello Camille Durand", home.MainText());

        using var later = await app.SignInAsync("camille@example.org", "a long enough passphrase");
        Assert.Contains("Camille Durand", (await later.GetAsync("/")).MainText());
    }

    [Theory, Databases]
    public async Task A_refused_password_keeps_the_link_usable(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        using var visitor = new PageClient(app.NewClient());
        await SignUpAsync(visitor, "short@example.org");
        var link = (await app.WaitForMailAsync("short@example.org")).LinkTo("/account/verify");

        var form = await visitor.GetAsync(link);
        var refused = await visitor.SubmitAndFollowAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        Assert.Equal("Use at least 10 characters.", refused.FieldError("Input.Password"));

        var accepted = await visitor.SubmitAndFollowAsync(refused, "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = "now this one is long",
            ["Input.ConfirmPassword"] = "now this one is long",
        });
        Assert.Contains("Hello", accepted.MainText());
    }

    [Theory, Databases]
    public async Task Sign_up_answers_alike_for_unknown_known_and_registered_addresses(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.KnownOrDomain);
        await app.CreateUserAsync("registered@example.org");
        using var visitor = new PageClient(app.NewClient());

        var unknown = await SignUpAsync(visitor, "stranger@example.org");
        var registered = await SignUpAsync(visitor, "registered@example.org");
        Assert.Equal(unknown.MainText().Replace("stranger@", "X@"), registered.MainText().Replace("registered@", "X@"));

        // The difference is only in what each mailbox receives.
        Assert.Contains("could not create an account", (await app.WaitForMailAsync("stranger@example.org")).TextBody);
        Assert.Contains("You already have an account", (await app.WaitForMailAsync("registered@example.org")).Subject);
        Assert.False(await app.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == "stranger@example.org")));
    }

    [Theory, Databases]
    public async Task An_address_in_an_organization_domain_may_sign_up_and_joins_the_organization(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.KnownOrDomain);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        using var visitor = new PageClient(app.NewClient());

        await SignUpAsync(visitor, "new.hire@ACME.example");
        var link = (await app.WaitForMailAsync("new.hire@acme.example", "Confirm")).LinkTo("/account/verify");
        var home = await visitor.SubmitAndFollowAsync(await visitor.GetAsync(link), "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = "welcome aboard friend",
            ["Input.ConfirmPassword"] = "welcome aboard friend",
        });

        Assert.Contains("Acme", home.QuerySelector(".organization")?.TextContent);
        Assert.True(await app.WithDbAsync(d => d.OrganizationMemberships.AnyAsync(m => m.OrganizationId == acme.Id && !m.IsManager)));
    }

    [Theory, Databases]
    public async Task An_invitation_only_portal_shows_no_sign_up_form(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.InvitationOnly);
        using var visitor = new PageClient(app.NewClient());

        var page = await visitor.GetAsync("/account/signup");
        Assert.Null(page.QuerySelector("main form"));
        Assert.Contains("by invitation", page.MainText());
    }

    [Theory, Databases]
    public async Task Sign_up_errors_show_next_to_their_field_and_keep_what_was_typed(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        using var visitor = new PageClient(app.NewClient());

        var page = await visitor.GetAsync("/account/signup");
        var response = await visitor.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Dominique",
            ["Input.LastName"] = "",
            ["Input.Email"] = "not an address",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PageClient.ParseAsync(response);
        Assert.Equal("Enter your last name.", again.FieldError("Input.LastName"));
        Assert.Equal("Enter a valid email address.", again.FieldError("Input.Email"));
        Assert.Equal("Dominique", again.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_FirstName")?.Value);
        Assert.Equal("not an address", again.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Email")?.Value);
    }
}
