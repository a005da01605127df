using Guichet.Web.Localization;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// The top level of the knowledge base (e.g. "Billing"): a name and a description per language, an order.
/// Readers see a category only when it holds an article they may read.
/// </summary>
public sealed class KbCategory
{
    public const int MaxNameLength = 120;
    public const int MaxDescriptionLength = 500;

    public int Id { get; init; }
    public LocalizedText Names { get; set; } = new(new Dictionary<string, string>());
    public LocalizedText Descriptions { get; set; } = new(new Dictionary<string, string>());

    /// <summary>Smaller first; ties by id.</summary>
    public int Position { get; set; }
}

/// <summary>A part of a category (e.g. "Invoices" under "Billing") holding articles in order.</summary>
public sealed class KbSection
{
    public int Id { get; init; }
    public int CategoryId { get; set; }
    public LocalizedText Names { get; set; } = new(new Dictionary<string, string>());
    public LocalizedText Descriptions { get; set; } = new(new Dictionary<string, string>());
    public int Position { get; set; }
}
