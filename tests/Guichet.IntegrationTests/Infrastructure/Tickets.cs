using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>Intent methods that arrange requests through the same capability classes the pages use.</summary>
public static class Tickets
{
    public static Task<Ticket> OpenTicketAsync(this GuichetApp app, User requester, string subject = "Printer on fire", string body = "It *really* is.",
        IReadOnlyList<string>? cc = null, Guid? organizationId = null) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuichetDbContext>();
            var type = await db.RequestTypes.OrderBy(t => t.SortOrder).FirstAsync();
            return await sp.GetRequiredService<TicketIntake>().OpenAsync(new TicketIntake.Request(
                requester.Id, type.Id, subject, body, TicketPriority.Normal, null, null, cc ?? [], MessageSource.Portal, organizationId), CancellationToken.None);
        });

    public static Task AddMemberAsync(this GuichetApp app, Organization organization, User user, bool manager = false) =>
        app.WithDbAsync(async db =>
        {
            db.OrganizationMemberships.Add(new OrganizationMembership { OrganizationId = organization.Id, UserId = user.Id, IsManager = manager });
            return await db.SaveChangesAsync();
        });

    public static Task<int> SupportGroupIdAsync(this GuichetApp app) => app.WithDbAsync(db => db.Groups.OrderBy(g => g.Id).Select(g => g.Id).FirstAsync());

    public static Task AddToGroupAsync(this GuichetApp app, int groupId, User agent) =>
        app.WithDbAsync(async db =>
        {
            db.Set<GroupMember>().Add(new GroupMember { GroupId = groupId, UserId = agent.Id });
            return await db.SaveChangesAsync();
        });

    public static Task<int> StatusIdAsync(this GuichetApp app, StatusCategory category) =>
        app.WithDbAsync(db => db.Statuses.Where(s => s.Category == category).OrderBy(s => s.SortOrder).Select(s => s.Id).FirstAsync());

    /// <summary>Moves a ticket as an agent would, through the workflow.</summary>
    public static Task SetStatusAsync(this GuichetApp app, long number, StatusCategory category, Guid actorId) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuichetDbContext>();
            var ticket = await db.Tickets.Include(t => t.Status).SingleAsync(t => t.Number == number);
            var statusId = await db.Statuses.Where(s => s.Category == category).OrderBy(s => s.SortOrder).Select(s => s.Id).FirstAsync();
            await sp.GetRequiredService<StatusWorkflow>().SetAsync(ticket, statusId, actorId, CancellationToken.None);
            return await db.SaveChangesAsync();
        });

    public static Task<StatusCategory> CategoryOfAsync(this GuichetApp app, long number) =>
        app.WithDbAsync(db => db.Tickets.Where(t => t.Number == number).Select(t => t.Status.Category).SingleAsync());
}
