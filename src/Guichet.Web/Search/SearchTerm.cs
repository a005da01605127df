namespace Guichet.Web.Search;

/// <summary>One term of a <see cref="SearchQuery"/>: a word, or a phrase of words that must follow each other.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool IsPrefix);
