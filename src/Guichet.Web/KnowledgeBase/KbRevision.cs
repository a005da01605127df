namespace Guichet.Web.KnowledgeBase;

/// <summary>What a change to an article was, for its history.</summary>
public enum KbChange
{
    Created = 0,
    Edited = 1,
    Translated = 2,
    Published = 3,
    Scheduled = 4,
    Unpublished = 5,
    Moved = 6,
    VisibilityChanged = 7,
    TranslationDeleted = 8,
    FileAdded = 9,
    FileRemoved = 10,

    /// <summary>Moved up or down within its section; <see cref="KbRevision.Detail"/> holds the places ("3 → 2").</summary>
    Reordered = 11,
}

/// <summary>
/// One line of an article's history: who changed what, when. A change of text keeps the whole text as it became,
/// so that an editor can read any earlier version; other changes say what they changed in <see cref="Detail"/>.
/// </summary>
public sealed class KbRevision
{
    public long Id { get; init; }
    public int ArticleId { get; init; }
    public KbChange Change { get; init; }

    /// <summary>The translation the change was made to; null for a change to the whole article.</summary>
    public string? Language { get; init; }

    public Guid ById { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>The text after the change, for <see cref="KbChange.Created"/>, <see cref="KbChange.Edited"/> and <see cref="KbChange.Translated"/>.</summary>
    public string? Title { get; init; }
    public string? BodyMarkdown { get; init; }
    public string? Keywords { get; init; }

    /// <summary>What else changed, in words that do not depend on the reader's language ("Public → Internal", a file name, a date).</summary>
    public string? Detail { get; init; }
}
