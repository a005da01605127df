using System.Text;
using Guichet.Web.Email.Inbound;
using MimeKit;

namespace Guichet.Tests.Email;

/// <summary>What a mail says, read from its MIME structure: the rules that are best seen one at a time.</summary>
public sealed class MailContentTests
{
    private static MailContent Read(string raw, Encoding? encoding = null) =>
        MailContent.Read(MimeMessage.Load(MailContent.ParsingOptions(), new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(raw.ReplaceLineEndings("\r\n")))));

    private static byte[] Bytes(string text, int codePage)
    {
        _ = MailContent.ParsingOptions();   // the code pages, registered by MailContent
        return Encoding.GetEncoding(codePage).GetBytes(text);
    }

    [Fact]
    public void Text_in_its_declared_charset_is_read_in_it() =>
        Assert.Equal("Привет", MailContent.Decode(Bytes("Привет", 20866), Encoding.GetEncoding(20866)));

    [Fact]
    public void A_Western_label_on_UTF8_bytes_gives_way_to_UTF8() =>
        Assert.Equal("café “ok”", MailContent.Decode(Encoding.UTF8.GetBytes("café “ok”"), Encoding.Latin1));

    [Fact]
    public void ISO_8859_1_is_read_as_windows_1252_as_browsers_do() =>
        Assert.Equal("€ “quoted” –", MailContent.Decode(Bytes("€ “quoted” –", 1252), Encoding.Latin1));

    [Fact]
    public void Bytes_that_are_not_valid_in_the_declared_UTF8_are_windows_1252() =>
        Assert.Equal("Grüße", MailContent.Decode(Bytes("Grüße", 1252), Encoding.UTF8));

    [Fact]
    public void Bytes_without_a_charset_are_UTF8_when_valid_else_windows_1252()
    {
        Assert.Equal("Øl — ja", MailContent.Decode(Encoding.UTF8.GetBytes("Øl — ja"), null));
        Assert.Equal("Øl – ja", MailContent.Decode(Bytes("Øl – ja", 1252), null));
    }

    [Fact]
    public void A_byte_order_mark_is_not_text() =>
        Assert.Equal("Hi", MailContent.Decode([0xEF, 0xBB, 0xBF, (byte)'H', (byte)'i'], Encoding.UTF8));

    [Fact]
    public void Line_breaks_encoded_in_a_subject_or_a_name_become_spaces()
    {
        var mail = Read("""
            From: =?UTF-8?Q?Eve=0D=0AX-Injected=3A_yes?= <eve@example.com>
            To: support@example.com
            Subject: =?UTF-8?Q?Hello=0D=0ABcc:_victim@example.com=09tab?=
            Content-Type: text/plain

            Hi
            """);

        Assert.Equal("Hello Bcc: victim@example.com tab", mail.Subject);
        Assert.Equal("Eve X-Injected: yes", mail.From!.Name);
    }

    [Fact]
    public void Flowed_text_is_unwrapped()
    {
        var mail = Read("From: a@example.com\nSubject: s\nContent-Type: text/plain; charset=utf-8; format=flowed\n\nOne long \nline.\n\nNext.\n");
        Assert.StartsWith("One long line.", mail.Text);
    }

    [Fact]
    public void Apple_Mails_pieces_of_text_around_an_attachment_are_all_body_and_its_named_text_parts_are_files()
    {
        var mail = Read("""
            From: a@example.com
            Subject: s
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8

            Before.
            --b
            Content-Type: text/plain; name=notes.txt
            Content-Disposition: inline; filename=notes.txt

            NOTES
            --b
            Content-Type: text/plain; charset=utf-8

            After.
            --b--
            """);

        Assert.Matches(@"^Before\.\s+After\.\s*$", mail.Text);
        Assert.Equal(["notes.txt"], mail.Files.Select(f => f.FileName));
    }

    [Fact]
    public void Of_alternatives_the_HTML_is_the_last_and_the_text_the_plain_one()
    {
        var mail = Read("""
            From: a@example.com
            Subject: s
            Content-Type: multipart/alternative; boundary="b"

            --b
            Content-Type: text/plain

            plain
            --b
            Content-Type: text/html

            <p>html</p>
            --b
            Content-Type: text/calendar; method=REQUEST

            BEGIN:VCALENDAR
            --b--
            """);

        Assert.Equal(("plain", "<p>html</p>"), (mail.Text!.Trim(), mail.Html!.Trim()));
        Assert.Empty(mail.Files);
    }

    [Fact]
    public void A_forwarded_message_is_an_eml_file_and_the_body_when_the_mail_has_none()
    {
        var mail = Read("""
            From: a@example.com
            Subject: Fwd: Invoice
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            
            --b
            Content-Type: message/rfc822

            From: billing@example.net
            Subject: Invoice 12
            Content-Type: text/plain

            Please pay invoice 12.
            --b--
            """);

        Assert.Equal(["Invoice 12.eml"], mail.Files.Select(f => f.FileName));
        Assert.Contains("Please pay invoice 12.", mail.Text);
    }

    [Fact]
    public void A_winmail_dat_that_cannot_be_read_is_kept_as_it_came()
    {
        var mail = Read("""
            From: a@example.com
            Subject: s
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            See attached.
            --b
            Content-Type: application/ms-tnef; name=winmail.dat
            Content-Transfer-Encoding: base64

            AAECAwQFBgcICQ==
            --b--
            """);

        Assert.Equal(["winmail.dat"], mail.Files.Select(f => f.FileName));
    }
}
