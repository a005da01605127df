using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Email.Inbound;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Guichet.IntegrationTests.Email;

/// <summary>
/// Each mail of Email/Corpus (NAME.eml, as a client or a server wrote it) goes in through the front door and becomes
/// what NAME.expected.json says. See Email/Corpus/README.md to add one.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Email", "Corpus");

    public static IEnumerable<object[]> Cases() =>
        from file in Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal)
        from db in new[] { Db.Sqlite, Db.Postgres }
        select new object[] { Path.GetFileNameWithoutExtension(file), db };

    [Theory, MemberData(nameof(Cases))]
    public async Task Each_corpus_mail_becomes_what_it_is_expected_to_be(string name, Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var expected = Expectation.Load(name);
        long? setupTicket = null;
        if (expected.Setup is { } setup)
        {
            var first = await app.ReceiveAsync(Raw(setup, Expectation.Load(setup), null));
            setupTicket = first.Message.TicketNumber ?? throw new InvalidOperationException($"{setup} opened no request: {first.Message.Trace}");
        }

        var raw = Raw(name, expected, setupTicket);
        var clock = Stopwatch.StartNew();
        var received = await app.ReceiveAsync(raw);
        clock.Stop();
        var row = received.Message;
        output.WriteLine($"{name}: {raw.Length} bytes in {clock.ElapsedMilliseconds} ms\n{row.Trace}");

        if (expected.MaxSeconds is { } seconds)
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds), $"{name} took {clock.Elapsed.TotalMilliseconds} ms, over {seconds} s");
        Assert.Equal(expected.Outcome, Outcome(row));
        if (expected.DropReason is { } reason) Assert.Equal(reason, row.DropReason);
        if (expected.Error is { } error) Assert.Contains(error, row.Error);
        if (expected.Subject is { } subject) Assert.Equal(Fill(subject, setupTicket), row.Subject);

        if (row.State == InboundState.Dropped)
        {
            Assert.Equal(setupTicket is null ? 0 : 1, await app.WithDbAsync(d => d.Tickets.CountAsync()));
            if (expected.Bounce is { } bounce) await CheckBounceAsync(app, bounce, setupTicket!.Value);
            return;
        }
        if (row.State != InboundState.Processed) return;

        var ticket = await app.WithDbAsync(d => d.Tickets.AsNoTracking().Include(t => t.Participants).ThenInclude(p => p.User)
            .SingleAsync(t => t.Number == row.TicketNumber));
        var message = await app.WithDbAsync(d => d.Set<Message>().AsNoTracking().Include(m => m.Author).Include(m => m.Attachments)
            .SingleAsync(m => m.Id == row.ConversationMessageId));
        if (expected.Outcome == "Reply") Assert.Equal(setupTicket, ticket.Number);
        if (expected.Outcome == "NewRequest")
        {
            Assert.NotEqual(setupTicket, ticket.Number);
            Assert.Equal(Fill(expected.Subject ?? row.Subject ?? "", setupTicket), ticket.Subject);
        }
        Assert.Equal(expected.From, message.Author.Email);
        if (expected.FirstName is not null) Assert.Equal((expected.FirstName, expected.LastName), (message.Author.FirstName, message.Author.LastName));
        foreach (var words in expected.Body) Assert.Contains(words, message.BodyText);
        foreach (var words in expected.NotInBody) Assert.DoesNotContain(words, message.BodyText);
        foreach (var html in expected.BodyHtml) Assert.Contains(html, message.BodyHtml);
        if (expected.Attachments is { } files)
            Assert.Equal(files.Select(f => (f.Name, f.Type)).Order(), message.Attachments.Select(a => (a.FileName, a.ContentType)).Order());
        if (expected.Participants is { } participants)
            Assert.Equal(participants.Order(StringComparer.Ordinal), ticket.Participants.Select(p => p.User.Email!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ticket.Subject, c => c is '\r' or '\n');
    }

    private static async Task CheckBounceAsync(GuichetApp app, Expectation.BounceCheck bounce, long ticketNumber)
    {
        var user = await app.WithDbAsync(d => d.Users.AsNoTracking().SingleAsync(u => u.Email == bounce.Address));
        Assert.Equal(bounce.Failing, user.MailFailingSince is not null);
        var ticketId = await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == ticketNumber).Select(t => t.Id).SingleAsync());
        var events = await app.WithDbAsync(d => d.TicketEvents.AsNoTracking()
            .Where(e => e.Kind == TicketEventKind.MailBounced && e.TicketId == ticketId).Select(e => e.After).ToListAsync());
        Assert.Equal(bounce.Failing ? [bounce.Address] : [], events);
        // A bounce is only noted: the request is not reopened nor answered.
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<Message>().CountAsync(m => m.TicketId == ticketId)));
    }

    private static string Outcome(InboundMessage row) => row.State switch
    {
        InboundState.Processed => row.Outcome!.Value.ToString(),
        var state => state.ToString(),
    };

    /// <summary>The file's bytes as they are, but for the request's number and the expansions (ASCII markers in ASCII places).</summary>
    private static byte[] Raw(string name, Expectation expected, long? ticket)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, name + ".eml"));
        var replacements = new Dictionary<string, string>();
        if (ticket is { } number) replacements["{{ticket}}"] = number.ToString(CultureInfo.InvariantCulture);
        foreach (var (marker, expansion) in expected.Expand)
            replacements[marker] = string.Concat(Enumerable.Range(0, expansion.Times).Select(i => expansion.Text.Replace("{i}", i.ToString(CultureInfo.InvariantCulture))));
        foreach (var (marker, value) in replacements)
            bytes = Replace(bytes, Encoding.ASCII.GetBytes(marker), Encoding.UTF8.GetBytes(value));
        return bytes;
    }

    private static byte[] Replace(byte[] bytes, byte[] marker, byte[] value)
    {
        using var result = new MemoryStream();
        var rest = bytes.AsSpan();
        int at;
        while ((at = rest.IndexOf(marker)) >= 0)
        {
            result.Write(rest[..at]);
            result.Write(value);
            rest = rest[(at + marker.Length)..];
        }
        result.Write(rest);
        return result.ToArray();
    }

    private static string Fill(string text, long? ticket) =>
        ticket is { } number ? text.Replace("{{ticket}}", number.ToString(CultureInfo.InvariantCulture)) : text;

    /// <summary>NAME.expected.json: what the mail must become. Only what is given is checked.</summary>
    private sealed record Expectation
    {
        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Converters = { new JsonStringEnumConverter() } };

        public string Description { get; init; } = "";
        public string? Setup { get; init; }
        public string Outcome { get; init; } = "";
        public DropReason? DropReason { get; init; }
        public string? Error { get; init; }
        public string? From { get; init; }
        public string? FirstName { get; init; }
        public string? LastName { get; init; }
        public string? Subject { get; init; }
        public string[] Body { get; init; } = [];
        public string[] NotInBody { get; init; } = [];
        public string[] BodyHtml { get; init; } = [];
        public FileCheck[]? Attachments { get; init; }
        public string[]? Participants { get; init; }
        public BounceCheck? Bounce { get; init; }
        public double? MaxSeconds { get; init; }
        public Dictionary<string, Expansion> Expand { get; init; } = [];

        public sealed record FileCheck(string Name, string Type);

        public sealed record BounceCheck(string Address, bool Failing);

        public sealed record Expansion(int Times, string Text);

        public static Expectation Load(string name) =>
            JsonSerializer.Deserialize<Expectation>(File.ReadAllText(Path.Combine(Folder, name + ".expected.json")), Json)
            ?? throw new InvalidOperationException($"{name}.expected.json is empty");
    }
}
