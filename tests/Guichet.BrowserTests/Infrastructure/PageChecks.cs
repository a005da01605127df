using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>Checks every page test ends with: how it looks (screenshots) and whether everyone can use it (axe).</summary>
public static class PageChecks
{
    public const string ScreenshotsVariable = "GUICHET_SCREENSHOTS";

    // A phone and a desktop: the layouts people actually see.
    private static readonly int[] Widths = [375, 1440];

    /// <summary>
    /// Full-page PNGs of the page at 375 and 1440 px wide, as {name}-375.png and {name}-1440.png
    /// in $GUICHET_SCREENSHOTS (./test.sh sets artifacts/screenshots). The viewport is put back after.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = ScreenshotFolder();
        Directory.CreateDirectory(folder);
        var original = page.ViewportSize;
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, original?.Height ?? 900);
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(folder, $"{name}-{width}.png"),
                FullPage = true,
                Animations = ScreenshotAnimations.Disabled,
            });
        }
        if (original is not null) await page.SetViewportSizeAsync(original.Width, original.Height);
    }

    /// <summary>Fails with the list of axe violations of impact serious or critical on the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (blocking.Count == 0) return;

        var report = new StringBuilder($"{blocking.Count} serious or critical accessibility violation(s) on {page.Url}:");
        foreach (var violation in blocking)
        {
            report.Append($"\n- [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes.Take(5))
                report.Append($"\n    {node.Target}: {node.Html}");
        }
        Assert.Fail(report.ToString());
    }

    private static string ScreenshotFolder() =>
        Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Guichet.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
