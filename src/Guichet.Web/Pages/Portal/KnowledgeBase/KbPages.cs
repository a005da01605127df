using System.Globalization;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;

namespace Guichet.Web.Pages.Portal.KnowledgeBase;

/// <summary>A link of the knowledge base's breadcrumbs; the last one is the page itself (no link).</summary>
public sealed record KbCrumb(string Name, string? Url);

/// <summary>What the search box of the knowledge base (and the portal's home) needs to draw itself.</summary>
/// <param name="OfferRequests">A signed-in customer: the same box can search their requests (/requests?q=) instead.</param>
public sealed record KbSearchBox(string? Query, bool OfferRequests, string Id = "kb-q", bool Large = false);

/// <summary>What the reader pages share: the reader's language and the breadcrumbs of a section.</summary>
public static class KbPages
{
    /// <summary>The reader's language, the one the page is shown in: the translation they are offered first.</summary>
    public static string Language => Cultures.Match(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? Cultures.Default;

    /// <summary>Help center › Category › Section (the section a link too when <paramref name="linkSection"/>).</summary>
    public static List<KbCrumb> Crumbs(string home, KbStructure structure, int? categoryId, int? sectionId, bool linkSection)
    {
        var crumbs = new List<KbCrumb> { new(home, KbAddresses.Home) };
        var section = sectionId is { } s ? structure.Section(s) : null;
        if ((section?.CategoryId ?? categoryId) is { } c && structure.Category(c) is { } category)
            crumbs.Add(new(category.Names.ToString(), KbAddresses.Category(category.Id)));
        if (section is not null) crumbs.Add(new(section.Names.ToString(), linkSection ? KbAddresses.Section(section.Id) : null));
        return crumbs;
    }
}
