namespace Guichet.Web.Queues;

/// <summary>
/// How many tickets one group has, assigned to one agent (or to nobody), in one status: the queues' counts, kept by the
/// database itself. Triggers on <c>Tickets</c> change it in the same transaction as each insert, delete, and change of
/// group, assignee or status (migration <c>QueueTicketCounts</c>, one per provider), as they do for
/// <see cref="Tickets.OrganizationTicketCount"/>; only the database writes it. "No group" is group 0 and "nobody" is
/// the empty id, so that every row has a key (a primary key cannot hold a null).
/// </summary>
public sealed class QueueTicketCount
{
    public const int NoGroup = 0;
    public static readonly Guid Nobody = Guid.Empty;

    public int GroupId { get; private init; }
    public Guid AssigneeId { get; private init; }
    public int StatusId { get; private init; }
    public int Count { get; private init; }
}
