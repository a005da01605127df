using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Macros;

/// <summary>
/// The macros an agent may use (their own, their groups', the whole team's) and may change (their own; an admin
/// any shared one), a macro written or changed under those rules (the form and the API), and a macro applied to a
/// ticket: its text in the requester's language with the placeholders filled, and what it sets.
/// </summary>
public sealed class MacroLibrary(GuichetDbContext db, MacroRendering rendering, TicketCatalog catalog, CustomFieldValues fieldValues,
    TimeProvider time, IStringLocalizer<SharedResource> L)
{
    /// <summary>The macro's text for the ticket, in <paramref name="Language"/> (the requester's, else English, else any it has).</summary>
    public sealed record Applied(string Body, string Language, int? StatusId, TicketPriority? Priority, bool Internal);

    /// <summary>What a macro is to become. <paramref name="Bodies"/>: the text by language; an empty one is no text in that language.</summary>
    public sealed record Draft(string? Name, IReadOnlyDictionary<string, string?> Bodies, MacroScope Scope, int? GroupId, int? SetStatusId,
        TicketPriority? SetPriority, bool AsInternalNote);

    /// <summary>
    /// The saved macro, or the mistakes that kept it from being saved, each under the name of what is wrong: <c>name</c>,
    /// <c>bodies</c> (no text at all), <c>bodies.{language}</c>, <c>scope</c>, <c>groupId</c>, <c>setStatusId</c>, <c>setPriority</c>.
    /// </summary>
    public sealed record Saved(Macro? Macro, IReadOnlyDictionary<string, string> Errors);

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

    /// <summary>The groups the viewer may share a macro with: their own; an admin's, any.</summary>
    public IQueryable<Group> GroupsToShareWith(Viewer viewer)
    {
        var (mine, isAdmin) = (viewer.GroupIds, viewer.IsAdmin);
        return db.Groups.AsNoTracking().Where(g => isAdmin || mine.Contains(g.Id));
    }

    /// <summary>The macro, tracked, when the viewer may change it; null otherwise (or when there is none).</summary>
    public async Task<Macro?> FindToChangeAsync(int id, Viewer viewer, CancellationToken ct) =>
        await db.Macros.SingleOrDefaultAsync(m => m.Id == id, ct) is { } macro && MayChange(macro, viewer) ? macro : null;

    /// <summary>
    /// Writes <paramref name="draft"/> into <paramref name="macro"/> (one <see cref="FindToChangeAsync"/> gave), or into a
    /// new macro of the viewer's when it is null, if it is right: a name, a text in at least one language, placeholders
    /// the parser reads, a scope the viewer may give (the whole team: admins only; a group: one they may share with), an
    /// active status. Nothing is saved when anything is wrong.
    /// </summary>
    public async Task<Saved> SaveAsync(Macro? macro, Draft draft, Viewer viewer, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var name = draft.Name?.Trim() ?? "";
        if (name.Length == 0) errors["name"] = L["Give the macro a name."];
        else if (name.Length > Macro.MaxNameLength) errors["name"] = L["Use at most {0} characters.", Macro.MaxNameLength];
        var bodies = draft.Bodies.Where(b => !string.IsNullOrWhiteSpace(b.Value)).ToDictionary(b => b.Key, b => b.Value!.Trim());
        if (bodies.Count == 0) errors["bodies"] = L["Write the text in at least one language."];
        foreach (var (language, text) in bodies)
        {
            if (!Cultures.Supported.Contains(language)) errors[$"bodies.{language}"] = L["Choose one of: {0}.", string.Join(", ", Cultures.Supported)];
            else if (text.Length > Macro.MaxBodyLength) errors[$"bodies.{language}"] = L["Use at most {0} characters.", Macro.MaxBodyLength];
            else if (MacroRendering.MistakeIn(text) is { } mistake) errors[$"bodies.{language}"] = Say(mistake);
        }
        if (!Enum.IsDefined(draft.Scope) || (draft.Scope == MacroScope.Everyone && !viewer.IsAdmin))
            errors["scope"] = L["Only admins share a macro with the whole team."];
        if (draft.Scope == MacroScope.Group && (draft.GroupId is not { } g || !await GroupsToShareWith(viewer).AnyAsync(x => x.Id == g, ct)))
            errors["groupId"] = L["Choose one of your groups."];
        if (draft.SetStatusId is { } s && !(await catalog.GetAsync(ct)).Statuses.Any(x => x.Id == s && x.IsActive))
            errors["setStatusId"] = L["Choose a status from the list."];
        if (draft.SetPriority is { } p && !Enum.IsDefined(p)) errors["setPriority"] = L["Choose a priority from the list."];
        if (errors.Count > 0) return new(null, errors);

        if (macro is null)
        {
            macro = new Macro { OwnerId = viewer.UserId };
            db.Macros.Add(macro);
        }
        macro.Name = name;
        macro.Bodies = new LocalizedText(bodies);
        macro.Scope = draft.Scope;
        macro.GroupId = draft.Scope == MacroScope.Group ? draft.GroupId : null;
        macro.SetStatusId = draft.SetStatusId;
        macro.SetPriority = draft.SetPriority;
        macro.AsInternalNote = draft.AsInternalNote;
        macro.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new(macro, errors);
    }

    /// <summary>Deletes a macro <see cref="FindToChangeAsync"/> gave.</summary>
    public async Task DeleteAsync(Macro macro, CancellationToken ct)
    {
        db.Macros.Remove(macro);
        await db.SaveChangesAsync(ct);
    }

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
        var language = macro.Bodies.LanguageFor(culture) ?? culture;
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
        return new Applied(body, language, macro.SetStatusId, macro.SetPriority, macro.AsInternalNote);
    }

    /// <summary>A template's mistake in the author's language; the parser's own words only for the kinds not foreseen.</summary>
    private string Say(MacroRendering.Mistake mistake)
    {
        if (mistake.Kind == MacroRendering.MistakeKind.Range) return L["Ranges such as (1..10) are not available in macros."];
        string what = mistake.Kind switch
        {
            MacroRendering.MistakeKind.Unclosed => L["'{0}' was expected here.", mistake.Name!],
            MacroRendering.MistakeKind.MissingEnd => L["'{0}' is missing.", mistake.Name!],
            MacroRendering.MistakeKind.MissingFilter => L["A filter's name is missing after '|'."],
            MacroRendering.MistakeKind.UnknownTag => L["There is no tag '{0}' in macros.", mistake.Name!],
            _ => mistake.ParserMessage,
        };
        return mistake.Line is { } line
            ? L["The placeholders have a mistake at line {0}, column {1}: {2}", line, mistake.Column!, what]
            : L["The placeholders have a mistake: {0}", what];
    }
}
