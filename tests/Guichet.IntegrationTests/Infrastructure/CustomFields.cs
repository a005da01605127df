using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>
/// Intent methods for custom fields: arranged in the database for the steps a test is not about
/// (the admin pages have their own test), and requests opened with field values.
/// </summary>
public static class CustomFields
{
    /// <summary>A seeded request type by its English name ("Bug report").</summary>
    public static Task<int> TypeIdAsync(this GuichetApp app, string englishName) =>
        app.WithDbAsync(async db => (await db.RequestTypes.AsNoTracking().ToListAsync()).Single(t => t.Names.In("en") == englishName).Id);

    /// <summary>Adds a field at the end of a request type's form; options are (key, English, French).</summary>
    public static Task<CustomField> AddFieldAsync(this GuichetApp app, string typeName, string key, CustomFieldKind kind, string english, string french,
        CustomerAccess access = CustomerAccess.Editable, bool required = false, params (string Key, string En, string Fr)[] options) =>
        app.WithDbAsync(async db =>
        {
            var field = new CustomField
            {
                Key = key, Kind = kind, CustomerAccess = access,
                Labels = new LocalizedText(new Dictionary<string, string> { ["en"] = english, ["fr"] = french }),
                Help = new LocalizedText(new Dictionary<string, string>()),
            };
            field.Options.AddRange(options.Select((o, i) => new CustomFieldOption
            {
                Key = o.Key, SortOrder = (i + 1) * 10, Labels = new LocalizedText(new Dictionary<string, string> { ["en"] = o.En, ["fr"] = o.Fr }),
            }));
            db.CustomFields.Add(field);
            var type = (await db.RequestTypes.Include(t => t.Fields).ToListAsync()).Single(t => t.Names.In("en") == typeName);
            type.Fields.Add(new RequestTypeField { CustomField = field, IsRequired = required, SortOrder = (type.Fields.Count + 1) * 10 });
            await db.SaveChangesAsync();
            return field;
        });

    /// <summary>Makes a field already on a type's form required there, or optional.</summary>
    public static Task SetRequiredAsync(this GuichetApp app, string typeName, string key, bool required) =>
        app.WithDbAsync(async db =>
        {
            var typeId = (await db.RequestTypes.AsNoTracking().ToListAsync()).Single(t => t.Names.In("en") == typeName).Id;
            // Saved, not updated in place: a save is what tells the node's cache (NodeCache).
            var field = await db.RequestTypeFields.SingleAsync(f => f.RequestTypeId == typeId && f.CustomField.Key == key);
            field.IsRequired = required;
            return await db.SaveChangesAsync();
        });

    /// <summary>Opens a seeded request type only to the people of one organization (by its name).</summary>
    public static Task RestrictTypeAsync(this GuichetApp app, string typeName, string organizationName) =>
        app.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Name == organizationName);
            var type = (await db.RequestTypes.Include(t => t.Organizations).ToListAsync()).Single(t => t.Names.In("en") == typeName);
            type.Organizations.Add(new RequestTypeOrganization { OrganizationId = organization.Id });
            return await db.SaveChangesAsync();
        });

    /// <summary>Makes a seeded request type the default, as the admin page does.</summary>
    public static Task MakeDefaultAsync(this GuichetApp app, string typeName) =>
        app.WithDbAsync(async db =>
        {
            var types = await db.RequestTypes.ToListAsync();
            types.Single(t => t.Names.In("en") == typeName).MakeDefault(types);
            return await db.SaveChangesAsync();
        });

    /// <summary>Opens a request of a type with field values in their stored form, as the portal would after reading them.</summary>
    public static Task<Ticket> OpenTicketAsync(this GuichetApp app, User requester, string typeName, string subject, IReadOnlyDictionary<string, string> fields) =>
        app.WithScopeAsync(async sp =>
        {
            var typeId = await app.TypeIdAsync(typeName);
            return await sp.GetRequiredService<TicketIntake>().OpenAsync(new TicketIntake.Request(
                requester.Id, typeId, subject, "See the fields.", TicketPriority.Normal, null, null, [], MessageSource.Portal) { Fields = fields },
                CancellationToken.None);
        });

    /// <summary>A person's chosen language, as the profile page would set it (read at sign-in).</summary>
    public static Task SetCultureAsync(this GuichetApp app, User user, string culture) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, culture)));
}
