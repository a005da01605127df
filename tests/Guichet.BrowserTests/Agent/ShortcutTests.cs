using System.Text.RegularExpressions;
using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

[Collection(BrowserCollection.Name)]
public sealed class ShortcutTests(Chromium chromium, ITestOutputHelper output)
{
    private const string DraftsInStorage = "() => Object.keys(localStorage).filter(k => k.startsWith('guichet:draft:')).length";

    [Fact]
    public async Task An_agent_works_a_queue_with_the_keyboard_only_and_a_reply_draft_survives_a_reload_and_a_refusal_in_Spanish()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(email, "Ada", "Lovelace");
        var customer = await app.CreateUserAsync(People.UniqueEmail("rosalind"), "Rosalind", "Franklin");
        var printer = (await app.OpenRequestAsync(customer, "Printer on fire")).Number;
        var scanner = (await app.OpenRequestAsync(customer, "Scanner jammed")).Number;

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync("/agent");
        await page.SwitchLanguageAsync("es");

        // The queue, newest activity first: j and k move through the rows, x ticks one, o opens it.
        var rows = page.Locator("#queue-list tbody tr");
        await page.Keyboard.PressAsync("j");
        await Expect(rows.Nth(0).GetByRole(AriaRole.Link, new() { Name = "Scanner jammed" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("j");
        await Expect(rows.Nth(1).GetByRole(AriaRole.Link, new() { Name = "Printer on fire" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("x");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = $"Marcar #{printer}" })).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("k");
        await page.Keyboard.PressAsync("j");
        await PageChecks.ScreenshotAsync(page, "agent-queue-keyboard-es");
        await AssertAccessibleAtBothWidthsAsync(page);
        await page.Keyboard.PressAsync("o");
        await Expect(page).ToHaveURLAsync(new Regex($"/agent/tickets/{printer}\\?from="));
        // The last of the queue: the way back to the one before, none further.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ticket anterior" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Último ticket de la cola")).ToBeVisibleAsync();

        // a: assigned to me, by the page's own form.
        await page.Keyboard.PressAsync("a");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Quitarme la asignación" })).ToBeVisibleAsync();
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Ada Lovelace");

        // n and r choose a note or a reply in the same box; Esc leaves the box, so letters are shortcuts again.
        var box = page.GetByLabel("Mensaje");
        var note = page.GetByLabel("Nota interna (los clientes no la ven)");
        await page.Keyboard.PressAsync("n");
        await Expect(box).ToBeFocusedAsync();
        await Expect(note).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("r");
        await Expect(box).ToBeFocusedAsync();
        await Expect(note).Not.ToBeCheckedAsync();
        await Expect(box).ToHaveValueAsync("");
        await page.Keyboard.TypeAsync("Hola Rosalind, cambiamos el fusor.");

        // A reload (or a crash) brings the draft back, said so.
        await WaitForDraftsAsync(page, 1);
        await page.ReloadAsync();
        await Expect(box).ToHaveValueAsync("Hola Rosalind, cambiamos el fusor.");
        await Expect(page.GetByText("Borrador recuperado")).ToBeVisibleAsync();

        // A colleague changes the ticket meanwhile: the reply is refused, its text is still there, and so is its draft.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
            var ticket = await db.Tickets.SingleAsync(t => t.Number == printer);
            ticket.ChangePriority(TicketPriority.High, ticket.RequesterId, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
            await db.SaveChangesAsync();
        }
        await page.Keyboard.PressAsync("r");
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Otra persona modificó esta solicitud");
        await Expect(box).ToHaveValueAsync("Hola Rosalind, cambiamos el fusor.");
        Assert.Equal(1, await page.EvaluateAsync<int>(DraftsInStorage));

        // Sent with the keyboard: only now does the draft go.
        await box.FocusAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Se ha enviado su respuesta.");
        await Expect(page.Locator("#conversation")).ToContainTextAsync("Hola Rosalind, cambiamos el fusor.");
        Assert.Equal(0, await page.EvaluateAsync<int>(DraftsInStorage));
        await page.ReloadAsync();
        await Expect(box).ToHaveValueAsync("");
        await Expect(page.GetByText("Borrador recuperado")).ToBeHiddenAsync();

        // ? lists every shortcut in a modal dialog; Esc closes it.
        await page.Keyboard.PressAsync("?");
        var overlay = page.GetByRole(AriaRole.Dialog, new() { Name = "Atajos de teclado" });
        await Expect(overlay).ToBeVisibleAsync();
        await Expect(overlay).ToContainTextAsync("Responder al cliente");
        await Expect(overlay).ToContainTextAsync("Asignarme el ticket");
        await Expect(overlay).ToContainTextAsync("Ticket siguiente o anterior de la cola");
        await PageChecks.ScreenshotAsync(page, "agent-shortcuts-es");
        await AssertAccessibleAtBothWidthsAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Expect(overlay).ToBeHiddenAsync();

        // The reply made it the queue's latest activity, first of the list: j goes to the next, the scanner; u back to the queue.
        await page.Keyboard.PressAsync("j");
        await Expect(page).ToHaveURLAsync(new Regex($"/agent/tickets/{scanner}\\?from="));
        await PageChecks.ScreenshotAsync(page, "agent-ticket-keyboard-es");
        await AssertAccessibleAtBothWidthsAsync(page);
        await page.Keyboard.PressAsync("u");
        await Expect(page).ToHaveURLAsync(new Regex("/agent\\?queue=open"));

        // Signing out lets go of this browser's drafts.
        await page.GotoAsync($"/agent/tickets/{scanner}");
        await page.Keyboard.PressAsync("r");
        await page.Keyboard.TypeAsync("Borrador sin enviar");
        await WaitForDraftsAsync(page, 1);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Iniciar sesión" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>(DraftsInStorage));
    }

    /// <summary>The drafts are saved a moment after the typing stops (the page's CSP refuses Playwright's polling by eval).</summary>
    private static async Task WaitForDraftsAsync(IPage page, int count)
    {
        for (var i = 0; i < 50 && await page.EvaluateAsync<int>(DraftsInStorage) != count; i++) await Task.Delay(100);
        Assert.Equal(count, await page.EvaluateAsync<int>(DraftsInStorage));
    }

    private static async Task AssertAccessibleAtBothWidthsAsync(IPage page)
    {
        var original = page.ViewportSize;
        foreach (var width in new[] { 375, 1440 })
        {
            await page.SetViewportSizeAsync(width, original?.Height ?? 900);
            await PageChecks.AssertAccessibleAsync(page);
        }
        if (original is not null) await page.SetViewportSizeAsync(original.Width, original.Height);
    }
}
