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
                    // The elements that stick out, for the failure message: the innermost ones first, as they are the cause.
                    const out = e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-wrap');
                    const sticking = [...document.querySelectorAll('body *')].filter(out);
                    const innermost = sticking.filter(e => ![...e.children].some(out));
                    return [`page ${document.documentElement.scrollWidth} px wide`].concat(innermost.concat(sticking.filter(e => !innermost.includes(e)))
                        .slice(0, 6).map(e => `${e.tagName.toLowerCase()}.${e.className}${e.id ? '#' + e.id : ''} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`));
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
