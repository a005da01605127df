using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Guichet.Web.Data;

// `dotnet ef migrations add` builds each context from here, so that neither provider needs
// a running server or configuration to produce its migrations.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGuichetDbContext>
{
    public SqliteGuichetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGuichetDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGuichetDbContext>
{
    public PostgresGuichetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGuichetDbContext>().UseNpgsql("Host=localhost;Database=guichet_design").Options);
}
