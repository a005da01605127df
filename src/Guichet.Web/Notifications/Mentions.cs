using System.Text.RegularExpressions;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Search;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Notifications;

/// <summary>
/// The colleagues a note names with <c>@</c>: <c>@ben.bauer</c> (the first part of their address), <c>@ben.bauer@example.com</c>
/// (the whole address) or <c>@Ben</c> (a first name no other active agent has). Only active agents and admins are found,
/// and of those, only the ones who see the request are told (<see cref="AgentNotifier"/>): <see cref="SuggestAsync"/>
/// offers exactly those, with the handle that names them and nobody else.
/// </summary>
public static partial class Mentions
{
    /// <summary>How many colleagues the reply box suggests at once.</summary>
    public const int Suggested = 8;

    // Not preceded by a letter or digit: "ben@example.com" in a sentence is an address, not a mention.
    // wwwroot/js/mentions.js finds the handle being typed with the same characters.
    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])@([\p{L}\p{N}._%+-]+(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)")]
    private static partial Regex Handle();

    private sealed record Colleague(Guid Id, string Email, string FirstName, string LastName);

    /// <summary>A colleague who may be mentioned on a request, and what to write after <c>@</c> to name them.</summary>
    public sealed record Suggestion(string Name, string Email, string Handle);

    /// <summary>The handles written in a text, lower-cased, without the sentence's full stop.</summary>
    public static IReadOnlyList<string> HandlesIn(string text) =>
        Handle().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.', '-').ToLowerInvariant()).Where(h => h.Length > 0).Distinct().ToList();

    public static async Task<List<Guid>> AgentsNamedInAsync(GuichetDbContext db, string text, CancellationToken ct)
    {
        var handles = HandlesIn(text);
        if (handles.Count == 0) return [];
        var team = await TeamAsync(db, ct);
        var firstNames = team.GroupBy(u => u.FirstName.ToLowerInvariant()).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);
        var found = new List<Guid>();
        foreach (var handle in handles)
        {
            var byAddress = team.Where(u => u.Email.Equals(handle, StringComparison.OrdinalIgnoreCase) || LocalPart(u.Email).Equals(handle, StringComparison.OrdinalIgnoreCase))
                .Select(u => u.Id).ToList();
            if (byAddress.Count > 0) found.AddRange(byAddress);
            else if (firstNames.TryGetValue(handle, out var id)) found.Add(id);
        }
        return found.Distinct().ToList();
    }

    /// <summary>
    /// The colleagues who may be mentioned on this request (the active team, and of it those who see the request: the others
    /// would not be told), but the one writing (nobody is told of their own note), whose name or address begins with what
    /// was typed, accents and case aside; by name.
    /// </summary>
    public static async Task<List<Suggestion>> SuggestAsync(GuichetDbContext db, NodeCache cache, Ticket ticket, Guid writer, string? typed, CancellationToken ct)
    {
        var typedFolded = TextFolding.Fold(typed ?? "");
        var words = Words(typedFolded);
        if (words.Length == 0) return [];
        var team = await TeamAsync(db, ct);
        var found = new List<Suggestion>();
        foreach (var u in team.Where(u => u.Id != writer && Matches(u, typedFolded, words)).OrderBy(u => Named(u), StringComparer.CurrentCultureIgnoreCase))
        {
            if (found.Count == Suggested) break;
            if (!(await Viewer.ForAsync(db, cache, u.Id, ct)).Sees(ticket)) continue;
            found.Add(new Suggestion(Named(u), u.Email, HandleOf(u, team)));
        }
        return found;
    }

    /// <summary>
    /// What names this colleague alone: the first part of their address, unless a colleague's address has the same first part
    /// (both would be told), then the whole address. Never the first name, which a colleague may come to share.
    /// </summary>
    private static string HandleOf(Colleague colleague, List<Colleague> team)
    {
        var local = LocalPart(colleague.Email);
        var shared = team.Count(u => LocalPart(u.Email).Equals(local, StringComparison.OrdinalIgnoreCase)) > 1;
        var handle = shared ? colleague.Email : local;
        // An address with characters a handle cannot hold (rare) is named by what the note would recognize of it.
        return HandlesIn("@" + handle).SingleOrDefault() == handle.ToLowerInvariant() ? handle : colleague.Email;
    }

    // Each word typed begins a word of the name ("ben.b" finds Ben Bauer), or the whole of it begins the address.
    private static bool Matches(Colleague u, string typed, string[] words)
    {
        var name = Words(TextFolding.Fold($"{u.FirstName} {u.LastName}"));
        return words.All(w => name.Any(n => n.StartsWith(w, StringComparison.Ordinal))) || TextFolding.Fold(u.Email).StartsWith(typed, StringComparison.Ordinal);
    }

    private static string[] Words(string text) => text.Split([' ', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries);

    private static string Named(Colleague u) => PersonName.Of(u.FirstName, u.LastName, u.Email);

    private static string LocalPart(string email) => email.Split('@')[0];


    private static Task<List<Colleague>> TeamAsync(GuichetDbContext db, CancellationToken ct) =>
        AgentAccounts.ActiveStaff(db).AsNoTracking().Where(u => u.Email != null)
            .Select(u => new Colleague(u.Id, u.Email!, u.FirstName, u.LastName)).ToListAsync(ct);
}
