using Guichet.Web.Search;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// What the knowledge base's search index holds for one translation, keyed by its id: who may read it and for which
/// readers' languages (<see cref="KbAccess.TokensOf"/>), then its title, keywords and body, each searched with its own
/// weight (a word of the title counts most).
/// </summary>
internal sealed record KbDocument(int TranslationId, IReadOnlyList<string> Scope, string Title, string Keywords, string Body)
{
    /// <summary>Characters of body indexed: the start of a long article says what it is about.</summary>
    public const int MaxBodyLength = 100_000;

    public static KbDocument Of(KbArticle article, KbTranslation translation) => new(
        translation.Id, KbAccess.TokensOf(article, translation),
        IndexedText.Of([translation.Title], KbTranslation.MaxTitleLength * 2),
        IndexedText.Of([translation.Keywords], KbTranslation.MaxKeywordsLength * 2),
        IndexedText.Of([translation.BodyText], MaxBodyLength));
}
