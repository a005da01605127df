using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Tests.Data;

/// <summary>
/// Every model change ships both migrations. Comparing the model with each provider's last
/// snapshot needs no database, so this runs with the unit tests.
/// </summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void Migrations_capture_every_model_change(string provider)
    {
        using GuichetDbContext db = provider switch
        {
            "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
            "Postgres" => new PostgresDesignTimeFactory().CreateDbContext([]),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };

        // Without migrations found for the context the next check would fail too, but less clearly.
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration captures. Add one for each provider:\n" +
            $"  dotnet ef migrations add NAME --project src/Guichet.Web --context {provider}GuichetDbContext -o Data/Migrations/{provider}");
    }
}
