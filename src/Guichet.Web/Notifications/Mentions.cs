using System.Text.RegularExpressions;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Notifications;

/// <summary>
/// The colleagues a note names with <c>@</c>: <c>@ben.bauer</c> (the first part of their address), <c>@ben.bauer@example.com</c>
/// (the whole address) or <c>@Ben</c> (a first name no other active agent has). Only active agents and admins are found.
/// </summary>
public static partial class Mentions
{
    // Not preceded by a letter or digit: "ben@example.com" in a sentence is an address, not a mention.
    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])@([\p{L}\p{N}._%+-]+(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)")]
    private static partial Regex Handle();

    /// <summary>The handles written in a text, lower-cased, without the sentence's full stop.</summary>
    public static IReadOnlyList<string> HandlesIn(string text) =>
        Handle().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.', '-').ToLowerInvariant()).Where(h => h.Length > 0).Distinct().ToList();

    public static async Task<List<Guid>> AgentsNamedInAsync(GuichetDbContext db, string text, CancellationToken ct)
    {
        var handles = HandlesIn(text);
        if (handles.Count == 0) return [];
        var team = await AgentAccounts.ActiveStaff(db).AsNoTracking().Select(u => new { u.Id, u.Email, u.FirstName }).ToListAsync(ct);
        var firstNames = team.GroupBy(u => u.FirstName.ToLowerInvariant()).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);
        var found = new List<Guid>();
        foreach (var handle in handles)
        {
            var byAddress = team.Where(u => u.Email is { } email
                && (email.Equals(handle, StringComparison.OrdinalIgnoreCase) || email.Split('@')[0].Equals(handle, StringComparison.OrdinalIgnoreCase)))
                .Select(u => u.Id).ToList();
            if (byAddress.Count > 0) found.AddRange(byAddress);
            else if (firstNames.TryGetValue(handle, out var id)) found.Add(id);
        }
        return found.Distinct().ToList();
    }
}
