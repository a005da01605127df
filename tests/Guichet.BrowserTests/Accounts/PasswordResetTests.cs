using System.Text.RegularExpressions;
using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Accounts;

[Collection(BrowserCollection.Name)]
public sealed partial class PasswordResetTests(Chromium chromium, ITestOutputHelper output)
{
    private const string NewPassword = "a brand new sentence here";

    [Fact]
    public async Task Person_resets_the_password_with_the_emailed_code_and_only_the_new_one_works()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("katherine");
        await app.CreateUserAsync(email, "Katherine", "Johnson");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();

        // Step 1: from the sign-in page, ask for a code.
        await page.GotoAsync("/account/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/account/reset");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reset your password", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "reset-ask");
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a code" }).ClickAsync();

        // Step 2: the code from the mail and a new password.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"If {email} has an account, a code is on its way.");
        await Expect(page.GetByLabel("Code from the mail")).ToBeFocusedAsync();
        await ScreenshotAsync(page, "reset-code");
        await AssertAccessibleAsync(page);

        var mail = await app.WaitForMailAsync(email, "reset code");
        var code = Code().Match(mail.Subject ?? "").Value;
        Assert.False(string.IsNullOrEmpty(code), $"No code like 1234-5678 in the subject \"{mail.Subject}\".");
        Assert.Contains(code, mail.TextBody);

        await page.GetByLabel("Code from the mail").FillAsync(code);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("New password again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password was changed. You are signed in.");
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Katherine Johnson" })).ToBeVisibleAsync();

        // Only the new password opens the account now.
        await page.SignOutAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(People.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or the password is not right.");

        await page.SignInAsync(email, NewPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Katherine Johnson" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_code_is_refused_next_to_the_code_field_and_the_password_still_works()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("dorothy");
        await app.CreateUserAsync(email, "Dorothy", "Vaughan");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/reset");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a code" }).ClickAsync();
        var mail = await app.WaitForMailAsync(email, "reset code");
        var code = Code().Match(mail.Subject ?? "").Value;
        var wrong = code == "0000-0000" ? "1111-1111" : "0000-0000";

        await page.GetByLabel("Code from the mail").FillAsync(wrong);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("New password again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();

        await Expect(page.Locator("[data-valmsg-for='Reset.Code']")).ToHaveTextAsync("This code is not valid or has expired. Ask for a new one.");
        await Expect(page.GetByLabel("Code from the mail")).ToHaveValueAsync(wrong);
        await ScreenshotAsync(page, "reset-wrong-code");
        await AssertAccessibleAsync(page);

        await page.SignInAsync(email, People.Password);
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dorothy Vaughan" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"\b\d{4}-\d{4}\b")]
    private static partial Regex Code();
}
