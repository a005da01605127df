using Microsoft.Playwright;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>Layout checks that screenshots alone leave to a human eye.</summary>
public static class Layout
{
    /// <summary>
    /// Fails when the page is wider than a 375 px phone (the whole page scrolls sideways). A wide
    /// table inside its own scrolling box is allowed. The viewport is put back after.
    /// </summary>
    public static async Task AssertFitsAPhoneAsync(IPage page)
    {
        var original = page.ViewportSize;
        await page.SetViewportSizeAsync(375, 667);
        try
        {
            var wider = await page.EvaluateAsync<string[]>(
                """
                () => {
                    const width = document.documentElement.clientWidth;
                    if (document.documentElement.scrollWidth <= width) return [];
                    // The elements that stick out, outermost first, for the failure message.
                    return [`page ${document.documentElement.scrollWidth} px wide`].concat([...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-wrap'))
                        .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`));
                }
                """);
            Assert.True(wider.Length == 0, $"{page.Url} is wider than 375 px: {string.Join("; ", wider)}");
        }
        finally
        {
            if (original is not null) await page.SetViewportSizeAsync(original.Width, original.Height);
        }
    }
}
