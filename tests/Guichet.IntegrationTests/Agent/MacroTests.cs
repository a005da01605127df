using System.Net;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>Macros: written with their placeholders checked, shared as their author chose, inserted in the requester's language.</summary>
public sealed class MacroTests
{
    [Theory, Databases]
    public async Task An_agent_writes_a_macro_and_inserts_it_in_the_requesters_language_then_sends_it_with_what_it_sets(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.WithDbAsync(async d =>
        {
            (await d.Users.SingleAsync(u => u.Id == world.Alice.Id)).Culture = "fr";
            return await d.SaveChangesAsync();
        });
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        var solved = await app.StatusIdAsync(StatusCategory.Solved);
        using var agent = await app.SignInAsync("agent@support.test");

        // A mistake in a placeholder is refused with what was written kept; a macro for the whole team is for admins.
        var form = await agent.GetAsync("/agent/macros/edit");
        var refused = await PageClient.ParseAsync(await agent.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Fixed", ["Input.Bodies[en]"] = "Hello {{ requester.first_name ", ["Input.Scope"] = "Everyone",
        }));
        Assert.Equal("The placeholders have a mistake at line 1, column 30: '}}' was expected here.", refused.QuerySelector("#body-en-error")!.TextContent.Trim());
        Assert.Equal("Hello {{ requester.first_name ", refused.QuerySelector("#body-en")!.TextContent);
        Assert.Null(refused.QuerySelector("input[name='Input.Scope'][value=Everyone]"));
        Assert.Equal(0, await app.WithDbAsync(d => d.Macros.CountAsync()));

        await agent.SubmitAndFollowAsync(refused, "main form", new Dictionary<string, string>
        {
            ["Input.Bodies[en]"] = "Hello {{ requester.first_name }}, #{{ ticket.number }} is fixed.\n{{ agent.name }}",
            ["Input.Bodies[fr]"] = "Bonjour {{ requester.first_name }}, la demande n° {{ ticket.number }} ({{ ticket.status }}) est corrigée.\n{{ agent.name }}",
            ["Input.Scope"] = "Personal", ["Input.SetStatusId"] = solved.ToString(), ["Input.SetPriority"] = "Low",
        });
        var macroId = await app.WithDbAsync(d => d.Macros.Select(m => m.Id).SingleAsync());

        // Inserted after what the agent had typed, in Alice's French, with the status and priority it sets chosen.
        var page = await agent.GetAsync($"/agent/tickets/{ticket.Number}");
        Assert.NotNull(page.QuerySelector($"#macroId option[value='{macroId}']"));
        var response = await agent.Http.PostAsync($"/agent/tickets/{ticket.Number}?handler=Macro", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("#reply-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["macroId"] = macroId.ToString(), ["Reply.Body"] = "Thanks for your patience.",
            ["version"] = page.QuerySelector("#reply-form input[name=version]")!.GetAttribute("value")!,
        }));
        var inserted = await PageClient.ParseAsync(response);
        var body = inserted.QuerySelector("#Reply_Body")!.TextContent;
        Assert.True(body.Replace("\r\n", "\n").TrimStart('\n').StartsWith("Thanks for your patience.\n\nBonjour Alice, la demande n° " + ticket.Number + " (Nouvelle) est corrigée.\nAgathe Support", StringComparison.Ordinal), body);
        Assert.Equal(solved.ToString(), inserted.QuerySelector("#Reply_StatusId option[selected]")?.GetAttribute("value"));
        Assert.Equal("Low", inserted.QuerySelector("#Reply_Priority option[selected]")?.GetAttribute("value"));
        Assert.Contains("read the reply, then send it", inserted.MainText());
        Assert.Equal(1, await app.WithDbAsync(d => d.Messages.CountAsync(m => m.TicketId == ticket.Id)));

