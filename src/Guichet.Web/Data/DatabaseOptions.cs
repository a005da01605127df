using System.ComponentModel.DataAnnotations;

namespace Guichet.Web.Data;

/// <summary>Configuration section Guichet:Database.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Guichet:Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>"sqlite" (default, a file in the data directory) or "postgres".</summary>
    [Required, RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Guichet:Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Required for postgres; for sqlite defaults to Data Source={DataDirectory}/guichet.db.</summary>
    public string? ConnectionString { get; set; }
}
