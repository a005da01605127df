namespace Guichet.Web.Organizations;

public static class OrganizationsSetup
{
    public static WebApplicationBuilder AddGuichetOrganizations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DomainMembership>();
        builder.Services.AddScoped<OrganizationNotes>();
        return builder;
    }
}
