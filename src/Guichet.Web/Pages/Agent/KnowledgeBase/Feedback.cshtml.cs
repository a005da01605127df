using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guichet.Web.Pages.Agent.KnowledgeBase;

/// <summary>What readers said of an article (helpful or not, the comments of those it did not help) and how often it answered a question before it became a request.</summary>
public sealed class FeedbackModel(GuichetDbContext db, KbVotes votes) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public string Title { get; private set; } = "";
    public KbFeedback Feedback { get; private set; } = null!;
    public int Votes => Feedback.Helpful + Feedback.NotHelpful;

    public static string Percent(int part, int whole) => whole == 0 ? "—" : ((double)part / whole).ToString("P0");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ArticleModel.TitleAsync(db, Id, ct) is not { } title) return NotFound();
        Title = title;
        Feedback = await votes.FeedbackAsync(Id, ct);
        return Page();
    }
}
