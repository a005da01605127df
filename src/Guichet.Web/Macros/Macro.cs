using Guichet.Web.Accounts;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Macros;

/// <summary>Who may use a macro: its author alone, the members of a group, or the whole team.</summary>
public enum MacroScope
{
    Personal = 0,
    Group = 1,
    Everyone = 2,
}

/// <summary>
/// A canned reply: a text per language with placeholders (<c>{{ ticket.number }}</c>, <c>{{ requester.first_name }}</c>…,
/// see <see cref="MacroRendering"/>), and what it sets when the reply is sent: a status, a priority, whether it is an
/// internal note.
/// </summary>
public sealed class Macro
{
    public const int MaxNameLength = 200;
    public const int MaxBodyLength = 20_000;

    public int Id { get; init; }
    public string Name { get; set; } = "";

    /// <summary>The text by language; the requester's language is picked, then English, then any.</summary>
    public LocalizedText Bodies { get; set; } = new(new Dictionary<string, string>());

    public MacroScope Scope { get; set; }

    /// <summary>The author: the only one who may use a personal macro, and who may always change their macros.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>For <see cref="MacroScope.Group"/>: the group whose members may use it.</summary>
    public int? GroupId { get; set; }

    public int? SetStatusId { get; set; }
    public TicketPriority? SetPriority { get; set; }
    public bool AsInternalNote { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    internal static void Build(ModelBuilder builder) => builder.Entity<Macro>(m =>
    {
        m.ToTable("Macros");
        m.Property(x => x.Name).HasMaxLength(MaxNameLength);
        m.Property(x => x.Bodies).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>();
        m.Property(x => x.SetPriority).HasConversion<string>().HasMaxLength(20);
        m.HasOne<User>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        m.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        m.HasOne<Status>().WithMany().HasForeignKey(x => x.SetStatusId).OnDelete(DeleteBehavior.SetNull);
        m.HasIndex(x => new { x.Scope, x.GroupId });
        m.HasIndex(x => x.OwnerId);
    });
}
