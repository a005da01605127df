using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>What a person does in the header and on the sign-in page, step by step, through the browser.</summary>
public static partial class Visitor
{
    /// <summary>Signs in through the form (English labels) and waits to leave the sign-in page.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(SignInUrl());
    }

    /// <summary>The header's sign-out button, whatever the page's language.</summary>
    public static async Task SignOutAsync(this IPage page, string buttonName = "Sign out")
    {
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = buttonName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// The header's language picker. Found by id: its label is in the page's current language.
    /// Waits until the page comes back in <paramref name="culture"/>.
    /// </summary>
    public static async Task SwitchLanguageAsync(this IPage page, string culture)
    {
        await page.Locator("#language-picker").SelectOptionAsync(culture);
        // Without JavaScript the picker needs its button; with it, choosing may already submit.
        var change = page.Locator("form.language-picker").GetByRole(AriaRole.Button);
        if (await change.IsVisibleAsync()) await change.ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
    }

    [GeneratedRegex("/account/signin", RegexOptions.IgnoreCase)]
    private static partial Regex SignInUrl();
}
