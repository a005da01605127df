using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Guichet.Web.Pages.Shared;

/// <summary>
/// Ties a field to its error message for assistive technology: a field with an error gets
/// <c>aria-invalid</c> and <c>aria-describedby</c> pointing at the message next to it, so a
/// screen reader reads "First name, invalid, Enter your first name." on focus.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    private const string FirstErrorFocused = "guichet:first-error-focused";

    // After the framework's helpers, which write the id and name.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            // The first field in error takes the focus: the browser scrolls to it, so on a phone
            // a refused form does not look as if nothing happened. No script needed.
            if (TakeFirstErrorFocus(ViewContext.HttpContext)) output.Attributes.SetAttribute("autofocus", "autofocus");
            var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
            output.Attributes.SetAttribute("aria-describedby", string.Join(' ', new[] { describedBy, ErrorId(name) }.Where(x => !string.IsNullOrEmpty(x))));
        }
    }

    /// <summary>True for the first field in error of the page only.</summary>
    public static bool TakeFirstErrorFocus(HttpContext context) => context.Items.TryAdd(FirstErrorFocused, true);

    public static string ErrorId(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_") + "-error";
}

/// <summary>Gives each field's message the id that <see cref="FieldErrorTagHelper"/> refers to.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorMessageTagHelper : TagHelper
{
    [HtmlAttributeName("asp-validation-for")] public ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        output.Attributes.SetAttribute("id", FieldErrorTagHelper.ErrorId(name));
        // A message that is there is an alert: assistive technology finds it, and so do tests.
        if (ViewContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
            output.Attributes.SetAttribute("role", "alert");
    }
}
