using Guichet.Web.Accounts;
using Guichet.Web.Tickets;

namespace Guichet.Web.Api;

/// <summary>The person behind this API request's token, and what <see cref="TicketAccess"/> needs to know about them.</summary>
public sealed class ApiCaller(CurrentUser user, CurrentViewer viewer)
{
    public Guid Id => user.RequireId();

    public Task<Viewer> ViewerAsync(CancellationToken ct) => viewer.GetAsync(ct);
}
