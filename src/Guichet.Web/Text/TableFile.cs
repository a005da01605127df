using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Guichet.Web.Text;

/// <summary>
/// A table as a file people open in a spreadsheet: CSV (UTF-8 with a byte-order mark, RFC 4180 quoting, nothing a
/// spreadsheet would run as a formula) or XLSX (numbers and dates kept as such, so that they sum and sort). Headings
/// must be unique: a spreadsheet's columns are keyed by them.
/// </summary>
public static class TableFile
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file in <paramref name="format"/> ("xlsx", anything else is CSV), named <paramref name="name"/> plus its extension.</summary>
    public static async Task<(byte[] Content, string ContentType, string FileName)> WriteAsync(string format, string name,
        IReadOnlyList<string> headings, IEnumerable<object?[]> lines, CancellationToken ct) =>
        format == "xlsx"
            ? (await XlsxAsync(headings, lines, ct), XlsxType, name + ".xlsx")
            : (Csv(headings, lines), CsvType, name + ".csv");

    public static byte[] Csv(IReadOnlyList<string> headings, IEnumerable<object?[]> lines)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', headings.Select(Quote)).Append("\r\n");
        foreach (var line in lines)
            csv.AppendJoin(',', line.Select(v => Quote(v switch
            {
                DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
            }))).Append("\r\n");
        // A byte-order mark, or Excel reads UTF-8 as the local code page and accents break.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static async Task<byte[]> XlsxAsync(IReadOnlyList<string> headings, IEnumerable<object?[]> lines, CancellationToken ct)
    {
        var sheet = lines.Select(line => headings.Zip(line).ToDictionary(p => p.First, p => p.Second is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : p.Second)).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>RFC 4180 quoting, and a leading quote on what a spreadsheet would run as a formula.</summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.Contains('"') || value.Contains(',') || value.Contains('\n') || value.Contains('\r') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
