using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guichet.Web.Pages.Agent.Tickets;

/// <summary>The first queue page's address, kept for bookmarks: its views are the workspace's queues now.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet(string? view) => LocalRedirect(view switch
    {
        "mine" => "/agent?queue=mine",
        "new" => "/agent?queue=unassigned",
        "all" => "/agent?queue=all",
        _ => "/agent",
    });
}
