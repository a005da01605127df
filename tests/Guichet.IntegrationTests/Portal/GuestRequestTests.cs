using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Guichet.IntegrationTests.Attachments;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Portal;

/// <summary>Visitors who are not signed in sending a request from /requests/new (docs/portal.md, "Guests").</summary>
public sealed class GuestRequestTests
{
    private const string NewPassword = "a long enough passphrase";

    private static Dictionary<string, string> GuestFields(string email, string subject) => new()
    {
        ["Guest.FirstName"] = "Camille",
        ["Guest.LastName"] = "Durand",
        ["Guest.Email"] = email,
        ["Input.Subject"] = subject,
        ["Input.Description"] = "It **really** is.",
    };

    /// <summary>Fills the request form as a visitor who is not signed in, and sends it.</summary>
    private static async Task<HttpResponseMessage> SendAsGuestAsync(PageClient visitor, string email, string subject = "Printer on fire",
        IDictionary<string, string>? more = null, params UploadFile[] files)
    {
        var form = await visitor.GetAsync("/requests/new");
        var fields = GuestFields(email, subject);
        foreach (var (name, value) in more ?? new Dictionary<string, string>()) fields[name] = value;
        return await visitor.SubmitMultipartAsync(form, "main form", fields, files);
    }

    private static async Task<IDocument> ChoosePasswordAsync(PageClient visitor, string link)
    {
        var form = await visitor.GetAsync(link);
        return await visitor.SubmitAndFollowAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
    }

    /// <summary>A POST as a crafted form would send it: with the antiforgery token of the page (any of its forms carries one).</summary>
    private static Task<HttpResponseMessage> PostAsync(PageClient client, IDocument page, string url, Dictionary<string, string>? fields = null)
    {
        var values = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")! };
        return client.Http.PostAsync(url, new FormUrlEncodedContent(values));
    }

