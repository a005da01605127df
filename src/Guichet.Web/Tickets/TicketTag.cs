using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// A word the team puts on a request to find it again ("vip", "printer", "refund"): internal, never shown to customers.
/// Stored normalized (see <see cref="Normalize"/>), one row per tag, so that a queue filters by tag from an index.
/// </summary>
public sealed class TicketTag
{
    public const int MaxLength = 40;
    public const int MaxPerTicket = 20;

    public Guid TicketId { get; init; }
    public string Name { get; init; } = "";

    /// <summary>
    /// A tag as written, made comparable: lower-case, spaces become hyphens, letters (any alphabet), digits, '-', '_' and
    /// '.' kept, the rest dropped; null when nothing is left or it is too long.
    /// </summary>
    public static string? Normalize(string? text)
    {
        var kept = new StringBuilder();
        foreach (var c in (text ?? "").Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_' or '.') kept.Append(c);
            else if (char.IsWhiteSpace(c) && kept.Length > 0 && kept[^1] != '-') kept.Append('-');
        }
        var tag = kept.ToString().Trim('-', '.');
        return tag.Length is > 0 and <= MaxLength ? tag : null;
    }

    /// <summary>The tags of a text (separated by commas, semicolons or new lines), normalized, without repeats, in order.</summary>
    public static (IReadOnlyList<string> Tags, IReadOnlyList<string> Refused) Parse(string? text)
    {
        var tags = new List<string>();
        var refused = new List<string>();
        foreach (var part in (text ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Normalize(part) is { } tag) { if (!tags.Contains(tag)) tags.Add(tag); }
            else refused.Add(part);
        }
        return (tags, refused);
    }

    internal static void Build(ModelBuilder builder) => builder.Entity<TicketTag>(t =>
    {
        t.ToTable("TicketTags");
        t.HasKey(x => new { x.TicketId, x.Name });
        t.Property(x => x.Name).HasMaxLength(MaxLength);
        t.HasOne<Ticket>().WithMany(x => x.Tags).HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        // A queue filtered by a tag reads the tag's tickets from here.
        t.HasIndex(x => new { x.Name, x.TicketId });
    });
}
