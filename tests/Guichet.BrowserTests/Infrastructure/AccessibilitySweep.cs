using Guichet.BrowserTests.Agent;
using Microsoft.Playwright;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>Walks pages one after another, each in the expected language, checked with axe at both widths and on a phone.</summary>
public static class AccessibilitySweep
{
    public static async Task SweepAsync(this IPage page, string culture, IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            var response = await page.GotoAsync(address);
            Assert.True(response is { Ok: true }, $"{address}: {response?.Status}");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
            try
            {
                await BellTests.AssertAccessibleAtBothWidthsAsync(page);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"{address} in {culture}: {e.Message}");
            }
        }
    }
}
