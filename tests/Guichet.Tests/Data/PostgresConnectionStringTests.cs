using Guichet.Web.Data;
using Npgsql;

namespace Guichet.Tests.Data;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        var chosen = new NpgsqlConnectionStringBuilder(DataSetup.PostgresConnectionString("Host=db;Database=guichet;Username=guichet"));
        Assert.Equal(256, chosen.MaxAutoPrepare);
        Assert.Equal("db", chosen.Host);
        Assert.Equal("guichet", chosen.Database);

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(DataSetup.PostgresConnectionString("Host=db;Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.Equal(20, new NpgsqlConnectionStringBuilder(DataSetup.PostgresConnectionString("Host=db;Max Auto Prepare=20")).MaxAutoPrepare);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(DataSetup.PostgresConnectionString("Host=db;MaxAutoPrepare=0")).MaxAutoPrepare);
        Assert.Equal(256, new NpgsqlConnectionStringBuilder(DataSetup.PostgresConnectionString("Host=db;Auto Prepare Min Usages=3")).MaxAutoPrepare);
    }
}
