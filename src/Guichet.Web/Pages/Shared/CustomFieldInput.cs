using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Guichet.Web.Pages.Shared;

/// <summary>
/// One custom field on a form, as <c>_CustomFieldInput</c> draws it: posted as <c>cf.{key}</c>, with
/// what was typed (kept through errors) and its error.
/// </summary>
public sealed record CustomFieldInput(CustomField Field, bool Required, IReadOnlyList<string> Values, string? Error)
{
    public const string Prefix = "cf.";

    public string Name => Prefix + Field.Key;
    public string Id => "cf-" + Field.Key;
    public string ErrorId => Id + "-error";
    public string HelpId => Id + "-help";

    /// <summary>Types that show the field, and those that require it, for the form's script (switching type without a round trip).</summary>
    public string? ShownForTypes { get; init; }
    public string? RequiredForTypes { get; init; }
    public bool Hidden { get; init; }

    /// <summary>What the form sent for a field: null when it did not send it at all.</summary>
    public static IReadOnlyList<string>? Sent(IFormCollection form, CustomField field) =>
        form.TryGetValue(Prefix + field.Key, out var values) ? values.Select(v => v ?? "").ToList() : null;

    public static string? ErrorOf(ModelStateDictionary state, CustomField field) =>
        state.TryGetValue(Prefix + field.Key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
