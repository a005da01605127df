using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Portal;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Accounts;

[Collection(BrowserCollection.Name)]
public sealed class SignUpJourneyTests(Chromium chromium, ITestOutputHelper output)
{
    private const string Password = "a walk along the river";

    [Fact]
    public async Task Visitor_signs_up_confirms_from_the_mail_signs_in_again_edits_the_profile_and_switches_language()
    {
        await using var app = await BrowserApp.StartAsync(output);
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        var email = People.UniqueEmail("ada");

        // Sign up.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/account/signup");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "signup-form");
        await AssertAccessibleAsync(page);

        await page.GetByLabel("First name").FillAsync("Ada");
        await page.GetByLabel("Last name").FillAsync("Lovelace");
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        var sent = page.GetByRole(AriaRole.Status);
        await Expect(sent.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        await Expect(sent).ToContainTextAsync(email);
        await ScreenshotAsync(page, "signup-check-your-inbox");
        await AssertAccessibleAsync(page);

        // Follow the link of the mail and choose a password.
        var mail = await app.WaitForMailAsync(email, "Confirm your address");
        await page.GotoAsync(mail.FirstLink("/account/verify").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your address", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(email);
        await ScreenshotAsync(page, "verify-choose-password");
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my account" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/");
        var nav = page.GetByRole(AriaRole.Navigation);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();

        // Sign out, and back in with the chosen password.
        await page.SignOutAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" })).ToHaveCountAsync(0);

        await nav.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "signin-form");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/");

        // The profile: job title and time zone.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/account/profile");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your profile", Level = 1 })).ToBeVisibleAsync();
        var details = page.GetByRole(AriaRole.Region, new() { Name = "Your details" });
        await Expect(details.GetByLabel("First name")).ToHaveValueAsync("Ada");
        await Expect(details.GetByLabel("Last name")).ToHaveValueAsync("Lovelace");
        await details.GetByLabel("Job title").FillAsync("Analyst");
        await details.GetByLabel("Time zone").SelectOptionAsync("Europe/Paris");
        await details.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your profile was saved.");
        await Expect(details.GetByLabel("Job title")).ToHaveValueAsync("Analyst");
        await Expect(details.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Paris");
        await ScreenshotAsync(page, "profile-en");
        await AssertAccessibleAsync(page);

        // The header's picker turns the page to French, and the choice is kept in the profile.
        await page.SwitchLanguageAsync("fr");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/account/profile");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre profil", Level = 1 })).ToBeVisibleAsync();
        details = page.GetByRole(AriaRole.Region, new() { Name = "Vos coordonnées" });
        await Expect(details.GetByLabel("Fonction")).ToHaveValueAsync("Analyst");
        await Expect(details.GetByLabel("Fuseau horaire")).ToHaveValueAsync("Europe/Paris");
        await Expect(details.GetByLabel("Langue")).ToHaveValueAsync("fr");
        await Expect(details.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "profile-fr");
        await AssertAccessibleAsync(page);

        // The profile's own language list: German.
        await details.GetByLabel("Langue").SelectOptionAsync(new SelectOptionValue { Label = "Deutsch" });
        await details.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        // The confirmation's language is ProfileTests' concern (it comes in the previous language today).
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ihr Profil", Level = 1 })).ToBeVisibleAsync();
        details = page.GetByRole(AriaRole.Region, new() { Name = "Ihre Angaben" });
        await Expect(details.GetByLabel("Position")).ToHaveValueAsync("Analyst");
        await Expect(details.GetByLabel("Sprache")).ToHaveValueAsync("de");
        await Expect(page.Locator("#language-picker")).ToHaveValueAsync("de");
    }
}
