using Guichet.Web.Search;

namespace Guichet.Tests.Search;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Résilié", "resilie")]
    [InlineData("ZOË", "zoe")]
    [InlineData("Straße", "straße")]
    [InlineData("Ñandú", "nandu")]
    [InlineData("printer", "printer")]
    [InlineData("PRINTER", "printer")]
    [InlineData("e\u0301te\u0301", "ete")]   // accents typed as combining marks
    [InlineData("東京", "東京")]
    public void Case_and_accents_go_the_rest_stays(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));
}
