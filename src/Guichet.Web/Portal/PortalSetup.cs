using System.Threading.RateLimiting;
using Guichet.Web.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace Guichet.Web.Portal;

public static class PortalSetup
{
    /// <summary>Guests sending the request form: limited like the account pages, per client address; signed-in people are not.</summary>
    public const string GuestRateLimitPolicy = "guest-request";

    public static WebApplicationBuilder AddGuichetPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section)
            .Validate(o => o.HeldRequestDays > 0, "Guichet:Portal:HeldRequestDays must be positive.").ValidateOnStart();
        builder.Services.AddScoped<GuestRequests>();
        builder.Services.AddScoped<GuestRequestMail>();
        builder.Services.AddSingleton<HeldRequestSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HeldRequestSweep>());
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(GuestRateLimitPolicy, context =>
            context.User.Identity?.IsAuthenticated == true || !HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("")
                : AccountsSetup.PerClientAddress(context)));
        return builder;
    }
}
