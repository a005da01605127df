using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Portal;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class GuestRequestTests(Chromium chromium, ITestOutputHelper output)
{
    private const string Password = "a bug in the relay";

    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_visitor_sends_a_request_with_a_file_confirms_it_from_the_mail_and_sees_it()
    {
        await using var app = await BrowserApp.StartAsync(output);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        var email = People.UniqueEmail("grace");

        // From the home page, without an account.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Send a request without an account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/requests/new");
        var about = page.GetByRole(AriaRole.Group, new() { Name = "About you" });
        await Expect(about.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await about.GetByRole(AriaRole.Textbox, new() { Name = "First name", Exact = true }).FillAsync("Grace");
        await about.GetByRole(AriaRole.Textbox, new() { Name = "Last name", Exact = true }).FillAsync("Hopper");
        await about.GetByRole(AriaRole.Textbox, new() { Name = "Email", Exact = true }).FillAsync(email);
        await page.TypeChoice("Bug report").CheckAsync();
        await page.SubjectField().FillAsync("A moth in relay 70");
        await page.DescriptionField().FillAsync("Panel F stopped. See the photo.");
        await page.GetByLabel("Attachments").SetInputFilesAsync(new FilePayload { Name = "moth.png", MimeType = "image/png", Buffer = Png });
        await ScreenshotAsync(page, "request-new-guest");
        await Layout.AssertFitsAPhoneAsync(page);
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/requests/sent");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(email);
        await ScreenshotAsync(page, "request-guest-check-your-inbox");
        await AssertAccessibleAsync(page);

        // The mail's link shows the request and asks for a password.
        var mail = await app.WaitForMailAsync(email, "Confirm your address to send your request");
        await page.GotoAsync(mail.FirstLink("/requests/confirm").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your request", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "A moth in relay 70", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("moth.png");
        await ScreenshotAsync(page, "request-guest-confirm");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and send my request" }).ClickAsync();

        // Signed in, on the request, which has its number and its file.
        await Expect(page).ToHaveURLAsync(RequestSteps.RequestUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "A moth in relay 70", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("was sent");
        await Expect(page.Locator(".conversation img[alt='moth.png']")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Grace Hopper" })).ToBeVisibleAsync();
        await Expect(page.Fact("Kind of request")).ToHaveTextAsync("Bug report");
        await ScreenshotAsync(page, "request-guest-confirmed");
        await app.WaitForMailAsync(email, "We received your request");
    }
}
