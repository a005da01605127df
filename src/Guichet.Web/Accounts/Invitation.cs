using Guichet.Web.Organizations;

namespace Guichet.Web.Accounts;

/// <summary>An agent's or admin's invitation of a contact into an organization.</summary>
public sealed class Invitation
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public User User { get; init; } = null!;
    public Guid? OrganizationId { get; init; }
    public Organization? Organization { get; init; }
    public Guid InvitedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; private set; }

    public void Accept(DateTimeOffset now) => AcceptedAt ??= now;
}
