using System.Text;
using Guichet.Web.Email.Inbound;
using MimeKit;

namespace Guichet.Tests.Email;

public sealed class BounceReportTests
{
    private static BounceReport Read(string raw) =>
        BounceReport.Read(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")))));

    [Fact]
    public void A_report_without_Action_says_it_by_its_status_class()
    {
        var report = Read("""
            From: MAILER-DAEMON@mx.example.com
            Subject: failure
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            Failed.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.com

            Final-Recipient: rfc822;ana@example.com
            Status: 5.1.1

            Final-Recipient: rfc822;bo@example.com
            Status: 4.4.1
            --b
            Content-Type: text/rfc822-headers

            Message-ID: <t7.abc@guichet.test>
            To: ana@example.com
            --b--
            """);

        Assert.Equal("t7.abc@guichet.test", report.OriginalMessageId);
        Assert.Equal([("ana@example.com", true), ("bo@example.com", false)], report.Failures.Select(f => (f.Address, f.Permanent)));
    }

    [Fact]
    public void A_report_of_successful_delivery_names_no_failure()
    {
        var report = Read("""
            From: MAILER-DAEMON@mx.example.com
            Subject: delivered
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.com

            Final-Recipient: rfc822;ana@example.com
            Action: delivered
            Status: 2.0.0
            --b
            Content-Type: message/rfc822

            Message-ID: <t7.abc@guichet.test>
            To: ana@example.com
            Subject: x

            x
            --b--
            """);

        Assert.Empty(report.Failures);
    }

    [Fact]
    public void Exims_text_notice_names_the_failed_address_and_quotes_our_Message_ID()
    {
        var report = Read("""
            From: Mail Delivery System <Mailer-Daemon@mx.example.com>
            Subject: Mail delivery failed: returning message to sender
            X-Failed-Recipients: ana@example.com

            The following address(es) failed:

              ana@example.com

            ------ This is a copy of the message, including all the headers. ------

            Message-ID: <t7.abc@guichet.test>
            Subject: x
            """);

        Assert.Equal("t7.abc@guichet.test", report.OriginalMessageId);
        Assert.Equal([("ana@example.com", true)], report.Failures.Select(f => (f.Address, f.Permanent)));
    }

    [Fact]
    public void An_old_Exchange_notice_names_the_returned_mails_one_recipient()
    {
        var report = Read("""
            From: MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com
            Subject: Undeliverable: x
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/html

            <p>Delivery has failed to these recipients.</p>
            --b
            Content-Type: message/rfc822

            Message-ID: <t7.abc@guichet.test>
            To: ana@example.com
            Subject: x

            x
            --b--
            """);

        Assert.Equal("t7.abc@guichet.test", report.OriginalMessageId);
        Assert.Equal([("ana@example.com", true)], report.Failures.Select(f => (f.Address, f.Permanent)));
    }
}
