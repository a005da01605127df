using System.Globalization;
using Guichet.Web;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Guichet.Tests.Tickets;

/// <summary>
/// What people type in custom fields becomes a stored value, and a stored value reads in the reader's
/// language, with the app's own resources (Parse, Read and Display do not touch the database).
/// </summary>
public sealed class CustomFieldValuesTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr");

    private static readonly CustomFieldValues Values = new(null!, null!, null!, new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)));

    private static int nextId;

    private static CustomField Field(CustomFieldKind kind, CustomerAccess access = CustomerAccess.Editable, params (string Key, string En, string Fr, bool Active)[] options)
    {
        var field = new CustomField
        {
            Id = Interlocked.Increment(ref nextId), Key = $"{kind.ToString().ToLowerInvariant()}_{nextId}", Kind = kind, CustomerAccess = access,
            Labels = new LocalizedText(new Dictionary<string, string> { ["en"] = kind.ToString() }), Help = new LocalizedText(new Dictionary<string, string>()),
        };
        field.Options.AddRange(options.Select((o, i) => new CustomFieldOption
        {
            Key = o.Key, SortOrder = (i + 1) * 10, IsActive = o.Active,
            Labels = new LocalizedText(new Dictionary<string, string> { ["en"] = o.En, ["fr"] = o.Fr }),
        }));
        return field;
    }

    private static readonly (string, string, string, bool)[] Rights = [("read", "Read", "Lecture", true), ("write", "Write", "Écriture", true), ("old", "Old", "Ancien", false)];

    /// <summary>Parses as a request in that language would (messages in the UI culture, numbers and dates in the culture).</summary>
    private static (string? Value, double? Number, string? Error) Parse(CustomField field, CultureInfo culture, string? current, params string[] typed) =>
        Cultures.With(culture.Name, () =>
        {
            var (value, error) = Values.Parse(field, typed, culture, current);
            return (value.Value, value.Number, error);
        });

    private static string Spaces(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    [Theory]
    [InlineData("fr", "1 234,5", 1234.5)]
    [InlineData("fr", "1\u202F234,5", 1234.5)]
    [InlineData("fr", "12,75", 12.75)]
    [InlineData("fr", "1234.5", 1234.5)]   // what a number input sends whatever the language
    [InlineData("en", "1234.5", 1234.5)]
    [InlineData("en", "1,234.5", 1234.5)]
    [InlineData("en", " -3 ", -3)]
    public void A_number_is_read_as_typed_in_the_readers_language_and_stored_invariantly(string culture, string typed, double expected)
    {
        var (value, number, error) = Parse(Field(CustomFieldKind.Number), CultureInfo.GetCultureInfo(culture), null, typed);
        Assert.Null(error);
        Assert.Equal(expected, number);
        Assert.Equal(expected.ToString("R", CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("fr", "douze", "Saisissez un nombre.")]
    [InlineData("fr", "1.234,5", "Saisissez un nombre.")]
    [InlineData("en", "Infinity", "Enter a number.")]
    [InlineData("en", "12 apples", "Enter a number.")]
    public void Something_that_is_not_a_number_is_refused_in_the_readers_language(string culture, string typed, string message) =>
        Assert.Equal(message, Parse(Field(CustomFieldKind.Number), CultureInfo.GetCultureInfo(culture), null, typed).Error);

    [Fact]
    public void A_number_reads_with_the_readers_separators()
    {
        var field = Field(CustomFieldKind.Number);
        Assert.Equal("1 234,5", Spaces(Values.Display(field, "1234.5", Fr)));
        Assert.Equal("1,234.5", Values.Display(field, "1234.5", En));
        Assert.Equal("12", Values.Display(field, "12", En));
        Assert.Equal("0,3", Values.Display(field, "0.30000000000000004", Fr));
        Assert.Equal("", Values.Display(field, null, En));
    }

    [Theory]
    [InlineData("fr", "2026-03-31")]
    [InlineData("fr", "31/03/2026")]
    [InlineData("en", "3/31/2026")]
    [InlineData("en", "2026-03-31")]
    public void A_date_is_read_in_the_readers_format_or_as_a_date_input_sends_it(string culture, string typed)
    {
        var (value, _, error) = Parse(Field(CustomFieldKind.Date), CultureInfo.GetCultureInfo(culture), null, typed);
        Assert.Null(error);
        Assert.Equal("2026-03-31", value);
    }

    [Fact]
    public void An_impossible_date_is_refused_with_an_example_in_the_readers_format()
    {
        var field = Field(CustomFieldKind.Date);
        Assert.Equal("Saisissez une date, par exemple 31/03/2026.", Parse(field, Fr, null, "31/02/2026").Error);
        Assert.Equal("Enter a date, for example 3/31/2026.", Parse(field, En, null, "31/03/2026").Error);
        Assert.Equal("31/03/2026", Values.Display(field, "2026-03-31", Fr));
        Assert.Equal("3/31/2026", Values.Display(field, "2026-03-31", En));
    }

    [Fact]
    public void A_dropdown_takes_an_offered_choice_and_shows_its_label()
    {
        var field = Field(CustomFieldKind.Dropdown, CustomerAccess.Editable, Rights);
        Assert.Equal(("write", (double?)null, (string?)null), Parse(field, En, null, "write"));
        Assert.Equal("Choose a value from the list.", Parse(field, En, null, "delete").Error);
        // A choice no longer offered is refused, except on the ticket that already has it.
        Assert.Equal("Choisissez une valeur dans la liste.", Parse(field, Fr, null, "old").Error);
        Assert.Equal("old", Parse(field, En, "old", "old").Value);
        Assert.Equal("Écriture", Values.Display(field, "write", Fr));
        Assert.Equal("Ancien", Values.Display(field, "old", Fr));
        Assert.Equal("gone", Values.Display(field, "gone", Fr));
    }

    [Fact]
    public void A_multi_select_stores_its_choices_in_the_lists_order()
    {
        var field = Field(CustomFieldKind.MultiSelect, CustomerAccess.Editable, Rights);
        // A form sends an empty value first, so that ticking nothing is an answer.
        Assert.Equal("read\nwrite", Parse(field, En, null, "", "write", "read").Value);
        Assert.Null(Parse(field, En, null, "").Value);
        Assert.Null(Parse(field, En, null, "").Error);
        Assert.Equal("Choose values from the list.", Parse(field, En, null, "", "read", "root").Error);
        Assert.Equal("Lecture, Écriture", Values.Display(field, "read\nwrite", Fr));
    }

    [Fact]
    public void A_checkbox_is_ticked_or_empty_and_reads_yes_or_no()
    {
        var field = Field(CustomFieldKind.Checkbox);
        // The form's hidden "false" comes with the box's "true" when it is ticked.
        Assert.Equal("true", Parse(field, En, null, "false", "true").Value);
        Assert.Equal("true", Parse(field, En, null, "on").Value);
        Assert.Null(Parse(field, En, null, "false").Value);
        Assert.Equal("Oui", Cultures.With("fr", () => Values.Display(field, "true", Fr)));
        Assert.Equal("No", Cultures.With("en", () => Values.Display(field, null, En)));
    }

    [Fact]
    public void Texts_are_trimmed_long_texts_keep_their_lines_and_both_have_a_limit()
    {
        Assert.Equal("Settings › Users", Parse(Field(CustomFieldKind.Text), En, null, "  Settings › Users ").Value);
        Assert.Null(Parse(Field(CustomFieldKind.Text), En, null, "   ").Value);
        Assert.Equal("Open it.\nClick.\n\nNothing.", Parse(Field(CustomFieldKind.LongText), En, null, "Open it.\r\nClick.\r\n\r\nNothing.").Value);
        Assert.Equal("Use at most 500 characters.", Parse(Field(CustomFieldKind.Text), En, null, new string('x', 501)).Error);
        Assert.Null(Parse(Field(CustomFieldKind.LongText), En, null, new string('x', 5000)).Error);
        Assert.Equal("Enter only one value.", Parse(Field(CustomFieldKind.Text), En, null, "one", "two").Error);
    }

    [Fact]
    public void A_form_fills_only_what_the_person_may_edit_and_asks_for_what_is_required()
    {
        var text = Field(CustomFieldKind.Text);
        var box = Field(CustomFieldKind.Checkbox);
        var list = Field(CustomFieldKind.Dropdown, CustomerAccess.Editable, Rights);
        var readOnly = Field(CustomFieldKind.Text, CustomerAccess.ReadOnly);
        var hidden = Field(CustomFieldKind.Text, CustomerAccess.Hidden);
        RequestTypeField[] ofType = [.. new[] { text, box, list, readOnly, hidden }.Select((f, i) => new RequestTypeField { CustomField = f, CustomFieldId = f.Id, IsRequired = i < 3 })];
        var sent = new Dictionary<CustomField, string[]> { [text] = [""], [box] = ["false"], [readOnly] = ["forged"], [hidden] = ["forged"] };

        var customer = Cultures.With("fr", () => Values.Read(ofType, f => sent.GetValueOrDefault(f), isStaff: false, partial: false, Fr));
        Assert.Equal(new Dictionary<string, string>
        {
            [text.Key] = "Remplissez ce champ.", [box.Key] = "Cochez cette case pour continuer.", [list.Key] = "Choisissez une valeur.",
        }, customer.Errors);
        Assert.DoesNotContain(customer.Values, v => v.Field == readOnly || v.Field == hidden);

        sent[text] = ["Here"];
        sent[box] = ["false", "true"];
        sent[list] = ["read"];
        var staff = Values.Read(ofType, f => sent.GetValueOrDefault(f), isStaff: true, partial: false, En);
        Assert.True(staff.IsValid);
        Assert.Equal(new Dictionary<string, string>
        {
            [text.Key] = "Here", [box.Key] = "true", [list.Key] = "read", [readOnly.Key] = "forged", [hidden.Key] = "forged",
        }, staff.ToStore());

        // A partial change (an API PATCH) leaves alone what it does not name, even a required field.
        var partial = Values.Read(ofType, f => f == list ? ["write"] : null, isStaff: false, partial: true, En);
        Assert.True(partial.IsValid);
        Assert.Equal([list], partial.Values.Select(v => v.Field));
    }
}
