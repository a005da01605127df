using Guichet.Web.Attachments;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Guichet.Web.Pages.Shared;

/// <summary>
/// The file field of a message form (bound with the prefix <see cref="Prefix"/>): new files, and
/// the files of an earlier try that came back with an error, kept unless ticked for removal.
/// </summary>
public sealed class AttachmentsInput
{
    public const string Prefix = "Attachments";
    public const string ErrorKey = Prefix + "." + nameof(Files);

    public List<IFormFile> Files { get; set; } = [];
    public List<Guid> Keep { get; set; } = [];
    public List<Guid> Remove { get; set; } = [];

    /// <summary>Files of a form over the request limit, not received ("length:name"; see <c>OversizeForms</c>).</summary>
    public List<string> Dropped { get; set; } = [];

    /// <summary>What the form shows as already attached when it comes back.</summary>
    [BindNever] public IReadOnlyList<AttachmentUploads.Kept> Kept { get; private set; } = [];

    /// <summary>
    /// Stores what was sent, whatever else is wrong with the form, so that nothing has to be chosen
    /// twice; files that break a limit become errors next to the file field.
    /// </summary>
    public async Task<IReadOnlyList<PendingUpload>> ReceiveAsync(AttachmentUploads uploads, Guid ownerId, ModelStateDictionary modelState, CancellationToken ct)
    {
        var outcome = await uploads.ReceiveAsync(ownerId, Keep.Except(Remove).ToList(), Files, ct);
        foreach (var error in uploads.Refuse(Dropped).Concat(outcome.Errors)) modelState.AddModelError(ErrorKey, error);
        Kept = AttachmentUploads.Show(outcome.Files);
        return outcome.Files;
    }
}
