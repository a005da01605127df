using System.Reflection;
using Xunit.Sdk;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>Runs a theory once on SQLite and once on PostgreSQL: <c>[Theory, Databases]</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Db.Sqlite], [Db.Postgres]];
}
