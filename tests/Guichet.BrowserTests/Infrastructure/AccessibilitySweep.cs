using Guichet.BrowserTests.Agent;
using Microsoft.Playwright;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>
/// Walks pages one after another, each in the expected language. In English every page is checked with axe at a phone's
/// and a desktop's width and must fit the phone. The other languages differ from it only in their words, and longer words
/// show at the narrow width: there axe runs at the phone's width only, with the same fit check. (The sweep in five
/// languages at both widths was a quarter of the whole suite's time, and still over a fifth with French at both.)
/// </summary>
public static class AccessibilitySweep
{
    private static readonly string[] BothWidths = ["en"];

    public static async Task SweepAsync(this IPage page, string culture, IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            var response = await page.GotoAsync(address);
            Assert.True(response is { Ok: true }, $"{address}: {response?.Status}");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
            try
            {
                if (BothWidths.Contains(culture)) await BellTests.AssertAccessibleAtBothWidthsAsync(page);
                else await AssertAccessibleOnAPhoneAsync(page);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"{address} in {culture}: {e.Message}");
            }
        }
    }

    private static async Task AssertAccessibleOnAPhoneAsync(IPage page)
    {
        var original = page.ViewportSize;
        await page.SetViewportSizeAsync(375, 667);
        try
        {
            await PageChecks.AssertAccessibleAsync(page);
            await Layout.AssertFitsAPhoneAsync(page);
        }
        finally
        {
            if (original is not null) await page.SetViewportSizeAsync(original.Width, original.Height);
        }
    }
}
