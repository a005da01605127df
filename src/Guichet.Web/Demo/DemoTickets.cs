using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Guichet.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Demo;

/// <summary>About fifty demo requests over the last weeks, in every status, with replies from both sides.</summary>
internal static class DemoTickets
{
    private static readonly (string Subject, string Body, string Reply)[] Stories =
    [
        ("Cannot export the monthly report to PDF", "When I click **Export**, nothing happens. It worked last month.", "Thanks, we reproduced it: a fix is on its way."),
        ("Add two new users for the accounting team", "Please create accounts for:\n\n- Jeanne Petit\n- Omar Haddad", "Both accounts are created; they received their invitation."),
        ("Invoice numbering restarted at 1", "Since Monday, new invoices start again at number 1.", "The numbering is repaired; could you check today's invoices?"),
        ("How do I change the default currency?", "We now bill in CHF as well as EUR.", "Go to *Settings → Billing → Currencies* and add CHF."),
        ("Dashboard very slow in the morning", "Between 8 and 9 the dashboard takes 30 seconds to load.", "We moved the nightly import earlier; it should be fast now."),
        ("Suggestion: dark mode", "Many of us work late; a dark theme would be welcome.", "Good idea, we added it to the roadmap."),
        ("Error 500 when saving a customer", "Saving a customer with an apostrophe in the name fails: `O'Brien`.", "Fixed in today's release. Sorry for the trouble!"),
        ("Résiliation d'un contrat fournisseur", "Le contrat n° 4471 a été résilié ; comment l'archiver ?", "Ouvrez le contrat puis *Actions → Archiver*."),
        ("Remove access for a former employee", "Paul Martin left the company on Friday; please remove his access.", "Done: his account is disabled and his sessions ended."),
        ("Configure the SSO with our identity provider", "We use SAML with metadata at our usual address.", "Could you send us the metadata file? The link is not reachable from outside."),
    ];

    public static async Task LoadAsync(GuichetDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Tickets.AnyAsync(ct)) return;

        var support = await db.Groups.OrderBy(g => g.Id).FirstAsync(ct);
        var agents = await db.Users.Where(u => u.Email == "agent1@guichet.example" || u.Email == "agent2@guichet.example").ToListAsync(ct);
        foreach (var agent in agents.Where(a => !db.Set<GroupMember>().Any(m => m.GroupId == support.Id && m.UserId == a.Id)))
            db.Set<GroupMember>().Add(new GroupMember { GroupId = support.Id, UserId = agent.Id });

        var customers = await db.OrganizationMemberships.Include(m => m.User).OrderBy(m => m.User.Email).ToListAsync(ct);
        var types = await db.RequestTypes.Include(t => t.Fields).ThenInclude(f => f.CustomField).ThenInclude(f => f.Options)
            .OrderBy(t => t.SortOrder).ToListAsync(ct);
        var statuses = await db.Statuses.ToListAsync(ct);
        Status StatusOf(StatusCategory c) => statuses.Where(s => s.Category == c).OrderByDescending(s => s.IsDefaultForCategory).First();
        var richText = new RichText();
        var sequence = await db.Set<NumberSequence>().SingleAsync(s => s.Name == NumberSequence.Tickets, ct);
        var categories = new[] { StatusCategory.New, StatusCategory.Open, StatusCategory.Pending, StatusCategory.Solved, StatusCategory.Closed, StatusCategory.Cancelled, StatusCategory.Open };
        var now = time.GetUtcNow();

        for (var i = 0; i < 50; i++)
        {
            var story = Stories[i % Stories.Length];
            var customer = customers[i % customers.Count];
            var agent = agents[i % agents.Count];
            var opened = now.AddDays(-(50 - i) * 0.8).AddHours(-(i % 7));
            var body = richText.FromMarkdown(story.Body);
            var ticket = Ticket.Open(new Ticket.NewTicket(sequence.Next++, i < Stories.Length ? story.Subject : $"{story.Subject} ({i / Stories.Length + 1})",
                    types[i % types.Count], StatusOf(StatusCategory.New), (TicketPriority)(i % 4), null, (TicketEnvironment)(i % 3),
                    customer.User, customer.OrganizationId, null) { Fields = DemoFields(types[i % types.Count], i, opened) },
                body.Html, body.Text, MessageSource.Portal, opened);
            var category = categories[i % categories.Length];
            if (category != StatusCategory.New)
            {
                var reply = richText.FromMarkdown(story.Reply);
                ticket.Assign(agent.Id, agent.Id, opened.AddHours(1));
                ticket.Reply(agent.Id, reply.Html, reply.Text, isInternal: false, MessageSource.Agent, opened.AddHours(2));
                if (i % 3 == 0)
                {
                    var note = richText.FromMarkdown("Checked the logs: nothing unusual on our side.");
                    ticket.Reply(agent.Id, note.Html, note.Text, isInternal: true, MessageSource.Agent, opened.AddHours(3));
                }
                // Resolved ones were resolved lately, or auto-close would close them at the first start.
                var movedAt = category == StatusCategory.Solved ? now.AddHours(-(i % 48) - 1) : opened.AddHours(4);
                ticket.MoveTo(StatusOf(category), agent.Id, movedAt);
            }
            // Demo history is not news: nobody is mailed about it.
            foreach (var e in ticket.Events) e.DispatchedAt = now;
            db.Tickets.Add(ticket);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Plausible values for the type's fields, so that side panels, columns and exports have something to show.</summary>
    private static List<CustomFieldValues.FieldValue> DemoFields(RequestType type, int i, DateTimeOffset opened) =>
        type.Fields.Select(f => f.CustomField).Where(f => f.CustomerAccess != CustomerAccess.Hidden).Select(f => f.Kind switch
        {
            CustomFieldKind.Number => CustomFieldValues.Stored(f, (5 + i * 3).ToString(CultureInfo.InvariantCulture)),
            CustomFieldKind.Date => CustomFieldValues.Stored(f, opened.AddDays(10 + i % 20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            CustomFieldKind.Dropdown => CustomFieldValues.Stored(f, f.Options[i % f.Options.Count].Key),
            CustomFieldKind.MultiSelect => CustomFieldValues.Stored(f, string.Join('\n', f.Options.Take(1 + i % f.Options.Count).Select(o => o.Key))),
            CustomFieldKind.Checkbox => new CustomFieldValues.FieldValue(f, i % 2 == 0 ? "true" : null, null),
            _ when f.CustomerAccess == CustomerAccess.ReadOnly => new CustomFieldValues.FieldValue(f, i % 3 == 0 ? "4.3.0" : null, null),
            _ when f.Key == "version" => CustomFieldValues.Stored(f, $"4.2.{i % 5}"),
            _ when f.Key == "user_email" => CustomFieldValues.Stored(f, $"new.colleague{i}@example.com"),
            _ => CustomFieldValues.Stored(f, (i % 3) switch { 0 => "Reports › Export", 1 => "Settings › Users", _ => "Dashboard" }),
        }).ToList();
}
