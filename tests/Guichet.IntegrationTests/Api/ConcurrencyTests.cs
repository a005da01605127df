using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Guichet.IntegrationTests.Infrastructure;

namespace Guichet.IntegrationTests.Api;

/// <summary>ETag and If-Match on a ticket: a change made on what the caller read, or refused with 412.</summary>
public sealed class ConcurrencyTests
{
    [Theory, Databases]
    public async Task A_change_sent_with_the_etag_of_an_older_read_is_refused_and_one_with_the_current_etag_goes_through(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var number = await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Printer on fire");

        var read = await agent.GetAsync($"/api/v1/tickets/{number}");
        var etag = read.Headers.ETag?.Tag;
        Assert.NotNull(etag);
        // The customer replies meanwhile: the agent's read is now old.
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync($"/api/v1/tickets/{number}/messages", new { body = "Any news?" })).StatusCode);

        var stale = await Send(agent, HttpMethod.Patch, $"/api/v1/tickets/{number}", new { priority = "urgent" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var staleReply = await Send(agent, HttpMethod.Post, $"/api/v1/tickets/{number}/messages", new { body = "Restart it." }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleReply.StatusCode);
        var priority = (await (await agent.GetAsync($"/api/v1/tickets/{number}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priority").GetString();
        Assert.Equal("normal", priority);

        var fresh = (await agent.GetAsync($"/api/v1/tickets/{number}")).Headers.ETag!.Tag;
        Assert.NotEqual(etag, fresh);
        var changed = await Send(agent, HttpMethod.Patch, $"/api/v1/tickets/{number}", new { priority = "urgent" }, fresh);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(fresh, changed.Headers.ETag?.Tag);
        // "*" and no If-Match at all: no condition.
        Assert.Equal(HttpStatusCode.OK, (await Send(agent, HttpMethod.Patch, $"/api/v1/tickets/{number}", new { priority = "high" }, "*")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(agent, HttpMethod.Patch, $"/api/v1/tickets/{number}", new { priority = "low" }, null)).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
