using System.Text.RegularExpressions;
using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed partial class PastedImageTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task A_screenshot_pasted_into_the_description_and_into_a_reply_shows_in_the_conversation()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("grace");
        await app.CreateUserAsync(email, "Grace", "Hopper");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/requests/new");
        await page.SubjectField().FillAsync("The chart stays empty");
        await page.DescriptionField().FillAsync("After the update the chart is empty:");
        await PasteImageAsync(page.DescriptionField(), "#1d4ed8");

        // The image joined the chosen files and the text refers to it where the cursor was.
        var files = page.Locator("#attachments-files");
        Assert.Equal(1, await files.EvaluateAsync<int>("input => input.files.length"));
        var name = await files.EvaluateAsync<string>("input => input.files[0].name");
        Assert.Matches(PastedName(), name);
        await Expect(page.DescriptionField()).ToHaveValueAsync($"After the update the chart is empty:\n![{name}](attachment:{name})");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RequestSteps.RequestUrl());
        var shown = page.Locator(".message__body img");
        await Expect(shown).ToHaveCountAsync(1);
        await Expect(shown).ToHaveAttributeAsync("alt", name);
        await Expect(shown).ToHaveAttributeAsync("src", new Regex($"^/attachments/[0-9a-f-]{{36}}/{Regex.Escape(name)}$"));
        // Loaded, not a broken picture: the download answered and the CSP let it in.
        await Expect(shown).ToHaveJSPropertyAsync("naturalWidth", 120);

        // In a reply, between two lines already typed.
        await page.GetByLabel("Your reply").FillAsync("Still empty today.\nHere is the legend:");
        await PasteImageAsync(page.GetByLabel("Your reply"), "#b91c1c");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my reply" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your reply was sent.");
        var reply = page.Locator(".conversation > li").Last;
        await Expect(reply.Locator(".message__body")).ToContainTextAsync("Here is the legend:");
        await Expect(reply.Locator(".message__body img")).ToHaveJSPropertyAsync("naturalWidth", 120);
        await ScreenshotAsync(page, "request-pasted-image");
        await Layout.AssertFitsAPhoneAsync(page);
        await AssertAccessibleAsync(page);
    }

    /// <summary>
    /// What the browser does when someone presses Ctrl+V with a screenshot on the clipboard: a paste
    /// event whose clipboard holds one PNG file (named image.png, as browsers name them) and no text.
    /// </summary>
    private static async Task PasteImageAsync(ILocator textarea, string colour)
    {
        await textarea.FocusAsync();
        await textarea.PressAsync("End");
        await textarea.EvaluateAsync(
            """
            async (area, colour) => {
                const canvas = document.createElement("canvas");
                canvas.width = 120;
                canvas.height = 60;
                const g = canvas.getContext("2d");
                g.fillStyle = colour;
                g.fillRect(0, 0, 120, 60);
                const blob = await new Promise(resolve => canvas.toBlob(resolve, "image/png"));
                const clipboard = new DataTransfer();
                clipboard.items.add(new File([blob], "image.png", { type: "image/png" }));
                area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: clipboard, bubbles: true, cancelable: true }));
            }
            """, colour);
    }

    [GeneratedRegex(@"^pasted-\d{8}-\d{6}\.png$")]
    private static partial Regex PastedName();
}
