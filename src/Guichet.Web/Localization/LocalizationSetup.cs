using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Localization;

public static class LocalizationSetup
{
    public const string CultureClaim = "guichet:culture";

    public static WebApplicationBuilder AddGuichetLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        builder.Services.AddSingleton<IStringLocalizerFactory, CachedStringLocalizerFactory>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Supported.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(Cultures.Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The signed-in user's choice, then the picker's cookie, then the browser.
            o.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(context =>
                {
                    var culture = Cultures.Match(context.User.FindFirst(CultureClaim)?.Value);
                    return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture));
                }),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }
}
