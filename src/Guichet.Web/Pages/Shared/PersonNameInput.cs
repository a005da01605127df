using System.ComponentModel.DataAnnotations;

namespace Guichet.Web.Pages.Shared;

/// <summary>
/// A person's name as every form that asks for it checks it (sign-up, profile, a guest's request);
/// the limit is the length of the <c>User</c> columns.
/// </summary>
public abstract class PersonNameInput
{
    [Required(ErrorMessage = "Enter your first name.")]
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "First name")]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessage = "Enter your last name.")]
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Last name")]
    public string LastName { get; set; } = "";
}
