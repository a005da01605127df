using System.ComponentModel.DataAnnotations;
using Guichet.Web.Pages.Shared;

namespace Guichet.Web.Pages.Portal.Requests;

/// <summary>What a visitor who is not signed in adds to the request form (_GuestFields.cshtml).</summary>
public sealed class GuestInput : PersonNameInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(254, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    /// <summary>Whose files the form carries back after an error (<see cref="Web.Portal.GuestRequests.UploadOwner"/>).</summary>
    public string? UploadKey { get; set; }
}
