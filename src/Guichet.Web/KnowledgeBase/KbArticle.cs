namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// An article: where it sits (section, order), who may read it, when it is published, and its text in one or more
/// languages (<see cref="KbTranslation"/>). Its id is its address (<c>/kb/articles/{id}-{slug}</c>), which survives
/// any change of title.
/// </summary>
public sealed class KbArticle
{
    public int Id { get; init; }
    public int SectionId { get; set; }
    public int Position { get; set; }

    /// <summary>The language it was written in: what a reader sees when there is no translation in theirs.</summary>
    public string SourceLanguage { get; set; } = "en";

    public KbVisibility Visibility { get; set; }

    /// <summary>For <see cref="KbVisibility.Organizations"/>: whose people may read it.</summary>
    public List<KbArticleOrganization> Organizations { get; init; } = [];

    /// <summary>Null while a draft; readers see it from this moment (a future moment is a scheduled publication).</summary>
    public DateTimeOffset? PublishAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public Guid CreatedById { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid UpdatedById { get; set; }

    /// <summary>How many times readers opened it (editors' own visits not counted): "most read" on the home pages.</summary>
    public long Views { get; set; }

    public List<KbTranslation> Translations { get; init; } = [];

    public bool IsPublishedAt(DateTimeOffset now) => PublishAt is { } at && at <= now;
}

/// <summary>An organization whose people may read an article of <see cref="KbVisibility.Organizations"/>.</summary>
public sealed class KbArticleOrganization
{
    public int ArticleId { get; init; }
    public Guid OrganizationId { get; init; }
}

/// <summary>
/// An article in one language. A translation may stay a draft while the article is published (a translator's work in
/// progress); readers of that language then see the source language, with a note.
/// </summary>
public sealed class KbTranslation
{
    public const int MaxTitleLength = 200;
    public const int MaxKeywordsLength = 500;
    public const int MaxBodyLength = 200_000;

    /// <summary>Also the row of its document in the search index (KbSearch).</summary>
    public int Id { get; init; }

    public int ArticleId { get; init; }
    public string Language { get; init; } = "en";
    public string Title { get; set; } = "";

    /// <summary>The title made an address part ("reset-your-password"); only decorative, the id finds the article.</summary>
    public string Slug { get; set; } = "";

    /// <summary>What the editor typed (Markdown), kept to edit it again.</summary>
    public string BodyMarkdown { get; set; } = "";

    /// <summary>The body as shown: <see cref="BodyMarkdown"/> rendered and sanitized.</summary>
    public string BodyHtml { get; set; } = "";

    /// <summary>The body as plain text: what search indexes and excerpts are cut from.</summary>
    public string BodyText { get; set; } = "";

    /// <summary>Words readers may search with that the text does not use ("invoice bill receipt").</summary>
    public string Keywords { get; set; } = "";

    public bool IsDraft { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid UpdatedById { get; set; }
}
