using System.Text.Json;
using Guichet.Web.Tickets;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Api;

/// <summary>
/// Custom field values as API clients send them, <c>"fields": {"version": "4.2", "people_concerned": 12}</c>,
/// turned into what <see cref="CustomFieldValues"/> reads. Errors are named <c>fields.{key}</c>.
/// </summary>
public sealed record ApiFieldValues(
    Func<CustomField, IReadOnlyList<string>?> Sent, Dictionary<string, string[]> Errors, IReadOnlyList<string> NotAllowed)
{
    public const string Prefix = "fields.";

    /// <summary>Checks the keys against the type's fields and what the caller may set, and reads each value's JSON.</summary>
    public static ApiFieldValues Read(IReadOnlyDictionary<string, JsonElement> sent, IReadOnlyList<RequestTypeField> ofType, bool isStaff, IStringLocalizer L)
    {
        var errors = new Dictionary<string, string[]>();
        var notAllowed = new List<string>();
        var values = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (key, json) in sent)
        {
            var field = ofType.FirstOrDefault(f => f.CustomField.Key == key)?.CustomField;
            if (field is null || !CustomFieldValues.MaySee(field, isStaff)) errors[Prefix + key] = [L["This field does not exist."]];
            else if (!CustomFieldValues.MayEdit(field, isStaff)) notAllowed.Add(Prefix + key);
            else if (Typed(json) is { } typed) values[key] = typed;
            else errors[Prefix + key] = [L["Give a text, a number, true or false, or a list of texts."]];
        }
        return new ApiFieldValues(f => values.GetValueOrDefault(f.Key), errors, notAllowed);
    }

    public static Dictionary<string, string[]> Named(IReadOnlyDictionary<string, string> errors) =>
        errors.ToDictionary(e => Prefix + e.Key, e => new[] { e.Value });

    /// <summary>JSON as the texts a form would have sent; null is "empty it", an object is not a value.</summary>
    private static IReadOnlyList<string>? Typed(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Null => [],
        JsonValueKind.String => [json.GetString()!],
        JsonValueKind.Number => [json.GetRawText()],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        JsonValueKind.Array when json.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
            json.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList(),
        _ => null,
    };
}
