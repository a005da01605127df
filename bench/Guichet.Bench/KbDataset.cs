using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Guichet.Bench;

/// <summary>
/// A generated knowledge base: articles in five languages, with words drawn by Zipf's law from a vocabulary per language
/// (ten filler words found in nearly every article, forty help desk words from very common to fairly common, then 8,000
/// made-up product and error names down to a few articles each), so that common, rare, accented and two-word searches
/// all exist. Mixed visibilities: 70 % public, 10 % signed in, 10 % for one organization, 10 % internal; 3 % drafts,
/// 2 % scheduled for later. Deterministic for a seed.
/// </summary>
internal sealed class KbDataset(int articles, int seed, DateTimeOffset now)
{
    public const int Categories = 10;
    public const int SectionsPerCategory = 5;
    public static readonly string[] Languages = ["en", "fr", "de", "es", "it"];

    private static readonly Dictionary<string, string[]> Fillers = new()
    {
        ["en"] = ["the", "to", "and", "your", "of", "in", "is", "for", "on", "with"],
        ["fr"] = ["le", "de", "la", "et", "les", "des", "votre", "pour", "un", "dans"],
        ["de"] = ["der", "die", "und", "das", "ihr", "zu", "den", "mit", "ist", "für"],
        ["es"] = ["el", "de", "la", "que", "y", "en", "su", "los", "para", "con"],
        ["it"] = ["il", "di", "la", "che", "e", "per", "un", "del", "con", "tuo"],
    };

    private static readonly Dictionary<string, string[]> Domain = new()
    {
        ["en"] = ["account", "request", "email", "access", "error", "update", "settings", "user", "file", "printer", "connection", "password",
            "network", "invoice", "server", "screen", "licence", "backup", "vpn", "wifi", "laptop", "phone", "report", "software", "installation",
            "folder", "attachment", "login", "subscription", "payment", "security", "notification", "status", "driver", "keyboard", "mouse",
            "camera", "meeting", "calendar", "storage"],
        ["fr"] = ["compte", "demande", "courriel", "accès", "erreur", "paramètres", "utilisateur", "fichier", "mise", "jour", "imprimante",
            "connexion", "mot", "passe", "réseau", "facture", "serveur", "écran", "licence", "sauvegarde", "vpn", "wifi", "ordinateur",
            "téléphone", "rapport", "logiciel", "installation", "dossier", "identifiant", "abonnement", "paiement", "sécurité", "notification",
            "statut", "pilote", "clavier", "données", "résiliation", "réunion", "agenda"],
        ["de"] = ["Konto", "Anfrage", "Postfach", "Zugang", "Fehler", "Aktualisierung", "Einstellungen", "Benutzer", "Datei", "Drucker",
            "Verbindung", "Passwort", "Netzwerk", "Rechnung", "Server", "Bildschirm", "Lizenz", "Sicherung", "VPN", "WLAN", "Gerät", "Telefon",
            "Bericht", "Software", "Installation", "Ordner", "Anhang", "Anmeldung", "Abonnement", "Zahlung", "Sicherheit", "Benachrichtigung",
            "Status", "Treiber", "Tastatur", "Schlüssel", "Kamera", "Besprechung", "Kalender", "Speicher"],
        ["es"] = ["cuenta", "solicitud", "correo", "acceso", "error", "actualización", "configuración", "usuario", "archivo", "impresora",
            "conexión", "contraseña", "red", "factura", "servidor", "pantalla", "licencia", "copia", "vpn", "wifi", "portátil", "teléfono",
            "informe", "programa", "instalación", "carpeta", "adjunto", "sesión", "suscripción", "pago", "seguridad", "notificación",
            "estado", "controlador", "teclado", "ratón", "cámara", "reunión", "calendario", "almacenamiento"],
        ["it"] = ["account", "richiesta", "posta", "accesso", "errore", "aggiornamento", "impostazioni", "utente", "file", "stampante",
            "connessione", "password", "rete", "fattura", "server", "schermo", "licenza", "backup", "vpn", "wifi", "portatile", "telefono",
            "rapporto", "programma", "installazione", "cartella", "allegato", "credenziali", "abbonamento", "pagamento", "sicurezza", "notifica",
            "stato", "driver", "tastiera", "mouse", "fotocamera", "riunione", "calendario", "archiviazione"],
    };

    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ren", "tor", "vex", "bal", "qui", "dor", "sen", "pra", "lu", "zan", "fe", "gri", "nol", "tas", "ump", "cy", "har"];

