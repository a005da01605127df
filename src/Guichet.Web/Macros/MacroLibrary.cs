using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Macros;

/// <summary>
/// The macros an agent may use (their own, their groups', the whole team's) and may change (their own; an admin
/// any shared one), and a macro applied to a ticket: its text in the requester's language with the placeholders
/// filled, and what it sets.
/// </summary>
public sealed class MacroLibrary(GuichetDbContext db, MacroRendering rendering, TicketCatalog catalog, CustomFieldValues fieldValues,
    IStringLocalizer<SharedResource> L)
{
    public sealed record Applied(string Body, int? StatusId, TicketPriority? Priority, bool Internal);

    public IQueryable<Macro> UsableBy(Viewer viewer)
    {
        var (me, groups) = (viewer.UserId, viewer.GroupIds);
        return db.Macros.AsNoTracking().Where(m => m.Scope == MacroScope.Everyone
            || (m.Scope == MacroScope.Personal && m.OwnerId == me)
            || (m.Scope == MacroScope.Group && m.GroupId != null && groups.Contains(m.GroupId.Value)));
    }

    /// <summary>What the macros page lists: what the agent may use, and for an admin every shared macro too.</summary>
    public IQueryable<Macro> ListedFor(Viewer viewer)
    {
        var me = viewer.UserId;
        return viewer.IsAdmin
            ? db.Macros.AsNoTracking().Where(m => m.Scope != MacroScope.Personal || m.OwnerId == me)
            : UsableBy(viewer);
    }

    public static bool MayChange(Macro macro, Viewer viewer) =>
        macro.OwnerId == viewer.UserId || (viewer.IsAdmin && macro.Scope != MacroScope.Personal);

    /// <summary>The macro applied to the ticket, or null when the viewer may not use it.</summary>
    public async Task<Applied?> ApplyAsync(int macroId, Ticket ticket, Viewer viewer, CancellationToken ct)
    {
        var macro = await UsableBy(viewer).SingleOrDefaultAsync(m => m.Id == macroId, ct);
        if (macro is null) return null;
        var people = await db.Users.AsNoTracking().Where(u => u.Id == ticket.RequesterId || u.Id == viewer.UserId)
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, u.Culture }).ToListAsync(ct);
        var requester = people.Single(p => p.Id == ticket.RequesterId);
        var agent = people.Single(p => p.Id == viewer.UserId);
        var organization = ticket.OrganizationId is { } o ? await db.Organizations.Where(x => x.Id == o).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var statuses = (await catalog.GetAsync(ct)).Statuses;
        var fields = await fieldValues.OfTicketAsync(ticket.Id, ticket.RequestTypeId, isStaff: true, ct);

        // In the requester's language: the macro's text, and the words it fills in (the status, the priority, a choice).
        var culture = Cultures.Match(requester.Culture) ?? Cultures.Default;
        var body = Cultures.With(culture, () =>
        {
            var subject = new MacroRendering.Subject(ticket.Number, ticket.Subject,
                statuses.FirstOrDefault(s => s.Id == ticket.StatusId)?.Names.In(culture) ?? "",
                TicketLabels.Priority(L, ticket.Priority).Value,
                fields.ToDictionary(f => f.Field.Key, f => fieldValues.Display(f)),
                new MacroRendering.Person(requester.FirstName ?? "", requester.LastName ?? "", requester.Email ?? ""), organization,
                new MacroRendering.Person(agent.FirstName ?? "", agent.LastName ?? "", agent.Email ?? ""));
            return rendering.Render(macro.Bodies.In(culture), subject);
        });
        return new Applied(body, macro.SetStatusId, macro.SetPriority, macro.AsInternalNote);
    }
}
