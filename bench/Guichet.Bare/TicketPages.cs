using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Guichet.Bare;

/// <summary>
/// The pages the bench measures, each doing the database work Guichet's page does for the same
/// answer (same statements where Guichet's are the ones a hand-written app would write too), and
/// writing plain HTML. What Guichet's pages show beyond it is listed in docs/benchmarks.md.
/// </summary>
internal sealed class TicketPages(BareDatabase database, Callers callers, TimeProvider time)
{
    private const int PageSize = 25;

    /// <summary>Guichet's <c>TicketSearch.MaxPrefetched</c>: up to this many matches, the count and the page take their numbers.</summary>
    private const int MaxPrefetched = 2000;

    // The encoder Razor uses in Guichet (its default: accented letters become entities too).
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    // Names read once at start, as Guichet keeps them in its node cache.
    private Dictionary<long, string> statuses = [];
    private Dictionary<long, (string Name, long? GroupId)> types = [];
    private long newStatus;

    public async Task LoadCatalogAsync(CancellationToken ct)
    {
        using var lease = await database.OpenAsync(ct);
        var db = lease.Connection;
        await using (var reader = await db.Command("SELECT Id, Names, Category, IsDefaultForCategory FROM Statuses ORDER BY SortOrder").ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                statuses[reader.GetInt64(0)] = English(reader.GetString(1));
                if (reader.GetInt64(2) == 0 && reader.GetBoolean(3)) newStatus = reader.GetInt64(0);
            }
        }
        await using (var reader = await db.Command("SELECT Id, Names, GroupId FROM RequestTypes WHERE IsActive").ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                types[reader.GetInt64(0)] = (English(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetInt64(2));
        }
        if (newStatus == 0) throw new InvalidOperationException("No default status for new tickets: is this a Guichet database?");
    }

    /// <summary>Names are stored as a JSON object by culture; the bare app speaks English.</summary>
    private static string English(string names)
    {
        using var json = JsonDocument.Parse(names);
        return json.RootElement.TryGetProperty("en", out var en) ? en.GetString() ?? "" : "";
    }

    public async Task<IResult> HealthAsync(CancellationToken ct)
    {
        using var lease = await database.OpenAsync(ct);
        await lease.Connection.Command("SELECT 1").ExecuteScalarAsync(ct);
        return Results.Text("Healthy");
    }

    /// <summary>The floor: a small page, no database, no caller.</summary>
    public static Task StaticPageAsync(HttpContext context) =>
        WriteHtmlAsync(context, new StringBuilder()
            .Append(Layout)
            .Append("<h1>How can we help you?</h1><p>Sign in to open a request and follow the ones you already sent.</p>")
            .Append("<ul><li><a href=\"/account/signin\">Sign in</a></li><li><a href=\"/account/signup\">Create an account</a></li></ul>")
            .Append("</main></body></html>"), context.RequestAborted);

