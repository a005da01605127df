using Guichet.Web.KnowledgeBase;
using Guichet.Web.Search;

namespace Guichet.Tests.KnowledgeBase;

public sealed class KbTextTests
{
    [Theory]
    [InlineData("Réinitialiser votre mot de passe", "reinitialiser-votre-mot-de-passe")]
    [InlineData("  VPN: l'accès à distance (macOS)  ", "vpn-l-acces-a-distance-macos")]
    [InlineData("Passwort zurücksetzen – Schritt für Schritt", "passwort-zurucksetzen-schritt-fur-schritt")]
    [InlineData("???", "article")]
    public void A_slug_is_the_titles_words_folded_and_joined(string title, string slug) => Assert.Equal(slug, KbSlug.Of(title));

    [Fact]
    public void A_slug_stops_at_a_whole_word_within_its_length()
    {
        var slug = KbSlug.Of(string.Join(' ', Enumerable.Repeat("configuration", 20)));
        Assert.True(slug.Length <= KbSlug.MaxLength);
        Assert.EndsWith("configuration", slug);
    }

    [Fact]
    public void An_excerpt_marks_the_matched_words_whatever_their_accents_and_case()
    {
        var html = KbExcerpt.Of("Votre contrat a été RÉSILIÉ hier. Contactez-nous.", SearchQuery.Parse("resilie contrat"));
        Assert.Equal("Votre <mark>contrat</mark> a été <mark>RÉSILIÉ</mark> hier. Contactez-nous.", html);
    }

    [Fact]
    public void An_excerpt_marks_a_prefix_as_one_types_but_whole_words_otherwise()
    {
        Assert.Equal("<mark>Imprimante</mark> et imprimer", KbExcerpt.Of("Imprimante et imprimer", SearchQuery.Parse("imprimant", asYouType: true)));
        Assert.Equal("Imprimante et imprimer", KbExcerpt.Of("Imprimante et imprimer", SearchQuery.Parse("imprim")));
    }

    [Fact]
    public void An_excerpt_starts_near_the_first_match_and_says_text_was_left_out()
    {
        var text = string.Join(' ', Enumerable.Repeat("filler", 200)) + " the invoice address " + string.Join(' ', Enumerable.Repeat("tail", 200));
        var html = KbExcerpt.Of(text, SearchQuery.Parse("invoice"));
        Assert.StartsWith("… ", html);
        Assert.EndsWith(" …", html);
        Assert.Contains("<mark>invoice</mark>", html);
        Assert.True(html.Length < KbExcerpt.DefaultLength + 60);
    }

    [Fact]
    public void Every_match_the_excerpt_shows_is_marked_and_none_beyond_it()
    {
        var text = "Restart the printer. " + string.Join(' ', Enumerable.Repeat("then", 30)) + " the printer again. "
            + string.Join(' ', Enumerable.Repeat("tail", 100)) + " printer";
        var html = KbExcerpt.Of(text, SearchQuery.Parse("printer"));
        Assert.Equal(2, html.Split("<mark>printer</mark>").Length - 1);
        Assert.EndsWith(" …", html);
    }

    [Fact]
    public void An_excerpt_is_encoded_html()
    {
        var html = KbExcerpt.Of("Use <script>alert(1)</script> & the <b>tag</b>", SearchQuery.Parse("tag"));
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;b&gt;<mark>tag</mark>&lt;/b&gt;", html);
    }

    [Fact]
    public void The_match_expression_quotes_every_word_and_narrows_by_language_and_scope()
    {
        var match = SqliteKbSearchEngine.Match(SearchQuery.Parse("\"NEAR(a b)\" imprim*"), ["v_public", "v_signedin"], "fr");
        Assert.Equal("scope : \"l_fr\" AND (scope : \"v_public\" OR scope : \"v_signedin\") AND {title keywords body} : \"NEAR a\" AND {title keywords body} : \"b\" AND {title keywords body} : \"imprim\" *", match);
    }
}
