using Guichet.Web.Accounts;
using Guichet.Web.Localization;
using Guichet.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent;

/// <summary>An agent's own settings: a signature per language, their notifications by mail and in the bell, out of office.</summary>
public sealed class ProfileModel(AgentProfiles profiles, CurrentUser me, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>The kinds of notification, in the order the page lists them.</summary>
    public static readonly AgentNotice[] Kinds = [AgentNotice.NewInMyGroups, AgentNotice.CustomerReplied, AgentNotice.AssignedToMe, AgentNotice.Mentioned];

    [BindProperty] public ProfileInput Input { get; set; } = new();

    /// <summary>Out of office until this date was chosen and has passed: said on the page so that it is not a surprise.</summary>
    public bool IsAway { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var profile = await profiles.GetAsync(me.RequireId(), ct);
        IsAway = profile.IsAway(time.GetUtcNow());
        Input = new ProfileInput
        {
            Signatures = Cultures.Supported.ToDictionary(c => c, c => (string?)profile.Signature[c]),
            ByMail = [.. Kinds.Where(k => profile.ByMail.HasFlag(k))],
            InApp = [.. Kinds.Where(k => profile.InApp.HasFlag(k))],
            Away = IsAway,
            BackOn = IsAway && profile.AwayUntil is { } until ? DateOnly.FromDateTime(me.ToLocal(until).DateTime) : null,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var (culture, text) in Input.Signatures)
        {
            if (Cultures.Match(culture) is null) ModelState.AddModelError("Input.Signatures", L["Choose one of: {0}.", string.Join(", ", Cultures.Supported)]);
            else if (text?.Length > AgentProfile.MaxSignatureLength)
                ModelState.AddModelError($"Input.Signatures[{culture}]", L["Use at most {0} characters.", AgentProfile.MaxSignatureLength]);
        }
        // "Back on" a day: from midnight that day where the agent lives.
        DateTimeOffset? until = Input.Away && Input.BackOn is { } day
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), me.TimeZone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime()
            : null;
        if (until <= now) ModelState.AddModelError("Input.BackOn", L["Choose a day after today, or none."]);
        if (!ModelState.IsValid)
        {
            IsAway = Input.Away;
            return Page();
        }

        await profiles.SaveAsync(me.RequireId(), profile =>
        {
            profile.Signature = new LocalizedText(Input.Signatures.ToDictionary(s => s.Key, s => s.Value ?? ""));
            profile.ByMail = Input.ByMail.Where(Kinds.Contains).Aggregate(AgentNotice.None, (all, k) => all | k);
            profile.InApp = Input.InApp.Where(Kinds.Contains).Aggregate(AgentNotice.None, (all, k) => all | k);
            // Away since the first save that said so: saving the signature meanwhile does not move it.
            profile.AwaySince = Input.Away ? (profile.IsAway(now) ? profile.AwaySince : now) : null;
            profile.AwayUntil = until;
        }, ct);
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
