using System.Text.Json;
using Guichet.Web.Accounts;
using Guichet.Web.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>
/// An agent's own settings, as on /agent/profile: <c>signature</c> per language code (en, fr, de, es, it), <c>byMail</c> and
/// <c>inApp</c> the kinds of notification wanted each way, <c>away</c> out of office, <c>backOn</c> the day they are back
/// (in their time zone; null: until they say so).
/// </summary>
public sealed record AgentSettingsView(IReadOnlyDictionary<string, string?> Signature, IReadOnlyList<AgentNotice> ByMail,
    IReadOnlyList<AgentNotice> InApp, bool Away, DateOnly? BackOn);

/// <summary>The whole settings, as <see cref="AgentSettingsView"/> says them; a language left out of <c>signature</c> has none.</summary>
public sealed record AgentSettingsInput([property: NonNull] Dictionary<string, string?>? Signature, [property: NonNull] AgentNotice[]? ByMail,
    [property: NonNull] AgentNotice[]? InApp, [property: NonNull] bool? Away, DateOnly? BackOn = null);

/// <summary>GET and PUT /api/v1/me/agent-settings: the checks and the saving of <see cref="AgentProfiles"/>, the same as the page's.</summary>
public static class AgentSettingsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/me/agent-settings").WithTags("Notifications");
        settings.MapGet("/", GetAsync).WithName("GetAgentSettings")
            .WithSummary("Agents and admins: your signature, notifications and out of office")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        settings.MapPut("/", SetAsync).WithName("SetAgentSettings")
            .WithSummary("Agents and admins: set your signature, notifications and out of office (all of them)")
            .Accepts<AgentSettingsInput>("application/json")
            .Produces<AgentSettingsView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Results<Ok<AgentSettingsView>, ProblemHttpResult>> GetAsync(ApiCaller caller, CurrentUser me, AgentProfiles profiles,
        ApiProblems problems, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        return TypedResults.Ok(View(await profiles.SettingsAsync(caller.Id, me.TimeZone, ct)));
    }

    private static async Task<Results<Ok<AgentSettingsView>, ValidationProblem, ProblemHttpResult>> SetAsync(HttpRequest request, ApiCaller caller,
        CurrentUser me, AgentProfiles profiles, ApiProblems problems, IStringLocalizer<SharedResource> L, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        if (await ApiJson.ReadAsync<AgentSettingsInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        var errors = new Dictionary<string, string[]>();
        if (input.Signature is null) errors["signature"] = [L["Send the signatures by language: {0}.", "{\"en\": \"...\"}"]];
        if (input.ByMail is null) errors["byMail"] = [L["Send the kinds of notification, or [] for none."]];
        if (input.InApp is null) errors["inApp"] = [L["Send the kinds of notification, or [] for none."]];
        if (input.Away is null) errors["away"] = [L["Send true or false."]];
        if (errors.Count > 0) return problems.Invalid(errors);

        var refused = await profiles.SaveAsync(caller.Id,
            new AgentProfiles.Settings(input.Signature!, input.ByMail!, input.InApp!, input.Away!.Value, input.BackOn), me.TimeZone, ct);
        if (refused.Count > 0)
            return problems.Invalid(refused.GroupBy(r => r.Field == "signatures" ? r.Culture is { } c ? $"signature.{c}" : "signature" : r.Field)
                .ToDictionary(g => g.Key, g => g.Select(r => r.Message).Distinct().ToArray()));
        return TypedResults.Ok(View(await profiles.SettingsAsync(caller.Id, me.TimeZone, ct)));
    }

    private static AgentSettingsView View(AgentProfiles.Settings settings) =>
        new(settings.Signatures, [.. settings.ByMail], [.. settings.InApp], settings.Away, settings.BackOn);
}
