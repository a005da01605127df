using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Guichet.Web.Email.Inbound;

namespace Guichet.Tests.Email;

public sealed partial class ReplyTrimmerTests
{
    // Replies/{text,html}/<client>.<language>.(txt|html): replies to one of our notifications as each client writes
    // them, beside <client>.<language>.expected.txt: the text kept, exactly (for HTML: the words a reader sees).
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "Email", "Replies");

    public static TheoryData<string> TextSamples() => SampleNames("text", "*.txt");

    public static TheoryData<string> HtmlSamples() => SampleNames("html", "*.html");

    [Theory]
    [MemberData(nameof(TextSamples))]
    public void A_text_reply_keeps_only_what_the_customer_wrote(string sample)
    {
        var reply = ReplyTrimmer.TrimText(Read("text", sample));

        Assert.True(reply.Trimmed);
        Assert.Equal(Expected("text", sample), reply.Kept);
    }

    [Theory]
    [MemberData(nameof(HtmlSamples))]
    public void An_html_reply_keeps_only_what_the_customer_wrote(string sample)
    {
        var reply = ReplyTrimmer.TrimHtml(Read("html", sample));

        Assert.True(reply.Trimmed);
        Assert.Equal(Expected("html", sample), VisibleText(reply.Kept));
        Assert.DoesNotContain("<head", reply.Kept);
    }

    [Fact]
    public void Every_client_is_sampled_in_every_language()
    {
        foreach (var kind in (string[])["text", "html"])
        {
            var names = Directory.GetFiles(Path.Combine(Samples, kind)).Select(Path.GetFileName).ToHashSet();
            foreach (var client in (string[])["gmail", "outlook", "outlook-web", "apple-mac", "apple-ios", "thunderbird"])
                foreach (var language in (string[])["en", "fr", "de", "es", "it"])
                    Assert.Contains($"{client}.{language}.{(kind == "text" ? "txt" : "html")}", names);
        }
    }

    [Fact]
    public void Line_ends_are_kept_as_they_came()
    {
        var reply = ReplyTrimmer.TrimText("Thanks,\r\nit works.\r\n\r\n-----Original Message-----\r\nFrom: Support\r\n");

        Assert.Equal("Thanks,\r\nit works.", reply.Kept);
    }

    [Fact]
    public void From_in_a_sentence_is_the_customer_s_text()
    {
        const string text = "Hi,\n\nThe invoice shows the wrong From: address.\nFrom: accounting, we need it fixed by Friday.\nTo: whom it may concern, thanks.\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
    }

    [Fact]
    public void A_lone_From_line_is_not_an_Outlook_header()
    {
        const string text = "Please send the copy to this person.\n\nFrom: Ana Silva <ana@example.com>\n\nShe will forward it to the auditors.\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
    }

    [Fact]
    public void Outlook_header_without_separator_is_cut_in_any_field_order()
    {
        var reply = ReplyTrimmer.TrimText("Done.\n\nFrom: Support <support@example.com>\nDate: Monday, December 7, 2026 10:00\nSubject: Printer\nTo: Ana\n\nOld text\n");

        Assert.Equal(new TrimmedReply("Done.", true), reply);
    }

    [Fact]
    public void A_reply_that_is_all_quote_is_kept_whole()
    {
        const string text = "On Mon, Dec 7, 2026 at 10:00 AM Support <support@example.com> wrote:\n\n> Did you restart it?\n> Marc\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
    }

    [Fact]
    public void A_reply_that_would_be_empty_is_kept_whole()
    {
        const string text = "\n\n-- \nAna Silva\nACME\n\nOn 07/12/2026 10:00, Support wrote:\n> Did you restart it?\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
        Assert.Equal(new TrimmedReply("  \n ", false), ReplyTrimmer.TrimText("  \n "));
    }

    [Fact]
    public void Bottom_posted_text_after_the_quote_is_the_new_part()
    {
        var reply = ReplyTrimmer.TrimText("On 07/12/2026 10:00, Support wrote:\n> Did you restart it?\n> Marc\n\nYes, twice. It still shows error 49.\n\nAna\n");

        Assert.Equal(new TrimmedReply("Yes, twice. It still shows error 49.\n\nAna", true), reply);
    }

    [Fact]
    public void Answers_between_quoted_lines_keep_the_quotes_they_answer()
    {
        const string text = "Hi Marc,\n\nOn 07/12/2026 10:00, Support wrote:\n> Did you restart it?\nYes, twice.\n> Which model is it?\nAn HP LaserJet 400.\n> Thanks,\n> Marc\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
    }

    [Fact]
    public void Interleaved_answers_lose_only_the_signature()
    {
        var reply = ReplyTrimmer.TrimText("> Did you restart it?\nYes, twice.\n> Which model is it?\nAn HP LaserJet 400.\n\n-- \nAna Silva\n");

        Assert.Equal("> Did you restart it?\nYes, twice.\n> Which model is it?\nAn HP LaserJet 400.", reply.Kept);
    }

    [Fact]
    public void The_signature_delimiter_ends_the_new_text_with_or_without_its_space()
    {
        Assert.Equal(new TrimmedReply("Thanks!", true), ReplyTrimmer.TrimText("Thanks!\n-- \nAna Silva\nACME, accounting\n"));
        Assert.Equal(new TrimmedReply("Thanks!", true), ReplyTrimmer.TrimText("Thanks!\n--\nAna Silva\n"));
        Assert.False(ReplyTrimmer.TrimText("Thanks!\n--- \nAna\n").Trimmed);
    }

    [Theory]
    [InlineData("Sent from my Samsung Galaxy smartphone.")]
    [InlineData("Sent from Outlook for Android")]
    [InlineData("Get Outlook for Android")]
    [InlineData("Envoyé depuis mon smartphone Samsung Galaxy.")]
    [InlineData("Envoyé de mon iPad")]
    [InlineData("Von meinem Samsung Galaxy Smartphone gesendet.")]
    [InlineData("Gesendet von Outlook für Android")]
    [InlineData("Enviado desde mi smartphone Samsung Galaxy.")]
    [InlineData("Enviado desde Outlook para Android")]
    [InlineData("Inviato dal mio dispositivo Galaxy")]
    [InlineData("Inviato da Outlook per Android")]
    [InlineData("Ottieni Outlook per Android")]
    public void A_mobile_footer_at_the_end_of_the_new_text_is_left_out(string footer)
    {
        Assert.Equal(new TrimmedReply("It works, thanks.", true), ReplyTrimmer.TrimText($"It works, thanks.\n\n{footer}\n"));
        Assert.Equal(new TrimmedReply("It works, thanks.", true), ReplyTrimmer.TrimText($"It works, thanks.\n{footer}\n\n> Did you restart it?\n"));
    }

    [Fact]
    public void A_footer_like_line_followed_by_more_words_is_the_customer_s()
    {
        const string text = "Sent from my laptop at home\nbecause the phone shows error 49 too.\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
    }

    [Theory]
    [InlineData("On Monday I wrote:")]
    [InlineData("Le 3 déc. à 14h30, le technicien a écrit :")]
    [InlineData("Il tecnico ha scritto:")]
    public void Words_that_look_like_an_attribution_but_name_no_time_nor_address_are_kept(string line)
    {
        var text = $"Hi,\n\n{line}\nthe printer is broken.\nIt still is.\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
    }

    [Theory]
    [InlineData("On 12/7/26, 10:00 AM, \"Guichet Support\" <support@example.com> wrote:")]   // Outlook for Mac
    [InlineData("Le 07/12/2026 10:00, « Guichet Support » <support@example.com> a écrit :")]
    [InlineData("Am 07.12.26, 10:00 schrieb \"Guichet Support\" <support@example.com>:")]
    [InlineData("Guichet Support <support@example.com> schrieb am Mo., 7. Dez. 2026, 10:00:")]   // Gmail on Android
    [InlineData("On Monday, December 7, 2026, 10:00:00 AM GMT+1, Guichet Support <support@example.com> wrote:")]   // Yahoo
    [InlineData("Le 7 déc. 2026 à 10:00, Guichet Support <support@example.com> a e\u0301crit :")]   // Apple Mail's decomposed accent
    [InlineData("El lun., 7 dic. 2026 10:00, Guichet Support <support@example.com> escribió:")]
    [InlineData("Il 07/12/26 10:00, Guichet Support ha scritto:")]
    public void Attributions_of_other_clients_and_versions_start_the_quote(string attribution)
    {
        var reply = ReplyTrimmer.TrimText($"It works.\n\n{attribution}\n> Did you restart it?\n");

        Assert.Equal(new TrimmedReply("It works.", true), reply);
    }

    [Fact]
    public void An_attribution_followed_by_unquoted_text_ends_the_new_text()
    {
        var reply = ReplyTrimmer.TrimText("It works.\n\nOn 12/7/26, 10:00 AM, \"Support\" <support@example.com> wrote:\n\nDid you restart it?\n");

        Assert.Equal(new TrimmedReply("It works.", true), reply);
    }

    [Fact]
    public void A_forwarded_message_is_what_the_customer_sends_and_is_kept()
    {
        const string text = "See below, this is what the printer sends us.\n\n---------- Forwarded message ---------\nFrom: Printer <hp@example.com>\n"
            + "Date: Mon, Dec 7, 2026 at 9:00 AM\nSubject: Error 49\nTo: Ana <ana@example.com>\n\nError 49: service required.\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
    }

    [Fact]
    public void An_outlook_forward_is_kept_though_it_is_headed_like_a_reply()
    {
        const string text = "Voici l'erreur reçue.\n\n-----Message d'origine-----\nDe : Imprimante <hp@example.com>\nEnvoyé : lundi 7 décembre 2026 09:00\n"
            + "À : Ana\nObjet : TR: Erreur 49\n\nErreur 49 : maintenance requise.\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
    }

    [Fact]
    public void A_line_of_underscores_alone_is_not_a_separator()
    {
        const string text = "Please fill in your name:\n____________________\nand send it back.\n";

        Assert.Equal(new TrimmedReply(text, false), ReplyTrimmer.TrimText(text));
    }

    [Fact]
    public void Outlook_mobile_underscores_and_header_block_are_cut_together()
    {
        var reply = ReplyTrimmer.TrimText("Ok.\n________________________________\nFrom: Support <support@example.com>\nSent: Monday, December 7, 2026 10:00:00 AM\nTo: Ana\nSubject: RE: Printer\n");

        Assert.Equal(new TrimmedReply("Ok.", true), reply);
    }

    [Fact]
    public void A_long_text_reply_is_trimmed()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 10_000; i++) body.Append("Line ").Append(i).Append(" of a long log: On it goes, From: here To: there\n");
        body.Append("\nOn Mon, Dec 7, 2026 at 10:00 AM Support <support@example.com> wrote:\n");
        for (var i = 0; i < 10_000; i++) body.Append("> quoted line ").Append(i).Append('\n');

        var reply = ReplyTrimmer.TrimText(body.ToString());

        Assert.True(reply.Trimmed);
        Assert.EndsWith("Line 9999 of a long log: On it goes, From: here To: there", reply.Kept);
    }

    [Fact]
    public void A_megabyte_on_one_line_is_kept()
    {
        var text = new string('a', 1_000_000) + " wrote:";

        Assert.False(ReplyTrimmer.TrimText(text).Trimmed);
    }

    [Fact]
    public void Yahoo_quote_is_left_out()
    {
        var reply = ReplyTrimmer.TrimHtml("<div class=\"ydp1c2d3e4fyahoo-style-wrap\"><div>It works, thanks.</div></div><div id=\"yahoo_quoted_1234\" class=\"yahoo_quoted\">"
            + "<div style=\"font-family:'Helvetica Neue', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;\"><div>On Monday, December 7, 2026 at 10:00:00 AM GMT+1, Support &lt;support@example.com&gt; wrote:</div>"
            + "<div><br></div><div>Did you restart it?</div></div></div>");

        Assert.True(reply.Trimmed);
        Assert.Equal("It works, thanks.", VisibleText(reply.Kept));
    }

    [Fact]
    public void The_new_Outlook_reference_message_and_all_after_it_are_left_out()
    {
        var reply = ReplyTrimmer.TrimHtml("<div class=\"elementToProof\">C'est réparé, merci.</div><div id=\"mail-editor-reference-message-container\"><div class=\"ms-outlook-mobile-reference-message\">"
            + "<div style=\"border-top:1pt solid rgb(181,196,223);padding:3pt 0 0\"><b>De&nbsp;: </b>Support &lt;support@example.com&gt;<br><b>Date&nbsp;: </b>lundi 7 décembre 2026 à 10:00<br>"
            + "<b>À&nbsp;: </b>Ana<br><b>Objet&nbsp;: </b>Imprimante</div><br>Avez-vous redémarré l'imprimante ?</div></div><div>Old footer</div>");

        Assert.Equal("C'est réparé, merci.", VisibleText(reply.Kept));
    }

    [Fact]
    public void An_attribution_in_words_before_a_blockquote_goes_with_it()
    {
        var reply = ReplyTrimmer.TrimHtml("<p>Grazie, funziona.</p><p>Il giorno lun 7 dic 2026 alle ore 10:00 Support &lt;support@example.com&gt; ha scritto:</p>"
            + "<blockquote style=\"border-left:1px solid #ccc\"><p>Hai riavviato la stampante?</p></blockquote>");

        Assert.Equal(new TrimmedReply("<p>Grazie, funziona.</p>", true), reply);
    }

    [Fact]
    public void The_customer_s_own_blockquote_is_kept()
    {
        const string html = "<p>The manual says:</p><blockquote><p>Restart the printer twice.</p></blockquote><p>I did, it still fails.</p>";

        Assert.Equal(new TrimmedReply(html, false), ReplyTrimmer.TrimHtml(html));
    }

    [Fact]
    public void Html_answers_between_quotes_keep_the_quotes()
    {
        var reply = ReplyTrimmer.TrimHtml("<div class=\"moz-cite-prefix\">Le 07/12/2026 à 10:00, Support a écrit&nbsp;:<br></div><blockquote type=\"cite\">Avez-vous redémarré ?</blockquote>"
            + "<p>Oui, deux fois.</p><blockquote type=\"cite\">Quel modèle ?</blockquote><p>Une HP LaserJet 400.</p><div class=\"moz-signature\">-- <br>Ana</div>");

        Assert.True(reply.Trimmed);
        Assert.Equal("Le 07/12/2026 à 10:00, Support a écrit : Avez-vous redémarré ? Oui, deux fois. Quel modèle ? Une HP LaserJet 400.", VisibleText(reply.Kept));
    }

    [Fact]
    public void An_html_reply_that_is_all_quote_is_kept_whole()
    {
        const string html = "<div dir=\"ltr\"><br></div><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Dec 7, 2026 at 10:00 AM Support &lt;support@example.com&gt; wrote:</div>"
            + "<blockquote class=\"gmail_quote\">Did you restart it?</blockquote></div><span class=\"gmail_signature_prefix\">-- </span><div class=\"gmail_signature\">Ana</div>";

        Assert.Equal(new TrimmedReply(html, false), ReplyTrimmer.TrimHtml(html));
    }

    [Theory]
    [InlineData("<div dir=\"ltr\">See below.</div><br><div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\" class=\"gmail_attr\">---------- Forwarded message ---------<br>"
        + "From: <b>Printer</b> &lt;hp@example.com&gt;<br>Date: Mon, Dec 7, 2026 at 9:00 AM<br>Subject: Error 49<br>To: Ana<br></div><br><br><div>Error 49: service required.</div></div>")]
    [InlineData("<div>See below.</div><div><br><div>Begin forwarded message:</div><br class=\"Apple-interchange-newline\"><blockquote type=\"cite\">"
        + "<div><b>From: </b>Printer &lt;hp@example.com&gt;</div><div><b>Subject: </b>Error 49</div><br><div>Error 49: service required.</div></blockquote></div>")]
    [InlineData("<div>See below.</div><div id=\"appendonsend\"></div><hr tabindex=\"-1\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Printer &lt;hp@example.com&gt;<br>"
        + "<b>Sent:</b> Monday, December 7, 2026 9:00<br><b>To:</b> Ana<br><b>Subject:</b> FW: Error 49</div><div>Error 49: service required.</div>")]
    public void An_html_forward_is_kept(string html)
    {
        var reply = ReplyTrimmer.TrimHtml(html);

        Assert.Contains("Error 49: service required.", reply.Kept);
        Assert.Contains("See below.", reply.Kept);
    }

    [Fact]
    public void An_old_Outlook_separator_paragraph_ends_the_new_text()
    {
        var reply = ReplyTrimmer.TrimHtml("<p>Erledigt.</p><p>-----Ursprüngliche Nachricht-----<br>Von: Support<br>Gesendet: Montag<br>An: Ana<br>Betreff: Drucker</p><p>Alter Text</p>");

        Assert.Equal(new TrimmedReply("<p>Erledigt.</p>", true), reply);
    }

    [Fact]
    public void An_html_footer_followed_by_more_words_is_kept()
    {
        const string html = "<div>Sent from my iPhone</div><div>is what the mails say, but I use an Android phone.</div>";

        Assert.Equal(new TrimmedReply(html, false), ReplyTrimmer.TrimHtml(html));
    }

    [Fact]
    public void A_long_outlook_thread_is_trimmed()
    {
        var html = new StringBuilder("<html><body><div class=\"WordSection1\"><p class=\"MsoNormal\">New words</p>");
        html.Append("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p class=\"MsoNormal\"><b>From:</b> Support<br><b>Sent:</b> Monday<br><b>To:</b> Ana<br><b>Subject:</b> RE: x</p></div>");
        while (html.Length < 1_000_000) html.Append("<p class=\"MsoNormal\">An older message of the thread, From: someone</p>");
        html.Append("</div></body></html>");

        var reply = ReplyTrimmer.TrimHtml(html.ToString());

        Assert.Equal(new TrimmedReply("<div class=\"WordSection1\"><p class=\"MsoNormal\">New words</p></div>", true), reply);
    }

    [Fact]
    public void Deeply_nested_html_is_handled()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 5_000)) + "It works." + string.Concat(Enumerable.Repeat("</div>", 5_000))
            + "<div class=\"gmail_quote\">On Mon, Dec 7, 2026 at 10:00 AM Support &lt;support@example.com&gt; wrote:<blockquote>Old</blockquote></div>";

        var reply = ReplyTrimmer.TrimHtml(html);

        Assert.True(reply.Trimmed);
        Assert.Equal("It works.", VisibleText(reply.Kept));
    }

    private static TheoryData<string> SampleNames(string kind, string pattern) =>
        new(Directory.GetFiles(Path.Combine(Samples, kind), pattern)
            .Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.EndsWith(".expected.txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    private static string Read(string kind, string sample) => File.ReadAllText(Path.Combine(Samples, kind, sample));

    // The expected files end with one line break, which the kept text never does.
    private static string Expected(string kind, string sample) =>
        Read(kind, Path.GetFileName(sample[..sample.LastIndexOf('.')]) + ".expected.txt")[..^1];

    // The words of each text node, one space between them: paragraphs and divs read as separate words.
    private static string VisibleText(string html) =>
        Spaces().Replace(string.Join(' ', new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!.Descendants<IText>().Select(t => t.Data)), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
