using System.Text;
using System.Text.Encodings.Web;

namespace Guichet.Web.Email.Outbound;

/// <summary>Renders a <see cref="MailBody"/> as HTML (inline styles: mail clients drop stylesheets) and text.</summary>
public static class MailLayout
{
    public static (string Html, string Text) Render(MailBody body, string productName)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(e.Encode(body.Subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933\">")
            .Append("<div style=\"max-width:560px;margin:0 auto;padding:24px\">")
            .Append("<p style=\"font-weight:600;color:#1d4ed8;margin:0 0 16px\">").Append(e.Encode(productName)).Append("</p>")
            .Append("<div style=\"background:#ffffff;border-radius:8px;padding:24px;line-height:1.5\">")
            .Append("<p style=\"margin:0 0 16px\">").Append(e.Encode(body.Greeting)).Append("</p>");
        // A paragraph's own line breaks (a quoted message, a list of requests) are kept.
        foreach (var paragraph in body.Paragraphs)
            html.Append("<p style=\"margin:0 0 16px\">").AppendJoin("<br>", paragraph.ReplaceLineEndings("\n").Split('\n').Select(e.Encode)).Append("</p>");
        if (body.Code is not null)
            html.Append("<p style=\"font-size:28px;letter-spacing:4px;font-weight:700;margin:8px 0 24px\">").Append(e.Encode(body.Code)).Append("</p>");
        if (body.Action is not null)
            html.Append("<p style=\"margin:24px 0\"><a href=\"").Append(e.Encode(body.Action.Url.AbsoluteUri))
                .Append("\" style=\"background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block\">")
                .Append(e.Encode(body.Action.Label)).Append("</a></p>")
                .Append("<p style=\"font-size:13px;color:#52606d;word-break:break-all\">").Append(e.Encode(body.Action.Url.AbsoluteUri)).Append("</p>");
        html.Append("</div>");
        if (body.Footnote is not null)
            html.Append("<p style=\"font-size:13px;color:#52606d;margin:16px 0 0\">").Append(e.Encode(body.Footnote)).Append("</p>");
        html.Append("</div></body></html>");

        var text = new StringBuilder();
        text.Append(body.Greeting).Append("\n\n");
        foreach (var paragraph in body.Paragraphs) text.Append(paragraph).Append("\n\n");
        if (body.Code is not null) text.Append("    ").Append(body.Code).Append("\n\n");
        if (body.Action is not null) text.Append(body.Action.Label).Append(":\n").Append(body.Action.Url.AbsoluteUri).Append("\n\n");
        if (body.Footnote is not null) text.Append("-- \n").Append(body.Footnote).Append('\n');
        return (html.ToString(), text.ToString());
    }
}
