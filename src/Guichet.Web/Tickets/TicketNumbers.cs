using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>A named counter row; <see cref="TicketNumbers"/> takes the next value in one statement.</summary>
public sealed class NumberSequence
{
    public const string Tickets = "tickets";
    public string Name { get; init; } = "";
    public long Next { get; set; }
}

/// <summary>
/// Public ticket numbers. One UPDATE … RETURNING, inside the caller's transaction: concurrent
/// creators queue on the counter row (PostgreSQL row lock, SQLite's single writer), so no two
/// tickets share a number and a rolled-back creation does not burn one.
/// </summary>
public sealed class TicketNumbers(GuichetDbContext db)
{
    public const long First = 1001;

    /// <summary>A request's number as a person types it ("1042", " #1042 "); null when it is not one.</summary>
    public static long? Typed(string? text) =>
        long.TryParse(text?.Trim().TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number : null;

    public async Task<long> NextAsync(CancellationToken ct)
    {
        var values = await db.Database.SqlQueryRaw<long>(
            "UPDATE \"NumberSequences\" SET \"Next\" = \"Next\" + 1 WHERE \"Name\" = {0} RETURNING \"Next\" - 1 AS \"Value\"",
            NumberSequence.Tickets).ToListAsync(ct);
        return values.Count == 1 ? values[0] : throw new InvalidOperationException("The ticket number sequence is missing.");
    }
}
