using System.ComponentModel.DataAnnotations;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Organizations;

/// <summary>The organization form, shared by the create (Index) and edit pages.</summary>
public sealed class OrganizationInput
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [StringLength(2000, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Email domains")]
    public string? Domains { get; set; }

    [Display(Name = "Members see each other's requests")]
    public bool MembersSeeEachOthersRequests { get; set; }

    /// <summary>
    /// Adds an error next to the field for a malformed domain, a name or a domain another
    /// organization has; returns the parsed domains.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(OrganizationInput input, Guid? organizationId, GuichetDbContext db,
        ModelStateDictionary modelState, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var domains = DomainList.Parse(input.Domains);
        if (domains.Any(d => !EmailDomain.IsValid(d)))
            modelState.AddModelError($"Input.{nameof(Domains)}", L["Enter domains like example.com, separated by commas."]);
        if (modelState.IsValid && await db.Organizations.AnyAsync(o => o.Id != organizationId && o.Name == input.Name!.Trim(), ct))
            modelState.AddModelError($"Input.{nameof(Name)}", L["An organization with this name exists already."]);
        if (modelState.IsValid && await DomainList.FirstTakenAsync(db, domains, organizationId, ct) is { } taken)
            modelState.AddModelError($"Input.{nameof(Domains)}", L["The domain {0} belongs to another organization.", taken]);
        return domains;
    }
}
