using System.Net;
using System.Text;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Email.Inbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Guichet.IntegrationTests.Infrastructure.InboundMailHelpers;

namespace Guichet.IntegrationTests.Administration;

/// <summary>The email channel as admins see it (/admin/mailboxes), and the original mail as agents see it (/agent/mail/{id}).</summary>
public sealed class MailboxAdminTests
{
    private const string ImapPassword = "imap-Pa55word-never-shown";

    private static Dictionary<string, string> MailboxForm(string address, string? password = ImapPassword) => new()
    {
        ["Input.Address"] = address,
        ["Input.ImapHost"] = "imap.example.org",
        ["Input.ImapPort"] = "993",
        ["Input.Security"] = nameof(ImapSecurity.Tls),
        ["Input.UserName"] = "support",
        ["Input.Password"] = password ?? "",
        ["Input.Folder"] = "INBOX",
        ["Input.MoveToFolder"] = "Done",
        ["Input.PollSeconds"] = "30",
    };

    private static Task<Mailbox> MailboxAsync(GuichetApp app) => app.WithDbAsync(d => d.Mailboxes.AsNoTracking().SingleAsync());

    private static Task<string?> StoredPasswordAsync(GuichetApp app, Mailbox mailbox) =>
        app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<MailboxPasswords>().Unprotect(mailbox.ProtectedPassword)));

    [Theory, Databases]
    public async Task An_admin_adds_a_mailbox_whose_password_is_stored_protected_and_never_shown_again(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        using var admin = await app.SignInAsync("admin@example.org");
        var support = await app.SupportGroupIdAsync();

        // Refused: what was typed stays, except the password, which is never written back into a page.
        var refused = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync("/admin/mailboxes/new"), "#mailbox-form",
            new Dictionary<string, string>(MailboxForm("Support@Example.org ")) { ["Input.PollSeconds"] = "5", ["Input.ImapHost"] = "" }));
        Assert.Equal("Enter a number of seconds between 10 and 86400.", refused.FieldError("Input.PollSeconds"));
        Assert.Equal("Enter the name of the IMAP server.", refused.FieldError("Input.ImapHost"));
        Assert.Equal("Done", refused.QuerySelector("#Input_MoveToFolder")?.GetAttribute("value"));
        Assert.Null(refused.QuerySelector("#Input_Password")?.GetAttribute("value"));
        Assert.DoesNotContain(ImapPassword, refused.DocumentElement.OuterHtml);
        Assert.Contains("type it again to save it", refused.MainText());
        var withoutPassword = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync("/admin/mailboxes/new"), "#mailbox-form",
            MailboxForm("support@example.org", password: null)));
        Assert.Equal("Enter the password of the IMAP account.", withoutPassword.FieldError("Input.Password"));

        var list = await admin.SubmitAndFollowAsync(await admin.GetAsync("/admin/mailboxes/new"), "#mailbox-form",
            new Dictionary<string, string>(MailboxForm("Support@Example.org ")) { ["Input.GroupId"] = support.ToString() });
        Assert.Contains("The mailbox support@example.org was saved.", list.MainText());
        Assert.Contains("imap.example.org", list.QuerySelector("tbody")!.TextContent);
        var mailbox = await MailboxAsync(app);
        Assert.Equal(("support@example.org", ImapSecurity.Tls, "Done", 30, support), (mailbox.Address, mailbox.Security, mailbox.MoveToFolder, mailbox.PollSeconds, mailbox.GroupId));
        Assert.DoesNotContain(ImapPassword, mailbox.ProtectedPassword);
        Assert.Equal(ImapPassword, await StoredPasswordAsync(app, mailbox));

        // Edited with the password left empty: the stored one stays, and is still never shown.
        var edit = await admin.GetAsync($"/admin/mailboxes/{mailbox.Id}");
        Assert.DoesNotContain(ImapPassword, edit.DocumentElement.OuterHtml);
        Assert.DoesNotContain(mailbox.ProtectedPassword, edit.DocumentElement.OuterHtml);
        Assert.Contains("Leave empty to keep it.", edit.MainText());
        await admin.SubmitAndFollowAsync(edit, "#mailbox-form", new Dictionary<string, string> { ["Input.ImapHost"] = "mail.example.org", ["Input.Security"] = "StartTls", ["Input.ImapPort"] = "143" });
        var edited = await MailboxAsync(app);
        Assert.Equal(("mail.example.org", ImapSecurity.StartTls, 143), (edited.ImapHost, edited.Security, edited.ImapPort));
        Assert.Equal(ImapPassword, await StoredPasswordAsync(app, edited));

        // The test uses the form's values and the stored password, against a real IMAP server; nothing is saved.
        await using var imap = await ImapServer.StartAsync();
        imap.AddUser("support", ImapPassword);
        var server = new Dictionary<string, string>
        {
            ["Input.ImapHost"] = imap.Host, ["Input.ImapPort"] = imap.Port.ToString(), ["Input.Security"] = nameof(ImapSecurity.None),
            ["Input.Folder"] = "Support", ["Input.MoveToFolder"] = "",
        };
        var missing = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync($"/admin/mailboxes/{mailbox.Id}"), "#mailbox-form",
            server, submitter: "#test-connection"));
        Assert.Contains("Guichet signed in, but the folder Support does not exist.", missing.QuerySelector("#test-result")?.TextContent);
        await imap.CreateFolderAsync("support", ImapPassword, "Support");
        var tested = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync($"/admin/mailboxes/{mailbox.Id}"), "#mailbox-form",
            server, submitter: "#test-connection"));
        Assert.Contains("Guichet signed in and opened the folder Support.", tested.QuerySelector("#test-result")?.TextContent);
        Assert.Equal("Support", tested.QuerySelector("#Input_Folder")?.GetAttribute("value"));
        Assert.Equal("INBOX", (await MailboxAsync(app)).Folder);

        var taken = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync("/admin/mailboxes/new"), "#mailbox-form", MailboxForm("SUPPORT@example.org")));
        Assert.Equal("Another mailbox already has the address support@example.org.", taken.FieldError("Input.Address"));
    }

    [Theory, Databases]
    public async Task Testing_a_mailbox_whose_server_has_its_own_certificate_names_the_fingerprint_to_trust_and_succeeds_once_it_is_trusted(Db db)
    {
        await using var imap = await ImapServer.StartAsync(tls: true);
        imap.AddUser("support", ImapPassword);
        var fingerprint = imap.CertificateFingerprint!.Split('=')[1];
        var overTls = new Dictionary<string, string>(MailboxForm("support@example.org"))
        {
            ["Input.ImapHost"] = imap.Host, ["Input.ImapPort"] = imap.TlsPort.ToString()!, ["Input.MoveToFolder"] = "",
        };
        var overStartTls = new Dictionary<string, string>(overTls) { ["Input.ImapPort"] = imap.Port.ToString(), ["Input.Security"] = nameof(ImapSecurity.StartTls) };

        async Task<string?> TestAsync(GuichetApp app, Dictionary<string, string> form)
        {
            using var admin = await app.SignInAsync("admin@example.org");
            var page = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync("/admin/mailboxes/new"), "#mailbox-form", form, submitter: "#test-connection"));
            return page.QuerySelector("#test-result")?.TextContent;
        }

        await using (var app = await GuichetApp.StartAsync(db))
        {
            await app.CreateUserAsync("admin@example.org", Roles.Admin);
            foreach (var form in new[] { overTls, overStartTls })
                Assert.Contains($"add its SHA-256 fingerprint to the setting Guichet:InboundMail:TrustedCertificates: {fingerprint}", await TestAsync(app, form));
        }
        // The admin copies it into the configuration (here as openssl prints it, "sha256 Fingerprint=…").
        await using (var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:InboundMail:TrustedCertificates:0"] = imap.CertificateFingerprint }))
        {
            await app.CreateUserAsync("admin@example.org", Roles.Admin);
            foreach (var form in new[] { overTls, overStartTls })
                Assert.Contains("Guichet signed in and opened the folder INBOX.", await TestAsync(app, form));
        }
    }

    [Theory, Databases]
    public async Task Deleting_a_mailbox_keeps_the_messages_it_received(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        using var admin = await app.SignInAsync("admin@example.org");
        await admin.SubmitAndFollowAsync(await admin.GetAsync("/admin/mailboxes/new"), "#mailbox-form", MailboxForm("support@example.org"));
        var mailbox = await MailboxAsync(app);
        await app.WithScopeAsync(async sp =>
        {
            using var raw = new MemoryStream(Encoding.UTF8.GetBytes(Mail("zoe@example.com", "Printer on fire", "Help.").ToString()));
            return await sp.GetRequiredService<InboundMail>().ReceiveAsync(raw, InboundChannel.Imap, mailbox.SourceKey, mailbox.Id, CancellationToken.None);
        });
        Assert.Contains("Mailbox support@example.org", (await admin.GetAsync("/admin/mailboxes")).QuerySelector("#messages tbody")!.TextContent);

        var deleted = await admin.SubmitAndFollowAsync(await admin.GetAsync($"/admin/mailboxes/{mailbox.Id}"), "#delete-form");

        Assert.Contains("The mailbox support@example.org was deleted; the messages it received are kept.", deleted.MainText());
        Assert.False(await app.WithDbAsync(d => d.Mailboxes.AnyAsync()));
        Assert.Contains($"Deleted mailbox (mailbox:{mailbox.Id})", deleted.QuerySelector("#messages tbody")!.TextContent);
        Assert.Contains("Printer on fire", deleted.QuerySelector("#messages tbody")!.TextContent);
    }

    [Theory, Databases]
    public async Task A_mailbox_whose_group_is_deleted_follows_its_tickets_to_the_group_that_takes_them(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        using var admin = await app.SignInAsync("admin@example.org");
        var support = await app.SupportGroupIdAsync();
        await admin.SubmitAsync(await admin.GetAsync("/admin/groups"), "main form", new Dictionary<string, string> { ["Name"] = "Billing" });
        var billing = await app.WithDbAsync(d => d.Groups.Where(g => g.Name == "Billing").Select(g => g.Id).SingleAsync());
        await admin.SubmitAsync(await admin.GetAsync("/admin/mailboxes/new"), "#mailbox-form",
            new Dictionary<string, string>(MailboxForm("billing@example.org")) { ["Input.GroupId"] = billing.ToString() });

        await admin.SubmitAsync(await admin.GetAsync($"/admin/groups/{billing}"), "form[action*='handler=Delete']",
            new Dictionary<string, string> { ["moveTo"] = support.ToString() });

        Assert.Equal(support, (await MailboxAsync(app)).GroupId);
    }

    [Theory, Databases]
    public async Task Only_admins_see_the_mailboxes_and_the_messages(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("agent@example.org", Roles.Agent);
        var received = await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help."));
        using var agent = await app.SignInAsync("agent@example.org");

        foreach (var url in new[] { "/admin/mailboxes", "/admin/mailboxes/new", $"/admin/mailboxes/messages/{received.Message.Id}", $"/admin/mailboxes/messages/{received.Message.Id}/raw" })
            Assert.Contains("/account/denied", (await agent.Http.GetAsync(url)).Headers.Location!.ToString());
    }

    [Theory, Databases]
    public async Task Every_message_is_listed_with_what_became_of_it_its_trace_and_its_source(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var request = await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help."), source: "http");
        var vacation = Mail("zoe@example.com", "Out of office", "I am away.");
        vacation.Headers.Add("Auto-Submitted", "auto-replied");
        var raw = Encoding.UTF8.GetBytes(vacation.ToString());
        var dropped = await app.ReceiveAsync(raw, source: "import");
        using var admin = await app.SignInAsync("admin@example.org");

        var all = string.Join(' ', (await admin.GetAsync("/admin/mailboxes")).QuerySelector("#messages tbody")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Printer on fire", all);
        Assert.Contains($"New request #{request.Message.TicketNumber}", all);
        Assert.Contains("Dropped: auto-reply", all);
        var onlyDropped = (await admin.GetAsync("/admin/mailboxes?state=Dropped")).QuerySelector("#messages tbody")!.TextContent;
        Assert.Contains("Out of office", onlyDropped);
        Assert.DoesNotContain("Printer on fire", onlyDropped);
        var onlyHttp = (await admin.GetAsync("/admin/mailboxes?source=http")).QuerySelector("#messages tbody")!.TextContent;
        Assert.Contains("Printer on fire", onlyHttp);
        Assert.Contains("HTTP endpoint", onlyHttp);
        Assert.DoesNotContain("Out of office", onlyHttp);

        var trace = await admin.GetAsync($"/admin/mailboxes/messages/{dropped.Message.Id}");
        Assert.Contains("Dropped because auto-reply", trace.MainText());
        Assert.Contains("dropped (AutoReply)", trace.MainText());
        Assert.Contains("Auto-Submitted: auto-replied", trace.QuerySelector("pre.mail-text--source")!.TextContent);
        Assert.Null(trace.QuerySelector("#retry-form"));
        var created = await admin.GetAsync($"/admin/mailboxes/messages/{request.Message.Id}");
        Assert.NotNull(created.QuerySelector($"a[href='/agent/tickets/{request.Message.TicketNumber}']"));

        using var download = await admin.Http.GetAsync($"/admin/mailboxes/messages/{dropped.Message.Id}/raw");
        Assert.Equal("message/rfc822", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(raw, await download.Content.ReadAsByteArrayAsync());
    }

    [Theory, Databases]
    public async Task The_messages_come_page_by_page_newest_first(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        for (var i = 0; i < 53; i++)
        {
            var vacation = Mail("robot@example.com", $"Away {i:00}", "I am away.");
            vacation.Headers.Add("Auto-Submitted", "auto-replied");
            await app.ReceiveAsync(vacation);
            app.Time.Advance(TimeSpan.FromSeconds(1));
        }
        using var admin = await app.SignInAsync("admin@example.org");

        var first = await admin.GetAsync("/admin/mailboxes?state=Dropped");
        var older = await admin.GetAsync(first.QuerySelector("nav.pager a:last-child")!.GetAttribute("href")!);

        string[] Subjects(AngleSharp.Dom.IDocument page) => [.. page.QuerySelectorAll("#messages tbody tr td:nth-child(3)").Select(c => c.TextContent.Trim())];
        Assert.Equal(Enumerable.Range(3, 50).Reverse().Select(i => $"Away {i:00}"), Subjects(first));
        Assert.Equal(["Away 02", "Away 01", "Away 00"], Subjects(older));
        Assert.Null(older.QuerySelector("nav.pager a[href*='before=']"));
    }

    [Theory, Databases]
    public async Task A_quarantined_message_is_retried_until_it_goes_through_or_discarded(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:InboundMail:MaxMessageBytes"] = "2000" });
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        using var admin = await app.SignInAsync("admin@example.org");

        // No request type is open to anyone: the mail cannot become a request until an admin opens one.
        var types = await app.WithDbAsync(async d =>
        {
            var all = await d.RequestTypes.Where(t => t.IsActive).ToListAsync();
            all.ForEach(t => t.IsActive = false);
            await d.SaveChangesAsync();
            return all.Select(t => t.Id).ToList();
        });
        var waiting = (await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help."))).Message;
        Assert.Equal(InboundState.Quarantined, waiting.State);
        var home = await admin.GetAsync("/admin/mailboxes");
        Assert.Contains("Messages that could not be processed: 1.", home.MainText());

        var page = await admin.GetAsync($"/admin/mailboxes/messages/{waiting.Id}");
        Assert.Contains("No request type is open to zoe@example.com", page.MainText());
        var again = await admin.SubmitAndFollowAsync(page, "#retry-form");
        Assert.Contains("it stays in the quarantine", again.MainText());
        await app.WithDbAsync(async d =>
        {
            foreach (var t in await d.RequestTypes.Where(t => types.Contains(t.Id)).ToListAsync()) t.IsActive = true;
            return await d.SaveChangesAsync();
        });
        var through = await admin.SubmitAndFollowAsync(again, "#retry-form");
        Assert.Contains("The message was processed.", through.MainText());
        var row = await app.WithDbAsync(d => d.InboundMessages.AsNoTracking().SingleAsync(m => m.Id == waiting.Id));
        Assert.Equal((InboundState.Processed, InboundOutcome.NewRequest, 3), (row.State, row.Outcome, row.Attempts));
        Assert.NotNull(through.QuerySelector($"a[href='/agent/tickets/{row.TicketNumber}']"));
        Assert.Null(through.QuerySelector("#retry-form"));

        // Too big for this server: retrying changes nothing, so the admin discards it; its trace and source stay.
        var big = (await app.ReceiveAsync(Mail("zoe@example.com", "Logs", new string('x', 3000)))).Message;
        var bigPage = await admin.GetAsync($"/admin/mailboxes/messages/{big.Id}");
        Assert.Contains("over the limit", bigPage.MainText());
        var discarded = await admin.SubmitAndFollowAsync(bigPage, "#discard-form");
        Assert.Contains("The message was discarded", discarded.MainText());
        Assert.Null(discarded.QuerySelector("#retry-form"));
        Assert.Null(discarded.QuerySelector("#discard-form"));
        var gone = await app.WithDbAsync(d => d.InboundMessages.AsNoTracking().SingleAsync(m => m.Id == big.Id));
        Assert.Equal(InboundState.Discarded, gone.State);
        Assert.Contains("discarded by admin@example.org", gone.Trace);
        Assert.Contains("No message is in the quarantine.", (await admin.GetAsync("/admin/mailboxes")).MainText());
    }

    [Theory, Databases]
    public async Task An_agent_reads_the_original_mail_of_a_request_they_see_and_no_other(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var member = await app.CreateUserAsync("member@example.org", Roles.Agent);
        await app.CreateUserAsync("outsider@example.org", Roles.Agent);
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), member);
        const string text = "The printer is on fire.\n\n-- \nZoë, 3rd floor\n\nOn Monday, support wrote:\n> Is it fixed?";
        var mail = Mail("\"Zoë Müller\" <zoe@example.com>", "Printer on fire", text, cc: ["boss@example.com"]);
        using var bytes = new MemoryStream();
        await mail.WriteToAsync(bytes);
        var received = (await app.ReceiveAsync(bytes.ToArray())).Message;
        using var agent = await app.SignInAsync("member@example.org");
        using var outsider = await app.SignInAsync("outsider@example.org");

        var ticket = await agent.GetAsync($"/agent/tickets/{received.TicketNumber}");
        var link = ticket.QuerySelector($"a[href='/agent/mail/{received.Id}']");
        Assert.Equal("Original mail", link?.TextContent.Trim());

        var original = await agent.GetAsync($"/agent/mail/{received.Id}");
        var facts = original.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("Zoë Müller", facts);
        Assert.Contains("zoe@example.com", facts);
        Assert.Contains("support@guichet.test", facts);
        Assert.Contains("boss@example.com", facts);
        Assert.Equal(text, original.QuerySelector("pre.mail-text")!.TextContent.Replace("\r\n", "\n").TrimEnd());
        using var download = await agent.Http.GetAsync($"/agent/mail/{received.Id}/raw");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("message/rfc822", download.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/agent/tickets/{received.TicketNumber}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/agent/mail/{received.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/agent/mail/{received.Id}/raw")).StatusCode);
    }
}
