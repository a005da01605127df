using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Pages.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.Customers;

public sealed class InviteModel(GuichetDbContext db, Invitations invitations, UserManager<User> users, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record OrganizationChoice(Guid Id, string Name);

    [BindProperty] public InviteInput Input { get; set; } = new();
    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public async Task OnGetAsync(Guid? organization, CancellationToken ct)
    {
        Input.OrganizationId = organization;
        Input.Culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.OrganizationId is { } orgId && !await db.Organizations.AnyAsync(o => o.Id == orgId, ct))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.OrganizationId)}", L["Choose an organization from the list."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var inviter = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in agent not found.");
        var result = await invitations.InviteAsync(new Invitations.Request(Input.Email.Trim(), Input.FirstName, Input.LastName,
            Input.OrganizationId, Input.AsManager, Localization.Cultures.Match(Input.Culture) ?? Localization.Cultures.Default), inviter, ct);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Email)}", error.Description);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Flash"] = L["{0} was invited.", Input.Email.Trim()].Value;
        return Input.OrganizationId is { } id && User.IsInRole(Roles.Admin)
            ? RedirectToPage("/Admin/Organizations/Edit", new { id })
            : RedirectToPage("Index");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new OrganizationChoice(o.Id, o.Name)).ToListAsync(ct);
}

public sealed class InviteInput : InvitedPersonInput
{
    [Display(Name = "Organization")]
    public Guid? OrganizationId { get; set; }

    [Display(Name = "Manager: sees all the organization's requests")]
    public bool AsManager { get; set; }
}
