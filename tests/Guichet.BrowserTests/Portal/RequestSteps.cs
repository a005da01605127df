using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Guichet.BrowserTests.Portal;

/// <summary>What a customer does on the request pages, step by step, through the browser (English labels).</summary>
public static partial class RequestSteps
{
    public static ILocator TypeChoice(this IPage page, string typeName) =>
        page.GetByRole(AriaRole.Group, new() { Name = "Kind of request" }).GetByRole(AriaRole.Radio, new() { Name = typeName });

    // By role: the accessible name leaves out the aria-hidden "*" of required fields (a label match would not).
    public static ILocator SubjectField(this IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Subject", Exact = true });
    public static ILocator DescriptionField(this IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Description", Exact = true });
    public static ILocator CcField(this IPage page) => page.GetByLabel("Keep informed (CC)");

    /// <summary>The status badge under the request's title.</summary>
    public static ILocator StatusBadge(this IPage page) => page.Locator(".ticket-header .status");

    /// <summary>The value next to a term of the "Details" side panel.</summary>
    public static ILocator Fact(this IPage page, string term) =>
        page.GetByRole(AriaRole.Complementary).Locator("dl.facts dt", new() { HasTextRegex = new Regex($"^{Regex.Escape(term)}$") }).Locator("xpath=following-sibling::dd[1]");

    /// <summary>Fills the form on /requests/new (the page must be open), sends it, returns the new request's number.</summary>
    public static async Task<long> SendNewRequestAsync(this IPage page, string type, string subject, string description, string? cc = null,
        IEnumerable<FilePayload>? files = null)
    {
        await page.TypeChoice(type).CheckAsync();
        await page.SubjectField().FillAsync(subject);
        await page.DescriptionField().FillAsync(description);
        if (cc is not null) await page.CcField().FillAsync(cc);
        if (files is not null) await page.GetByLabel("Attachments").SetInputFilesAsync(files);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RequestUrl());
        return long.Parse(RequestUrl().Match(page.Url).Groups[1].Value);
    }

    [GeneratedRegex(@"/requests/(\d+)(#.*)?$")]
    public static partial Regex RequestUrl();
}
