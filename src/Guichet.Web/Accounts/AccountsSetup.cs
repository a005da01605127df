using System.Threading.RateLimiting;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Accounts;

public static class AccountsSetup
{
    public const string RateLimitPolicy = "account";

    public static WebApplicationBuilder AddGuichetAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);

        // Keys in the database: every node of a cluster reads the cookies and links of the others.
        builder.Services.AddDataProtection().SetApplicationName("Guichet").PersistKeysToDbContext<GuichetDbContext>();

        builder.Services.AddIdentity<User, Microsoft.AspNetCore.Identity.IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.SignIn.RequireConfirmedAccount = true;   // AccountStanding: and not deactivated
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.ClaimsIdentity.UserNameClaimType = System.Security.Claims.ClaimTypes.Email;
            })
            .AddEntityFrameworkStores<GuichetDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<UserClaims>()
            .AddUserConfirmation<AccountStanding>()
            .AddSignInManager<StandingSignInManager>();

        builder.Services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((o, accounts) =>
        {
            o.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedSignIns;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.Value.LockoutMinutes);
        });
        builder.Services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccountOptions>>((o, accounts) =>
            o.ValidationInterval = accounts.Value.SessionCheckInterval);
        // Verification and invitation links.
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<AccountOptions>>((o, accounts) =>
        {
            o.Cookie.Name = "guichet.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromDays(accounts.Value.RememberMeDays);
            o.SlidingExpiration = true;
            SessionChecks.OnlyWhenDue(o.Events);
        });
        // Every cookie scheme Identity registers (application, external, two-factor): none may
        // redirect to the host a request named.
        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(o => CookieRedirects.KeepOnSite(o.Events));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "guichet.csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // The session's roles, and the account as it is now (Viewer, which every node's cache keeps fresh within a
        // second): a deactivated or demoted admin loses the pages at once, not at the session's next check.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.StaffPolicy, p => p.RequireRole(Roles.Agent, Roles.Admin).RequireAssertion(c => IsNowAsync(c, v => v.IsStaff)))
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin).RequireAssertion(c => IsNowAsync(c, v => v.IsAdmin)))
            .AddPolicy(Roles.EditorPolicy, p => p.RequireRole(Roles.Editor, Roles.Admin).RequireAssertion(c => IsNowAsync(c, v => v.IsEditor)));

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, PerClientAddress);
        });

        builder.Services.AddScoped<AccountMail>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, PersonNamesInQueries>();
        builder.Services.AddScoped<SignUp>();
        builder.Services.AddScoped<ProfileChanges>();
        builder.Services.AddScoped<SignInAttempt>();
        builder.Services.AddSingleton<SignInAttempt.Decoy>();
        builder.Services.AddScoped<EmailVerification>();
        builder.Services.AddScoped<PasswordReset>();
        builder.Services.AddScoped<Invitations>();
        builder.Services.AddScoped<AdminAccounts>();
        builder.Services.AddScoped<AgentAccounts>();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    private static async Task<bool> IsNowAsync(AuthorizationHandlerContext context, Func<Tickets.Viewer, bool> holds)
    {
        if (context.User.Identity?.IsAuthenticated != true) return false;   // the role requirement has said no already
        var http = context.Resource as HttpContext ?? throw new InvalidOperationException("Staff pages are authorized per request.");
        return holds(await http.RequestServices.GetRequiredService<Tickets.CurrentViewer>().GetAsync(http.RequestAborted));
    }

    /// <summary>The account pages' limit: <see cref="AccountOptions.AccountPermitsPerMinute"/> requests a minute per client address.</summary>
    public static RateLimitPartition<string> PerClientAddress(HttpContext context) => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "local",
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.AccountPermitsPerMinute, Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
