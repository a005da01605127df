using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Macros;

/// <summary>
/// A macro sent to several tickets at once (an outage fixed, the same answer to everyone who asked): each ticket gets
/// the macro in its requester's language, signed as from its page, with what the macro sets — each in its own save, as
/// if the agent had inserted and sent it on every page.
/// </summary>
public sealed class MacroReplies(GuichetDbContext db, MacroLibrary library, TicketConversation conversation, StatusWorkflow workflow,
    AgentProfiles profiles, TimeProvider time, IStringLocalizer<SharedResource> L)
{
    public const int MaxTickets = 500;

    public sealed record Outcome(int Sent, IReadOnlyList<(long Number, string Reason)> Refused, string? Error = null);

    public async Task<Outcome> SendToEachAsync(IReadOnlyCollection<long> numbers, int macroId, Viewer viewer, CancellationToken ct)
    {
        if (numbers.Count == 0) return new(0, [], L["Tick the tickets to change, or choose all the tickets of the list."]);
        if (numbers.Count > MaxTickets) return new(0, [], L["A macro goes to at most {0} tickets at once.", MaxTickets]);
        if (!await library.UsableBy(viewer).AnyAsync(m => m.Id == macroId, ct)) return new(0, [], L["Choose one of your macros."]);
        var (sent, refused) = (0, new List<(long, string)>());
        foreach (var number in numbers.Distinct().Order())
        {
            db.ChangeTracker.Clear();
            var ticket = await conversation.FindAsync(number, viewer, ct);
            if (ticket is null)
            {
                refused.Add((number, L["Not found among the tickets you may see."]));
                continue;
            }
            var applied = (await library.ApplyAsync(macroId, ticket, viewer, ct))!;
            var body = applied.Internal ? applied.Body : await profiles.SignAsync(viewer.UserId, ticket.RequesterId, applied.Body, ct);
            try
            {
                await conversation.AgentReplyAsync(ticket, viewer.UserId, body, applied.Internal, ct);
                if (applied.StatusId is { } status && status != ticket.StatusId) await workflow.SetAsync(ticket, status, viewer.UserId, ct);
                if (applied.Priority is { } priority) ticket.ChangePriority(priority, viewer.UserId, time.GetUtcNow());
                await db.SaveChangesAsync(ct);
                sent++;
            }
            catch (DbUpdateConcurrencyException)
            {
                refused.Add((number, L["Changed by someone else at the same moment: try again."]));
            }
        }
        db.ChangeTracker.Clear();
        return new(sent, refused);
    }
}
