using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Email.Inbound;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

/// <summary>
/// Every page of the workspace and of the administration, as an admin who is also an agent sees it, in each of the five
/// languages, at the widths <see cref="AccessibilitySweep"/> says: axe finds nothing serious and nothing overflows the
/// phone. The tests about each page use it; this one makes sure none is forgotten, whatever the language.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilitySweepTests(Chromium chromium, ITestOutputHelper output)
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("es")]
    [InlineData("it")]
    public async Task Every_agent_and_admin_page_is_accessible_at_both_widths(string culture)
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        var admin = await app.CreateSupportAgentAsync(email, "Ada", "Lovelace", Roles.Admin);
        var customer = await app.CreateUserAsync(People.UniqueEmail("rosalind"), "Rosalind", "Franklin");
        var organization = await app.CreateOrganizationAsync("Acme Labs");
        await app.AddMemberAsync(organization, customer, manager: true);
        var ticket = await app.OpenRequestAsync(customer, "Printer on fire");
        int group, type, mailbox, article, kbSection;
        Guid mail;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
            group = (await db.Groups.SingleAsync(g => g.Name == "Support")).Id;
            type = (await db.RequestTypes.OrderBy(t => t.SortOrder).FirstAsync()).Id;
            var tracked = await db.Tickets.Include(t => t.Status).SingleAsync(t => t.Number == ticket.Number);
            await scope.ServiceProvider.GetRequiredService<TicketConversation>().CustomerReplyAsync(tracked, customer.Id,
                "Also, the badge reader at the door is dead.", MessageSource.Portal, CancellationToken.None);
            // The email channel's pages: a mailbox that failed, and a mail that became a request (its trace, its original).
            var box = new Mailbox { Address = People.UniqueEmail("support"), ImapHost = "imap.example.com", UserName = "support", LastError = "Authentication failed." };
            db.Mailboxes.Add(box);
            await db.SaveChangesAsync();
            mailbox = box.Id;
            // The knowledge base's editor pages: an article in a section, translated into French, a German translation missing.
            var authoring = scope.ServiceProvider.GetRequiredService<KbAuthoring>();
            var names = LocalizedText.Of("Billing", "Facturation", "Abrechnung", "Facturación", "Fatturazione");
            var (category, _) = await authoring.SaveCategoryAsync(null, names, names, 1, CancellationToken.None);
            var (section, _) = await authoring.SaveSectionAsync(null, category!.Id, names, names, 1, CancellationToken.None);
            var (created, _) = await authoring.CreateAsync(admin.Id, section!.Id, "en", new KbText("Download an invoice", "From **Billing**, choose *Invoices*.", "bill"),
                KbVisibility.Public, [], CancellationToken.None);
            article = created!.Id;
            await authoring.SaveTextAsync(admin.Id, article, "fr", new KbText("Télécharger une facture", "Depuis **Facturation**.", ""), true, CancellationToken.None);
            await authoring.PublishAsync(admin.Id, article, null, CancellationToken.None);
            // A draft after it: the section's order page has buttons on and off.
            await authoring.CreateAsync(admin.Id, section.Id, "en", new KbText("Invoices in another currency", "Ask us.", ""), KbVisibility.Public, [], CancellationToken.None);
            kbSection = section.Id;
            var raw = new MimeMessage { Subject = "Scanner jammed", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("client.example") };
            raw.From.Add(MailboxAddress.Parse(customer.Email!));
            raw.To.Add(MailboxAddress.Parse(box.Address));
            raw.Body = new TextPart("plain") { Text = "The scanner in room 4 is jammed.\n\n> An older quote." };
            using var bytes = new MemoryStream();
            await raw.WriteToAsync(bytes);
            bytes.Position = 0;
            mail = (await scope.ServiceProvider.GetRequiredService<InboundMail>().ReceiveAsync(bytes, InboundChannel.Imap, box.SourceKey, box.Id, CancellationToken.None)).Message.Id;
        }

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync("/agent");
        if (culture != "en") await page.SwitchLanguageAsync(culture);

        string[] pages =
        [
            "/agent", "/agent?queue=mine", "/agent?queue=all&status=1&sort=priority", $"/agent/tickets/{ticket.Number}", "/agent/views",
            "/agent/macros", "/agent/macros/edit", "/agent/profile", "/agent/notifications", "/agent/shortcuts", "/agent/time",
            "/agent/customers", "/agent/customers/invite", $"/agent/organizations/{organization.Id}/notes",
            "/agent?queue=all&columns=subject,number,tags,organization,created,answered&sort=created",
            "/admin", "/admin/agents", $"/admin/agents/{admin.Id}", "/admin/groups", $"/admin/groups/{group}", "/admin/journal",
            "/admin/portal", "/admin/products", "/admin/fields", "/admin/fields/edit", "/admin/requesttypes",
            $"/admin/requesttypes/edit?id={type}", "/admin/organizations", $"/admin/organizations/{organization.Id}",
            "/admin/mailboxes", "/admin/mailboxes/new", $"/admin/mailboxes/{mailbox}", $"/admin/mailboxes/messages/{mail}", $"/agent/mail/{mail}",
            "/agent/kb", "/agent/kb/structure", "/agent/kb/structure?edit=c", "/agent/kb/articles/new", $"/agent/kb/articles/{article}",
            $"/agent/kb/articles/{article}?lang=de", $"/agent/kb/articles/{article}/history", $"/agent/kb/articles/{article}/feedback",
            $"/agent/kb/sections/{kbSection}",
        ];
        await page.SweepAsync(culture, pages);
    }
}
