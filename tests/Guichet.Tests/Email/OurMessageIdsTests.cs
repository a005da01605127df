using Guichet.Web.Email.Outbound;

namespace Guichet.Tests.Email;

public sealed class OurMessageIdsTests
{
    [Fact]
    public void A_request_s_root_Message_ID_is_ours_and_names_the_request()
    {
        var root = OurMessageIds.Root(1042, "guichet.test");
        Assert.Equal("t1042.request@guichet.test", root);
        Assert.True(OurMessageIds.IsOurs($"<{root}>", "guichet.test"));
        Assert.Equal(1042, OurMessageIds.TicketNumberOf(root, "guichet.test"));
        Assert.False(OurMessageIds.IsOurs(root, "other.example"));
    }

    [Theory]
    [InlineData("request@guichet.test")]
    [InlineData("t1042.requests@guichet.test")]
    [InlineData("t.request@guichet.test")]
    public void Look_alikes_of_the_root_are_not_ours(string id) => Assert.False(OurMessageIds.IsOurs(id, "guichet.test"));
}
