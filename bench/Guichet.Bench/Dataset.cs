using System.Globalization;
using System.Text;

namespace Guichet.Bench;

/// <summary>
/// The generated data, deterministic for a seed except for the v7 GUIDs. Organization 0 is the
/// "big" one: it owns <see cref="BigOrgTickets"/> tickets (spread over time, every k-th ticket) and
/// its first member, customer 0, is its manager. Customer i belongs to organization i % orgs, and the
/// first customer of each organization manages it. About 5 % of the tickets carry <see cref="Word"/>.
/// </summary>
internal sealed class Dataset
{
    public const string Password = "Bench-password-1";
    public const string Word = "imprimante";
    public const string AgentEmail = "agent@bench.test";

    public static string CustomerEmail(int i) => $"customer{i}@bench.test";

    public required int Orgs { get; init; }
    public required int Customers { get; init; }
    public required int Tickets { get; init; }
    public required int MessagesPerTicket { get; init; }
    public required int BigOrgTickets { get; init; }
    public required int Seed { get; init; }

    /// <summary>The data set's "now": the newest ticket is from shortly before it.</summary>
    public DateTimeOffset Now { get; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public Guid[] OrgIds { get; private set; } = [];
    public Guid[] CustomerIds { get; private set; } = [];
    public Guid AgentId { get; private set; }
    public TicketRow[] TicketRows { get; private set; } = [];

    public int MembersPerOrg => Customers / Orgs;

    public readonly record struct TicketRow(Guid Id, long Number, int Org, int Requester, DateTimeOffset CreatedAt,
        DateTimeOffset LastActivityAt, int StatusIndex, int TypeIndex, int Priority, string Subject, bool HasWord);

    private static readonly string[] Vocabulary =
    [
        "facture", "commande", "livraison", "compte", "mot", "passe", "connexion", "erreur", "serveur", "message",
        "courriel", "client", "contrat", "devis", "paiement", "retard", "colis", "adresse", "export", "import",
        "rapport", "tableau", "fichier", "document", "signature", "licence", "abonnement", "renouvellement", "accès", "droits",
        "écran", "clavier", "réseau", "wifi", "vpn", "téléphone", "portable", "logiciel", "mise", "jour",
        "version", "installation", "sauvegarde", "restauration", "données", "base", "synchronisation", "calendrier", "agenda", "réunion",
        "invoice", "order", "delivery", "account", "password", "login", "error", "server", "email", "customer",
        "contract", "quote", "payment", "delay", "parcel", "address", "report", "spreadsheet", "file", "license",
        "subscription", "renewal", "access", "screen", "keyboard", "network", "phone", "laptop", "software", "update",
        "backup", "restore", "data", "sync", "calendar", "meeting", "urgent", "bloqué", "lent", "impossible",
        "problème", "demande", "question", "information", "merci", "bonjour", "cordialement", "depuis", "hier", "matin",
    ];

    private static readonly string[] FirstNames = ["Camille", "Louis", "Emma", "Hugo", "Léa", "Jules", "Chloé", "Noah", "Inès", "Arthur", "Sarah", "Paul", "Manon", "Lucas", "Zoé", "Nathan"];
    private static readonly string[] LastNames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David"];

    public static string FirstName(int i) => FirstNames[i % FirstNames.Length];

    public static string LastName(int i) => LastNames[(i / FirstNames.Length) % LastNames.Length];

    public static string OrgName(int i) => i == 0 ? "Big Org 0" : $"Organization {i.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Makes ids and the ticket rows (without message text, which is made while writing).</summary>
    public void Plan(int statuses, int types)
    {
        var random = new Random(Seed);
        var start = Now.AddYears(-3);
        OrgIds = [.. Enumerable.Range(0, Orgs).Select(i => Guid.CreateVersion7(start.AddMinutes(i)))];
        CustomerIds = [.. Enumerable.Range(0, Customers).Select(i => Guid.CreateVersion7(start.AddMinutes(i)))];
        AgentId = Guid.CreateVersion7(start);

        var span = (Now - start).Ticks;
        var stride = Math.Max(1, Tickets / Math.Max(1, BigOrgTickets));
        var bigSoFar = 0;
        var rows = new TicketRow[Tickets];
        for (var t = 0; t < Tickets; t++)
        {
            int org, requester;
            if (t % stride == 0 && bigSoFar < BigOrgTickets)
            {
                org = 0;
                requester = random.Next(MembersPerOrg) * Orgs;
                bigSoFar++;
            }
            else
            {
                org = 1 + random.Next(Orgs - 1);
                requester = org + random.Next(MembersPerOrg) * Orgs;
            }
            var created = start.AddTicks(span / Tickets * t + random.NextInt64(span / Tickets));
            var last = created.AddMinutes(random.Next(60 * 24 * 10));
            var hasWord = random.NextDouble() < 0.05;
            var subject = Sentence(random, 4 + random.Next(5), hasWord && random.Next(2) == 0);
            rows[t] = new TicketRow(Guid.CreateVersion7(created), 1001 + t, org, requester, created, last,
                StatusIndex(t, random), random.Next(types), random.Next(4), subject, hasWord);
        }
        TicketRows = rows;
    }

    /// <summary>
    /// Old tickets closed, as in a help desk that has been running for years; the newest tenth new,
    /// open, waiting or closed. None solved: the auto-close job would spend the run closing them.
    /// Indexes into the statuses by sort order as seeded: new, open, pending, solved, closed, cancelled.
    /// </summary>
    private int StatusIndex(int t, Random random) => t < Tickets * 9 / 10 ? 4 : random.Next(4) is var s && s == 3 ? 4 : s;

    /// <summary>The messages of a ticket: the requester's description first, then replies alternating with the agent.</summary>
    public IEnumerable<(Guid Id, Guid Author, string Text, DateTimeOffset At)> Messages(TicketRow ticket, Random random)
    {
        for (var m = 0; m < MessagesPerTicket; m++)
        {
            var at = m == 0 ? ticket.CreatedAt : ticket.CreatedAt + (ticket.LastActivityAt - ticket.CreatedAt) * m / MessagesPerTicket;
            var author = m % 2 == 0 ? CustomerIds[ticket.Requester] : AgentId;
            // The word is in the subject or the description, never only in a reply.
            var withWord = m == 0 && ticket.HasWord && !ticket.Subject.Contains(Word, StringComparison.Ordinal);
            yield return (Guid.CreateVersion7(at), author, Sentence(random, 20 + random.Next(40), withWord), at);
        }
    }

    private static string Sentence(Random random, int words, bool withWord)
    {
        var text = new StringBuilder();
        var wordAt = withWord ? random.Next(words) : -1;
        for (var i = 0; i < words; i++)
        {
            if (i > 0) text.Append(' ');
            text.Append(i == wordAt ? Word : Vocabulary[random.Next(Vocabulary.Length)]);
        }
        if (text.Length > 0) text[0] = char.ToUpperInvariant(text[0]);
        return text.ToString();
    }
}
