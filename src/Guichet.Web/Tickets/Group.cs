using Guichet.Web.Accounts;

namespace Guichet.Web.Tickets;

/// <summary>A team of agents; a ticket belongs to one group, whose agents see it.</summary>
public sealed class Group
{
    public int Id { get; init; }
    public string Name { get; set; } = "";
    public List<GroupMember> Members { get; } = [];
}

public sealed class GroupMember
{
    public int GroupId { get; init; }
    public Guid UserId { get; init; }
    public User User { get; init; } = null!;
}
