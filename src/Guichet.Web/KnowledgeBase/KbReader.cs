using Guichet.Web.Tickets;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// Who reads the knowledge base, with what <see cref="KbAccess"/> needs: signed in or not, staff or not, editor or
/// not, and the organizations they belong to.
/// </summary>
public sealed record KbReader(Guid? UserId, bool IsStaff, bool IsEditor, IReadOnlyList<Guid> OrganizationIds)
{
    public static readonly KbReader Anonymous = new(null, false, false, []);

    public bool IsSignedIn => UserId is not null;

    public static KbReader Of(Viewer viewer) => new(viewer.UserId, viewer.IsStaff, viewer.IsEditor, viewer.MemberOf);
}
