using System.Globalization;
using Guichet.Web.Data;
using Guichet.Web.Journal;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;

namespace Guichet.Web.Api;

/// <summary>Who made a change: null on a line when Guichet did (an automatic close).</summary>
public sealed record JournalActorView(Guid Id, string Name, bool IsStaff);

/// <summary>
/// One change to one ticket, as the ticket's event holds it: <c>kind</c> and, for a change of a field, <c>field</c>
/// (<c>priority</c>, <c>assignee</c>, <c>group</c>, <c>field:{key}</c>...) with its values <c>before</c> and <c>after</c> as
/// stored (a status id for a status change, a priority's name, a person's or a group's id, a custom field's value,
/// minutes for time). <c>processed</c>: a change into the status that counts as processed for the ticket's request type.
/// </summary>
public sealed record JournalLineView(long Id, DateTimeOffset At, long Number, string Subject, string? Organization, int RequestTypeId,
    JournalActorView? Actor, TicketEventKind Kind, string? Field, string? Before, string? After, Guid? MessageId, bool Processed);

/// <summary>100 lines, newest first; <c>nextCursor</c> null on the last page.</summary>
public sealed record JournalPage(DateOnly From, DateOnly To, IReadOnlyList<JournalLineView> Items, string? NextCursor);

/// <summary>
/// GET /api/v1/journal: the activity journal of /admin/journal (<see cref="ActivityJournal"/>), for admins, with the page's
/// filters; pages go back in time from the last line's id, as the page's "older" link does.
/// </summary>
public static class JournalEndpoints
{
    private static readonly Dictionary<string, string> Parameters = new()
    {
        ["from"] = "The first day (UTC, yyyy-MM-dd), included; six days before to by default.",
        ["to"] = "The last day (UTC, yyyy-MM-dd), included; today by default.",
        ["actor"] = "Who made the changes: their user id or email address.",
        ["organizationId"] = "Changes to the tickets of this organization.",
        ["typeId"] = "Changes to the tickets of this request type.",
        ["kind"] = "The kind of change: " + string.Join(", ", ActivityJournal.Kinds) + ".",
        ["cursor"] = "The nextCursor of the previous page, with the same filters.",
    };

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/journal", PageAsync).WithName("GetJournal").WithTags("Journal")
            .WithSummary("Admins: every change to every ticket over a period, newest first, filtered as on /admin/journal; 100 lines a page")
            .AddOpenApiOperationTransformer(ApiDocument.DescribeParameters(Parameters))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<JournalPage>, ValidationProblem, ProblemHttpResult>> PageAsync(DateOnly? from, DateOnly? to, string? actor,
        Guid? organizationId, int? typeId, string? kind, string? cursor, ApiCaller caller, ActivityJournal journal, GuichetDbContext db,
        TimeProvider time, ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsAdmin) return problems.AdminsOnly();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (first, last) = (from ?? (to ?? today).AddDays(-6), to ?? today);
        var errors = new Dictionary<string, string[]>();
        if (first > last) errors["to"] = [L["The period ends before it starts."]];
        if (kind is not null && !ActivityJournal.Kinds.Contains(kind)) errors["kind"] = [L["Choose one of: {0}.", string.Join(", ", ActivityJournal.Kinds)]];
        long? before = null;
        if (cursor is { Length: > 0 })
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) before = id;
            else errors["cursor"] = [L["This cursor does not belong to this list. Start again without it."]];
        }
        Guid? actorId = null;
        if (!string.IsNullOrWhiteSpace(actor))
        {
            var normalized = actor.Trim().ToUpperInvariant();
            actorId = Guid.TryParse(actor, out var id) ? id
                : await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
            if (actorId is null) errors["actor"] = [L["Nobody has this address."]];
        }
        if (errors.Count > 0) return problems.Invalid(errors);

        var filter = new ActivityJournal.Filter(Start(first), Start(last.AddDays(1)), actorId, organizationId, typeId, kind, before);
        var (lines, more) = await journal.PageAsync(filter, ct);
        return TypedResults.Ok(new JournalPage(first, last, lines.Select(l => new JournalLineView(l.Id, l.At, l.Number, l.Subject, l.Organization,
                l.RequestTypeId, l.ActorId is { } who ? new JournalActorView(who, l.Actor, l.ActorIsStaff) : null, l.Kind, l.Field, l.Before, l.After,
                l.MessageId, l.Processed)).ToList(),
            more ? lines[^1].Id.ToString(CultureInfo.InvariantCulture) : null));
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
