using System.Reflection;
using NetArchTest.Rules;

namespace Guichet.Tests.Architecture;

/// <summary>
/// Pages may use capability folders; capability folders (Accounts/, Tickets/, Email/...) never
/// use Pages/ or MVC types, so the same operation serves the portal, the agent, mail and the API.
/// </summary>
public sealed class CapabilityFolderTests
{
    private static readonly Assembly Web = typeof(Guichet.Web.Hosting.GuichetOptions).Assembly;

    [Fact]
    public void Capability_folders_use_neither_pages_nor_MVC()
    {
        var rule = new NoPagesOrMvc();
        var result = Types.InAssembly(Web)
            .That().ResideInNamespaceStartingWith("Guichet.Web")
            .And().DoNotResideInNamespaceStartingWith("Guichet.Web.Pages")
            .Should().MeetCustomRule(rule)
            .GetResult();

        Assert.True(result.IsSuccessful, "Capability types that use Pages/ or MVC:\n" + Describe(rule));
    }

    // Guards the rule itself: if it stopped seeing MVC types, the test above would pass for nothing.
    [Fact]
    public void The_rule_sees_the_MVC_types_that_page_models_use()
    {
        var rule = new NoPagesOrMvc();
        var result = Types.InAssembly(Web)
            .That().ResideInNamespaceStartingWith("Guichet.Web.Pages")
            .Should().MeetCustomRule(rule)
            .GetResult();

        Assert.False(result.IsSuccessful);
        Assert.Contains(rule.Violations.Values.SelectMany(v => v), t => t == "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
    }

    private static string Describe(NoPagesOrMvc rule) =>
        string.Join("\n", rule.Violations.Select(v => $"  {v.Key}: {string.Join(", ", v.Value)}"));
}
