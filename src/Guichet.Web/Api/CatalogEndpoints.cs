using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Guichet.Web.Api;

/// <summary>A choice of a dropdown or multi-select field: send its key.</summary>
public sealed record ChoiceView(string Key, string Label);

/// <summary>
/// A field of a request type's form as the caller may fill it: <c>required</c> when the caller must send it
/// on create, <c>editable</c> when the caller may set it at all (customers: not the read-only fields).
/// </summary>
public sealed record TypeFieldView(string Key, CustomFieldKind Kind, string Label, string Help, bool Required, bool Editable,
    IReadOnlyList<ChoiceView> Choices);

public sealed record RequestTypeChoice(int Id, string Name, string Description, bool IsDefault, IReadOnlyList<TypeFieldView> Fields);

/// <summary>A status; <c>words</c> are the English words that set it in PATCH, on the status a word leads to (its category's default).</summary>
public sealed record StatusChoice(int Id, string Name, StatusCategory Category, bool IsDefaultForCategory, bool IsActive, IReadOnlyList<string> Words);

public sealed record ProductView(int Id, string Name);

/// <summary>
/// What an API client may send when it opens or changes a request: the request types open to the caller
/// with their fields, the statuses, the products. Names and labels are in the caller's language.
/// </summary>
public static class CatalogEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/request-types", RequestTypesAsync).WithTags("Catalog")
            .WithSummary("The request types you may choose, in their order, each with the fields of its form");
        api.MapGet("/statuses", StatusesAsync).WithTags("Catalog").WithSummary("Every status, in its order, and the words that set it");
        api.MapGet("/products", ProductsAsync).WithTags("Catalog").WithSummary("The products a request may be about");
    }

    private static async Task<Ok<List<RequestTypeChoice>>> RequestTypesAsync(ApiCaller caller, TicketIntake intake, TicketCatalog catalog,
        CancellationToken ct)
    {
        var isStaff = (await caller.ViewerAsync(ct)).IsStaff;
        var types = await intake.TypesForAsync(caller.Id, ct);
        var fields = (await catalog.GetAsync(ct)).FieldsOf([.. types.Select(t => t.Id)]);
        return TypedResults.Ok(types.Select(t => new RequestTypeChoice(t.Id, t.Names.ToString(), t.Descriptions.ToString(), t.IsDefault,
            fields[t.Id].Where(f => CustomFieldValues.MaySee(f.CustomField, isStaff)).Select(f => ToView(f, isStaff)).ToList())).ToList());
    }

    private static TypeFieldView ToView(RequestTypeField onForm, bool isStaff)
    {
        var field = onForm.CustomField;
        var editable = CustomFieldValues.MayEdit(field, isStaff);
        return new TypeFieldView(field.Key, field.Kind, field.Labels.ToString(), field.Help.ToString(), onForm.IsRequired && editable, editable,
            field.Options.Where(o => o.IsActive).OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => new ChoiceView(o.Key, o.Labels.ToString())).ToList());
    }

    private static async Task<Ok<List<StatusChoice>>> StatusesAsync(ApiCaller caller, TicketCatalog catalog, CancellationToken ct)
    {
        var isStaff = (await caller.ViewerAsync(ct)).IsStaff;
        var statuses = (await catalog.GetAsync(ct)).Statuses;
        return TypedResults.Ok(statuses.Select(s => new StatusChoice(s.Id, s.Names.ToString(), s.Category, s.IsDefaultForCategory, s.IsActive,
            StatusWorkflow.DefaultOf(statuses, s.Category) == s ? [.. StatusWords.For(s.Category, isStaff)] : [])).ToList());
    }

    private static async Task<Ok<List<ProductView>>> ProductsAsync(TicketCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok((await catalog.GetAsync(ct)).Products.Where(p => p.IsActive).Select(p => new ProductView(p.Id, p.Name)).ToList());
}
