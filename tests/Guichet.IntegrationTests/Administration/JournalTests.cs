using System.Net;
using System.Text;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Administration;

/// <summary>The activity journal (/admin/journal): every change, filtered, as a file; what counts as processed per request type.</summary>
public sealed class JournalTests
{
    [Theory, Databases]
    public async Task The_journal_lists_every_change_by_whom_filters_it_marks_what_counts_as_processed_and_exports_it(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var (questionId, bugId) = await app.WithDbAsync(async d =>
        {
            var types = await d.RequestTypes.OrderBy(t => t.SortOrder).Take(2).Select(t => t.Id).ToListAsync();
            return (types[0], types[1]);
        });
        var solved = await app.StatusIdAsync(StatusCategory.Solved);
        using var admin = await app.SignInAsync("admin@support.test");

        // For the first kind of request, "solved" is what counts as processed: set on its page.
        var edit = await admin.GetAsync($"/admin/requesttypes/edit?id={questionId}");
        await admin.SubmitAndFollowAsync(edit, "main form", new Dictionary<string, string> { ["Input.ProcessedStatusId"] = solved.ToString() });
        Assert.Equal(solved, await app.WithDbAsync(d => d.RequestTypes.Where(t => t.Id == questionId).Select(t => t.ProcessedStatusId).SingleAsync()));

        var question = await app.OpenTicketAsync(world.Alice, "How do I export?");
        var bug = await app.WithScopeAsync(sp => sp.GetRequiredService<TicketIntake>().OpenAsync(new TicketIntake.Request(
            world.Bob.Id, bugId, "Export crashes", "It crashes.", TicketPriority.Normal, null, null, [], MessageSource.Portal, null), CancellationToken.None));
        await app.SetStatusAsync(question.Number, StatusCategory.Solved, world.Agent.Id);
        await app.SetStatusAsync(bug.Number, StatusCategory.Solved, world.Agent.Id);

        var page = await admin.GetAsync("/admin/journal");
        Assert.True(page.QuerySelector("table.journal") is not null, page.MainText());
        var text = page.QuerySelector("table.journal")!.TextContent;
        Assert.Contains("Alice Martin opened the request.", text);
        Assert.Contains("Bob Durand opened the request.", text);
        Assert.Single(page.QuerySelectorAll("table.journal .badge--processed"));

        // Processed: the question's change into "solved" only (the bug's type says nothing).
        var processed = await admin.GetAsync("/admin/journal?kind=processed");
        var rows = processed.QuerySelectorAll("table.journal tbody tr");
        Assert.Single(rows);
        Assert.Contains($"#{question.Number}", rows[0].TextContent);
        Assert.Contains("Agathe Support changed the status", rows[0].TextContent);

        // By whom, by organization, by kind of request.
        var byAgent = await admin.GetAsync("/admin/journal?who=agent%40support.test");
        Assert.Equal(2, byAgent.QuerySelectorAll("table.journal tbody tr").Length);
        var globexId = (await app.WithDbAsync(d => d.Organizations.SingleAsync(o => o.Name == "Globex"))).Id;
        var byOrganization = await admin.GetAsync($"/admin/journal?organization={globexId}");
        Assert.All(byOrganization.QuerySelectorAll("table.journal tbody tr"), r => Assert.Contains($"#{bug.Number}", r.TextContent));
        var unknown = await admin.GetAsync("/admin/journal?who=nobody%40example.org");
        Assert.Contains("Nobody has this address.", unknown.MainText());

        var csv = await admin.Http.GetAsync("/admin/journal?kind=processed&format=csv");
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("When,Number,Subject,Organization,Who,What,Processed", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains($",{question.Number},How do I export?,Acme,Agathe Support,Agathe Support changed the status from New to", lines[1]);
        Assert.EndsWith(",Yes", lines[1]);

        // Admins only.
        using var agent = await app.SignInAsync("agent@support.test");
        var refused = await agent.Http.GetAsync("/admin/journal");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