    /// <summary>Made-up names (product names travel across languages): rank i of the long tail, the same in every language.</summary>
    public static string Invented(int i) =>
        Syllables[i % 20] + Syllables[i / 20 % 20] + Syllables[i / 400 % 20];

    private const int InventedCount = 8000;
    private const double ZipfExponent = 1.1;

    private readonly double[] cumulative = Cumulative(10 + 40 + InventedCount);

    private static double[] Cumulative(int size)
    {
        var weights = new double[size];
        var sum = 0.0;
        for (var r = 0; r < size; r++) weights[r] = sum += 1 / Math.Pow(r + 1, ZipfExponent);
        for (var r = 0; r < size; r++) weights[r] /= sum;
        return weights;
    }

    private static string Word(string language, int rank) =>
        rank < 10 ? Fillers[language][rank] : rank < 50 ? Domain[language][rank - 10] : Invented(rank - 50);

    private int Rank(Random random, int from = 0)
    {
        var r = Array.BinarySearch(cumulative, random.NextDouble());
        r = r < 0 ? ~r : r;
        return Math.Max(from, Math.Min(r, cumulative.Length - 1));
    }

    private string Words(Random random, string language, int count, int from)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(i % 14 == 0 ? ". " : " ");
            text.Append(Word(language, Rank(random, from)));
        }
        return text.ToString();
    }

    public sealed record Article(int Id, int SectionId, int Position, int Visibility, int? Organization, DateTimeOffset? PublishAt, long Views);

    public sealed record Translation(int Id, int ArticleId, string Language, string Title, string Body, string Keywords);

    public IEnumerable<object?[]> CategoryRows() => Enumerable.Range(1, Categories).Select(c => new object?[]
    {
        c, Names(l => $"{Word(l, 10 + c)} {c}"), Names(_ => ""), c,
    });

    public IEnumerable<object?[]> SectionRows() => Enumerable.Range(1, Categories * SectionsPerCategory).Select(s => new object?[]
    {
        s, (s - 1) / SectionsPerCategory + 1, Names(l => $"{Word(l, 10 + s % 40)} {s}"), Names(_ => ""), s,
    });

    private static string Names(Func<string, string> name) => JsonSerializer.Serialize(Languages.ToDictionary(l => l, name));

    public IEnumerable<Article> Articles()
    {
        var random = new Random(seed);
        for (var id = 1; id <= articles; id++)
        {
            var roll = random.Next(100);
            var visibility = roll < 70 ? 0 : roll < 80 ? 1 : roll < 90 ? 2 : 3;
            var publication = random.Next(100);
            DateTimeOffset? publishAt = publication < 3 ? null : publication < 5 ? now.AddDays(30) : now.AddDays(-random.Next(1, 1500));
            // Most read: a few articles are read a lot (Zipf again), most a little.
            var views = (long)(200_000 / Math.Pow(random.Next(1, articles + 1), 0.9));
            yield return new Article(id, random.Next(1, Categories * SectionsPerCategory + 1), id, visibility,
                visibility == 2 ? random.Next(50) : null, publishAt, views);
        }
    }

    public IEnumerable<Translation> Translations()
    {
        var random = new Random(seed + 1);
        for (var id = 1; id <= articles; id++)
            for (var l = 0; l < Languages.Length; l++)
            {
                var language = Languages[l];
                yield return new Translation((id - 1) * Languages.Length + l + 1, id, language,
                    Capitalized(Words(random, language, random.Next(4, 8), from: 10)),
                    Words(random, language, random.Next(80, 240), from: 0) + ".",
                    Words(random, language, 3, from: 10));
            }
    }

    private static string Capitalized(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];

    public static string Html(string body) => "<p>" + WebUtility.HtmlEncode(body) + "</p>";
}
