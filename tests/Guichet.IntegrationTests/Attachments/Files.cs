using System.Text;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;

namespace Guichet.IntegrationTests.Attachments;

/// <summary>Sample files, and the intent methods that send them through the pages.</summary>
public static class Files
{
    /// <summary>A real 1×1 PNG.</summary>
    public static byte[] Png => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Svg => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>");

    public static byte[] Html => Encoding.UTF8.GetBytes("<!doctype html><script>alert(document.cookie)</script>");

    public static UploadFile File(string name, byte[] content, string contentType = "application/octet-stream") =>
        new("Attachments.Files", name, content, contentType);

    /// <summary>A file of any size that is never in memory; without a declared length the whole form goes chunked.</summary>
    public static UploadFile Generated(string name, long length, bool declareLength = true) =>
        new("Attachments.Files", name, []) { Generated = new GeneratedContent(length, declareLength) };

    /// <summary>Fills the new-request form with a subject, a description and files, and sends it.</summary>
    public static async Task<HttpResponseMessage> SendNewRequestAsync(this PageClient client, string subject, params UploadFile[] files)
    {
        var form = await client.GetAsync("/requests/new");
        return await client.SubmitMultipartAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Subject"] = subject,
            ["Input.Description"] = "See the attached files.",
        }, files);
    }

    /// <summary>Opens a request with files through the form; returns the request's page.</summary>
    public static async Task<IDocument> OpenRequestWithFilesAsync(this PageClient client, string subject, params UploadFile[] files)
    {
        var response = await client.SendNewRequestAsync(subject, files);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return await client.FollowAsync(response);
    }

    /// <summary>The download links of the conversation, by file name.</summary>
    public static Dictionary<string, string> DownloadLinks(this IDocument page) =>
        page.QuerySelectorAll(".conversation .attachments a[download]")
            .ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href")!);

    /// <summary>The blob files under the data directory, the half-written ones excepted.</summary>
    public static string[] Blobs(this GuichetApp app)
    {
        var root = Path.Combine(app.DataDirectory, "blobs");
        return Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}incoming{Path.DirectorySeparatorChar}")).ToArray()
            : [];
    }
}
