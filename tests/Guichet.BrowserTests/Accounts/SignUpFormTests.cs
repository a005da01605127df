using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Portal;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Accounts;

[Collection(BrowserCollection.Name)]
public sealed class SignUpFormTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Sign_up_form_errors_are_in_French_next_to_their_fields_and_typed_values_stay()
    {
        await using var app = await BrowserApp.StartAsync(output);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/signup");
        await page.SwitchLanguageAsync("fr");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/account/signup");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Créer un compte", Level = 1 })).ToBeVisibleAsync();

        // Nothing typed: one message per field, each under its own field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Expect(FieldError(page, "Prénom")).ToHaveTextAsync("Saisissez votre prénom.");
        await Expect(FieldError(page, "Nom")).ToHaveTextAsync("Saisissez votre nom.");
        await Expect(FieldError(page, "Adresse e-mail professionnelle")).ToHaveTextAsync("Saisissez votre adresse e-mail.");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await ScreenshotAsync(page, "signup-errors-fr");
        await AssertAccessibleAsync(page);

        // Some typed, one missing and one wrong: what was typed comes back, the errors move.
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Lovelace");
        await page.GetByLabel("Adresse e-mail professionnelle").FillAsync("ada@");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();

        await Expect(FieldError(page, "Adresse e-mail professionnelle")).ToHaveTextAsync("Saisissez une adresse e-mail valide.");
        await Expect(FieldError(page, "Prénom")).ToHaveTextAsync("Saisissez votre prénom.");
        await Expect(FieldError(page, "Nom")).ToBeEmptyAsync();
        await Expect(page.GetByLabel("Nom", new() { Exact = true })).ToHaveValueAsync("Lovelace");
        await Expect(page.GetByLabel("Adresse e-mail professionnelle")).ToHaveValueAsync("ada@");
        await Expect(page.GetByLabel("Prénom")).ToBeEmptyAsync();
    }

    [Fact]
    public async Task Sign_up_field_errors_are_read_out_with_their_fields()
    {
        await using var app = await BrowserApp.StartAsync(output);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/signup");
        await page.GetByLabel("Last name").FillAsync("Lovelace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(FieldError(page, "First name")).ToHaveTextAsync("Enter your first name.");

        // The page comes back with the focus in First name: a screen reader says the field, and
        // must say the error with it (aria-describedby), and that the value is wrong (aria-invalid).
        // The page is already there: short waits, the attributes will not appear later.
        var now = new LocatorAssertionsToHaveAttributeOptions { Timeout = 5_000 };
        var firstName = page.GetByLabel("First name");
        await Expect(firstName).ToBeFocusedAsync();
        await Expect(firstName).ToHaveAttributeAsync("aria-invalid", "true", now);
        await Expect(firstName).ToHaveAccessibleDescriptionAsync("Enter your first name.", new() { Timeout = 5_000 });
        await Expect(page.GetByLabel("Work email")).ToHaveAttributeAsync("aria-invalid", "true", now);
        await Expect(page.GetByLabel("Work email")).ToHaveAccessibleDescriptionAsync("Enter your email address.", new() { Timeout = 5_000 });
        await Expect(page.GetByLabel("Last name")).Not.ToHaveAttributeAsync("aria-invalid", "true", now);
    }

    /// <summary>The message shown in the same field block as the label, where a sighted person looks for it.</summary>
    private static ILocator FieldError(IPage page, string label) =>
        page.Locator(".field").Filter(new() { Has = page.GetByText(label, new() { Exact = true }) }).Locator(".field-error");
}
