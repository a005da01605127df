using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class NewRequestTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Customer_opens_a_request_of_each_type_with_a_file_and_CC_and_finds_them_in_My_requests()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("marie");
        await app.CreateUserAsync(email, "Marie", "Curie");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        var opened = new List<(long Number, string Subject, string Type)>();
        for (var i = 0; i < Helpdesk.SeededTypes.Length; i++)
        {
            var type = Helpdesk.SeededTypes[i];
            var subject = $"Request {i + 1}: {type}";
            var colleague = $"colleague{i + 1}@example.test";
            var boss = $"boss{i + 1}@example.test";

            await page.GotoAsync("/requests/new");
            if (i == 0)
            {
                await ScreenshotAsync(page, "request-new");
                await Layout.AssertFitsAPhoneAsync(page);
                await AssertAccessibleAsync(page);
            }
            var file = new FilePayload { Name = $"details-{i + 1}.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes($"Details of {type}") };
            var number = await page.SendNewRequestAsync(type, subject, $"What happened with the **{type}**.", $"{colleague}, {boss}", [file]);

            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Your request #{number} was sent." })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(subject);
            await Expect(page.Locator(".ticket-number")).ToHaveTextAsync($"#{number}");
            await Expect(page.Fact("Number")).ToHaveTextAsync($"#{number}");
            await Expect(page.Fact("Kind of request")).ToHaveTextAsync(type);
            await Expect(page.Fact("Status")).ToHaveTextAsync("New");
            // The description, rendered from Markdown.
            await Expect(page.Locator(".message__body strong")).ToHaveTextAsync(type);
            var keptInformed = page.GetByRole(AriaRole.Region, new() { Name = "Kept informed" });
            await Expect(keptInformed.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
            await Expect(keptInformed.GetByRole(AriaRole.Listitem).Filter(new() { HasText = colleague })).ToContainTextAsync("CC");
            await Expect(keptInformed.GetByRole(AriaRole.Listitem).Filter(new() { HasText = boss })).ToContainTextAsync("CC");
            await Expect(keptInformed.GetByRole(AriaRole.Button, new() { Name = $"Remove {colleague}" })).ToBeVisibleAsync();
            // The file came with it, and downloads back as it was sent.
            var download = page.Locator(".conversation .attachments a[download]");
            await Expect(download).ToHaveTextAsync(file.Name);
            var response = await page.APIRequest.GetAsync(await download.GetAttributeAsync("href") ?? "");
            Assert.Equal(file.Buffer, await response.BodyAsync());
            opened.Add((number, subject, type));
        }
        Assert.Equal(opened.Count, opened.Select(o => o.Number).Distinct().Count());

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link, new() { Name = "My requests" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/requests");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("5 requests");
        var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(5);
        // Newest activity first: the last one opened comes first.
        await Expect(rows.Locator("td:first-child")).ToHaveTextAsync(opened.Select(o => o.Subject).Reverse().ToArray());
        foreach (var (number, subject, _) in opened)
        {
            var row = rows.Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = subject, Exact = true }) });
            await Expect(row).ToContainTextAsync($"#{number}");
            await Expect(row).ToContainTextAsync("New");
        }
        await ScreenshotAsync(page, "requests-list");
        await Layout.AssertFitsAPhoneAsync(page);
        await AssertAccessibleAsync(page);

        await rows.GetByRole(AriaRole.Link, new() { Name = opened[3].Subject }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/requests/{opened[3].Number}");
        await Expect(page.Fact("Kind of request")).ToHaveTextAsync("Bug report");
    }

    [Fact]
    public async Task Switching_the_type_keeps_everything_typed_and_an_empty_subject_is_refused_next_to_the_field()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("pierre");
        await app.CreateUserAsync(email, "Pierre", "Curie");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/requests/new");
        // The first type is chosen to begin with.
        await Expect(page.TypeChoice("Question / assistance")).ToBeCheckedAsync();
        await page.SubjectField().FillAsync("The export ignores the filter");
        await page.DescriptionField().FillAsync("1. Filter on *last month*\n2. Export\n\nAll rows come out.");
        await page.GetByLabel("Environment").SelectOptionAsync(new SelectOptionValue { Label = "Production" });
        await page.GetByLabel("Priority").SelectOptionAsync(new SelectOptionValue { Label = "High" });
        await page.CcField().FillAsync("lea@example.test");

        // A click on the card (the label), as people do, not only on the small radio.
        await page.GetByText("Bug report", new() { Exact = true }).ClickAsync();
        await Expect(page.TypeChoice("Bug report")).ToBeCheckedAsync();
        await Expect(page.TypeChoice("Question / assistance")).Not.ToBeCheckedAsync();
        await page.TypeChoice("Improvement suggestion").CheckAsync();
        await page.TypeChoice("Bug report").CheckAsync();

        await Expect(page.SubjectField()).ToHaveValueAsync("The export ignores the filter");
        await Expect(page.DescriptionField()).ToHaveValueAsync("1. Filter on *last month*\n2. Export\n\nAll rows come out.");
        await Expect(page.GetByLabel("Environment")).ToHaveValueAsync("Production");
        await Expect(page.GetByLabel("Priority")).ToHaveValueAsync("High");
        await Expect(page.CcField()).ToHaveValueAsync("lea@example.test");

        // Now the subject is emptied and the form sent anyway.
        await page.SubjectField().FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();

        await Expect(page.GetByText("Enter a subject.")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/requests/new");
        // Next to the field, and tied to it for screen readers.
        var subjectBlock = page.Locator(".field").Filter(new() { Has = page.SubjectField() });
        await Expect(subjectBlock.Locator(".field-error")).ToHaveTextAsync("Enter a subject.");
        await Expect(page.SubjectField()).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.SubjectField()).ToHaveAccessibleDescriptionAsync("Enter a subject.");
        // Nothing else is lost.
        await Expect(page.DescriptionField()).ToHaveValueAsync("1. Filter on *last month*\n2. Export\n\nAll rows come out.");
        await Expect(page.TypeChoice("Bug report")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Environment")).ToHaveValueAsync("Production");
        await Expect(page.GetByLabel("Priority")).ToHaveValueAsync("High");
        await Expect(page.CcField()).ToHaveValueAsync("lea@example.test");
        await ScreenshotAsync(page, "request-new-error");
        await Layout.AssertFitsAPhoneAsync(page);
        await AssertAccessibleAsync(page);

        // Corrected, it goes through with the kind chosen before.
        await page.SubjectField().FillAsync("The export ignores the filter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RequestSteps.RequestUrl());
        await Expect(page.Fact("Kind of request")).ToHaveTextAsync("Bug report");
        await Expect(page.Fact("Priority")).ToHaveTextAsync("High");
        await Expect(page.Fact("Environment")).ToHaveTextAsync("Production");
    }

    [Fact]
    public async Task On_a_phone_an_error_below_the_fold_is_announced_at_the_top()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("irene");
        await app.CreateUserAsync(email, "Irène", "Joliot");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.SetViewportSizeAsync(375, 667);

        await page.GotoAsync("/requests/new");
        await page.DescriptionField().FillAsync("The subject is forgotten.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(page.SubjectField()).ToHaveAttributeAsync("aria-invalid", "true");

        // The page comes back scrolled to the top, where the five type cards fill the screen:
        // the message next to the subject is out of sight and nothing says the form was refused.
        // App bug: a summary (role="alert") at the top, or the focus on the first wrong field, is missing.
        var announced = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert).Filter(new() { HasText = "Enter a subject." });
        // The page is already there (aria-invalid above): no need to wait long for what is missing.
        await Expect(announced).ToBeInViewportAsync(new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task Each_type_card_keeps_its_description_right_under_its_name()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("lise");
        await app.CreateUserAsync(email, "Lise", "Meitner");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/requests/new");
        // In a row of cards, a card with a short description is stretched to the tallest one; the
        // extra height must stay at the bottom, not open a gap between the name and its description.
        var gaps = await page.Locator(".type-option").EvaluateAllAsync<double[]>(
            """
            cards => cards.map(c => {
                // The text itself, not its box (a stretched grid row makes the box taller than the text).
                const text = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect(); };
                return text(c.querySelector('.type-option__description')).top - text(c.querySelector('.type-option__name')).bottom;
            })
            """);
        Assert.Equal(5, gaps.Length);
        // App bug (site.css, .type-option): the grid's rows share the extra height; "align-content: start" keeps them together.
        Assert.All(gaps, gap => Assert.InRange(gap, -1, 6));
    }

    [Fact]
    public async Task A_wrong_CC_address_is_refused_and_CC_can_be_changed_on_the_request_page()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("chien");
        await app.CreateUserAsync(email, "Chien-Shiung", "Wu");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/requests/new");
        await page.SubjectField().FillAsync("Parity of the reports");
        await page.DescriptionField().FillAsync("Left and right columns are swapped.");
        await page.CcField().FillAsync("ok@example.test, not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(page.CcField()).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("These addresses are not valid: not-an-address"));
        await Expect(page.CcField()).ToHaveValueAsync("ok@example.test, not-an-address");
        await Expect(page.SubjectField()).ToHaveValueAsync("Parity of the reports");

        await page.CcField().FillAsync("ok@example.test");
        var number = await page.SendNewRequestAsync("Question / assistance", "Parity of the reports", "Left and right columns are swapped.");
        var keptInformed = page.GetByRole(AriaRole.Region, new() { Name = "Kept informed" });
        await Expect(keptInformed.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(keptInformed.GetByRole(AriaRole.Listitem)).ToContainTextAsync("ok@example.test CC");

        await keptInformed.GetByLabel("Add someone by email").FillAsync("second@example.test");
        await keptInformed.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(keptInformed.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(keptInformed.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "second@example.test" })).ToBeVisibleAsync();

        await keptInformed.GetByRole(AriaRole.Button, new() { Name = "Remove ok@example.test" }).ClickAsync();
        await Expect(keptInformed.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(keptInformed.GetByRole(AriaRole.Listitem)).ToContainTextAsync("second@example.test");
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/requests/{number}#people");
    }
}
