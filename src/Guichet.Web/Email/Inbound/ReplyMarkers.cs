using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// The lines mail clients write around what they quote, in English, French, German, Spanish and Italian:
/// attributions ("On … wrote:"), Outlook's separators and header blocks, signature delimiters and the
/// footers of mobile apps. Shared by the text and the HTML trimming; each check looks at one short line.
/// </summary>
internal static partial class ReplyMarkers
{
    public enum HeaderField { None, From, Date, To, Subject, Other }

    // Longer than any real attribution, even wrapped over three lines: nothing longer is tested at all.
    private const int MaxAttributionLength = 400;

    private static readonly ImmutableArray<string> AttributionOpeners = ["On ", "Le ", "Am ", "El ", "Il "];

    // Outlook (desktop, web, mobile) writes these before the quoted message, with the words of the writer's language.
    private static readonly FrozenDictionary<string, HeaderField> HeaderFields = new Dictionary<string, HeaderField>(StringComparer.OrdinalIgnoreCase)
    {
        ["From"] = HeaderField.From, ["De"] = HeaderField.From, ["Von"] = HeaderField.From, ["Da"] = HeaderField.From,
        ["Sent"] = HeaderField.Date, ["Date"] = HeaderField.Date, ["Envoyé"] = HeaderField.Date, ["Gesendet"] = HeaderField.Date,
        ["Datum"] = HeaderField.Date, ["Enviado"] = HeaderField.Date, ["Enviado el"] = HeaderField.Date, ["Fecha"] = HeaderField.Date,
        ["Inviato"] = HeaderField.Date, ["Data"] = HeaderField.Date,
        ["To"] = HeaderField.To, ["À"] = HeaderField.To, ["A"] = HeaderField.To, ["An"] = HeaderField.To, ["Para"] = HeaderField.To,
        ["Subject"] = HeaderField.Subject, ["Objet"] = HeaderField.Subject, ["Sujet"] = HeaderField.Subject, ["Betreff"] = HeaderField.Subject,
        ["Asunto"] = HeaderField.Subject, ["Oggetto"] = HeaderField.Subject,
        ["Cc"] = HeaderField.Other, ["Cci"] = HeaderField.Other, ["Bcc"] = HeaderField.Other, ["CCO"] = HeaderField.Other,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // "-----Original Message-----" and the like, once the dashes are taken off.
    private static readonly FrozenSet<string> OriginalMessage = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Original Message", "Message d'origine", "Message d’origine", "Message original", "Ursprüngliche Nachricht", "Original-Nachricht",
        "Originalnachricht", "Mensaje original", "Messaggio originale");

