using System.Data.Common;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Guichet.Web.Search;
using Guichet.Web.Text;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Search;

/// <summary>Intent methods for the search tests: people, tickets opened through TicketIntake and changed through their own methods, searches.</summary>
internal static class SearchDesk
{
    public static Task<GuichetApp> StartAsync(Db db) => GuichetApp.StartAsync(db);

    public static async Task<Guid> CustomerAsync(this GuichetApp app, string email, Organization? organization = null, bool manager = false)
    {
        var user = await app.CreateUserAsync(email);
        if (organization is not null)
            await app.WithDbAsync(async db =>
            {
                db.OrganizationMemberships.Add(new OrganizationMembership { OrganizationId = organization.Id, UserId = user.Id, IsManager = manager });
                return await db.SaveChangesAsync();
            });
        return user.Id;
    }

    public static async Task<Guid> AgentAsync(this GuichetApp app, string email, string group)
    {
        var user = await app.CreateUserAsync(email, Roles.Agent);
        await app.WithDbAsync(async db =>
        {
            var existing = await db.Groups.SingleOrDefaultAsync(g => g.Name == group);
            if (existing is null) db.Groups.Add(existing = new Group { Name = group });
            existing.Members.Add(new GroupMember { UserId = user.Id });
            return await db.SaveChangesAsync();
        });
        return user.Id;
    }

    /// <summary>Opens a request on the portal; the default request types go to the "Support" group.</summary>
    public static Task<long> OpenAsync(this GuichetApp app, Guid requesterId, string subject, string description, params string[] cc) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuichetDbContext>();
            var type = await db.RequestTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            var ticket = await sp.GetRequiredService<TicketIntake>().OpenAsync(new TicketIntake.Request(
                requesterId, type, subject, description, TicketPriority.Normal, null, null, cc, MessageSource.Portal), default);
            return ticket.Number;
        });

    /// <summary>A reply or note, through TicketConversation as the pages do.</summary>
    public static Task ReplyAsync(this GuichetApp app, long number, Guid authorId, string markdown, bool isInternal = false) =>
        app.WithScopeAsync(async sp =>
        {
            var conversation = sp.GetRequiredService<TicketConversation>();
            var ticket = await FindAsync(sp, number);
            if (isInternal) await conversation.AgentReplyAsync(ticket, authorId, markdown, isInternal: true, default);
            else await conversation.CustomerReplyAsync(ticket, authorId, markdown, MessageSource.Portal, default);
            return 0;
        });

    /// <summary>Changes a ticket through its own methods and saves, as a page would.</summary>
    public static Task ChangeAsync(this GuichetApp app, long number, Action<Ticket, GuichetDbContext> change) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuichetDbContext>();
            change(await FindAsync(sp, number), db);
            return await db.SaveChangesAsync();
        });

    /// <summary>The numbers of the tickets the person finds with this query, in number order.</summary>
    public static Task<List<long>> SearchAsync(this GuichetApp app, Guid viewerId, string? query, bool asYouType = false) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuichetDbContext>();
            var viewer = await Viewer.ForAsync(db, sp.GetRequiredService<NodeCache>(), viewerId, default);
            return await sp.GetRequiredService<TicketSearch>().Filter(db.Tickets, query, viewer, asYouType)
                .OrderBy(t => t.Number).Select(t => t.Number).ToListAsync();
        });

    private static Task<Ticket> FindAsync(IServiceProvider sp, long number) =>
        sp.GetRequiredService<GuichetDbContext>().Tickets
            .Include(t => t.Status).Include(t => t.Participants).SingleAsync(t => t.Number == number);
}
