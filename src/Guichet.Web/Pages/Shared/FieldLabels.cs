using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc.Localization;

namespace Guichet.Web.Pages.Shared;

/// <summary>The words for kinds of fields and what customers get of them, in the reader's language.</summary>
public static class FieldLabels
{
    public static LocalizedHtmlString Kind(IHtmlLocalizer L, CustomFieldKind kind) => kind switch
    {
        CustomFieldKind.Text => L["Text"],
        CustomFieldKind.LongText => L["Long text"],
        CustomFieldKind.Number => L["Numeric"],
        CustomFieldKind.Date => L["Date"],
        CustomFieldKind.Dropdown => L["Dropdown list"],
        CustomFieldKind.MultiSelect => L["Several choices"],
        _ => L["Checkbox"],
    };

    public static LocalizedHtmlString Access(IHtmlLocalizer L, CustomerAccess access) => access switch
    {
        CustomerAccess.Hidden => L["Hidden (support only)"],
        CustomerAccess.ReadOnly => L["Read-only"],
        _ => L["Editable"],
    };
}
