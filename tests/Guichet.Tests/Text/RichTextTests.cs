using Guichet.Web.Text;

namespace Guichet.Tests.Text;

public sealed class RichTextTests
{
    private const string ShotUrl = "/attachments/0193a3c1-7d2e-7b7a-9c41-5f0e2d1b9a10/screenshot.png";
    private const string PdfUrl = "/attachments/0193a3c1-7d2e-7b7a-9c41-5f0e2d1b9a11/report%20final.pdf";

    private static readonly AttachedFile[] Files =
    [
        new("screenshot.png", ShotUrl, IsImage: true),
        new("report final.pdf", PdfUrl, IsImage: false),
    ];

    private readonly RichText rich = new();

    [Fact]
    public void A_reference_to_an_image_of_the_message_shows_it_inline_at_its_download_address()
    {
        var result = rich.FromMarkdown("Look:\n\n![screenshot.png](attachment:screenshot.png)", Files);

        Assert.Contains($"<img src=\"{ShotUrl}\" alt=\"screenshot.png\" loading=\"lazy\">", result.Html);
        Assert.Equal(["Look:", "[screenshot.png]"], result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void References_match_names_with_spaces_written_either_way_and_ignore_case()
    {
        var encoded = rich.FromMarkdown("[the report](attachment:report%20final.pdf)", Files).Html;
        var bracketed = rich.FromMarkdown("[the report](<attachment:Report Final.pdf>)", Files).Html;

        Assert.Contains($"href=\"{PdfUrl}\"", encoded);
        Assert.Contains($"href=\"{PdfUrl}\"", bracketed);
        Assert.Contains(">the report</a>", bracketed);
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_a_link_even_when_written_as_an_image()
    {
        var html = rich.FromMarkdown("![report final.pdf](<attachment:report final.pdf>)", Files).Html;

        Assert.DoesNotContain("<img", html);
        Assert.Contains($"<a href=\"{PdfUrl}\"", html);
        Assert.Contains(">report final.pdf</a>", html);
    }

    [Fact]
    public void A_reference_to_a_file_that_was_not_sent_stays_as_typed()
    {
        var result = rich.FromMarkdown("![missing.png](attachment:missing.png)", Files);

        Assert.DoesNotContain("<img", result.Html);
        Assert.DoesNotContain("href", result.Html);
        Assert.Equal("![missing.png](attachment:missing.png)", result.Text);
    }

    [Theory]
    [InlineData("![tracker](https://evil.example/pixel.gif)")]
    [InlineData("![tracker](//evil.example/pixel.gif)")]
    [InlineData("![local](/attachments/0193a3c1-7d2e-7b7a-9c41-5f0e2d1b9a10/other.png)")]
    [InlineData("![data](data:image/png;base64,iVBORw0KGgo=)")]
    public void Images_that_are_not_files_of_the_message_are_never_loaded(string markdown)
    {
        var html = rich.FromMarkdown(markdown, Files).Html;

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("data:", html);
    }

    [Fact]
    public void An_external_image_becomes_a_link_to_it()
    {
        var html = rich.FromMarkdown("![the chart](https://example.com/chart.png)", Files).Html;

        Assert.Equal("<p><a href=\"https://example.com/chart.png\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">the chart</a></p>", html.Trim());
    }

    [Theory]
    [InlineData("<img src=\"https://evil.example/x.png\" alt=\"x\">")]
    [InlineData("<img src=\"/attachments/0193a3c1-7d2e-7b7a-9c41-5f0e2d1b9a10/x.png?download=true\" alt=\"x\">")]
    [InlineData("<img src=\"/attachments/../account/signout\" alt=\"x\">")]
    [InlineData("<img src=\"javascript:alert(1)\" alt=\"x\">")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\" alt=\"x\">")]
    public void Sanitized_HTML_keeps_only_images_of_attachment_addresses(string html)
    {
        var safe = rich.Sanitize(html).Html;

        Assert.DoesNotContain("<img", safe);
        Assert.DoesNotContain("onerror", safe);
    }

    [Fact]
    public void Sanitized_HTML_keeps_an_attachment_image_without_its_other_attributes()
    {
        var safe = rich.Sanitize($"<img src=\"{ShotUrl}\" alt=\"shot\" style=\"position:fixed\" onload=\"alert(1)\">").Html;

        Assert.Equal($"<img src=\"{ShotUrl}\" alt=\"shot\" loading=\"lazy\">", safe);
    }

    [Fact]
    public void Raw_HTML_in_Markdown_stays_text()
    {
        var html = rich.FromMarkdown($"<img src=\"{ShotUrl}\">", Files).Html;

        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img", html);
    }
}
