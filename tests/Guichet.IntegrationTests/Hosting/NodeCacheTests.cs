using System.Diagnostics;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Hosting;

/// <summary>What each node keeps in memory (NodeCache) follows changes: at once on the node that saved, within seconds on the others.</summary>
public sealed class NodeCacheTests
{
    private static List<string> TypeNames(IDocument form) =>
        form.QuerySelectorAll(".type-option__name").Select(e => e.TextContent.Trim()).ToList();

    private static bool HasOrganizationTab(IDocument list) =>
        list.QuerySelector("nav.tabs a[href*='scope=organization']") is not null;

    /// <summary>Asks again until the page says so; fails after a few seconds (the nodes compare stamps every second).</summary>
    private static async Task<IDocument> EventuallyAsync(PageClient client, string url, Func<IDocument, bool> shows)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var page = await client.GetAsync(url);
            if (shows(page)) return page;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{url} still shows the old data after {clock.Elapsed.TotalSeconds:F1} s");
            await Task.Delay(200);
        }
    }

    private static Task RenameFirstTypeAsync(GuichetApp app, string name) =>
        app.WithDbAsync(async db =>
        {
            var type = await db.RequestTypes.OrderBy(t => t.SortOrder).FirstAsync();
            type.Names = LocalizedText.Of(name, name, name, name, name);
            return await db.SaveChangesAsync();
        });

    [Theory, Databases]
    public async Task A_renamed_request_type_shows_at_once_on_the_node_that_saved_and_soon_on_another(Db db)
    {
        await using var first = await GuichetApp.StartAsync(db);
        await using var second = GuichetApp.StartNode(first);
        await first.CreateUserAsync("claire@acme.test");
        using var onFirst = await first.SignInAsync("claire@acme.test");
        using var onSecond = await second.SignInAsync("claire@acme.test");
        // Both nodes have read the request types.
        Assert.DoesNotContain("Help, please", TypeNames(await onFirst.GetAsync("/requests/new")));
        Assert.DoesNotContain("Help, please", TypeNames(await onSecond.GetAsync("/requests/new")));

        await RenameFirstTypeAsync(first, "Help, please");

        Assert.Equal("Help, please", TypeNames(await onFirst.GetAsync("/requests/new"))[0]);
        await EventuallyAsync(onSecond, "/requests/new", page => TypeNames(page).FirstOrDefault() == "Help, please");
    }

    [Theory, Databases]
    public async Task Sign_up_by_invitation_only_chosen_on_one_node_closes_sign_up_on_another(Db db)
    {
        await using var first = await GuichetApp.StartAsync(db);
        await using var second = GuichetApp.StartNode(first);
        await first.CreateUserAsync("admin@example.org", Roles.Admin);
        using var admin = await first.SignInAsync("admin@example.org");
        using var visitor = new PageClient(second.NewClient());
        // The second node has read the policy: its sign-up form is open.
        Assert.NotNull((await visitor.GetAsync("/account/signup")).QuerySelector("main form"));

        await admin.SubmitAndFollowAsync(await admin.GetAsync("/admin/portal"), "main form",
            new Dictionary<string, string> { ["SignUpPolicy"] = "InvitationOnly" });

        await EventuallyAsync(visitor, "/account/signup", page => page.QuerySelector("main form") is null);
    }

    [Theory, Databases]
    public async Task A_customer_made_manager_on_one_node_sees_the_organization_tab_on_another(Db db)
    {
        await using var first = await GuichetApp.StartAsync(db);
        await using var second = GuichetApp.StartNode(first);
        var claire = await first.CreateUserAsync("claire@acme.test");
        var acme = await first.CreateOrganizationAsync("Acme", "acme.test");
        await first.AddMemberAsync(acme, claire);
        using var onSecond = await second.SignInAsync("claire@acme.test");
        Assert.False(HasOrganizationTab(await onSecond.GetAsync("/requests")));

        await first.WithDbAsync(async d =>
        {
            var membership = await d.OrganizationMemberships.SingleAsync(m => m.UserId == claire.Id);
            membership.IsManager = true;
            return await d.SaveChangesAsync();
        });

        var list = await EventuallyAsync(onSecond, "/requests", HasOrganizationTab);
        Assert.Contains("Acme", list.QuerySelector(".organization")?.TextContent);
    }

    [Theory, Databases]
    public async Task A_manager_set_or_a_member_removed_by_the_admin_page_counts_as_a_change(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@guichet.test", Guichet.Web.Accounts.Roles.Admin);
        var claire = await app.CreateUserAsync("claire@acme.test");
        var acme = await app.CreateOrganizationAsync("Acme", "acme.test");
        await app.AddMemberAsync(acme, claire);
        using var customer = await app.SignInAsync("claire@acme.test");
        using var admin = await app.SignInAsync("admin@guichet.test");
        Assert.False(HasOrganizationTab(await customer.GetAsync("/requests")));

        var edit = await admin.GetAsync($"/admin/organizations/{acme.Id}");
        await admin.SubmitAsync(edit, "form[action*='handler=Manager']");   // Claire is the only member
        Assert.True(HasOrganizationTab(await customer.GetAsync("/requests")));

        edit = await admin.GetAsync($"/admin/organizations/{acme.Id}");
        await admin.SubmitAsync(edit, "form[action*='handler=Remove']");
        var list = await customer.GetAsync("/requests");
        Assert.False(HasOrganizationTab(list));
        Assert.Null(list.QuerySelector(".organization"));
    }
}
