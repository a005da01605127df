using System.Globalization;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Shared;

/// <summary>
/// The side panel's form for a ticket's custom fields, on the customer's and the agent's page: the
/// fields the person may change, what they typed when it was refused, and the save.
/// </summary>
public sealed class TicketFieldsForm
{
    public const string Handler = "Fields";

    public IReadOnlyList<CustomFieldValues.TicketField> Lines { get; private set; } = [];
    public bool IsStaff { get; private set; }
    public bool MayChange { get; private set; }
    private readonly Dictionary<string, IReadOnlyList<string>> typed = [];
    private ModelStateDictionary state = new();

    public IEnumerable<CustomFieldValues.TicketField> Editable => Lines.Where(l => CustomFieldValues.MayEdit(l.Field, IsStaff));
    public bool Shown => MayChange && Editable.Any();
    public bool Refused => typed.Count > 0 || Lines.Any(l => CustomFieldInput.ErrorOf(state, l.Field) is not null);

    /// <summary>The ticket's version and newest event as the form shows them, for the pages that refuse a save made on an older one.</summary>
    public (Guid Version, long Seen)? Stamp { get; set; }

    /// <summary>Called once the page knows the ticket and its view.</summary>
    public void Show(Ticket ticket, TicketView.Details view, bool isStaff, ModelStateDictionary modelState)
    {
        (Lines, IsStaff, state) = (view.Fields, isStaff, modelState);
        MayChange = CustomFieldValues.MayChange(ticket.Status.Category, isStaff);
    }

    /// <summary>What was typed if it was refused, else the ticket's value.</summary>
    public CustomFieldInput InputFor(CustomFieldValues.TicketField line) =>
        new(line.Field, line.Required, typed.GetValueOrDefault(line.Field.Key) ?? line.Value?.Split('\n') ?? [], CustomFieldInput.ErrorOf(state, line.Field));

    /// <summary>The form comes back with what was posted rather than the ticket's values (and open), but for the fields <paramref name="except"/> names.</summary>
    public void KeepTyped(HttpRequest request, Func<string, bool>? except = null)
    {
        foreach (var key in request.Form.Keys.Where(k => k.StartsWith(CustomFieldInput.Prefix, StringComparison.Ordinal)))
            if (except?.Invoke(key[CustomFieldInput.Prefix.Length..]) != true)
                typed[key[CustomFieldInput.Prefix.Length..]] = request.Form[key].Select(v => v ?? "").ToList();
    }

    /// <summary>Changes and saves the posted fields; false with the errors in <paramref name="modelState"/> when refused.</summary>
    public async Task<bool> SaveAsync(Ticket ticket, bool isStaff, Guid actorId, DateTimeOffset now, HttpRequest request, ModelStateDictionary modelState,
        CustomFieldValues values, GuichetDbContext db, IStringLocalizer L, CancellationToken ct)
    {
        if (!CustomFieldValues.MayChange(ticket.Status.Category, isStaff))
        {
            modelState.AddModelError(string.Empty, L["This request can no longer be changed that way."]);
            return false;
        }
        var reading = await values.ChangeAsync(ticket, f => CustomFieldInput.Sent(request.Form, f), isStaff, actorId, now, CultureInfo.CurrentCulture, ct);
        if (!reading.IsValid)
        {
            foreach (var (key, error) in reading.Errors) modelState.AddModelError(CustomFieldInput.Prefix + key, error);
            KeepTyped(request);
            return false;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            modelState.AddModelError(string.Empty, L["Someone changed this request at the same time. Here it is as it is now; make your change again."]);
            return false;
        }
    }
}
