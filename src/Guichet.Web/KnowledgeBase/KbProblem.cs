namespace Guichet.Web.KnowledgeBase;

/// <summary>Why an editor's change was refused; pages and the API say it in the editor's language.</summary>
public enum KbProblem
{
    TitleRequired,
    TitleTooLong,
    BodyTooLong,
    KeywordsTooLong,
    UnknownLanguage,
    NoSuchSection,
    NoSuchArticle,
    NoOrganizations,

    /// <summary>The source language's translation is what every other reader falls back to: it cannot be a draft of a published article, nor be deleted.</summary>
    SourceTranslationRequired,

    NameRequired,
    NotEmpty,

    /// <summary>Ordering a section's articles: the article is no longer in that section (someone moved it meanwhile).</summary>
    NotInSection,
}

/// <summary>An editor's text for one language of an article.</summary>
public sealed record KbText(string Title, string BodyMarkdown, string Keywords);
