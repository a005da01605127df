using System.ComponentModel.DataAnnotations;
using Guichet.Web.Accounts;

namespace Guichet.Web.Pages.Admin.Agents;

/// <summary>A member of the support team as the invitation form asks for them.</summary>
public sealed class AgentInviteInput
{
    [Required(ErrorMessage = "Enter the first name.")]
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "First name")]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessage = "Enter the last name.")]
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Last name")]
    public string LastName { get; set; } = "";

    [Required(ErrorMessage = "Enter the email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(254, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    public AgentAccounts.Role Role { get; set; } = AgentAccounts.Role.Agent;

    public List<int> GroupIds { get; set; } = [];

    [Display(Name = "Language of the invitation")]
    public string? Culture { get; set; }
}
