using Guichet.Web.Attachments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>
/// Every error of /api/v1 as RFC 9457 ProblemDetails, its title and detail in the request's
/// language. Clients branch on the status (and the field names of errors), never on the text.
/// </summary>
public sealed class ApiProblems(IStringLocalizer<SharedResource> L, IOptions<AttachmentOptions> attachments)
{
    public ProblemHttpResult NotFound() =>
        Problem(StatusCodes.Status404NotFound, L["Not found"], L["This does not exist, or you may not see it."]);

    public ProblemHttpResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, L["Sign-in required"], L["Send a valid personal access token in the Authorization header: Bearer gch_..."]);

    public ProblemHttpResult SignInFailed() =>
        Problem(StatusCodes.Status401Unauthorized, L["Sign-in failed"], L["The email or the password is not right. After 5 failed attempts, the account is locked for 15 minutes."]);

    public ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: L["Some fields are not valid."]);

    public ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Fields the caller sent but may not set: 422, each field named.</summary>
    public ProblemHttpResult NotAllowed(IReadOnlyCollection<string> fields)
    {
        var problem = Problem(StatusCodes.Status422UnprocessableEntity, L["Not allowed"], L["Your account may not set these fields: {0}", string.Join(", ", fields)]);
        problem.ProblemDetails.Extensions["errors"] = fields.ToDictionary(f => f, _ => new[] { L["Your account may not set this field."].Value });
        return problem;
    }

    /// <summary>A part of the API for the support team only (the queues).</summary>
    public ProblemHttpResult StaffOnly() =>
        Problem(StatusCodes.Status403Forbidden, L["For the support team"], L["Only agents and admins may use this."]);

    /// <summary>A part of the API for admins only (the journal, the team's accounts).</summary>
    public ProblemHttpResult AdminsOnly() =>
        Problem(StatusCodes.Status403Forbidden, L["For administrators"], L["Only admins may use this."]);

    /// <summary>A macro the caller may use but not change: shared with them by someone else.</summary>
    public ProblemHttpResult NotYourMacro() =>
        Problem(StatusCodes.Status403Forbidden, L["This macro is someone else's"], L["You may change your own macros; admins, every shared one."]);

    /// <summary>A saved view the caller sees but may not change: a colleague's, or one of a group they left.</summary>
    public ProblemHttpResult NotYourView() =>
        Problem(StatusCodes.Status403Forbidden, L["This view is not yours to change."], L["You may change your own views (shared ones while you are in their group); admins, every shared one."]);

    /// <summary>A ticket's time, asked for by a customer where the portal keeps it to the team.</summary>
    public ProblemHttpResult TimeNotShared() =>
        Problem(StatusCodes.Status403Forbidden, L["Time is not shared with customers"], L["Only the support team sees and logs time here."]);

    public ProblemHttpResult NotYourEntry() =>
        Problem(StatusCodes.Status403Forbidden, L["This entry is someone else's"], L["You may correct or take off only the time you logged."]);

    public ProblemHttpResult NeedsFollowUp(long number) =>
        Problem(StatusCodes.Status409Conflict, L["This request is closed"], L["A reply would not reopen it. Open a new request with followUpOf set to {0}.", number]);

    /// <summary>A rule refused the change (the last administrator, one's own account): the rule's own sentence says which.</summary>
    public ProblemHttpResult Refused(string why) =>
        Problem(StatusCodes.Status409Conflict, L["This change is not possible now"], why);

    public ProblemHttpResult StatusChangeRefused() =>
        Problem(StatusCodes.Status409Conflict, L["This change is not possible now"], L["The request's current status does not allow it."]);

    public ProblemHttpResult ChangedMeanwhile() =>
        Problem(StatusCodes.Status409Conflict, L["Someone else changed this request"], L["Load it again, then repeat your change."]);

    public ProblemHttpResult ChangedSinceRead() =>
        Problem(StatusCodes.Status412PreconditionFailed, L["This request changed since you read it"], L["Read it again (it has a new ETag), then repeat your change."]);

    public ProblemHttpResult NotesChangedSinceRead() =>
        Problem(StatusCodes.Status412PreconditionFailed, L["These notes changed since you read them"], L["Read them again (they have a new ETag and their history says what changed), then repeat your change."]);

    public ProblemHttpResult IdempotencyKeyReused() =>
        Problem(StatusCodes.Status422UnprocessableEntity, L["This Idempotency-Key was used for another request"], L["Use a new key for a new request."]);

    public ProblemHttpResult IdempotencyKeyInProgress() =>
        Problem(StatusCodes.Status409Conflict, L["A request with this Idempotency-Key is in progress"], L["Wait a moment, then try again."]);

    public ProblemHttpResult UnsupportedContentType(bool multipart) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, L["Unsupported content type"], multipart
            ? L["Send JSON here. Files go only with a new request or a new message, as multipart/form-data."]
            : L["Send the request as JSON (Content-Type: application/json)."]);

    public ProblemHttpResult MalformedJson() =>
        Problem(StatusCodes.Status400BadRequest, L["The request was not understood"], L["The body is not valid JSON of the expected shape."]);

    /// <summary>A body over what the request may carry (see <see cref="ApiRequestLimits"/>), the limit in words.</summary>
    public ProblemHttpResult TooLarge(bool multipart) =>
        Problem(StatusCodes.Status413PayloadTooLarge, L["Too much to send"], multipart
            ? L["Files may be at most {0} each and {1} in all per message.", FileSizes.Format(attachments.Value.MaxFileBytes), FileSizes.Format(attachments.Value.MaxTotalBytesPerMessage)]
            : L["A request's JSON may be at most {0}. Files are sent as multipart/form-data.", FileSizes.Format(AttachmentOptions.MaxTextBytes)]);

    /// <summary>For what the endpoints did not answer themselves: status code pages, the rate limiter, exceptions.</summary>
    public ProblemHttpResult ForStatus(int status, HttpRequest request) => status switch
    {
        // Routing refuses a body its endpoint does not accept before the endpoint runs.
        StatusCodes.Status415UnsupportedMediaType => UnsupportedContentType(multipart: request.HasFormContentType),
        StatusCodes.Status401Unauthorized => Unauthorized(),
        StatusCodes.Status403Forbidden => Problem(status, L["Not allowed"], L["Your account may not do this."]),
        StatusCodes.Status404NotFound => NotFound(),
        StatusCodes.Status413PayloadTooLarge => TooLarge(ApiRequestLimits.IsMultipart(request)),
        StatusCodes.Status405MethodNotAllowed => Problem(status, L["Method not allowed"], L["This address does not accept this HTTP method."]),
        StatusCodes.Status429TooManyRequests => Problem(status, L["Too many attempts"], L["Wait a minute, then try again."]),
        >= 500 => Problem(status, L["Something went wrong"], L["We could not finish this. Try again in a moment."]),
        _ => Problem(status, L["The request was not understood"], L["Check the request's JSON and parameters."]),
    };

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
