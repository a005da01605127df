using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Tickets;

/// <summary>Reading and changing a request's tags: each change one internal event ("tags", before → after), never public.</summary>
public sealed class TicketTags(GuichetDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L)
{
    public async Task<IReadOnlyList<string>> OfAsync(Guid ticketId, CancellationToken ct) =>
        await db.Set<TicketTag>().AsNoTracking().Where(t => t.TicketId == ticketId).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct);

    /// <summary>The tags of a text (see <see cref="TicketTag.Parse"/>), or why some are not tags.</summary>
    public (IReadOnlyList<string> Tags, string? Refusal) Read(string? text)
    {
        var (tags, refused) = TicketTag.Parse(text);
        return refused.Count > 0
            ? (tags, L["These are not tags (letters, digits, '-', '_' and '.', at most {0} characters): {1}", TicketTag.MaxLength, string.Join(", ", refused)])
            : (tags, null);
    }

    /// <summary>The tags of the text become the request's; null when done, else why not (nothing changed then).</summary>
    public async Task<string?> SetAsync(Ticket ticket, string? text, Guid actorId, CancellationToken ct)
    {
        var (tags, refusal) = Read(text);
        if (refusal is not null) return refusal;
        if (tags.Count > TicketTag.MaxPerTicket) return L["A request has at most {0} tags.", TicketTag.MaxPerTicket];
        await ChangeAsync(ticket, add: tags, remove: null, actorId, ct);
        return null;
    }

    /// <summary>
    /// Adds and takes off tags (<paramref name="remove"/> null: every tag not in <paramref name="add"/>), with the event, in
    /// the caller's save; returns whether anything changed. Beyond <see cref="TicketTag.MaxPerTicket"/> the newest are not added.
    /// </summary>
    public async Task<bool> ChangeAsync(Ticket ticket, IReadOnlyCollection<string> add, IReadOnlyCollection<string>? remove, Guid actorId, CancellationToken ct) =>
        Change(ticket, await db.Set<TicketTag>().Where(t => t.TicketId == ticket.Id).ToListAsync(ct), add, remove, actorId);

    /// <summary>The tag rows of several tickets, tracked, read at once for <see cref="Change"/> (a change to many tickets).</summary>
    public async Task<ILookup<Guid, TicketTag>> RowsOfAsync(IReadOnlyCollection<Guid> ticketIds, CancellationToken ct) =>
        (await db.Set<TicketTag>().Where(t => ticketIds.Contains(t.TicketId)).ToListAsync(ct)).ToLookup(t => t.TicketId);

    /// <summary><see cref="ChangeAsync"/> with the ticket's tag rows already read (tracked).</summary>
    public bool Change(Ticket ticket, IReadOnlyCollection<TicketTag> rows, IReadOnlyCollection<string> add, IReadOnlyCollection<string>? remove, Guid actorId)
    {
        var before = rows.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        var gone = rows.Where(r => remove is null ? !add.Contains(r.Name) : remove.Contains(r.Name)).ToList();
        db.Set<TicketTag>().RemoveRange(gone);
        var kept = before.Except(gone.Select(g => g.Name)).ToList();
        foreach (var tag in add.Except(kept).Take(Math.Max(0, TicketTag.MaxPerTicket - kept.Count)))
        {
            db.Set<TicketTag>().Add(new TicketTag { TicketId = ticket.Id, Name = tag });
            kept.Add(tag);
        }
        var after = kept.Order(StringComparer.Ordinal).ToList();
        if (after.SequenceEqual(before)) return false;
        ticket.RecordTags(string.Join(", ", before), string.Join(", ", after), actorId, time.GetUtcNow());
        return true;
    }
}
