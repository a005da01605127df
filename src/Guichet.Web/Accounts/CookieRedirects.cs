using Guichet.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Guichet.Web.Accounts;

/// <summary>
/// The cookie handler's redirects (to sign in, access denied, after sign-in and sign-out) as a path
/// on this site. The handler makes them absolute from the request's scheme and <c>Host</c>, which
/// the client chooses: behind a cache or a careless proxy, <c>Location: http://evil.example/...</c>
/// would be served to everyone. A browser resolves a relative <c>Location</c> against the address
/// it asked for, which is always the right one.
/// </summary>
public static class CookieRedirects
{
    /// <summary>Wraps the four redirect events: they keep what they do (a 401 or 403 for a script), with a relative address.</summary>
    public static void KeepOnSite(CookieAuthenticationEvents events)
    {
        var toLogin = events.OnRedirectToLogin;
        var toAccessDenied = events.OnRedirectToAccessDenied;
        var toLogout = events.OnRedirectToLogout;
        var toReturnUrl = events.OnRedirectToReturnUrl;
        events.OnRedirectToLogin = context => toLogin(OnSite(context));
        events.OnRedirectToAccessDenied = context => toAccessDenied(OnSite(context));
        events.OnRedirectToLogout = context => toLogout(OnSite(context));
        events.OnRedirectToReturnUrl = context => toReturnUrl(OnSite(context));
    }

    private static RedirectContext<CookieAuthenticationOptions> OnSite(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.RedirectUri = PathOnSite(context.Request, context.RedirectUri);
        return context;
    }

    /// <summary>
    /// Removes the scheme and host that <c>BuildRedirectUri</c> put in front of the path; anything
    /// else that is not a path on this site becomes the home page.
    /// </summary>
    public static string PathOnSite(HttpRequest request, string uri)
    {
        var origin = request.Scheme + Uri.SchemeDelimiter + request.Host.ToUriComponent();
        if (uri.StartsWith(origin, StringComparison.OrdinalIgnoreCase))
            uri = uri[origin.Length..];
        return LocalUrl.OrHome(uri);
    }
}
