using System.Xml.Linq;
using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task The_new_request_form_has_no_English_left_in_French_German_Spanish_or_Italian()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("babel");
        await app.CreateUserAsync(email, "Babel", "Tower");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync("/requests/new");
        var english = await TextsAsync(page);

        var problems = new List<string>();
        foreach (var culture in new[] { "fr", "de", "es", "it" })
        {
            await page.SwitchLanguageAsync(culture);
            var same = await SameInBothAsync(app, culture);
            problems.AddRange((await TextsAsync(page)).Where(t => english.Contains(t) && !same.Contains(t)).Distinct().Select(t => $"{culture}: \"{t}\""));
        }
        Assert.True(problems.Count == 0, "English left on the form:\n" + string.Join("\n", problems));
    }

    /// <summary>Everything a person reads or hears on the page: text, options, labels of controls, alternative texts, titles.</summary>
    private static async Task<HashSet<string>> TextsAsync(IPage page) => (await page.EvaluateAsync<string[]>(
        """
        () => {
            const texts = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (!parent || parent.closest("script, style, [translate=no]")) continue;
                texts.push(node.data);
            }
            for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], [data-too-big]"))
                for (const name of ["aria-label", "title", "placeholder", "alt", "data-too-big", "data-too-many", "data-too-much", "data-not-accepted"])
                    if (element.getAttribute(name)) texts.push(element.getAttribute(name));
            texts.push(document.title);
            return texts.map(t => t.replace(/\s+/g, " ").trim()).filter(t => /\p{L}/u.test(t));
        }
        """)).ToHashSet();

    /// <summary>Words that are rightly the same as in English: resources and seeded types translated identically, names.</summary>
    private static async Task<HashSet<string>> SameInBothAsync(BrowserApp app, string culture)
    {
        var resources = Path.Combine(Repository(), "src", "Guichet.Web", "Resources");
        static Dictionary<string, string> Load(string file) =>
            XDocument.Load(file).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        var en = Load(Path.Combine(resources, "SharedResource.resx"));
        var other = Load(Path.Combine(resources, $"SharedResource.{culture}.resx"));
        var same = en.Where(e => other.GetValueOrDefault(e.Key) == e.Value).Select(e => e.Value).ToHashSet();
        using var scope = app.Services.CreateScope();
        foreach (var type in await scope.ServiceProvider.GetRequiredService<GuichetDbContext>().RequestTypes.AsNoTracking().ToListAsync())
        {
            if (type.Names.In(culture) == type.Names.In("en")) same.Add(type.Names.In("en"));
            if (type.Descriptions.In(culture) == type.Descriptions.In("en")) same.Add(type.Descriptions.In("en"));
        }
        // Custom fields' labels and help as the admin wrote them ("Version" is French and German too).
        foreach (var field in await scope.ServiceProvider.GetRequiredService<GuichetDbContext>().CustomFields.AsNoTracking().Include(f => f.Options).ToListAsync())
        {
            foreach (var option in field.Options.Where(o => o.Labels.In(culture) == o.Labels.In("en"))) same.Add(option.Labels.In("en"));
            if (field.Labels.In(culture) == field.Labels.In("en")) same.Add(field.Labels.In("en"));
            if (field.Help.In(culture) == field.Help.In("en")) same.Add(field.Help.In("en"));
        }
        same.UnionWith(["Guichet", "Babel Tower", "English", "Français", "Deutsch", "Español", "Italiano"]);
        return same;
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Guichet.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Repository root not found.");
    }
}
