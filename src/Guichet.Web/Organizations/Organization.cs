using Guichet.Web.Accounts;

namespace Guichet.Web.Organizations;

/// <summary>A client company whose people open requests.</summary>
public sealed class Organization
{
    public Guid Id { get; init; }
    public string Name { get; private set; } = "";

    /// <summary>When true, every member sees the requests of the other members.</summary>
    public bool MembersSeeEachOthersRequests { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public const int MaxNotesLength = 4_000;

    /// <summary>What the support team knows of the client (contract, habits, who to call); agents only, never customers.</summary>
    public string? Notes { get; private set; }

    /// <summary>
    /// How many times the notes were saved (0: never since their history is kept), and the number of their newest
    /// <see cref="OrganizationNoteRevision"/>. A concurrency token: of two saves made from the same revision, one is refused.
    /// </summary>
    public int NotesRevision { get; private set; }

    public List<OrganizationDomain> Domains { get; } = [];
    public List<OrganizationMembership> Memberships { get; } = [];

    public Organization(Guid id, string name, DateTimeOffset createdAt)
    {
        Id = id;
        Rename(name);
        CreatedAt = createdAt;
    }

    private Organization() { }

    /// <summary>New notes (trimmed and checked by <see cref="OrganizationNotes"/>): the next revision, to be kept in their history.</summary>
    public OrganizationNoteRevision ChangeNotes(string? notes, Guid by, DateTimeOffset at)
    {
        Notes = notes;
        NotesRevision++;
        return new OrganizationNoteRevision { OrganizationId = Id, Number = NotesRevision, Notes = notes, ById = by, At = at };
    }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    /// <summary>Replaces the email domains; returns false (and changes nothing) when one is not a domain.</summary>
    public bool SetDomains(IEnumerable<string> domains)
    {
        var normalized = domains.Select(EmailDomain.Normalize).Distinct().ToList();
        if (normalized.Any(d => !EmailDomain.IsValid(d))) return false;
        Domains.RemoveAll(d => !normalized.Contains(d.Domain));
        foreach (var d in normalized.Where(d => Domains.All(x => x.Domain != d)))
            Domains.Add(new OrganizationDomain { OrganizationId = Id, Domain = d });
        return true;
    }

    public OrganizationMembership AddMember(User user, bool isManager = false)
    {
        var existing = Memberships.FirstOrDefault(m => m.UserId == user.Id);
        if (existing is not null)
        {
            existing.IsManager |= isManager;
            return existing;
        }
        var membership = new OrganizationMembership { OrganizationId = Id, UserId = user.Id, User = user, IsManager = isManager };
        Memberships.Add(membership);
        return membership;
    }
}
