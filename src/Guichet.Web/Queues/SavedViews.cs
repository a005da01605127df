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

    /// <summary>Its owner changes a view; an admin changes a shared one too.</summary>
    public static bool MayChange(SavedView view, Viewer viewer) => view.OwnerId == viewer.UserId || (viewer.IsAdmin && view.GroupId is not null);

    /// <summary>Saves the list at <paramref name="address"/> as a new view (<paramref name="id"/> null) or into the view; null when done, else why not.</summary>
    public async Task<(int? Id, string? Refusal)> SaveAsync(int? id, string? name, int? groupId, string? address, Viewer viewer, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (!IsListAddress(address)) return (null, L["Only a list of the workspace can be saved as a view."]);
        if (address!.Length > SavedView.MaxAddressLength) return (null, L["This list has too many filters to be saved."]);
        if (groupId is { } g && !viewer.GroupIds.Contains(g) && !viewer.IsAdmin) return (null, L["Choose one of your groups."]);
        var view = id is { } existing ? await db.Set<SavedView>().SingleOrDefaultAsync(v => v.Id == existing, ct) : null;
        if (id is not null && (view is null || !MayChange(view, viewer))) return (null, L["This view is not yours to change."]);
        if (view is null)
        {
            if (name.Length == 0) return (null, L["Give the view a name."]);
            if (name.Length > SavedView.MaxNameLength) return (null, L["Use at most {0} characters.", SavedView.MaxNameLength]);
            var last = await db.Set<SavedView>().Where(v => groupId == null ? v.GroupId == null && v.OwnerId == viewer.UserId : v.GroupId == groupId)
                .MaxAsync(v => (int?)v.Position, ct) ?? 0;
            view = new SavedView { OwnerId = viewer.UserId, Name = name, GroupId = groupId, Position = last + 1 };
            db.Set<SavedView>().Add(view);
        }
        else if (name.Length > 0)
        {
            if (name.Length > SavedView.MaxNameLength) return (null, L["Use at most {0} characters.", SavedView.MaxNameLength]);
            view.Name = name;
        }
        view.Address = WithoutPaging(address);
        view.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (view.Id, null);
    }

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
