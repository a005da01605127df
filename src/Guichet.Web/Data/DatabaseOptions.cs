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

    /// <summary>
    /// SQLite only: how much of the file each connection reads through memory mapping rather than
    /// read calls (PRAGMA mmap_size). The pages are the operating system's file cache, shared by all
    /// connections; 0 turns it off. SQLite caps it at its build's limit (2 GB by default).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long SqliteMemoryMapBytes { get; set; } = 2L << 30;
}
