using Guichet.Web.Accounts;
using Guichet.Web.Data;

namespace Guichet.Web.Tickets;

/// <summary>The <see cref="Viewer"/> of this request, as this node holds them, kept for the request.</summary>
public sealed class CurrentViewer(CurrentUser user, GuichetDbContext db, NodeCache cache)
{
    private Viewer? viewer;

    public async Task<Viewer> GetAsync(CancellationToken ct) =>
        viewer ??= await Viewer.ForAsync(db, cache, user.RequireId(), ct);
}
