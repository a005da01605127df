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

    [Fact]
    public void A_mail_about_a_note_has_a_Message_ID_that_says_so_and_the_older_forms_stay_ours()
    {
        var id = Guid.Parse("0192f3a1-7c00-7000-8000-0123456789ab");
        var note = OurMessageIds.New(id, "guichet.test", 1042, aboutNote: true);
        var reply = OurMessageIds.New(id, "guichet.test", 1042);
        var plain = OurMessageIds.New(id, "guichet.test", null);

        Assert.Equal("t1042.n0192f3a17c00700080000123456789ab@guichet.test", note);
        Assert.Equal((true, 1042L, true), (OurMessageIds.IsOurs($"<{note}>", "guichet.test"), OurMessageIds.TicketNumberOf(note, "guichet.test"), OurMessageIds.IsAboutNote($"<{note}>", "guichet.test")));
        Assert.Equal((true, 1042L, false), (OurMessageIds.IsOurs(reply, "guichet.test"), OurMessageIds.TicketNumberOf(reply, "guichet.test"), OurMessageIds.IsAboutNote(reply, "guichet.test")));
        Assert.Equal((true, (long?)null, false), (OurMessageIds.IsOurs(plain, "guichet.test"), OurMessageIds.TicketNumberOf(plain, "guichet.test"), OurMessageIds.IsAboutNote(plain, "guichet.test")));
        Assert.False(OurMessageIds.IsAboutNote(OurMessageIds.Root(1042, "guichet.test"), "guichet.test"));
        // Another host's look-alike is nobody's note of ours.
        Assert.False(OurMessageIds.IsAboutNote(note.Replace("guichet.test", "other.example"), "guichet.test"));
        // A note is always about a request.
        Assert.Throws<ArgumentException>(() => OurMessageIds.New(id, "guichet.test", null, aboutNote: true));
    }

    [Theory]
    [InlineData("t1042.n0123456789abcdef0123456789abcde@guichet.test")]
    [InlineData("t1042.nn0123456789abcdef0123456789abcdef@guichet.test")]
    [InlineData("t1042.nrequest@guichet.test")]
    [InlineData("n0123456789abcdef0123456789abcdef@guichet.test")]
    public void Look_alikes_of_a_note_s_Message_ID_are_not_ours(string id) =>
        Assert.Equal((false, false), (OurMessageIds.IsOurs(id, "guichet.test"), OurMessageIds.IsAboutNote(id, "guichet.test")));

    [Theory]
    [InlineData("request@guichet.test")]
    [InlineData("t1042.requests@guichet.test")]
    [InlineData("t.request@guichet.test")]
    public void Look_alikes_of_the_root_are_not_ours(string id) => Assert.False(OurMessageIds.IsOurs(id, "guichet.test"));
}
