using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Guichet.Web.Attachments;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Guichet.Web.Api;

/// <summary>
/// The body of POST /api/v1/tickets. Members with a default are optional, the others required, and
/// [NonNull] ones may not be null (see <see cref="ApiDocument"/>); JSON may still leave out
/// anything, which <see cref="TicketCreation"/> answers with a 400 naming it.
/// </summary>
public sealed record NewTicketInput(
    [property: NonNull] string? Subject, [property: NonNull] string? Description, int? TypeId = null, TicketPriority? Priority = null,
    int? ProductId = null, TicketEnvironment? Environment = null, string[]? Cc = null, Guid? OrganizationId = null, long? FollowUpOf = null,
    Dictionary<string, JsonElement>? Fields = null);

public sealed record NewMessageInput([property: NonNull] string? Body, bool Internal = false);

/// <summary>
/// The tickets of /api/v1. Every lookup starts from <see cref="TicketAccess.VisibleTo"/> (through
/// <see cref="TicketConversation.FindAsync"/> or <see cref="TicketViews"/>): a ticket the caller may
/// not see is a 404, exactly as on the portal.
/// </summary>
public static class TicketEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static void Map(RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapGet("/", ListAsync).WithName("ListTickets").WithSummary("The tickets you may see: search, filters, sort, cursor pagination")
            .WithDescription("Custom fields filter by their key: f.{key}=value (repeatable: any of), f.{key}.match=is (a text equal rather than containing), f.{key}.min and f.{key}.max (a number's or a date's range); only fields you may see count.")
            .AddOpenApiOperationTransformer(TicketList.DescribeParameters);
        tickets.MapPost("/", CreateAsync).WithName("CreateTicket").WithSummary("Open a request; with files, as multipart/form-data: a 'ticket' part (JSON) and 'files' parts")
            .Accepts<NewTicketInput>("application/json", "multipart/form-data")
            .AddOpenApiOperationTransformer(ApiDocument.JsonWithFiles("ticket"))
            .AddOpenApiOperationTransformer(DescribeIdempotency)
            .Produces<TicketDetails>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapGet("/{number:long}", GetAsync).WithName("GetTicket").WithSummary("One ticket, with the messages you may read")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPatch("/{number:long}", TicketPatch.ApplyAsync).WithName("ChangeTicket").WithSummary("Change status, priority and the other fields you may change")
            .Accepts<TicketChange>("application/json", "application/merge-patch+json")
            .Produces<TicketDetails>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapPost("/{number:long}/messages", ReplyAsync).WithName("AddMessage")
            .WithSummary("Reply, or (agents) add an internal note; with files, as multipart/form-data: a 'message' part (JSON) and 'files' parts")
            .Accepts<NewMessageInput>("application/json", "multipart/form-data")
            .AddOpenApiOperationTransformer(ApiDocument.JsonWithFiles("message"))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapGet("/{number:long}/attachments/{id}", AttachmentAsync).WithName("DownloadAttachment").WithSummary("Download an attachment")
            .AddOpenApiOperationTransformer(ApiDocument.AnyFile).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The Idempotency-Key request header and what a replay answers with, as docs/api.md says.</summary>
    private static Task DescribeIdempotency(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == IdempotencyKeyHeader) is { } key)
        {
            key.Description = $"Any unique string (a UUID is fine): a retry with the same key and the same body gets the first answer again, " +
                $"with Idempotent-Replayed: true, and opens no second ticket; the same key with another body is a 422, and a retry while " +
                $"the first request is in progress a 409. Kept for 24 hours by default; a refused request (400) does not use up its key.";
            key.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotentRequest.KeyMaxLength };
        }
        if (operation.Responses?.GetValueOrDefault("201") is OpenApiResponse created)
        {
            created.Headers ??= new Dictionary<string, IOpenApiHeader>();
            created.Headers[ReplayedHeader] = new OpenApiHeader
            {
                Description = "true when this is the kept answer to an earlier request with the same Idempotency-Key.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true"] },
            };
        }
        return Task.CompletedTask;
    }

    private static async Task<Results<Ok<TicketPage>, ValidationProblem>> ListAsync([AsParameters] TicketListParameters query, HttpRequest request,
        ApiCaller caller, TicketList list, ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (filter, errors) = list.Parse(query);
        if (filter is null) return problems.Invalid(errors);
        // Custom fields' filters are named after each field (f.contract=…): read from the query string itself.
        filter = filter with { Fields = FieldFilter.ReadAll(request.Query) };
        var viewer = await caller.ViewerAsync(ct);
        if (filter.Queue is not null && !viewer.IsStaff) return problems.Invalid("queue", L["Only agents and admins have queues."]);
        if (query.Tag is { Length: > 0 } && !viewer.IsStaff) return problems.Invalid("tag", L["Only agents and admins see tags."]);
        if (!viewer.IsStaff && TicketList.StaffOnlyParameters(query).ToList() is { Count: > 0 } teams)
            return problems.Invalid(teams.ToDictionary(p => p, _ => new[] { L["Only agents and admins filter by this."].Value }));
        return TypedResults.Ok(await list.PageAsync(viewer, filter, ct));
    }

    private static async Task<Results<Ok<TicketDetails>, ProblemHttpResult>> GetAsync(long number, HttpResponse response, ApiCaller caller,
        GuichetDbContext db, CustomFieldValues fieldValues, ApiProblems problems, CancellationToken ct)
    {
        if (await TicketViews.DetailsAsync(db, fieldValues, await caller.ViewerAsync(ct), number, ct) is not { } details) return problems.NotFound();
        TicketETag.Set(response, details.Version);
        return TypedResults.Ok(details);
    }

    /// <summary>
    /// JSON, or multipart with files (routing answers other content types with a 415 that says so). The
    /// body is read here rather than bound, so that the Idempotency-Key is checked against what was sent.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ApiCaller caller, IdempotencyKeys keys, ApiProblems problems, IStringLocalizer<SharedResource> L, IOptions<JsonOptions> json,
        TicketCreation creation, CancellationToken ct)
    {
        var body = await ReadAsync(request, "ticket", ct);
        var input = Deserialize<NewTicketInput>(body.Json, json.Value);
        if (input is null) return problems.MalformedJson();

        if (idempotencyKey is null) return (await creation.OpenAsync(input, body.Files, caller, ct)).Result;
        if (idempotencyKey.Length is 0 or > IdempotentRequest.KeyMaxLength)
            return problems.Invalid(IdempotencyKeyHeader, L["Use at most {0} characters.", IdempotentRequest.KeyMaxLength]);

        switch (await keys.BeginAsync(caller.Id, idempotencyKey, IdempotencyKeys.Hash(body.Fingerprint), ct))
        {
            case IdempotencyKeys.Reused: return problems.IdempotencyKeyReused();
            case IdempotencyKeys.InProgress: return problems.IdempotencyKeyInProgress();
            case IdempotencyKeys.Replay replay:
                request.HttpContext.Response.Headers[ReplayedHeader] = "true";
                if (replay.TicketNumber is { } replayed) request.HttpContext.Response.Headers.Location = $"/api/v1/tickets/{replayed}";
                return Results.Content(replay.ResponseBody, "application/json", statusCode: replay.StatusCode);
        }

        var completed = false;
        try
        {
            var (result, details) = await creation.OpenAsync(input, body.Files, caller, ct);
            if (details is not null)
            {
                await keys.CompleteAsync(caller.Id, idempotencyKey, StatusCodes.Status201Created,
                    JsonSerializer.Serialize(details, json.Value.SerializerOptions), details.Number, ct);
                completed = true;
            }
            return result;
        }
        finally
        {
            // Nothing was created: the key is free for a corrected retry.
            if (!completed) await keys.ReleaseAsync(caller.Id, idempotencyKey);
        }
    }

    private static async Task<Results<Created<MessageView>, ValidationProblem, ProblemHttpResult>> ReplyAsync(long number, HttpRequest request,
        ApiCaller caller, CurrentUser user, TicketConversation conversation, StatusWorkflow workflow, AttachmentUploads uploads, ApiProblems problems,
        IStringLocalizer<SharedResource> L, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var body = await ReadAsync(request, "message", ct);
        var input = Deserialize<NewMessageInput>(body.Json, json.Value);
        if (input is null) return problems.MalformedJson();
        if (string.IsNullOrWhiteSpace(input.Body)) return problems.Invalid("body", L["Enter a message."]);
        var viewer = await caller.ViewerAsync(ct);
        var ticket = await conversation.FindAsync(number, viewer, ct);
        if (ticket is null) return problems.NotFound();
        if (TicketETag.Refuses(request, ticket.Version)) return problems.ChangedSinceRead();
        if (!viewer.IsStaff && input.Internal) return problems.NotAllowed(["internal"]);
        if (!viewer.IsStaff && workflow.NeedsFollowUp(ticket)) return problems.NeedsFollowUp(ticket.Number);
        var received = await uploads.ReceiveAsync(caller.Id, [], body.Files, ct);
        if (received.Errors.Count > 0) return problems.Invalid(new Dictionary<string, string[]> { ["files"] = [.. received.Errors] });

        try
        {
            var message = viewer.IsStaff
                ? await conversation.AgentReplyAsync(ticket, caller.Id, input.Body, input.Internal, received.Files, ct)
                : await conversation.CustomerReplyAsync(ticket, caller.Id, input.Body, MessageSource.Api, received.Files, ct);
            return TypedResults.Created($"/api/v1/tickets/{ticket.Number}", TicketViews.ToView(message, user.Name, ticket.Number));
        }
        catch (DbUpdateConcurrencyException)
        {
            return problems.ChangedMeanwhile();
        }
    }

    /// <summary>Through the same visibility rule as the ticket; an internal note's files only for staff. Always sent as a download.</summary>
    private static async Task<IResult> AttachmentAsync(long number, string id, HttpContext context, ApiCaller caller, AttachmentDownloads downloads,
        ApiProblems problems, CancellationToken ct) =>
        Guid.TryParse(id, out var attachmentId) && await downloads.FindAsync(attachmentId, await caller.ViewerAsync(ct), number, ct) is { } attachment
            ? await downloads.SendAsync(attachment, context.Response, forceDownload: true, ct)
            : problems.NotFound();

    private sealed record Body(byte[] Json, IReadOnlyList<IFormFile> Files, byte[] Fingerprint);

    /// <summary>
    /// The JSON of a request, whole or as one part of a multipart body (a form field or a file part),
    /// with the files sent beside it. A multipart boundary changes with every try, so what identifies
    /// the request for its Idempotency-Key is the JSON and each file's name and content hash.
    /// </summary>
    private static async Task<Body> ReadAsync(HttpRequest request, string part, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            return new Body(buffer.ToArray(), [], buffer.ToArray());
        }

        var form = await request.ReadFormAsync(ct);
        byte[] json;
        if (form.Files.GetFile(part) is { } jsonFile)
        {
            using var buffer = new MemoryStream();
            await jsonFile.CopyToAsync(buffer, ct);
            json = buffer.ToArray();
        }
        else json = Encoding.UTF8.GetBytes(form[part].ToString());

        var files = form.Files.GetFiles("files");
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        fingerprint.AppendData(json);
        foreach (var file in files)
        {
            fingerprint.AppendData(Encoding.UTF8.GetBytes("\n" + file.FileName + "\n"));
            await using var content = file.OpenReadStream();
            fingerprint.AppendData(await SHA256.HashDataAsync(content, ct));
        }
        return new Body(json, files, fingerprint.GetHashAndReset());
    }

    private static T? Deserialize<T>(byte[] json, JsonOptions options) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(json, options.SerializerOptions); }
        catch (JsonException) { return null; }
    }
}
