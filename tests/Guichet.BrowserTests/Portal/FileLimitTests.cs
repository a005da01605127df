using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class FileLimitTests(Chromium chromium, ITestOutputHelper output)
{
    // The request limit is then 100 KB + 1 MB.
    private static readonly Dictionary<string, string?> SmallLimits = new()
    {
        ["Guichet:Attachments:MaxFileBytes"] = "51200",
        ["Guichet:Attachments:MaxTotalBytesPerMessage"] = "102400",
    };

    private static FilePayload File(string name, int length) => new() { Name = name, MimeType = "application/octet-stream", Buffer = new byte[length] };

    [Fact]
    public async Task A_file_over_the_limit_is_taken_out_before_sending_and_said_next_to_the_field()
    {
        await using var app = await BrowserApp.StartAsync(output, SmallLimits);
        var email = People.UniqueEmail("hedy");
        await app.CreateUserAsync(email, "Hedy", "Lamarr");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/requests/new");
        await page.SubjectField().FillAsync("Frequency hopping");
        await page.DescriptionField().FillAsync("The log and the recording.");
        var files = page.GetByLabel("Attachments");
        await files.SetInputFilesAsync([File("recording.wav", 80_000), File("log.txt", 2_000)]);

        await Expect(files).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("recording.wav is too big: at most 50 KB per file."));
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "recording.wav is too big" })).ToBeVisibleAsync();
        await Expect(files).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(["log.txt"], await files.EvaluateAsync<string[]>("input => [...input.files].map(f => f.name)"));
        await ScreenshotAsync(page, "request-new-file-too-big");
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RequestSteps.RequestUrl());
        await Expect(page.Locator(".conversation .attachments a[download]")).ToHaveTextAsync(["log.txt"]);
    }

    [Fact]
    public async Task Without_JavaScript_a_form_far_over_the_request_limit_comes_back_with_what_was_typed()
    {
        await using var app = await BrowserApp.StartAsync(output, SmallLimits);
        var email = People.UniqueEmail("katherine");
        await app.CreateUserAsync(email, "Katherine", "Johnson");
        await using var context = await chromium.NewContextAsync(app, javaScript: false);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/requests/new");
        await page.SubjectField().FillAsync("Trajectory export");
        await page.DescriptionField().FillAsync("The export of the trajectory fails.\nSee the dump.");
        await page.GetByLabel("Priority").SelectOptionAsync(new SelectOptionValue { Label = "High" });
        // 3 MB: past the server's request limit, which would cut the connection with a bare 413.
        await page.GetByLabel("Attachments").SetInputFilesAsync([File("orbit.dump", 3 * 1024 * 1024)]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "orbit.dump is too big: at most 50 KB per file." })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/requests/new");
        await Expect(page.SubjectField()).ToHaveValueAsync("Trajectory export");
        await Expect(page.DescriptionField()).ToHaveValueAsync("The export of the trajectory fails.\nSee the dump.");
        await Expect(page.GetByLabel("Priority")).ToHaveValueAsync("High");
        await Expect(page.GetByLabel("Attachments")).ToHaveAttributeAsync("aria-invalid", "true");
    }
}
