using Guichet.Web.Accounts;
using Guichet.Web.Tickets;

namespace Guichet.Web.KnowledgeBase;

/// <summary>The <see cref="KbReader"/> of this request: the signed-in person (session or API token), else an anonymous visitor.</summary>
public sealed class CurrentKbReader(CurrentUser user, CurrentViewer viewer)
{
    public async Task<KbReader> GetAsync(CancellationToken ct) =>
        user.IsSignedIn ? KbReader.Of(await viewer.GetAsync(ct)) : KbReader.Anonymous;
}
