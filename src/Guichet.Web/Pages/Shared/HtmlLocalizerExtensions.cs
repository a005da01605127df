using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Shared;

public static class HtmlLocalizerExtensions
{
    /// <summary>
    /// The views' localizer as the plain <see cref="IStringLocalizer"/> that capability folders take
    /// (they may not use MVC types): <c>TicketLabels.Priority(L.Strings(), p)</c>. The text comes out
    /// as a string, which Razor encodes.
    /// </summary>
    public static IStringLocalizer Strings(this IHtmlLocalizer html) => new Plain(html);

    private sealed class Plain(IHtmlLocalizer html) : IStringLocalizer
    {
        public LocalizedString this[string name] => html.GetString(name);

        public LocalizedString this[string name, params object[] arguments] => html.GetString(name, arguments);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => html.GetAllStrings(includeParentCultures);
    }
}
