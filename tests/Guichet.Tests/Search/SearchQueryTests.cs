using Guichet.Web.Search;

namespace Guichet.Tests.Search;

public sealed class SearchQueryTests
{
    private static string Show(SearchQuery query) =>
        string.Join(" ", query.Terms.Select(t => $"[{string.Join(' ', t.Words)}]{(t.IsPrefix ? "*" : "")}"));

    [Theory]
    [InlineData("contrat résilié", "[contrat] [résilié]")]
    [InlineData("  Contrat\tRÉSILIÉ \n", "[Contrat] [RÉSILIÉ]")]
    [InlineData("e-mail perdu", "[e mail] [perdu]")]
    [InlineData("#1042", "[1042]")]
    [InlineData("imprim* bloquée", "[imprim]* [bloquée]")]
    [InlineData("contrat résil*", "[contrat] [résil]*")]
    [InlineData("l'arr*", "[l arr]*")]
    [InlineData("a* *", "[a]")]
    public void Words_are_whole_words_unless_the_chunk_ends_with_a_star(string typed, string expected) =>
        Assert.Equal(expected, Show(SearchQuery.Parse(typed)));

    [Theory]
    [InlineData("contrat résilié", "[contrat] [résilié]*")]
    [InlineData("e-mail perdu", "[e mail] [perdu]*")]
    [InlineData("l'arrêt", "[l arrêt]*")]
    [InlineData("#1042", "[1042]*")]
    [InlineData("facture a", "[facture] [a]")]
    public void As_one_types_the_last_word_is_a_prefix(string typed, string expected) =>
        Assert.Equal(expected, Show(SearchQuery.Parse(typed, asYouType: true)));

    [Theory]
    [InlineData("\"unclosed quote")]
    [InlineData("résil*")]
    [InlineData("(a OR b) AND NOT c")]
    [InlineData("body:secret scope:r_0123")]
    [InlineData("NEAR(a b, 2)")]
    [InlineData("-excluded ^start")]
    [InlineData("a & b | !c <-> d:*")]
    [InlineData("{body notes} : x")]
    public void Engine_syntax_is_reduced_to_plain_words(string typed)
    {
        var words = SearchQuery.Parse(typed).Terms.SelectMany(t => t.Words).ToList();
        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.True(w.All(char.IsLetterOrDigit), $"'{w}' is not a plain word"));
    }

    [Fact]
    public void Operators_stay_words_of_their_own()
    {
        // Quoted by the engines, "OR" and "NEAR" are searched for, not obeyed.
        Assert.Equal("[a] [OR] [b] [NEAR]*", Show(SearchQuery.Parse("a OR b NEAR", asYouType: true)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"* () - : ^")]
    public void Nothing_searchable_is_an_empty_query(string? typed) =>
        Assert.True(SearchQuery.Parse(typed).IsEmpty);

    [Fact]
    public void A_scope_token_cannot_be_typed()
    {
        Assert.Equal("[r 0123abc]*", Show(SearchQuery.Parse("r_0123abc*")));
    }

    [Fact]
    public void Decomposed_accents_are_composed_first()
    {
        var decomposed = "re\u0301silie\u0301";
        Assert.Equal(["résilié"], SearchQuery.Words(decomposed));
    }

    [Fact]
    public void Long_queries_keep_their_first_terms()
    {
        var query = SearchQuery.Parse(string.Join(' ', Enumerable.Range(1, 20).Select(i => $"w{i}")));
        Assert.Equal(SearchQuery.MaxTerms, query.Terms.Count);
        Assert.Equal("w1", query.Terms[0].Words[0]);
    }

    [Fact]
    public void Pasted_hashes_are_not_words() =>
        Assert.True(SearchQuery.Parse(new string('a', SearchQuery.MaxWordLength + 1)).IsEmpty);

    [Fact]
    public void Sqlite_match_quotes_every_word_and_limits_customers_to_the_public_text()
    {
        var match = SqliteSearchEngine.Match(SearchQuery.Parse("e-mail résil*"), ["r_1", "o_2"], withNotes: false);
        Assert.Equal("(scope : \"r_1\" OR scope : \"o_2\") AND body : \"e mail\" AND body : \"résil\" *", match);
    }

    [Fact]
    public void Sqlite_match_for_staff_includes_notes_and_for_admins_has_no_scope()
    {
        var match = SqliteSearchEngine.Match(SearchQuery.Parse("panne"), null, withNotes: true);
        Assert.Equal("{body notes} : \"panne\"", match);
    }

    [Fact]
    public void Postgres_query_weights_words_and_casts_the_scope()
    {
        Assert.Equal("'e':A <-> 'mail':A & 'résil':*A", PostgresSearchEngine.Words(SearchQuery.Parse("e-mail résil*"), withNotes: false));
        Assert.Equal("'panne' & 'en' <-> 'cours':*", PostgresSearchEngine.Words(SearchQuery.Parse("panne en-cours", asYouType: true), withNotes: true));
        Assert.Equal("'r_1' | 'o_2'", PostgresSearchEngine.Scope(["r_1", "o_2"]));
    }
}