    [Theory, Databases]
    public async Task A_guest_request_waits_for_the_mailed_link_then_opens_with_its_number_and_signs_the_guest_in(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        await app.CreateUserAsync("admin@support.example", Roles.Admin);
        using var admin = await app.SignInAsync("admin@support.example");
        using var visitor = new PageClient(app.NewClient());

        var form = await visitor.GetAsync("/requests/new");
        Assert.NotNull(form.QuerySelector("input[name='Guest.Email']"));
        Assert.Equal("/account/signin?returnUrl=%2Frequests%2Fnew", form.QuerySelector("main a[href^='/account/signin']")?.GetAttribute("href"));
        var sent = await SendAsGuestAsync(visitor, "camille@example.org", "Printer on fire",
            new Dictionary<string, string> { ["Input.Cc"] = "boss@example.org", ["Input.Priority"] = "High", ["cf.where_in_application"] = "Reports › Export" },
            Files.File("photo.png", Files.Png, "image/png"));
        Assert.Equal("/requests/sent", sent.Headers.Location?.OriginalString);
        var inbox = await visitor.FollowAsync(sent);
        Assert.Contains("Check your inbox", inbox.MainText());
        Assert.Contains("camille@example.org", inbox.MainText());

        // Held: no ticket, nothing for agents, no notification; one mail, with the link.
        var mail = await app.WaitForMailAsync("camille@example.org", "Confirm your address to send your request");
        Assert.Contains("\"Printer on fire\"", mail.TextBody);
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        Assert.DoesNotContain("Printer on fire", (await admin.GetAsync("/agent?queue=all")).MainText());
        Assert.Single(await app.MailToAsync("camille@example.org"));
        Assert.Empty(await app.MailToAsync("boss@example.org"));
        var link = mail.LinkTo("/requests/confirm");

        // Opening the link (as a mail scanner would) sends nothing: the form comes first.
        await visitor.GetAsync(link);
        var confirm = await visitor.GetAsync(link);
        Assert.Equal("Printer on fire", confirm.QuerySelector("main h2")?.TextContent);
        Assert.Contains("photo.png", confirm.MainText());
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));

        var page = await visitor.SubmitAndFollowAsync(confirm, "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(GuichetApp.BaseUrl + "/requests/1001", page.Url);
        Assert.Equal("Printer on fire", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("High", page.QuerySelector(".facts")!.TextContent);
        // A custom field typed in the guest form waited with the request too.
        Assert.Contains("Reports › Export", page.QuerySelector(".facts")!.TextContent);
        Assert.Contains("boss@example.org", page.QuerySelector("#people")!.TextContent);
        Assert.Equal("Camille Durand", page.QuerySelector(".site-nav a[href='/account/profile']")?.TextContent);
        // The file waited with the request and is now its attachment.
        var download = await visitor.Http.GetAsync(page.DownloadLinks()["photo.png"]);
        Assert.Equal(Files.Png, await download.Content.ReadAsByteArrayAsync());

        var requester = await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == 1001).Select(t => t.Requester.Email).SingleAsync());
        Assert.Equal("camille@example.org", requester);
        Assert.Contains("We received your request", (await app.WaitForMailAsync("camille@example.org", "[#1001]")).Subject);
        Assert.Contains("kept informed", (await app.WaitForMailAsync("boss@example.org", "[#1001]")).Subject);
        Assert.Contains("Printer on fire", (await admin.GetAsync("/agent?queue=all")).MainText());
        Assert.Equal(0, await app.WithDbAsync(d => d.HeldRequests.CountAsync()));

        // A real account now: the password works on another device.
        using var later = await app.SignInAsync("camille@example.org", NewPassword);
        Assert.Contains("Printer on fire", (await later.GetAsync("/requests")).MainText());
    }

    [Theory, Databases]
    public async Task A_guest_form_with_errors_keeps_what_was_typed_and_the_files_which_survive_the_hold(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        using var visitor = new PageClient(app.NewClient());

        var response = await SendAsGuestAsync(visitor, "not an address", "",
            new Dictionary<string, string> { ["Guest.LastName"] = "" },
            Files.File("log.pdf", Files.Pdf, "application/pdf"), Files.File("screen.png", Files.Png, "image/png"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PageClient.ParseAsync(response);
        Assert.Equal("Enter a valid email address.", again.FieldError("Guest.Email"));
        Assert.Equal("Enter your last name.", again.FieldError("Guest.LastName"));
        Assert.Equal("Enter a subject.", again.FieldError("Input.Subject"));
        Assert.Equal("Camille", again.QuerySelector<IHtmlInputElement>("#Guest_FirstName")?.Value);
        Assert.Equal("not an address", again.QuerySelector<IHtmlInputElement>("#Guest_Email")?.Value);
        Assert.Equal("It **really** is.", again.QuerySelector("#Input_Description")?.TextContent.Trim());
        Assert.Equal(2, again.QuerySelectorAll(".attachments--kept li").Length);

        // Another visitor cannot take these files, even with their ids.
        using var stranger = new PageClient(app.NewClient());
        var ids = again.QuerySelectorAll(".attachments--kept input[type=hidden]").Select(i => i.GetAttribute("value")!).ToList();
        var strangerForm = await stranger.GetAsync("/requests/new");
        var stolen = await PageClient.ParseAsync(await stranger.SubmitMultipartAsync(strangerForm, "main form",
            new Dictionary<string, string>(GuestFields("", "Theirs")) { ["Attachments.Keep"] = ids[0] }));
        Assert.Empty(stolen.QuerySelectorAll(".attachments--kept li"));

        var sent = await visitor.SubmitMultipartAsync(again, "main form", new Dictionary<string, string>
        {
            ["Guest.LastName"] = "Durand",
            ["Guest.Email"] = "camille@example.org",
            ["Input.Subject"] = "Export is empty",
        });
        Assert.Equal("/requests/sent", sent.Headers.Location?.OriginalString);

        // A day later the files of unsent forms are swept; the held ones stay with their request.
        app.Time.Advance(TimeSpan.FromDays(2));
        using var other = await app.SignInAsync((await app.CreateUserAsync("someone@example.org")).Email!);
        await other.SendNewRequestAsync("", Files.File("other.txt", "x"u8.ToArray(), "text/plain"));
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<PendingUpload>().CountAsync(p => p.HeldRequestId != null)));

        var link = (await app.WaitForMailAsync("camille@example.org", "Confirm")).LinkTo("/requests/confirm");
        var page = await ChoosePasswordAsync(visitor, link);
        Assert.Equal("Export is empty", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(["log.pdf", "screen.png"], page.DownloadLinks().Keys.Order());
        Assert.Equal(Files.Pdf, await (await visitor.Http.GetAsync(page.DownloadLinks()["log.pdf"])).Content.ReadAsByteArrayAsync());
    }

    [Theory, Databases]
    public async Task An_address_that_has_an_account_confirms_the_request_after_signing_in(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("lea@example.org", first: "Léa", last: "Roux");
        using var visitor = new PageClient(app.NewClient());

        var sent = await visitor.FollowAsync(await SendAsGuestAsync(visitor, "lea@example.org", "Invoice is wrong"));
        using var stranger = new PageClient(app.NewClient());
        var unknown = await stranger.FollowAsync(await SendAsGuestAsync(stranger, "stranger@example.org"));
        // The page does not tell an account from a stranger: only the mailboxes learn the difference.
        Assert.Equal(unknown.MainText().Replace("stranger@", "X@"), sent.MainText().Replace("lea@", "X@"));

        var mail = await app.WaitForMailAsync("lea@example.org", "Confirm your request");
        Assert.Contains("You already have an account", mail.TextBody);
        var link = mail.LinkTo("/requests/confirm");

        // Anyone may have typed her address: the link alone does not send it, she signs in first.
        var confirm = await visitor.GetAsync(link);
        Assert.Null(confirm.QuerySelector("main form"));
        var signIn = confirm.QuerySelector<IHtmlAnchorElement>("main a[href^='/account/signin']")!.GetAttribute("href")!;
        var signInPage = await visitor.GetAsync(signIn);
        var back = await visitor.SubmitAsync(signInPage, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "lea@example.org",
            ["Input.Password"] = People.Password,
        });
        Assert.Equal(link, back.Headers.Location?.OriginalString);

        var signedIn = await visitor.FollowAsync(back);
        Assert.Equal("Invoice is wrong", signedIn.QuerySelector("main h2")?.TextContent);
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        var page = await visitor.SubmitAndFollowAsync(signedIn, "main form");
        Assert.Equal("Invoice is wrong", page.QuerySelector("h1")?.TextContent);

        var ticket = await app.WithDbAsync(d => d.Tickets.Select(t => new { t.Requester.Email, t.Requester.FirstName }).SingleAsync());
        Assert.Equal(("lea@example.org", "Léa"), (ticket.Email, ticket.FirstName));
        Assert.Contains("We received your request", (await app.WaitForMailAsync("lea@example.org", "[#1001]")).Subject);
    }

    [Theory, Databases]
    public async Task The_link_of_an_account_does_nothing_for_someone_signed_in_as_another_person(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("lea@example.org");
        await app.CreateUserAsync("max@example.org");
        await SendAsGuestAsync(new PageClient(app.NewClient()), "lea@example.org");
        var link = (await app.WaitForMailAsync("lea@example.org", "Confirm")).LinkTo("/requests/confirm");

        using var max = await app.SignInAsync("max@example.org");
        var page = await max.GetAsync(link);
        Assert.Contains("signed in with another account", page.MainText());
        Assert.Null(page.QuerySelector("main form"));
        var posted = await PostAsync(max, page, link);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));
    }

    [Theory, Databases]
    public async Task A_guest_the_policy_refuses_sees_the_same_page_and_gets_a_polite_mail(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.KnownOrDomain);
        await app.CreateOrganizationAsync("Acme", "acme.example");
        using var visitor = new PageClient(app.NewClient());

        var known = await visitor.FollowAsync(await SendAsGuestAsync(visitor, "new.hire@acme.example"));
        var refused = await visitor.FollowAsync(await SendAsGuestAsync(visitor, "stranger@example.org", "Let me in",
            files: Files.File("cv.pdf", Files.Pdf)));
        Assert.Equal(known.MainText().Replace("new.hire@acme.example", "X"), refused.MainText().Replace("stranger@example.org", "X"));

        var mail = await app.WaitForMailAsync("stranger@example.org");
        Assert.Equal("About your request on Guichet", mail.Subject);
        Assert.Contains("accepts requests from the customers it already knows", mail.TextBody);
        Assert.Contains("\"Let me in\"", mail.TextBody);
        Assert.Contains("Confirm your address", (await app.WaitForMailAsync("new.hire@acme.example")).Subject);
        Assert.False(await app.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == "stranger@example.org")));
        Assert.Equal(1, await app.WithDbAsync(d => d.HeldRequests.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<PendingUpload>().CountAsync()));
    }

    [Theory, Databases]
    public async Task An_invitation_only_portal_sends_visitors_to_sign_in_and_refuses_a_form_sent_before_the_change(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        using var visitor = new PageClient(app.NewClient());
        Assert.NotNull((await visitor.GetAsync("/")).QuerySelector("main a[href='/requests/new']"));
        var form = await visitor.GetAsync("/requests/new");

        await app.SetSignUpPolicyAsync(SignUpPolicy.InvitationOnly);
        var redirect = await visitor.Http.GetAsync("/requests/new");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/signin", redirect.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Null((await visitor.GetAsync("/")).QuerySelector("main a[href='/requests/new']"));
        Assert.Null((await visitor.GetAsync("/account/signin")).QuerySelector("main a[href='/requests/new']"));

        var sent = await visitor.SubmitMultipartAsync(form, "main form", GuestFields("late@example.org", "Too late"));
        Assert.Equal("/requests/sent", sent.Headers.Location?.OriginalString);
        Assert.Contains("accepts requests from the customers it already knows", (await app.WaitForMailAsync("late@example.org")).TextBody);
        Assert.Equal(0, await app.WithDbAsync(d => d.HeldRequests.CountAsync()));
    }

    [Theory, Databases]
    public async Task An_expired_link_opens_nothing_and_the_sweep_deletes_the_request_with_its_files(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        using var visitor = new PageClient(app.NewClient());
        await SendAsGuestAsync(visitor, "slow@example.org", files: Files.File("log.pdf", Files.Pdf));
        var link = (await app.WaitForMailAsync("slow@example.org", "Confirm")).LinkTo("/requests/confirm");

        var sweep = app.Services.GetRequiredService<HeldRequestSweep>();

        app.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sweep.RunOnceAsync(CancellationToken.None));
        Assert.NotNull((await visitor.GetAsync(link)).QuerySelector("main form"));

        app.Time.Advance(TimeSpan.FromMinutes(2));
        var page = await visitor.GetAsync(link);
        Assert.Contains("This link has expired or was already used.", page.MainText());
        Assert.Null(page.QuerySelector("main form"));
        var posted = await PostAsync(visitor, page, link, new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));

        Assert.Equal(1, await sweep.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await app.WithDbAsync(d => d.HeldRequests.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<PendingUpload>().CountAsync()));
    }

    [Theory, Databases]
    public async Task The_link_works_once(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        using var visitor = new PageClient(app.NewClient());
        await SendAsGuestAsync(visitor, "once@example.org");
        var link = (await app.WaitForMailAsync("once@example.org", "Confirm")).LinkTo("/requests/confirm");
        await ChoosePasswordAsync(visitor, link);

        // Followed again (the mail read on another device, the back button), by the same person or anyone.
        var again = await visitor.GetAsync(link);
        Assert.Contains("This link has expired or was already used.", again.MainText());
        Assert.Null(again.QuerySelector("main form"));
        var posted = await PostAsync(visitor, again, link, new Dictionary<string, string>
        {
            ["Input.Password"] = "another long passphrase",
            ["Input.ConfirmPassword"] = "another long passphrase",
        });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var someoneElse = new PageClient(app.NewClient());
        Assert.Contains("This link has expired or was already used.", (await someoneElse.GetAsync(link)).MainText());
        Assert.Equal(1, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        using var later = await app.SignInAsync("once@example.org", NewPassword);
    }

    [Theory, Databases]
    public async Task Two_clicks_at_once_open_one_request(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("lea@example.org");
        await SendAsGuestAsync(new PageClient(app.NewClient()), "lea@example.org", files: Files.File("log.pdf", Files.Pdf));
        var link = (await app.WaitForMailAsync("lea@example.org", "Confirm")).LinkTo("/requests/confirm");
        using var lea = await app.SignInAsync("lea@example.org");
        var form = await lea.GetAsync(link);

        var responses = await Task.WhenAll(lea.SubmitAsync(form, "main form"), lea.SubmitAsync(form, "main form"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Redirect], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<Attachment>().CountAsync()));
    }

    [Theory, Databases]
    public async Task A_wrong_token_opens_nothing(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        using var visitor = new PageClient(app.NewClient());
        await SendAsGuestAsync(visitor, "guess@example.org");
        var link = (await app.WaitForMailAsync("guess@example.org", "Confirm")).LinkTo("/requests/confirm");

        var forged = link[..^4] + (link.EndsWith("0000") ? "1111" : "0000");
        Assert.Contains("This link has expired or was already used.", (await visitor.GetAsync(forged)).MainText());
        Assert.Null((await visitor.GetAsync(forged)).QuerySelector("main form"));
    }

    [Theory, Databases]
    public async Task A_guest_writing_in_French_gets_the_page_and_the_mail_in_French(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        using var visitor = new PageClient(app.NewClient());
        visitor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        var form = await visitor.GetAsync("/requests/new");
        Assert.Contains("Vos coordonnées", form.MainText());
        var sent = await visitor.FollowAsync(await SendAsGuestAsync(visitor, "amelie@example.org", "Imprimante en feu"));
        Assert.Contains("Consultez votre boîte de réception", sent.MainText());

        var mail = await app.WaitForMailAsync("amelie@example.org");
        Assert.Equal("Confirmez votre adresse pour envoyer votre demande", mail.Subject);
        Assert.Contains("« Imprimante en feu »", mail.TextBody);
        var confirm = await visitor.GetAsync(mail.LinkTo("/requests/confirm"));
        Assert.Contains("Confirmer et envoyer ma demande", confirm.MainText());
    }

    [Theory, Databases]
    public async Task Guest_sending_is_rate_limited_per_client_address_but_signed_in_people_are_not(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:Accounts:AccountPermitsPerMinute"] = "2" });
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        await app.CreateUserAsync("busy@example.org");
        using var visitor = new PageClient(app.NewClient());

        Assert.Equal(HttpStatusCode.Redirect, (await SendAsGuestAsync(visitor, "a@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsGuestAsync(visitor, "b@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsGuestAsync(visitor, "c@example.org")).StatusCode);

        using var busy = await app.SignInAsync("busy@example.org");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await busy.SendNewRequestAsync($"Request {i}")).StatusCode);
    }
}
