using System.ComponentModel.DataAnnotations;
using Guichet.Web.KnowledgeBase;

namespace Guichet.Web.Pages.Agent.KnowledgeBase;

/// <summary>An article's text in one language as the editor types it (posted as Input.*).</summary>
public sealed class ArticleTextInput
{
    [Required(ErrorMessage = "Enter a title.")]
    [StringLength(KbTranslation.MaxTitleLength, ErrorMessage = "Use at most {1} characters.")]
    public string? Title { get; set; }

    [StringLength(KbTranslation.MaxKeywordsLength, ErrorMessage = "Use at most {1} characters.")]
    public string? Keywords { get; set; }

    [StringLength(KbTranslation.MaxBodyLength, ErrorMessage = "Use at most {1} characters.")]
    public string? Body { get; set; }

    public KbText ToText() => new(Title ?? "", Body ?? "", Keywords ?? "");

    public static ArticleTextInput Of(KbTranslation? translation) =>
        new() { Title = translation?.Title, Keywords = translation?.Keywords, Body = translation?.BodyMarkdown };
}

/// <summary>Where an article sits and who reads it (posted as Settings.*).</summary>
public sealed class ArticleSettingsInput
{
    public int SectionId { get; set; }
    public KbVisibility Visibility { get; set; } = KbVisibility.Public;
    public List<Guid> OrganizationIds { get; set; } = [];

    public static ArticleSettingsInput Of(KbArticle article) => new()
    {
        SectionId = article.SectionId, Visibility = article.Visibility, OrganizationIds = article.Organizations.ConvertAll(o => o.OrganizationId),
    };
}
