using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Queues;

/// <summary>Saved views: those an agent sees (theirs, their groups'), saving the list shown, changing, ordering, deleting.</summary>
public sealed class SavedViews(GuichetDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L)
{
    /// <summary>Personal views first, then each group's, each in its own order.</summary>
    public async Task<List<SavedView>> ListAsync(Viewer viewer, CancellationToken ct)
    {
        var (me, groups) = (viewer.UserId, viewer.GroupIds);
        return await db.Set<SavedView>().AsNoTracking()
            .Where(v => (v.GroupId == null && v.OwnerId == me) || (v.GroupId != null && groups.Contains(v.GroupId.Value)))
            .OrderBy(v => v.GroupId != null).ThenBy(v => v.GroupId).ThenBy(v => v.Position).ThenBy(v => v.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Its owner changes a personal view; a shared one, its owner while still a member of the group, and any admin. An owner
    /// who left the group no longer writes into what the group's members open (an admin takes the view over, or deletes it);
    /// the other members do not change a colleague's view either (they save their own).
    /// </summary>
    public static bool MayChange(SavedView view, Viewer viewer) => view.GroupId switch
    {
        null => view.OwnerId == viewer.UserId,
        { } group => viewer.IsAdmin || (view.OwnerId == viewer.UserId && viewer.GroupIds.Contains(group)),
    };

    /// <summary>What a view without a name is told.</summary>
    public string NameNeeded => L["Give the view a name."];

    /// <summary>Why a view was not saved, and which of its parts (<c>name</c>, <c>groupId</c>, <c>address</c>) is at fault.</summary>
    public sealed record Refusal(string Part, string Message);

    /// <summary>Saves the list at <paramref name="address"/> as a new view (<paramref name="id"/> null) or into the view; null when done, else why not.</summary>
    public async Task<(int? Id, string? Refusal)> SaveAsync(int? id, string? name, int? groupId, string? address, Viewer viewer, CancellationToken ct)
    {
        var (view, refusal) = id is { } existing
            ? await ChangeAsync(existing, name, keepGroup: true, null, address, viewer, ct)
            : await CreateAsync(name, groupId, address, viewer, ct);
        // A view the viewer no longer sees (a group they left) is not theirs to change either.
        return (view?.Id, view is null ? refusal?.Message ?? L["This view is not yours to change."] : null);
    }

    /// <summary>A new view of the viewer's, personal or shared with <paramref name="groupId"/>, last of its neighbours.</summary>
    public async Task<(SavedView? View, Refusal? Refusal)> CreateAsync(string? name, int? groupId, string? address, Viewer viewer, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0) return (null, new("name", NameNeeded));
        if ((CheckName(name) ?? CheckAddress(address) ?? CheckGroup(groupId, viewer)) is { } refusal) return (null, refusal);
        var view = new SavedView { OwnerId = viewer.UserId, Name = name, GroupId = groupId, Position = await LastPositionAsync(viewer.UserId, groupId, ct) + 1 };
        view.Address = WithoutPaging(address!);
        view.UpdatedAt = time.GetUtcNow();
        db.Set<SavedView>().Add(view);
        await db.SaveChangesAsync(ct);
        return (view, null);
    }

    /// <summary>
    /// Changes what is given of a view the viewer may change (<see cref="MayChange"/>): its name, whom it is shared with (unless
    /// <paramref name="keepGroup"/>; only with one of the viewer's groups, any for an admin), its list. Null and no refusal:
    /// no such view for this viewer.
    /// </summary>
    public async Task<(SavedView? View, Refusal? Refusal)> ChangeAsync(int id, string? name, bool keepGroup, int? groupId, string? address, Viewer viewer, CancellationToken ct)
    {
        var view = await db.Set<SavedView>().SingleOrDefaultAsync(v => v.Id == id, ct);
        if (view is null || !(Sees(view, viewer) || MayChange(view, viewer))) return (null, null);
        if (!MayChange(view, viewer)) return (null, new("id", L["This view is not yours to change."]));
        name = name?.Trim();
        if (((name is { Length: > 0 } ? CheckName(name) : null) ?? (address is null ? null : CheckAddress(address))
            ?? (keepGroup || groupId == view.GroupId ? null : CheckGroup(groupId, viewer))) is { } refusal)
            return (null, refusal);
        if (name is { Length: > 0 }) view.Name = name;
        if (address is not null) view.Address = WithoutPaging(address);
        if (!keepGroup && groupId != view.GroupId)
        {
            // Shared elsewhere: last among its new neighbours.
            view.Position = await LastPositionAsync(view.OwnerId, groupId, ct) + 1;
            view.GroupId = groupId;
        }
        view.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (view, null);
    }

    /// <summary>Whether the view is among those the viewer sees (<see cref="ListAsync"/>).</summary>
    public static bool Sees(SavedView view, Viewer viewer) =>
        view.GroupId is { } group ? viewer.GroupIds.Contains(group) : view.OwnerId == viewer.UserId;

    private Refusal? CheckName(string name) =>
        name.Length > SavedView.MaxNameLength ? new("name", L["Use at most {0} characters.", SavedView.MaxNameLength]) : null;

    private Refusal? CheckAddress(string? address) =>
        !IsListAddress(address) ? new("address", L["Only a list of the workspace can be saved as a view."])
        : address!.Length > SavedView.MaxAddressLength ? new("address", L["This list has too many filters to be saved."]) : null;

    private Refusal? CheckGroup(int? groupId, Viewer viewer) =>
        groupId is { } g && !viewer.GroupIds.Contains(g) && !viewer.IsAdmin ? new("groupId", L["Choose one of your groups."]) : null;

    private async Task<int> LastPositionAsync(Guid owner, int? groupId, CancellationToken ct) =>
        await db.Set<SavedView>().Where(v => groupId == null ? v.GroupId == null && v.OwnerId == owner : v.GroupId == groupId)
            .MaxAsync(v => (int?)v.Position, ct) ?? 0;

    public async Task<bool> DeleteAsync(int id, Viewer viewer, CancellationToken ct)
    {
        var view = await db.Set<SavedView>().SingleOrDefaultAsync(v => v.Id == id, ct);
        if (view is null || !MayChange(view, viewer)) return false;
        db.Set<SavedView>().Remove(view);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Moves a view one place up or down among its neighbours (the same owner's, or the same group's).</summary>
    public async Task MoveAsync(int id, bool up, Viewer viewer, CancellationToken ct)
    {
        var view = await db.Set<SavedView>().SingleOrDefaultAsync(v => v.Id == id, ct);
        if (view is null || !MayChange(view, viewer)) return;
        var siblings = await db.Set<SavedView>()
            .Where(v => view.GroupId == null ? v.GroupId == null && v.OwnerId == view.OwnerId : v.GroupId == view.GroupId)
            .OrderBy(v => v.Position).ThenBy(v => v.Id).ToListAsync(ct);
        var at = siblings.FindIndex(v => v.Id == id);
        var other = up ? at - 1 : at + 1;
        if (other < 0 || other >= siblings.Count) return;
        (siblings[at], siblings[other]) = (siblings[other], siblings[at]);
        for (var i = 0; i < siblings.Count; i++) siblings[i].Position = i + 1;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What a list's address (a view's, or the page's own query string) says: the queue, the list, the columns.</summary>
    public sealed record ListAddress(string? Queue, TicketListQuery Query, string? Columns);

    public static ListAddress Read(string address) =>
        Read(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(address.Contains('?') ? address[address.IndexOf('?')..] : ""));

    public static ListAddress Read(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        return new(values.GetValueOrDefault("queue").LastOrDefault(), TicketListQuery.Read(values), values.GetValueOrDefault(QueueColumns.Parameter).LastOrDefault());
    }

    /// <summary>Whether an address is one of the workspace's lists (what a view may hold: nothing else, no other site).</summary>
    public static bool IsListAddress(string? address) => address is "/agent" || address?.StartsWith("/agent?", StringComparison.Ordinal) == true;

    /// <summary>A view opens on its first page, and does not name itself.</summary>
    private static string WithoutPaging(string address)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(address.Contains('?') ? address[address.IndexOf('?')..] : "");
        var kept = query.Where(p => p.Key is not ("page" or "view" or "handler")).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return "/agent" + Microsoft.AspNetCore.Http.QueryString.Create(kept);
    }
}
