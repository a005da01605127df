namespace Guichet.Tests;

/// <summary>The repository's files, for tests that check the source itself.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "Guichet.Web");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Guichet.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Guichet.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Source files of the web project, without generated ones.</summary>
    public static IEnumerable<string> WebSources(params string[] extensions) =>
        extensions.SelectMany(ext => Directory.EnumerateFiles(WebProject, "*" + ext, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"));
}
