using Microsoft.AspNetCore.Identity;

namespace Guichet.Web.Accounts;

/// <summary>A person who signs in: a customer (contact), an agent or an admin.</summary>
/// <remarks>
/// A contact created by an agent, an invitation or an inbound mail exists before it has a
/// password; <see cref="IdentityUser{TKey}.PasswordHash"/> stays null until the person
/// verifies their address and chooses one.
/// </remarks>
public sealed class User : IdentityUser<Guid>
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? JobTitle { get; set; }

    /// <summary>Culture name (en, fr, de, es, it); null means "follow the browser".</summary>
    public string? Culture { get; set; }

    /// <summary>IANA time zone id; null means UTC.</summary>
    public string? TimeZone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When an admin deactivated the account (an agent who left): it can no longer sign in, its sessions and tokens stop
    /// working, and nothing it did is removed. Null while active.
    /// </summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    public bool IsDeactivated => DeactivatedAt is not null;

    /// <summary>
    /// Since when mail to this address bounces for good (a delivery report, or the server refusing it); null while it works.
    /// Shown to agents; cleared when the person writes to us again.
    /// </summary>
    public DateTimeOffset? MailFailingSince { get; set; }
    public string? MailFailure { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();

    public List<OrganizationMembership> Memberships { get; } = [];

    public static User NewContact(string email, string firstName, string lastName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = email.Trim(),
        UserName = email.Trim(),
        FirstName = firstName.Trim(),
        LastName = lastName.Trim(),
        CreatedAt = now,
        SecurityStamp = Guid.NewGuid().ToString("N"),
    };
}
