using System.Text;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using MiniExcelLibs;

namespace Guichet.IntegrationTests.Portal;

public sealed class ExportTests
{
    [Theory, Databases]
    public async Task The_export_holds_every_matching_request_and_nothing_the_customer_may_not_see(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var me = await app.CreateUserAsync("exporter@example.org", first: "Eva", last: "Porter");
        var other = await app.CreateUserAsync("other@example.org");
        var agent = await app.CreateUserAsync("agent@example.org", Roles.Admin);
        for (var i = 0; i < 30; i++) await app.OpenTicketAsync(me, i == 0 ? "=HYPERLINK(\"evil\"), with \"quotes\"" : $"Mine {i:00}");
        await app.OpenTicketAsync(other, "Not mine");
        using var client = await app.SignInAsync("exporter@example.org");

        var list = await client.GetAsync("/requests");
        var csvLink = list.QuerySelector("a[href*='format=csv']")!.GetAttribute("href")!;
        var csvResponse = await client.Http.GetAsync(csvLink);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", csvResponse.Content.Headers.ContentDisposition?.ToString());
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(31, lines.Length);
        Assert.StartsWith("Number,Subject,Requester", lines[0]);
        Assert.DoesNotContain("Not mine", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"evil\"\"), with \"\"quotes\"\"\"", csv);

        var xlsx = await client.Http.GetAsync(list.QuerySelector("a[href*='format=xlsx']")!.GetAttribute("href")!);
        await using var stream = await xlsx.Content.ReadAsStreamAsync();
        var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        memory.Position = 0;
        var rows = (await memory.QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal("Eva Porter", r["Requester"]));

        var filtered = await client.Http.GetStringAsync("/requests?handler=export&format=csv&q=mine%2021");
        Assert.Equal(2, filtered.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.NotEqual(Guid.Empty, agent.Id);
    }
}
