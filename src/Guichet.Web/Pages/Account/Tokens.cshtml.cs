using System.ComponentModel.DataAnnotations;
using Guichet.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Account;

/// <summary>The personal access tokens of the signed-in person: make one (its secret shown once), see them, revoke one.</summary>
[Authorize]
public sealed class TokensModel(PersonalAccessTokens tokens, CurrentUser me, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public TokenInput Input { get; set; } = new();
    public IReadOnlyList<PersonalAccessToken> Tokens { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The secret of the token just made. Rendered in this response only: never stored, never redirected with.</summary>
    public string? NewSecret { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var expiresAt = Input.ExpiresInDays is 30 or 90 or 365 ? time.GetUtcNow().AddDays(Input.ExpiresInDays) : (DateTimeOffset?)null;
        NewSecret = (await tokens.IssueAsync(me.RequireId(), Input.Name, expiresAt, ct)).Secret;
        Input = new TokenInput();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (await tokens.RevokeAsync(me.RequireId(), id, ct)) TempData["Flash"] = L["The token was revoked."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Tokens = await tokens.ListAsync(me.RequireId(), ct);
    }
}

public sealed class TokenInput
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(PersonalAccessTokens.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Token name")]
    public string Name { get; set; } = "";

    /// <summary>0 means the token does not expire.</summary>
    [Display(Name = "Expires")]
    public int ExpiresInDays { get; set; } = 90;
}
