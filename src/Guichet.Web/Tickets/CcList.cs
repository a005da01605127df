using System.Net.Mail;

namespace Guichet.Web.Tickets;

/// <summary>The CC field: addresses separated by commas, semicolons, spaces or lines.</summary>
public static class CcList
{
    public sealed record Parsed(IReadOnlyList<string> Valid, IReadOnlyList<string> Invalid);

    public static Parsed Parse(string? text)
    {
        var valid = new List<string>();
        var invalid = new List<string>();
        foreach (var part in (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (MailAddress.TryCreate(part, out var address) && address.Address == part && part.Contains('.', StringComparison.Ordinal))
                valid.Add(address.Address);
            else
                invalid.Add(part);
        }
        return new Parsed(valid.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), invalid);
    }
}
