namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// "Was this article helpful?": one answer per person per article, which they may change. A signed-in reader is known
/// by their id; an anonymous one by a random key kept in a cookie.
/// </summary>
public sealed class KbVote
{
    public const int MaxCommentLength = 1000;
    public const int MaxVoterKeyLength = 64;

    public long Id { get; init; }
    public int ArticleId { get; init; }

    /// <summary><c>u:{user id}</c> or <c>a:{cookie key}</c>: one vote per key and article.</summary>
    public string VoterKey { get; init; } = "";

    public Guid? UserId { get; init; }
    public bool IsHelpful { get; set; }

    /// <summary>What was missing, when the answer is no.</summary>
    public string? Comment { get; set; }

    /// <summary>The language the article was read in.</summary>
    public string Language { get; set; } = "en";

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// An article opened from the suggestions of the request form. It counts as a request avoided ("deflected") unless the
/// same form (<see cref="FormKey"/>) is then sent.
/// </summary>
public sealed class KbSuggestionOpen
{
    public long Id { get; init; }
    public int ArticleId { get; init; }

    /// <summary>A random key the request form carries from the moment it is shown to the moment it is sent.</summary>
    public Guid FormKey { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>When the form was sent after all; null while the request is avoided.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
}
