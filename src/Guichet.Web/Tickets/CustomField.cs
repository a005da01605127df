using Guichet.Web.Localization;

namespace Guichet.Web.Tickets;

/// <summary>
/// A field an admin adds to request forms ("Contract number"). Which request types show it, in what
/// order and whether it is required is said per type (<see cref="RequestTypeField"/>); what customers
/// may do with it is said here, once.
/// </summary>
public sealed class CustomField
{
    public int Id { get; init; }

    /// <summary>The field's stable name in the API, list columns and exports ("contract_number"): labels change, this does not.</summary>
    public required string Key { get; init; }

    /// <summary>Fixed at creation: values already stored would not mean the same under another kind.</summary>
    public CustomFieldKind Kind { get; init; }

    public required LocalizedText Labels { get; set; }
    public required LocalizedText Help { get; set; }
    public CustomerAccess CustomerAccess { get; set; } = CustomerAccess.Editable;
    public bool IsActive { get; set; } = true;
    public List<CustomFieldOption> Options { get; } = [];

    public bool HasOptions => Kind is CustomFieldKind.Dropdown or CustomFieldKind.MultiSelect;
}

public enum CustomFieldKind
{
    Text = 0,
    LongText = 1,
    Number = 2,
    Date = 3,
    Dropdown = 4,
    MultiSelect = 5,
    Checkbox = 6,
}

/// <summary>What customers get of a field on the portal, in mail and through the API. Staff always see and edit every field.</summary>
public enum CustomerAccess
{
    Hidden = 0,
    ReadOnly = 1,
    Editable = 2,
}

/// <summary>A choice of a dropdown or multi-select field. Tickets store its <see cref="Key"/>, so renaming it changes no ticket.</summary>
public sealed class CustomFieldOption
{
    public int Id { get; init; }
    public int CustomFieldId { get; init; }
    public required string Key { get; init; }
    public required LocalizedText Labels { get; set; }
    public int SortOrder { get; set; }

    /// <summary>An inactive option is no longer offered, but tickets that have it keep it and show its label.</summary>
    public bool IsActive { get; set; } = true;
}

/// <summary>A field on a request type's form: shown (by being here), required or not, where.</summary>
public sealed class RequestTypeField
{
    public int RequestTypeId { get; init; }
    public int CustomFieldId { get; init; }
    public CustomField CustomField { get; init; } = null!;
    public bool IsRequired { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// A ticket's value for one field, in the canonical form <see cref="CustomFieldValues"/> writes:
/// text as typed, numbers and dates in invariant form, option keys (one per line for a multi-select),
/// "true"/"false" for a checkbox.
/// </summary>
public sealed class TicketFieldValue
{
    public Guid TicketId { get; init; }
    public int CustomFieldId { get; init; }
    public string Value { get; set; } = "";

    /// <summary>Numbers again as a number, so that sorting a list by the field orders 9 before 10.</summary>
    public double? Number { get; set; }
}
