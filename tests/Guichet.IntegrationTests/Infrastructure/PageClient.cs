using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>
/// A person with a browser that has no JavaScript: reads pages, fills their forms (antiforgery
/// token included, since it is a hidden field of the form) and follows redirects by hand.
/// </summary>
public sealed class PageClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public async Task<IDocument> GetAsync(string url)
    {
        var response = await http.GetAsync(url);
        return await ParseAsync(response);
    }

    /// <summary>Submits the form matched by the selector with some fields changed; the other fields keep their values.</summary>
    /// <paramref name="submitter"/>: the button pressed, when it is not the form's first (its <c>formaction</c> and value count).
    public async Task<HttpResponseMessage> SubmitAsync(IDocument page, string formSelector, IDictionary<string, string>? fields = null, string? submitter = null)
    {
        var (action, values) = Fill(page, formSelector, fields, submitter);
        return await http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Submits a form as multipart/form-data, as a browser does when files are chosen in its file inputs.</summary>
    public async Task<HttpResponseMessage> SubmitMultipartAsync(IDocument page, string formSelector, IDictionary<string, string>? fields = null,
        IEnumerable<UploadFile>? files = null)
    {
        var (action, values) = Fill(page, formSelector, fields);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in values) content.Add(new StringContent(value), name);
        foreach (var file in files ?? [])
        {
            HttpContent part = file.Generated is { } generated ? generated : new ByteArrayContent(file.Content);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
            content.Add(part, file.Field, file.FileName);
        }
        return await http.PostAsync(action, content);
    }

    private static (string Action, List<KeyValuePair<string, string>> Values) Fill(IDocument page, string formSelector, IDictionary<string, string>? fields,
        string? submitter = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}:\n{page.Body?.TextContent}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name, Type: "checkbox" or "radio" } input:
                    if (input.IsChecked) values.Add(new(name, input.Value ?? "on"));
                    break;
                case IHtmlInputElement { Type: "file" }:
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name, Type: not ("submit" or "button") } input:
                    values.Add(new(name, input.Value ?? ""));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name, IsMultiple: true } select:
                    // As a browser: each chosen option, and nothing at all when none is chosen.
                    values.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    values.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    values.Add(new(name, area.Value ?? ""));
                    break;
            }
        }
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        var button = submitter is null ? null : form.QuerySelector(submitter) ?? throw new InvalidOperationException($"No button '{submitter}' in '{formSelector}'.");
        if (button?.GetAttribute("name") is { Length: > 0 } buttonName) values.Add(new(buttonName, button.GetAttribute("value") ?? ""));
        // The raw attribute, resolved against the page's address: an empty action is the page itself.
        var action = new Uri(new Uri(page.Url), button?.GetAttribute("formaction") ?? form.GetAttribute("action") ?? "");
        return (action.PathAndQuery, values);
    }

    /// <summary>Submits and follows redirects to the final page.</summary>
    public async Task<IDocument> SubmitAndFollowAsync(IDocument page, string formSelector, IDictionary<string, string>? fields = null, string? submitter = null) =>
        await FollowAsync(await SubmitAsync(page, formSelector, fields, submitter));

    public async Task<IDocument> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
            response = await http.GetAsync(response.Headers.Location);
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var url = response.RequestMessage?.RequestUri?.ToString() ?? GuichetApp.BaseUrl;
        return await context.OpenAsync(r => r.Content(html).Address(url));
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A file chosen in a form's file input.</summary>
public sealed record UploadFile(string Field, string FileName, byte[] Content, string ContentType = "application/octet-stream")
{
    /// <summary>Sent instead of <see cref="Content"/>: a large file made up as it is sent.</summary>
    public GeneratedContent? Generated { get; init; }
}

public static class DocumentExtensions
{
    /// <summary>The text of the page's main element, whitespace collapsed: what a person reads.</summary>
    public static string MainText(this IDocument page) =>
        string.Join(' ', (page.QuerySelector("main")?.TextContent ?? page.Body?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The validation message shown next to a field ("Input.Email").</summary>
    public static string? FieldError(this IDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() is { Length: > 0 } text ? text : null;
}
