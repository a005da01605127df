using System.Globalization;
using Guichet.Web;
using Guichet.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Guichet.Tests.Localization;

/// <summary>The remembered texts are the resource files' own, each in the language it was asked in.</summary>
public sealed class CachedStringLocalizerTests
{
    private static IStringLocalizer Localizer() =>
        new CachedStringLocalizerFactory(new ResourceManagerStringLocalizerFactory(
                Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance))
            .Create(typeof(SharedResource));

    private static T In<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try { return read(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
    }

    [Fact]
    public void A_text_asked_in_one_language_is_not_handed_out_in_another()
    {
        var localizer = Localizer();
        Assert.Equal("Rechercher", In("fr", () => localizer["Search"].Value));
        Assert.Equal("Search", In("en", () => localizer["Search"].Value));
        Assert.Equal("Suchen", In("de", () => localizer["Search"].Value));
        Assert.Equal("Rechercher", In("fr", () => localizer["Search"].Value));
    }

    [Fact]
    public void Arguments_are_formatted_each_time_in_the_readers_culture()
    {
        var localizer = Localizer();
        Assert.Equal("Page 2 of 40", In("en", () => localizer["Page {0} of {1}", 2, 40].Value));
        Assert.Equal("Page 3 sur 41", In("fr", () => localizer["Page {0} of {1}", 3, 41].Value));
    }

    [Fact]
    public void A_missing_text_says_so_and_shows_its_key() =>
        Assert.True(In("fr", () => Localizer()["No such text anywhere"]).ResourceNotFound);
}
