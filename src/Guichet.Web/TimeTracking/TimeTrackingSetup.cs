namespace Guichet.Web.TimeTracking;

public static class TimeTrackingSetup
{
    public static WebApplicationBuilder AddGuichetTimeTracking(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TimeEntries>();
        builder.Services.AddScoped<TimeReport>();
        return builder;
    }
}
