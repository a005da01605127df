using Guichet.Web.Localization;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// Who reads which article: the one rule, as a query (lists, home pages, API), as a check on a loaded article (its
/// page, its files, votes) and as search tokens (<see cref="ScopeOf"/> against <see cref="TokensOf"/>).
/// Published articles only, unless an editor previews; public ones for everyone; "signed in" for any signed-in
/// person; "organizations" for their people; everything for the team.
/// </summary>
public static class KbAccess
{
    public static IQueryable<KbArticle> ReadableBy(this IQueryable<KbArticle> articles, KbReader reader, DateTimeOffset now,
        bool withDrafts = false)
    {
        if (!(withDrafts && reader.IsEditor)) articles = articles.Where(a => a.PublishAt != null && a.PublishAt <= now);
        if (reader.IsStaff) return articles;
        if (!reader.IsSignedIn) return articles.Where(a => a.Visibility == KbVisibility.Public);
        var organizations = reader.OrganizationIds;
        return articles.Where(a => a.Visibility == KbVisibility.Public || a.Visibility == KbVisibility.SignedIn
            || (a.Visibility == KbVisibility.Organizations && a.Organizations.Any(o => organizations.Contains(o.OrganizationId))));
    }

    /// <summary>The same rule for an article loaded with its <see cref="KbArticle.Organizations"/>.</summary>
    public static bool CanRead(KbArticle article, KbReader reader, DateTimeOffset now, bool withDrafts = false)
    {
        if (!article.IsPublishedAt(now) && !(withDrafts && reader.IsEditor)) return false;
        return reader.IsStaff || article.Visibility switch
        {
            KbVisibility.Public => true,
            KbVisibility.SignedIn => reader.IsSignedIn,
            KbVisibility.Organizations => reader.IsSignedIn && article.Organizations.Any(o => reader.OrganizationIds.Contains(o.OrganizationId)),
            _ => false,
        };
    }

    /// <summary>
    /// The translation a reader of <paramref name="language"/> sees: theirs when it is ready, else the source language's.
    /// Editors previewing see drafts too. Null when there is nothing to show.
    /// </summary>
    public static KbTranslation? TranslationFor(KbArticle article, string language, bool withDrafts = false)
    {
        var ready = article.Translations.Where(t => withDrafts || !t.IsDraft).ToList();
        return ready.FirstOrDefault(t => t.Language == language)
            ?? ready.FirstOrDefault(t => t.Language == article.SourceLanguage)
            ?? ready.FirstOrDefault();
    }

    /// <summary>
    /// The search tokens of a translation's document: who may read it (v_...) and which readers' languages it serves
    /// (l_...): its own, and for the source translation every language the article has no ready translation in.
    /// </summary>
    public static IReadOnlyList<string> TokensOf(KbArticle article, KbTranslation translation)
    {
        var tokens = article.Visibility switch
        {
            KbVisibility.Public => ["v_public"],
            KbVisibility.SignedIn => ["v_signedin"],
            KbVisibility.Organizations => article.Organizations.Select(o => OrganizationToken(o.OrganizationId)).ToList(),
            _ => new List<string> { "v_internal" },
        };
        tokens.Add(LanguageToken(translation.Language));
        if (translation.Language == article.SourceLanguage)
        {
            var ready = article.Translations.Where(t => !t.IsDraft).Select(t => t.Language).ToHashSet();
            tokens.AddRange(Cultures.Supported.Where(l => !ready.Contains(l)).Select(LanguageToken));
        }
        return tokens;
    }

    /// <summary>The visibility tokens a reader's search must match one of; null for the team, who read everything.</summary>
    public static IReadOnlyList<string>? ScopeOf(KbReader reader) =>
        reader.IsStaff ? null
        : !reader.IsSignedIn ? ["v_public"]
        : ["v_public", "v_signedin", .. reader.OrganizationIds.Select(OrganizationToken)];

    public static string LanguageToken(string language) => $"l_{language}";

    private static string OrganizationToken(Guid id) => $"v_org_{id:N}";
}
