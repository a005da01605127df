using System.Linq.Expressions;

namespace Guichet.Web.Tickets;

/// <summary>
/// The one rule of who sees which ticket. Every list, search, export, download, API call and
/// live update starts from <c>db.Tickets.VisibleTo(viewer)</c>; a ticket outside it is a 404.
/// A ticket already read is tested with <see cref="Sees"/>, the same rule compiled.
/// </summary>
public static class TicketAccess
{
    // The rule, written once per kind of viewer as an expression of the ticket and the viewer: EF translates it in
    // every query (VisibleTo), and its compiled form tests a ticket already in memory (Sees). Admins see every ticket.
    private static readonly Rule Agent = new((t, v) =>
        (t.GroupId != null && v.GroupIds.Contains(t.GroupId.Value)) || t.AssigneeId == v.UserId || t.RequesterId == v.UserId);

    // The organization test first: SQLite then answers an organization's list from its (OrganizationId, LastActivityAt)
    // index instead of reading every row (bench: 4× less CPU). One organization (the usual case) as an equality: a list
    // of values is a statement EF writes again for each query (bench: 3 % of a request page's CPU). Read as a Guid? like
    // the column: a conversion or an indexer (OrganizationIds[0]) in the query made EF compile a delegate to evaluate it
    // on every execution. The other two terms are the same in both shapes.
    private static readonly Rule CustomerOfOneOrganization = new((t, v) =>
        t.OrganizationId == v.SingleOrganizationId || t.RequesterId == v.UserId || t.Participants.Any(p => p.UserId == v.UserId));

    private static readonly Rule Customer = new((t, v) =>
        (t.OrganizationId != null && v.OrganizationIds.Contains(t.OrganizationId.Value))
        || t.RequesterId == v.UserId
        || t.Participants.Any(p => p.UserId == v.UserId));

    private static Rule? RuleFor(Viewer viewer) =>
        viewer.IsAdmin ? null : viewer.IsAgent ? Agent : viewer.SingleOrganizationId is not null ? CustomerOfOneOrganization : Customer;

    public static IQueryable<Ticket> VisibleTo(this IQueryable<Ticket> tickets, Viewer viewer) =>
        RuleFor(viewer) is { } rule ? tickets.Where(rule.For(viewer)) : tickets;

    /// <summary>
    /// Whether the viewer may see a ticket just read from the database with all its <see cref="Ticket.Participants"/>
    /// (a ticket changed in memory is judged as it is now, not as it is stored).
    /// </summary>
    public static bool Sees(this Viewer viewer, Ticket ticket) => RuleFor(viewer) is not { } rule || rule.Test(ticket, viewer);

    private sealed class Rule(Expression<Func<Ticket, Viewer, bool>> rule)
    {
        public Func<Ticket, Viewer, bool> Test { get; } = rule.Compile();

        /// <summary>
        /// The rule for one viewer, as a query filter. The viewer stands in the expression as a value whose properties EF
        /// reads into the statement's parameters, as it does a lambda's captured variables: one statement for every viewer.
        /// So a rule reads only properties of the viewer: the viewer itself, or a method called on it, would be written
        /// into the statement as a constant, a new statement for each viewer.
        /// </summary>
        public Expression<Func<Ticket, bool>> For(Viewer viewer) => Expression.Lambda<Func<Ticket, bool>>(
            new Substitution(rule.Parameters[1], Expression.Constant(viewer)).Visit(rule.Body), rule.Parameters[0]);
    }

    private sealed class Substitution(ParameterExpression parameter, Expression value) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? value : node;
    }

    /// <summary>
    /// The tickets of one list scope (<c>TicketListQuery.Scope</c>: "mine", "organization",
    /// "following", "all"; anything else is "mine") that the viewer may see. For a customer each
    /// scope but "all" is one term of the rule, so the rule and the scope together come to that term
    /// alone, and the database answers from an index: PostgreSQL counted an organization's 10,000
    /// requests by reading every row to test the other terms, and SQLite took three times as long to
    /// count them when the scope was tested again on each row (bench).
    /// </summary>
    public static IQueryable<Ticket> VisibleTo(this IQueryable<Ticket> tickets, Viewer viewer, string? scope) =>
        scope == "all" ? tickets.VisibleTo(viewer)
        : viewer.IsStaff ? tickets.VisibleTo(viewer).InScope(viewer, scope)
        : tickets.InScope(viewer, scope);

    /// <summary>
    /// The organizations whose tickets, all of them and nothing else, are the scope for this viewer: a customer's
    /// "organization" tab. <c>null</c> for any other scope or viewer.
    /// </summary>
    public static IReadOnlyList<Guid>? OrganizationsOfScope(Viewer viewer, string? scope) =>
        scope == "organization" && !viewer.IsStaff && viewer.OrganizationIds.Count > 0 ? viewer.OrganizationIds : null;

    /// <summary>The scope's own term: the viewer's requests, their organizations', or those they follow or are CC'd on.</summary>
    private static IQueryable<Ticket> InScope(this IQueryable<Ticket> tickets, Viewer viewer, string? scope)
    {
        var id = viewer.UserId;
        var organizations = viewer.OrganizationIds;
        // One organization (the usual case) as an equality: PostgreSQL then reads the first page in
        // index order; with "= ANY (array)" it sorted all 10,000 rows first (bench: 80–100 ms a page).
        // A Guid? like the column, as in the rules above.
        var single = viewer.SingleOrganizationId;
        return scope switch
        {
            "organization" when single is not null => tickets.Where(t => t.OrganizationId == single),
            "organization" => tickets.Where(t => t.OrganizationId != null && organizations.Contains(t.OrganizationId.Value)),
            "following" => tickets.Where(t => t.Participants.Any(p => p.UserId == id)),
            _ => tickets.Where(t => t.RequesterId == id),
        };
    }
}