    /// <summary>
    /// GET /requests?scope=organization|mine&amp;q=words&amp;page=N: 25 rows by last activity and the count,
    /// as Guichet's "My requests" runs them (its statements, taken from its SQL log).
    /// </summary>
    public async Task<IResult> ListAsync(HttpContext context, string? scope, string? q, int? page, CancellationToken ct)
    {
        if (await callers.FindAsync(context, ct) is not { } caller) return Results.Unauthorized();
        var pageNumber = Math.Max(1, page ?? 1);
        var organizationScope = scope == "organization" && caller.SeenOrganizations.Count > 0;
        // Guichet's TicketAccess.VisibleTo(viewer, scope): for a customer, one term of the rule.
        var (where, parameters) = organizationScope
            ? caller.SeenOrganizations.Count == 1
                ? ("t.OrganizationId = $scope", new List<(string, object?)> { ("$scope", caller.SeenOrganizations[0]) })
                : ("t.OrganizationId IN (SELECT value FROM json_each($scope))", [("$scope", JsonSerializer.Serialize(caller.SeenOrganizations))])
            : ("t.RequesterId = $scope", [("$scope", caller.UserId)]);

        using var lease = await database.OpenAsync(ct);
        var db = lease.Connection;
        var words = Words(q);
        if (words.Count > 0)
        {
            // Guichet's SqliteSearchEngine.Match for a customer: one of their scope tokens and every word, in the public text.
            var match = $"({string.Join(" OR ", caller.ScopeTokens.Select(s => $"scope : \"{s}\""))}) AND {string.Join(" AND ", words.Select(w => $"body : \"{w}\""))}";
            var numbers = new List<long>();
            await using (var reader = await db.Command("SELECT rowid FROM TicketSearch WHERE TicketSearch MATCH $match LIMIT $limit",
                ("$match", match), ("$limit", MaxPrefetched + 1)).ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) numbers.Add(reader.GetInt64(0));
            }
            if (numbers.Count > MaxPrefetched)
            {
                where += " AND t.Number IN (SELECT rowid FROM TicketSearch WHERE TicketSearch MATCH $match)";
                parameters.Add(("$match", match));
            }
            else
            {
                where += " AND t.Number IN (SELECT value FROM json_each($numbers))";
                parameters.Add(("$numbers", JsonSerializer.Serialize(numbers)));
            }
        }

        var total = Convert.ToInt64(await db.Command($"SELECT COUNT(*) FROM Tickets t WHERE {where}", [.. parameters]).ExecuteScalarAsync(ct),
            CultureInfo.InvariantCulture);
        var html = new StringBuilder(16_384).Append(Layout)
            .Append("<h1>Requests of my organization</h1><p>").Append(total.ToString("N0", CultureInfo.InvariantCulture)).Append(" requests</p>")
            .Append("<table><thead><tr><th>#</th><th>Subject</th><th>Requester</th><th>Status</th><th>Type</th><th>Product</th><th>Assignee</th><th>Last activity</th></tr></thead><tbody>");
        await using (var reader = await db.Command($"""
            SELECT t.Number, t.Subject, trim(a.FirstName || ' ' || a.LastName), t.LastActivityAt, t.StatusId, t.RequestTypeId, p.Name,
                   CASE WHEN b.Id IS NOT NULL THEN trim(b.FirstName || ' ' || b.LastName) END
            FROM (SELECT t.Number, t.Subject, t.RequesterId, t.AssigneeId, t.ProductId, t.LastActivityAt, t.StatusId, t.RequestTypeId
                  FROM Tickets t WHERE {where}
                  ORDER BY t.LastActivityAt DESC, t.Number DESC LIMIT $take OFFSET $skip) t
            JOIN AspNetUsers a ON a.Id = t.RequesterId
            LEFT JOIN Products p ON p.Id = t.ProductId
            LEFT JOIN AspNetUsers b ON b.Id = t.AssigneeId
            ORDER BY t.LastActivityAt DESC, t.Number DESC
            """, [.. parameters, ("$take", PageSize), ("$skip", (pageNumber - 1) * PageSize)]).ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var number = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
                html.Append("<tr><td><a href=\"/requests/").Append(number).Append("\">#").Append(number).Append("</a></td><td>")
                    .Append(Html.Encode(reader.GetString(1))).Append("</td><td>").Append(Html.Encode(reader.GetString(2))).Append("</td><td>")
                    .Append(Html.Encode(statuses.GetValueOrDefault(reader.GetInt64(4), ""))).Append("</td><td>")
                    .Append(Html.Encode(types.GetValueOrDefault(reader.GetInt64(5)).Name ?? "")).Append("</td><td>")
                    .Append(reader.IsDBNull(6) ? "" : Html.Encode(reader.GetString(6))).Append("</td><td>")
                    .Append(reader.IsDBNull(7) ? "" : Html.Encode(reader.GetString(7))).Append("</td><td>")
                    .Append(When(reader.GetInt64(3))).Append("</td></tr>");
            }
        }
        html.Append("</tbody></table></main></body></html>");
        await WriteHtmlAsync(context, html, ct);
        return Results.Empty;
    }

    /// <summary>GET /requests/N: the request and its public messages, if the caller may see it (Guichet's TicketAccess.VisibleTo).</summary>
    public async Task<IResult> ViewAsync(HttpContext context, long number, CancellationToken ct)
    {
        if (await callers.FindAsync(context, ct) is not { } caller) return Results.Unauthorized();
        using var lease = await database.OpenAsync(ct);
        var db = lease.Connection;
        var html = new StringBuilder(16_384).Append(Layout);
        string ticketId;
        await using (var reader = await db.Command("""
            SELECT t.Id, t.Subject, t.StatusId, t.RequestTypeId, t.Priority, t.CreatedAt, t.LastActivityAt,
                   trim(a.FirstName || ' ' || a.LastName), o.Name, p.Name, CASE WHEN b.Id IS NOT NULL THEN trim(b.FirstName || ' ' || b.LastName) END
            FROM Tickets t
            JOIN AspNetUsers a ON a.Id = t.RequesterId
            LEFT JOIN Organizations o ON o.Id = t.OrganizationId
            LEFT JOIN Products p ON p.Id = t.ProductId
            LEFT JOIN AspNetUsers b ON b.Id = t.AssigneeId
            WHERE t.Number = $number
              AND (t.OrganizationId IN (SELECT value FROM json_each($organizations)) OR t.RequesterId = $me
                   OR EXISTS (SELECT 1 FROM TicketParticipants tp WHERE tp.TicketId = t.Id AND tp.UserId = $me))
            """, ("$number", number), ("$organizations", JsonSerializer.Serialize(caller.SeenOrganizations)), ("$me", caller.UserId))
            .ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return Results.NotFound();
            ticketId = reader.GetString(0);
            html.Append("<h1>#").Append(number.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Html.Encode(reader.GetString(1))).Append("</h1><dl>")
                .Append("<dt>Status</dt><dd>").Append(Html.Encode(statuses.GetValueOrDefault(reader.GetInt64(2), ""))).Append("</dd>")
                .Append("<dt>Type</dt><dd>").Append(Html.Encode(types.GetValueOrDefault(reader.GetInt64(3)).Name ?? "")).Append("</dd>")
                .Append("<dt>Priority</dt><dd>").Append(Priorities[(int)Math.Clamp(reader.GetInt64(4), 0, 3)]).Append("</dd>")
                .Append("<dt>Opened</dt><dd>").Append(When(reader.GetInt64(5))).Append("</dd>")
                .Append("<dt>Last activity</dt><dd>").Append(When(reader.GetInt64(6))).Append("</dd>")
                .Append("<dt>Requester</dt><dd>").Append(Html.Encode(reader.GetString(7))).Append("</dd>")
                .Append("<dt>Organization</dt><dd>").Append(reader.IsDBNull(8) ? "" : Html.Encode(reader.GetString(8))).Append("</dd>")
                .Append("<dt>Product</dt><dd>").Append(reader.IsDBNull(9) ? "" : Html.Encode(reader.GetString(9))).Append("</dd>")
                .Append("<dt>Assignee</dt><dd>").Append(reader.IsDBNull(10) ? "" : Html.Encode(reader.GetString(10))).Append("</dd></dl>");
        }
        await using (var reader = await db.Command("""
            SELECT CASE WHEN trim(a.FirstName || ' ' || a.LastName) = '' THEN a.Email ELSE trim(a.FirstName || ' ' || a.LastName) END,
                   m.CreatedAt, m.BodyHtml
            FROM Messages m JOIN AspNetUsers a ON a.Id = m.AuthorId
            WHERE m.TicketId = $ticket AND NOT m.IsInternal
            ORDER BY m.CreatedAt, m.Id
            """, ("$ticket", ticketId)).ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                // BodyHtml is stored sanitized by Guichet, and shown as stored, as Guichet does.
                html.Append("<article><header>").Append(Html.Encode(reader.IsDBNull(0) ? "" : reader.GetString(0))).Append(", ")
                    .Append(When(reader.GetInt64(1))).Append("</header>").Append(reader.GetString(2)).Append("</article>");
            }
        }
        html.Append("</main></body></html>");
        await WriteHtmlAsync(context, html, ct);
        return Results.Empty;
    }

    /// <summary>
    /// POST /requests/new, the portal form's fields (Input.RequestTypeId, Input.Subject, Input.Description,
    /// Input.Priority): the ticket, its first message and its search row in one transaction, the
    /// number taken from Guichet's counter row; 302 to the new request, as Guichet answers.
    /// </summary>
    public async Task<IResult> CreateAsync(HttpContext context, CancellationToken ct)
    {
        if (await callers.FindAsync(context, ct) is not { } caller) return Results.Unauthorized();
        if (!context.Request.HasFormContentType) return Results.BadRequest();
        var form = await context.Request.ReadFormAsync(ct);
        var subject = form["Input.Subject"].ToString().Trim();
        var description = form["Input.Description"].ToString().Trim();
        if (subject.Length is 0 or > 250 || description.Length == 0
            || !long.TryParse(form["Input.RequestTypeId"], CultureInfo.InvariantCulture, out var typeId) || !types.TryGetValue(typeId, out var type)
            || Array.IndexOf(Priorities, form["Input.Priority"].ToString()) is var priority && priority < 0)
            return Results.BadRequest();

        var now = time.GetUtcNow();
        var ticketId = Guid.CreateVersion7(now).ToString().ToUpperInvariant();
        var organization = caller.Memberships.Count > 0 ? caller.Memberships[0] : null;
        var bodyHtml = "<p>" + Html.Encode(description) + "</p>";
        long number;
        using (await database.WriteTurnAsync(ct))
        {
            using var lease = await database.OpenAsync(ct);
            var db = lease.Connection;
            await using var transaction = db.Connection.BeginTransaction();   // BEGIN IMMEDIATE: the write lock now, not at the first write
            var next = db.Command("UPDATE NumberSequences SET Next = Next + 1 WHERE Name = 'tickets' RETURNING Next - 1");
            next.Transaction = transaction;
            number = Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

            var ticket = db.Command("""
                INSERT INTO Tickets (Id, Number, Subject, RequestTypeId, StatusId, Priority, ProductId, Environment, RequesterId, OrganizationId,
                                     GroupId, AssigneeId, FollowUpOfId, RequesterNotify, CreatedAt, LastActivityAt, SolvedAt, Version)
                VALUES ($id, $number, $subject, $type, $status, $priority, NULL, NULL, $requester, $organization,
                        $group, NULL, NULL, 1, $now, $now, NULL, $version)
                """, ("$id", ticketId), ("$number", number), ("$subject", subject), ("$type", typeId), ("$status", newStatus),
                ("$priority", priority), ("$requester", caller.UserId), ("$organization", organization), ("$group", type.GroupId),
                ("$now", now.UtcTicks), ("$version", Guid.NewGuid().ToString().ToUpperInvariant()));
            ticket.Transaction = transaction;
            await ticket.ExecuteNonQueryAsync(ct);

            var message = db.Command("""
                INSERT INTO Messages (Id, TicketId, AuthorId, BodyHtml, BodyText, IsInternal, Source, CreatedAt)
                VALUES ($id, $ticket, $author, $html, $text, 0, 'Portal', $now)
                """, ("$id", Guid.CreateVersion7(now).ToString().ToUpperInvariant()), ("$ticket", ticketId), ("$author", caller.UserId),
                ("$html", bodyHtml), ("$text", description), ("$now", now.UtcTicks));
            message.Transaction = transaction;
            await message.ExecuteNonQueryAsync(ct);

            // Guichet's document (TicketDocument): the scope tokens of the ticket, then number, subject and public text as words.
            List<string> scope = [Caller.Token("r_", caller.UserId)];
            if (organization is not null) scope.Add(Caller.Token("o_", organization));
            if (type.GroupId is { } group) scope.Add("g_" + group.ToString(CultureInfo.InvariantCulture));
            var search = db.Command("INSERT INTO TicketSearch (rowid, scope, body, notes) VALUES ($number, $scope, $body, '')",
                ("$number", number), ("$scope", string.Join(' ', scope)),
                ("$body", string.Join(' ', [number.ToString(CultureInfo.InvariantCulture), .. Words(subject), .. Words(description)])));
            search.Transaction = transaction;
            await search.ExecuteNonQueryAsync(ct);

            await transaction.CommitAsync(ct);
        }
        return Results.Redirect("/requests/" + number.ToString(CultureInfo.InvariantCulture));
    }

    private static readonly string[] Priorities = ["Low", "Normal", "High", "Urgent"];

    private const string Layout =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<title>Guichet (bare)</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><header><a href=\"/\">Guichet</a></header><main>";

    /// <summary>Letters and digits, as words; simpler than Guichet's SearchQuery (no phrases, no prefix), enough for the bench's words.</summary>
    private static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return words;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                if (i - start <= 64) words.Add(text[start..i]);
                start = -1;
            }
        }
        return words;
    }

    /// <summary>Guichet stores times as UTC ticks on SQLite.</summary>
    private static string When(long utcTicks) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static Task WriteHtmlAsync(HttpContext context, StringBuilder html, CancellationToken ct)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html.ToString(), ct);
    }
}
