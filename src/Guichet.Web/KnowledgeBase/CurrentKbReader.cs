using Guichet.Web.Accounts;
using Guichet.Web.Tickets;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// The reader of this HTTP request, for <see cref="KbAccess"/>: anonymous, or the signed-in person as this node holds
/// them (<see cref="CurrentViewer"/>: a change of role or membership is seen within a second).
/// </summary>
public sealed class CurrentKbReader(CurrentUser user, CurrentViewer viewer)
{
    private KbReader? reader;

    public async Task<KbReader> GetAsync(CancellationToken ct) =>
        reader ??= user.IsSignedIn ? KbReader.Of(await viewer.GetAsync(ct)) : KbReader.Anonymous;
}
