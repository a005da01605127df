using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;

namespace Guichet.Web.Api;

/// <summary>The person behind this API request's token, and what <see cref="TicketAccess"/> needs to know about them.</summary>
public sealed class ApiCaller(CurrentUser user, GuichetDbContext db, NodeCache cache)
{
    private Viewer? viewer;

    public Guid Id => user.RequireId();

    public async Task<Viewer> ViewerAsync(CancellationToken ct) => viewer ??= await Viewer.ForAsync(db, cache, Id, ct);
}
