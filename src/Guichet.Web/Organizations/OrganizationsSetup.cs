namespace Guichet.Web.Organizations;

public static class OrganizationsSetup
{
    public static WebApplicationBuilder AddGuichetOrganizations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DomainMembership>();
        return builder;
    }
}
