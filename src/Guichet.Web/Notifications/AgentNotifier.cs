using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Email.Outbound;
using Guichet.Web.Hosting;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Notifications;

/// <summary>
/// What agents are told about, from the ticket events (a consumer of <see cref="TicketEventDispatcher"/>): a new request
/// in their groups, a customer's reply on a request assigned to them, a request assigned to them by someone else, a
/// colleague's <c>@mention</c> in a note. Each goes to the bell and by mail as the agent chose (<see cref="AgentProfile"/>),
/// never to the person who made the change, never to a deactivated agent, and only about a request the agent may see.
/// </summary>
public sealed class AgentNotifier(GuichetDbContext db, NodeCache cache, MailOutbox outbox, RequestMailThreads threads, IStringLocalizer<SharedResource> L,
    IOptions<GuichetOptions> options)
{
    private sealed record Agent(Guid Id, string Email, string FirstName, string FullName, string? Culture);

    /// <summary>Most requests one mail lists; a bulk change can give an agent hundreds at once.</summary>
    public const int MaxListedInOneMail = 50;

    /// <summary>"Assigned to you" mails held until <see cref="FlushAssignments"/>: a bulk change makes one mail, not one a request.</summary>
    private readonly List<(Agent Agent, Ticket Ticket, MailThread Thread, string Actor)> assignments = [];

    public async Task HandleAsync(Guid ticketId, IReadOnlyList<TicketEvent> events, CancellationToken ct)
    {
        var concerning = events.Where(e => e.Kind is TicketEventKind.Created or TicketEventKind.Replied or TicketEventKind.NoteAdded
            || (e.Kind == TicketEventKind.FieldChanged && e.Field == "assignee" && e.After is not null)).ToList();
        if (concerning.Count == 0) return;
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Participants).SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return;

        var actors = concerning.Select(e => e.ActorId).OfType<Guid>().Distinct().ToList();
        var staffActors = await AgentAccounts.Staff(db).Where(u => actors.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var actorNames = await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id))
            .Select(u => new { u.Id, Name = PersonName.Of(u.FirstName, u.LastName, u.Email) }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        foreach (var e in concerning)
        {
            var (kind, recipients, text) = e.Kind switch
            {
                TicketEventKind.Created => (AgentNotice.NewInMyGroups, await GroupAsync(ticket, ct), await FirstMessageTextAsync(ticket.Id, ct)),
                TicketEventKind.Replied when e.IsPublic && e.ActorId is { } author && !staffActors.Contains(author) && ticket.AssigneeId is { } assignee =>
                    (AgentNotice.CustomerReplied, new List<Guid> { assignee }, await MessageTextAsync(e.MessageId, ct)),
                TicketEventKind.FieldChanged when Guid.TryParse(e.After, out var assignee) => (AgentNotice.AssignedToMe, new List<Guid> { assignee }, (string?)null),
                TicketEventKind.NoteAdded when await MessageTextAsync(e.MessageId, ct) is { } note =>
                    (AgentNotice.Mentioned, await Mentions.AgentsNamedInAsync(db, note, ct), note),
                _ => (AgentNotice.None, new List<Guid>(), null),
            };
            recipients.Remove(e.ActorId ?? Guid.Empty);
            if (kind == AgentNotice.None || recipients.Count == 0) continue;
            var actor = e.ActorId is { } a ? actorNames.GetValueOrDefault(a) ?? "" : "";
            await NotifyAsync(ticket, e, kind, recipients, actor, text, ct);
        }
    }

    private async Task NotifyAsync(Ticket ticket, TicketEvent e, AgentNotice kind, List<Guid> recipients, string actor, string? text, CancellationToken ct)
    {
        var agents = await AgentAccounts.ActiveStaff(db).AsNoTracking().Where(u => recipients.Contains(u.Id))
            .Select(u => new Agent(u.Id, u.Email!, u.FirstName, (u.FirstName + " " + u.LastName).Trim(), u.Culture)).ToListAsync(ct);
        var profiles = await db.AgentProfiles.AsNoTracking().Where(p => recipients.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        // One request's mails thread together, the agents' as the customers' (see RequestMailThreads).
        var thread = await threads.ForAsync(ticket.Id, ticket.Number, ct);
        foreach (var agent in agents)
        {
            var profile = profiles.GetValueOrDefault(agent.Id) ?? AgentProfile.DefaultFor(agent.Id);
            // Away, a new request in the groups is for those at work; what is addressed to them personally still reaches them.
            if (kind == AgentNotice.NewInMyGroups && profile.IsAway(e.At)) continue;
            if (!(await Viewer.ForAsync(db, cache, agent.Id, ct)).Sees(ticket)) continue;
            if (profile.InApp.HasFlag(kind))
                db.AgentNotifications.Add(new AgentNotification { UserId = agent.Id, TicketId = ticket.Id, EventId = e.Id, Kind = kind, ActorId = e.ActorId, At = e.At });
            if (profile.ByMail.HasFlag(kind) && kind == AgentNotice.AssignedToMe)
                assignments.Add((agent, ticket, thread, actor));
            else if (profile.ByMail.HasFlag(kind))
                outbox.Enqueue(agent.Email, agent.FullName, Cultures.With(agent.Culture, () => Mail(kind, ticket, actor, text,
                    string.IsNullOrWhiteSpace(agent.FirstName) ? L["Hello,"] : L["Hello {0},", agent.FirstName])), thread: thread,
                    // The mention mail quotes the note: answered by mail, it must stay among the team.
                    aboutNote: kind == AgentNotice.Mentioned);
        }
    }

    /// <summary>
    /// The "assigned to you" mails of the events handled since the last call, added to the caller's unit of work: one
    /// for each agent, naming the request when there is one, listing them when a bulk change gave several.
    /// </summary>
    public void FlushAssignments()
    {
        foreach (var forAgent in assignments.GroupBy(a => a.Agent.Id))
        {
            var (agent, first, thread, actor) = forAgent.First();
            var tickets = forAgent.Select(a => a.Ticket).DistinctBy(t => t.Id).OrderBy(t => t.Number).ToList();
            var actors = forAgent.Select(a => a.Actor).Distinct().ToList();
            outbox.Enqueue(agent.Email, agent.FullName, Cultures.With(agent.Culture, () =>
            {
                var greeting = string.IsNullOrWhiteSpace(agent.FirstName) ? L["Hello,"] : L["Hello {0},", agent.FirstName];
                return tickets.Count == 1 ? Mail(AgentNotice.AssignedToMe, first, actor, null, greeting) : Assigned(tickets, actors, greeting);
            }), thread: tickets.Count == 1 ? thread : null);
        }
        assignments.Clear();
    }

    private MailBody Assigned(List<Ticket> tickets, List<string> actors, string greeting)
    {
        List<string> paragraphs =
        [
            actors.Count == 1 ? L["{0} assigned you {1} requests:", actors[0], tickets.Count] : L["{0} requests were assigned to you:", tickets.Count],
            string.Join("\n", tickets.Take(MaxListedInOneMail).Select(t => $"#{t.Number} {t.Subject}")),
        ];
        if (tickets.Count > MaxListedInOneMail) paragraphs.Add(L["And {0} more.", tickets.Count - MaxListedInOneMail]);
        return new MailBody(L["{0} requests assigned to you", tickets.Count], greeting, paragraphs)
        {
            Action = new(L["Open my requests"], options.Value.Link("/agent?queue=mine")),
            Footnote = L["You choose which notifications you get by mail in your settings: {0}", options.Value.Link("/agent/profile")],
        };
    }

    /// <summary>Who hears of a new request: its group's members; without a group, the admins (the only ones who see it).</summary>
    private async Task<List<Guid>> GroupAsync(Ticket ticket, CancellationToken ct) => ticket.GroupId is { } group
        ? await db.Set<GroupMember>().Where(m => m.GroupId == group).Select(m => m.UserId).ToListAsync(ct)
        : await AgentAccounts.Admins(db).Select(u => u.Id).ToListAsync(ct);

    private async Task<string?> MessageTextAsync(Guid? messageId, CancellationToken ct) => messageId is { } id
        ? await db.Messages.AsNoTracking().Where(m => m.Id == id).Select(m => m.BodyText).SingleOrDefaultAsync(ct)
        : null;

    private Task<string?> FirstMessageTextAsync(Guid ticketId, CancellationToken ct) =>
        db.Messages.AsNoTracking().Where(m => m.TicketId == ticketId && !m.IsInternal).OrderBy(m => m.CreatedAt).Select(m => m.BodyText).FirstOrDefaultAsync(ct);

    private MailBody Mail(AgentNotice kind, Ticket t, string actor, string? text, string greeting)
    {
        var (subject, opening) = kind switch
        {
            AgentNotice.NewInMyGroups => (L["[#{0}] New request: {1}", t.Number, t.Subject], L["{0} opened the request #{1}, \"{2}\":", actor, t.Number, t.Subject]),
            AgentNotice.CustomerReplied => (L["[#{0}] The customer replied: {1}", t.Number, t.Subject], L["{0} replied to the request #{1}, \"{2}\", assigned to you:", actor, t.Number, t.Subject]),
            AgentNotice.AssignedToMe => (L["[#{0}] Assigned to you: {1}", t.Number, t.Subject], L["{0} assigned you the request #{1}, \"{2}\".", actor, t.Number, t.Subject]),
            _ => (L["[#{0}] {1} mentioned you: {2}", t.Number, actor, t.Subject], L["{0} mentioned you in an internal note on the request #{1}, \"{2}\":", actor, t.Number, t.Subject]),
        };
        List<string> paragraphs = [opening];
        if (!string.IsNullOrWhiteSpace(text)) paragraphs.Add(text);
        return new MailBody(subject, greeting, paragraphs)
        {
            Action = new(L["Open the request"], options.Value.Link($"/agent/tickets/{t.Number}")),
            Footnote = L["You choose which notifications you get by mail in your settings: {0}", options.Value.Link("/agent/profile")],
        };
    }
}
