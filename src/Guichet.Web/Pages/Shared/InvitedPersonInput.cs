using System.ComponentModel.DataAnnotations;

namespace Guichet.Web.Pages.Shared;

/// <summary>Someone a member of staff invites (a customer, an agent): their name, their address, the mail's language.</summary>
public abstract class InvitedPersonInput
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

    [Display(Name = "Language of the invitation")]
    public string? Culture { get; set; }
}
