using Guichet.Web.Accounts;
using Guichet.Web.Localization;
using Guichet.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent;

/// <summary>An agent's own settings: a signature per language, their notifications by mail and in the bell, out of office.</summary>
public sealed class ProfileModel(AgentProfiles profiles, CurrentUser me, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>The kinds of notification, in the order the page lists them.</summary>
    public static readonly AgentNotice[] Kinds = AgentProfiles.Kinds;

    [BindProperty] public ProfileInput Input { get; set; } = new();

    /// <summary>Out of office until this date was chosen and has passed: said on the page so that it is not a surprise.</summary>
    public bool IsAway { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var settings = await profiles.SettingsAsync(me.RequireId(), me.TimeZone, ct);
        IsAway = settings.Away;
        Input = new ProfileInput
        {
            Signatures = settings.Signatures.ToDictionary(),
            ByMail = [.. settings.ByMail],
            InApp = [.. settings.InApp],
            Away = settings.Away,
            BackOn = settings.BackOn,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var refused = await profiles.SaveAsync(me.RequireId(),
            new AgentProfiles.Settings(Input.Signatures, Input.ByMail, Input.InApp, Input.Away, Input.BackOn), me.TimeZone, ct);
        foreach (var refusal in refused)
            ModelState.AddModelError(refusal switch
            {
                { Field: "signatures", Culture: { } culture } => $"Input.Signatures[{culture}]",
                { Field: "signatures" } => "Input.Signatures",
                { Field: "backOn" } => "Input.BackOn",
                _ => "Input",
            }, refusal.Message);
        if (!ModelState.IsValid)
        {
            IsAway = Input.Away;
            return Page();
        }
        TempData["Flash"] = L["Your settings were saved."].Value;
        return Redirect("/agent/profile");
    }
}

public sealed class ProfileInput
{
    public Dictionary<string, string?> Signatures { get; set; } = [];
    public List<AgentNotice> ByMail { get; set; } = [];
    public List<AgentNotice> InApp { get; set; } = [];
    public bool Away { get; set; }
    public DateOnly? BackOn { get; set; }
}
