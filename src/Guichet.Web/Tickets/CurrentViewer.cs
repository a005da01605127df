using Guichet.Web.Accounts;
using Guichet.Web.Data;

namespace Guichet.Web.Tickets;

/// <summary>The <see cref="Viewer"/> of this request, read once from the database and kept for the request.</summary>
public sealed class CurrentViewer(CurrentUser user, GuichetDbContext db)
{
    private Viewer? viewer;

    public async Task<Viewer> GetAsync(CancellationToken ct) =>
        viewer ??= await Viewer.ForAsync(db, user.RequireId(), ct);
}