        await agent.SubmitAndFollowAsync(inserted, "#reply-form");
        var (category, priority) = await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == ticket.Id)
            .Select(t => new ValueTuple<StatusCategory, TicketPriority>(t.Status.Category, t.Priority)).SingleAsync());
        Assert.Equal((StatusCategory.Solved, TicketPriority.Low), (category, priority));
        Assert.True(await app.WithDbAsync(d => d.Messages.AnyAsync(m => m.TicketId == ticket.Id && m.BodyText.Contains("est corrigée"))));

        // Personal: nobody else sees it, nor may use it, nor change it.
        using var benClient = await app.SignInAsync("ben@support.test");
        Assert.DoesNotContain("Fixed", (await benClient.GetAsync("/agent/macros")).MainText());
        Assert.Equal(HttpStatusCode.NotFound, (await benClient.Http.GetAsync($"/agent/macros/edit?id={macroId}")).StatusCode);
        Assert.NotNull(ben);
    }

    [Theory, Databases]
    public async Task A_macro_and_a_merge_go_to_all_the_tickets_of_a_searched_list_and_no_other(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var printers = new List<Ticket>();
        for (var i = 0; i < 3; i++) printers.Add(await app.OpenTicketAsync(world.Alice, $"Printer {i}"));
        var scanner = await app.OpenTicketAsync(world.Alice, "Scanner jammed");
        using var agent = await app.SignInAsync("agent@support.test");
        await agent.SubmitAndFollowAsync(await agent.GetAsync("/agent/macros/edit"), "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "On it", ["Input.Bodies[en]"] = "We are on it, {{ requester.first_name }}.", ["Input.Scope"] = "Personal",
        });
        var macroId = await app.WithDbAsync(d => d.Macros.Select(m => m.Id).SingleAsync());

        var list = await agent.GetAsync("/agent?queue=all&q=printer");
        await agent.SubmitAsync(list, "form[action*='handler=Bulk']",
            new Dictionary<string, string> { ["allMatching"] = "true", ["macroId"] = macroId.ToString() }, "button[formaction*='handler=BulkMacro']");
        var followed = await agent.GetAsync("/agent?queue=all&q=printer");
        Assert.Contains("Sent: 3.", followed.MainText());
        Assert.Equal(3, await app.WithDbAsync(d => d.Messages.CountAsync(m => m.BodyText.Contains("We are on it, Alice."))));
        Assert.False(await app.WithDbAsync(d => d.Messages.AnyAsync(m => m.TicketId == scanner.Id && m.BodyText.Contains("We are on it"))));

        // The same list merged into its first request: the two others, not the scanner.
        list = await agent.GetAsync("/agent?queue=all&q=printer");
        await agent.SubmitAsync(list, "form[action*='handler=Bulk']",
            new Dictionary<string, string> { ["allMatching"] = "true", ["mergeInto"] = printers[0].Number.ToString() }, "button[formaction*='handler=BulkMerge']");
        Assert.Contains($"Merged into #{printers[0].Number}: 2.", (await agent.GetAsync("/agent?queue=all")).MainText());
        Assert.Equal(2, await app.WithDbAsync(d => d.Tickets.CountAsync(t => t.MergedIntoId == printers[0].Id)));
        Assert.Null(await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == scanner.Id).Select(t => t.MergedIntoId).SingleAsync()));
    }

    [Theory, Databases]
    public async Task A_macro_shared_with_a_group_is_for_its_members(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        var support = await app.SupportGroupIdAsync();
        using var agent = await app.SignInAsync("agent@support.test");
        await agent.SubmitAndFollowAsync(await agent.GetAsync("/agent/macros/edit"), "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Support greeting", ["Input.Bodies[en]"] = "Hello {{ requester.name }}", ["Input.Scope"] = "Group", ["Input.GroupId"] = support.ToString(),
        });
        Assert.Equal(support, await app.WithDbAsync(d => d.Macros.Select(m => m.GroupId).SingleAsync()));

        // Ben is in no group: he neither sees nor uses it.
        using var ben = await app.SignInAsync("ben@support.test");
        Assert.DoesNotContain("Support greeting", (await ben.GetAsync("/agent/macros")).MainText());
        await app.AddToGroupAsync(support, await app.WithDbAsync(d => d.Users.SingleAsync(u => u.Email == "ben@support.test")));
        await Task.Delay(Guichet.Web.Data.NodeCache.CheckInterval);
        Assert.Contains("Support greeting", (await ben.GetAsync("/agent/macros")).MainText());
        Assert.NotNull(world);
    }
}
