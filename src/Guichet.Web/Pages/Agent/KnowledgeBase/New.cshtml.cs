using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Guichet.Web.Pages.Shared;
using Guichet.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.KnowledgeBase;

/// <summary>
/// A new article: its section, the language it is written in, its text, its files and who reads it; saved as a draft or
/// published at once. The files are kept with the article before its text is written, as on the article's page.
/// </summary>
public sealed class NewModel(GuichetDbContext db, NodeCache cache, KbAuthoring authoring, AttachmentUploads uploads, RichText richText, CurrentUser me,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public ArticleTextInput Input { get; set; } = new();
    [BindProperty] public ArticleSettingsInput Settings { get; set; } = new();
    [BindProperty] public string Language { get; set; } = Cultures.Default;

    /// <summary>The article editor's file field (same limits and messages); files received with a form that comes back are kept.</summary>
    [BindProperty(Name = AttachmentsInput.Prefix)] public AttachmentsInput Attachments { get; set; } = new();

    public KbStructure Structure { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Organizations { get; private set; } = [];
    public string? PreviewHtml { get; private set; }

    public async Task OnGetAsync(int? section, CancellationToken ct)
    {
        await LoadAsync(ct);
        Language = Cultures.Match(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? Cultures.Default;
        Settings.SectionId = section ?? Structure.Sections.FirstOrDefault()?.Id ?? 0;
    }

    public async Task<IActionResult> OnPostAsync(bool publish, CancellationToken ct)
    {
        // First, whatever else is wrong: a form that comes back keeps the files received.
        var received = await Attachments.ReceiveAsync(uploads, me.RequireId(), ModelState, ct);
        if (ModelState.IsValid)
        {
            var (article, problem) = await authoring.CreateAsync(me.RequireId(), Settings.SectionId, Language, Input.ToText(), Settings.Visibility,
                Settings.OrganizationIds, received, ct);
            if (article is not null && publish) problem = await authoring.PublishAsync(me.RequireId(), article.Id, null, ct);
            if (article is not null)
            {
                TempData["Flash"] = (publish ? L["The article is published."] : L["The draft was saved."]).Value;
                return Redirect($"/agent/kb/articles/{article.Id}");
            }
            ModelState.AddModelError(ArticleModel.FieldOf(problem!.Value), KbLabels.Problem(L, problem.Value));
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task OnPostPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();   // a preview of what was typed, not a verdict on it
        // Received and kept for the save, not shown: the files have no address before the article exists.
        await Attachments.ReceiveAsync(uploads, me.RequireId(), ModelState, ct);
        await LoadAsync(ct);
        PreviewHtml = richText.FromMarkdown(Input.Body ?? "").Html;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Structure = await KbStructure.GetAsync(db, cache, ct);
        Organizations = await ArticleModel.OrganizationsAsync(db, ct);
    }
}
