using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class LanguagesTests(Chromium chromium, ITestOutputHelper output)
{
    /// <summary>The form's words per language, from SharedResource.*.resx and the seeded request types.</summary>
    public static TheoryData<string, string, string, string, string, string[]> Languages => new()
    {
        { "en", "New request", "Kind of request", "Subject", "Send my request",
            ["Question / assistance", "Configuration request", "User management", "Bug report", "Improvement suggestion"] },
        { "fr", "Nouvelle demande", "Type de demande", "Objet", "Envoyer ma demande",
            ["Question / assistance", "Demande de configuration", "Gestion des utilisateurs", "Signalement d'anomalie", "Suggestion d'amélioration"] },
        { "de", "Neue Anfrage", "Art der Anfrage", "Betreff", "Meine Anfrage senden",
            ["Frage / Unterstützung", "Konfigurationsanfrage", "Benutzerverwaltung", "Fehlermeldung", "Verbesserungsvorschlag"] },
        { "es", "Nueva solicitud", "Tipo de solicitud", "Asunto", "Enviar mi solicitud",
            ["Pregunta / asistencia", "Solicitud de configuración", "Gestión de usuarios", "Informe de error", "Sugerencia de mejora"] },
        { "it", "Nuova richiesta", "Tipo di richiesta", "Oggetto", "Invia la mia richiesta",
            ["Domanda / assistenza", "Richiesta di configurazione", "Gestione utenti", "Segnalazione di errore", "Suggerimento di miglioramento"] },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_new_request_form_speaks_the_language_chosen_in_the_header(
        string culture, string heading, string kind, string subject, string send, string[] types)
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("polyglot");
        await app.CreateUserAsync(email, "Poly", "Glot");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/requests/new");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        if (culture != "en") await page.SwitchLanguageAsync(culture);

        // The picker brings the person back to the form.
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/requests/new");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await Expect(page.Locator("#language-picker")).ToHaveValueAsync(culture);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(heading)} · Guichet$"));
        var chooser = page.GetByRole(AriaRole.Group, new() { Name = kind });
        await Expect(chooser.Locator(".type-option__name")).ToHaveTextAsync(types);
        await Expect(chooser.GetByRole(AriaRole.Radio, new() { Name = types[0] })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = subject, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = send })).ToBeVisibleAsync();

        await ScreenshotAsync(page, $"request-new-{culture}");
        await Layout.AssertFitsAPhoneAsync(page);
        await AssertAccessibleAsync(page);

        // The choice lasts: the next page is in the same language.
        await page.GotoAsync("/requests");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
    }
}