    private static readonly FrozenSet<string> ForwardedMessage = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Forwarded message", "Message transféré", "Weitergeleitete Nachricht", "Mensaje reenviado", "Messaggio inoltrato",
        "Begin forwarded message:", "Début du message réexpédié :", "Début du message réexpédié:", "Anfang der weitergeleiteten Nachricht:",
        "Inicio del mensaje reenviado:", "Inizio messaggio inoltrato:");

    private static readonly ImmutableArray<string> ForwardSubjectPrefixes = ["FW:", "FWD:", "TR:", "WG:", "RV:", "I:"];

    /// <summary>The first words of the footers <see cref="IsMobileFooter"/> knows, to look closer only at what may be one.</summary>
    private static readonly FrozenSet<string> FooterFirstWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Sent", "Get", "Envoyé", "Obtenir", "Télécharger", "Von", "Gesendet", "Outlook", "Enviado", "Obtener", "Descargar", "Inviato", "Scarica", "Ottieni");

    /// <summary>
    /// An attribution line, whole (a wrapped one joined with spaces): "On Mon, Dec 7, 2026 at 10:00 AM Ana &lt;ana@…&gt; wrote:",
    /// "Le … a écrit :", "Am … schrieb …:", "El … escribió:", "Il giorno … ha scritto:". It must also name a time or an
    /// address, as every client's does: "On Monday I wrote:" in a customer's own text is not one.
    /// </summary>
    public static bool IsAttribution(string line)
    {
        var text = line.Trim();
        if (text.Length is < 10 or > MaxAttributionLength || text[^1] != ':') return false;
        text = text.Normalize(NormalizationForm.FormC);   // Apple Mail may send "é" as e + accent
        return (text.Contains('@') || HasTime(text)) && Attribution().IsMatch(text);
    }

    /// <summary>Whether a line may begin an attribution that continues on the next lines (Gmail wraps them).</summary>
    public static bool MayStartAttribution(string line)
    {
        var text = line.TrimStart();
        return text.Length < MaxAttributionLength && AttributionOpeners.Any(o => text.StartsWith(o, StringComparison.Ordinal));
    }

    /// <summary>The field an Outlook header line starts with ("From:", "De :", "*Betreff:*"), if it is one.</summary>
    public static HeaderField Header(string line)
    {
        var text = line.AsSpan().TrimStart().TrimStart('*');
        var colon = text.IndexOf(':');
        if (colon < 1 || colon > 16) return HeaderField.None;
        return HeaderFields.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text[..colon].Trim().TrimEnd('*').Trim(), out var field) ? field : HeaderField.None;
    }

    /// <summary>
    /// Whether an Outlook header block (its lines, from "From:" on) heads a forwarded message: Outlook writes the same
    /// block for both, only the subject tells ("FW:", "TR:", "WG:", "RV:", "I:").
    /// </summary>
    public static bool IsForwardHeader(IEnumerable<string> lines)
    {
        foreach (var line in lines.Take(20))
        {
            if (Header(line) != HeaderField.Subject) continue;
            var value = line[(line.IndexOf(':') + 1)..].TrimStart();
            return ForwardSubjectPrefixes.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        }
        return false;
    }

    public static bool IsOutlookSeparator(string line) => IsDashed(line, OriginalMessage);

    /// <summary>A forwarded message is what the customer meant to send: it is never trimmed.</summary>
    public static bool IsForwardSeparator(string line) => IsDashed(line, ForwardedMessage) || ForwardedMessage.Contains(line.Trim());

    /// <summary>Outlook's "________________________________" above a header block.</summary>
    public static bool IsUnderscores(string line)
    {
        var text = line.AsSpan().Trim();
        return text.Length >= 10 && !text.ContainsAnyExcept('_');
    }

    /// <summary>The signature delimiter "-- " (RFC 3676), also without its space, which many clients strip.</summary>
    public static bool IsSignatureDelimiter(string line) => line.AsSpan().TrimEnd() is "--";

    /// <summary>A mobile app's footer, the whole line: "Sent from my iPhone", "Obtenir Outlook pour iOS".</summary>
    public static bool IsMobileFooter(string line)
    {
        if (!MayBeMobileFooter(line)) return false;
        var text = line.Trim();
        return MobileFooter().IsMatch(text.Normalize(NormalizationForm.FormC));
    }

    /// <summary>A cheap first look: whether the text is short and starts with a footer's first word.</summary>
    public static bool MayBeMobileFooter(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length is 0 or > 100) return false;
        var space = trimmed.IndexOfAny(' ', '\u00A0');
        return FooterFirstWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(space < 0 ? trimmed : trimmed[..space]);
    }

    /// <summary>Runs of white space (new lines of an HTML source, non-breaking spaces) as one space.</summary>
    public static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    private static bool IsDashed(string line, FrozenSet<string> names)
    {
        var text = line.AsSpan().Trim();
        return text.Length > 6 && text.StartsWith("--") && text.EndsWith("--") && names.Contains(text.Trim('-').Trim().ToString());
    }

    // "10:00" ("10.00" in some locales): every client writes the time of the message it quotes. "10h00" is left
    // out on purpose: no client writes it, people do ("Le 3 déc. à 14h30, le technicien a écrit :").
    private static bool HasTime(string text)
    {
        for (var i = 1; i + 2 < text.Length; i++)
            if (text[i] is ':' or '.' && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2]))
                return true;
        return false;
    }

    [GeneratedRegex(@"^(On\s.+\swrote|Le\s.+\sa\s+écrit|Am\s.+\sschrieb(\s.+)?|.+\sschrieb\s+am\s.+|El\s.+\sescribió|Il\s.+\sha\s+scritto)\s?:$",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();

    // Whole lines only, each as an app or a phone maker writes it: "Sent from my iPhone", "Von meinem Samsung Galaxy Smartphone gesendet.".
    [GeneratedRegex(@"^(Sent from my .{1,40}|Sent (from|with|via|using) (Outlook|Yahoo Mail|Mail for Windows|Samsung|AOL|Gmail|BlueMail|Spark|Proton ?Mail|the ).{0,40}|Get Outlook for (iOS|Android)"
        + @"|Envoyé (de|depuis) mon .{1,40}|Envoyé (de|depuis|à partir de|avec) (Outlook|Yahoo Mail|Courrier|Mail pour Windows|l'application|l’application|Gmail).{0,40}|(Obtenir|Télécharger) Outlook pour (iOS|Android)"
        + @"|Von meinem .{1,40} gesendet|Gesendet (von|mit|über) (meinem|Outlook|Yahoo Mail|Mail für Windows|der|dem|BlueMail|Proton ?Mail).{0,40}|Outlook für (iOS|Android) (beziehen|herunterladen)"
        + @"|Enviado desde mi .{1,40}|Enviado (desde|con) (Outlook|Yahoo Mail|Correo|el|la|Gmail).{0,40}|(Obtener|Descargar) Outlook para (iOS|Android)"
        + @"|Inviato da (iPhone|iPad|iPod|Android|Outlook|Yahoo Mail|Posta|smartphone|dispositivo|Gmail|Libero|Mail per Windows).{0,40}|Inviato dal mio .{1,40}|(Scarica|Ottieni) Outlook per (iOS|Android))\.?$",
        RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MobileFooter();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
