using Microsoft.Playwright;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole test run (starting it is the slow part); each test
/// gets a fresh context of its own (cookies, storage) through <see cref="NewContextAsync"/>.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // The machine is shared and sometimes loaded: generous waits, never fixed sleeps.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: run ./test.sh, which installs it (apt-get install chromium).");

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's build instead of a downloaded one: this machine reaches no browser download site.
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = (float)Timeout.TotalMilliseconds,
            Args =
            [
                "--no-sandbox",   // CI runs as root, where Chromium's sandbox refuses to start
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A new browser context aimed at <paramref name="app"/>: relative URLs go to it, the browser
    /// asks for English unless told otherwise, and the window is desktop-sized.
    /// </summary>
    /// <param name="javaScript">False for a browser without JavaScript: every form must still work.</param>
    public async Task<IBrowserContext> NewContextAsync(BrowserApp app, string locale = "en-US", bool javaScript = true)
    {
        var context = await (browser ?? throw new InvalidOperationException("Chromium is not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
