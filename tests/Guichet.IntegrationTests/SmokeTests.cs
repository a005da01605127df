using System.Net;
using Guichet.IntegrationTests.Infrastructure;

namespace Guichet.IntegrationTests;

public sealed class SmokeTests
{
    [Theory, Databases]
    public async Task Health_check_answers_when_the_database_is_reachable(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var response = await app.NewClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
