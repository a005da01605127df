using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Accounts;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(Chromium chromium, ITestOutputHelper output)
{
    private const string WrongCredentials = "The email or the password is not right. After 5 failed attempts, the account is locked for 15 minutes.";

    [Fact]
    public async Task Wrong_password_shows_an_announced_error_keeps_the_email_and_clears_the_password()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("grace");
        await app.CreateUserAsync(email, "Grace", "Hopper");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not my password at all");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // role="alert": a screen reader reads the error out as the page comes back.
        var alert = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert);
        await Expect(alert).ToHaveTextAsync(WrongCredentials);
        await Expect(alert).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/account/signin");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(email);
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeEmptyAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "signin-error");
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Unknown_address_gets_the_same_error_as_a_wrong_password()
    {
        await using var app = await BrowserApp.StartAsync(output);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync("nobody@example.test");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("whatever it is");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert)).ToHaveTextAsync(WrongCredentials);
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("nobody@example.test");
    }

    [Fact]
    public async Task Sign_in_works_with_the_keyboard_only()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("alan");
        await app.CreateUserAsync(email, "Alan", "Turing");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/signin");
        // The email field has the focus on arrival (autofocus): no mouse needed from here.
        await Expect(page.GetByLabel("Email")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(People.Password);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Remember me on this device")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByLabel("Remember me on this device")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Alan Turing" })).ToBeVisibleAsync();
    }
}
