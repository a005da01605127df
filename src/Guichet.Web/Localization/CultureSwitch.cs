using Guichet.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Guichet.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Guichet.Web.Localization;

public static class CultureSwitch
{
    /// <summary>
    /// POST /culture from the language picker: remembered in a cookie, and in the profile of a
    /// signed-in user so that their mail follows too.
    /// </summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapPost("/culture", async ([FromForm] string culture, [FromForm] string? returnUrl, HttpContext context,
            UserManager<User> users, SignInManager<User> signIn, TimeProvider time) =>
        {
            var chosen = Cultures.Match(culture) ?? Cultures.Default;
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = time.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps });

            if (await users.GetUserAsync(context.User) is { } user)
            {
                user.Culture = chosen;
                await users.UpdateAsync(user);
                await signIn.RefreshSignInAsync(user);
            }
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        });
}
