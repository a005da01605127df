using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Tickets;

/// <summary>The teams tickets go to, as admins manage them. A refusal comes back as a sentence for the admin.</summary>
public sealed class Groups(GuichetDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L, ILogger<Groups> log)
{
    public const int NameMaxLength = 200;

    public sealed record Named(int Id, string Name);

    /// <summary>
    /// Every group, by name, as the workspace's menus offer them. Held by the node: every agent page shows them and they
    /// change seldom (a group's save stamps the people region, <see cref="CacheStamp"/>).
    /// </summary>
    public static Task<List<Named>> AllAsync(GuichetDbContext db, NodeCache cache, CancellationToken ct) =>
        cache.GetAsync(db, CacheStamp.People, typeof(Named), c => db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new Named(g.Id, g.Name)).ToListAsync(c), ct);

    /// <summary>What an operation did: <see cref="Error"/> says why it did nothing; <see cref="Id"/> is the group's.</summary>
    public sealed record Outcome(string? Error, int Id = 0, int Tickets = 0)
    {
        public bool Succeeded => Error is null;
    }

    public async Task<Outcome> CreateAsync(string name, CancellationToken ct)
    {
        if (await RefuseNameAsync(name, null, ct) is { } error) return new(error);
        var group = new Group { Name = name.Trim() };
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct);
        return new(null, group.Id);
    }

    public async Task<Outcome> RenameAsync(int id, string name, CancellationToken ct)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is null) return new(L["This group does not exist any more."]);
        if (await RefuseNameAsync(name, id, ct) is { } error) return new(error);
        group.Name = name.Trim();
        await db.SaveChangesAsync(ct);
        return new(null, id);
    }

    /// <summary>The group's members become exactly these people, as far as they are in the support team.</summary>
    public async Task<Outcome> SetMembersAsync(int id, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        var group = await db.Groups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is null) return new(L["This group does not exist any more."]);
        var wanted = await AgentAccounts.Staff(db).Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        group.Members.RemoveAll(m => !wanted.Contains(m.UserId));
        group.Members.AddRange(wanted.Where(u => group.Members.All(m => m.UserId != u)).Select(u => new GroupMember { GroupId = id, UserId = u }));
        await db.SaveChangesAsync(ct);
        return new(null, id);
    }

    /// <summary>
    /// Deletes the group after handing its tickets (each with its event) and its request types to <paramref name="moveTo"/>,
    /// which it needs when it has any. The tickets move 500 to a transaction: a big group takes a while, and if the
    /// request is cut short, the group is still there with the tickets not yet moved, and deleting it again finishes.
    /// </summary>
    public async Task<Outcome> DeleteAsync(int id, int? moveTo, Guid actorId, CancellationToken ct)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is null) return new(L["This group does not exist any more."]);
        var inUse = await db.Tickets.AnyAsync(t => t.GroupId == id, ct) || await db.RequestTypes.AnyAsync(t => t.GroupId == id, ct);
        if (moveTo == id || (moveTo is { } to && !await db.Groups.AnyAsync(g => g.Id == to, ct)))
            return new(L["Choose another group to hand its tickets and request types to."]);
        if (inUse && moveTo is null) return new(L["This group still has tickets or request types: choose the group that takes them."]);

        // The request types first, so that no new ticket comes to the group while its tickets move.
        foreach (var type in await db.RequestTypes.Where(t => t.GroupId == id).ToListAsync(ct)) type.GroupId = moveTo;
        // So do the mailboxes that start their requests in it (none: their type's group).
        await db.Mailboxes.Where(m => m.GroupId == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.GroupId, moveTo), ct);
        await db.SaveChangesAsync(ct);
        var now = time.GetUtcNow();
        var ofGroup = db.Tickets.Where(t => t.GroupId == id);
        var moved = await db.ChangeEachAsync(ofGroup, ticket => ticket.ChangeGroup(moveTo, actorId, now), ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Any ticket that came meanwhile (a form opened before the types moved) moves with the deletion.
        moved += await db.ChangeEachAsync(ofGroup, ticket => ticket.ChangeGroup(moveTo, actorId, now), ct);
        // With its members loaded, so that their removal is seen and every node's cache of who is in which group follows.
        db.Groups.Remove(await db.Groups.Include(g => g.Members).SingleAsync(g => g.Id == id, ct));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("{ActorId} deleted group {GroupId}; {Count} tickets moved to {To}", actorId, id, moved, moveTo);
        return new(null, id, moved);
    }

    private async Task<string?> RefuseNameAsync(string name, int? id, CancellationToken ct)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0) return L["Enter the group's name."];
        if (trimmed.Length > NameMaxLength) return L["Use at most {0} characters.", NameMaxLength];
        // Names compared as people read them: "Support" and "support" would be two groups no one tells apart.
        var names = await db.Groups.Where(g => g.Id != id).Select(g => g.Name).ToListAsync(ct);
        return names.Any(n => string.Equals(n, trimmed, StringComparison.CurrentCultureIgnoreCase))
            ? L["Another group is already called {0}.", trimmed].Value
            : null;
    }
}
