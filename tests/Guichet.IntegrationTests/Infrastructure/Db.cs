namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>The database a test runs on. Every integration test runs once per value.</summary>
public enum Db
{
    Sqlite,
    Postgres,
}
