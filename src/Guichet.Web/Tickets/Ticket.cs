using Guichet.Web.Accounts;
using Guichet.Web.Organizations;

namespace Guichet.Web.Tickets;

/// <summary>
/// A support request. Its state changes only through its methods, each of which records a
/// <see cref="TicketEvent"/>; which status a rule leads to is decided by <see cref="StatusWorkflow"/>.
/// </summary>
public sealed class Ticket
{
    public Guid Id { get; private init; }

    /// <summary>The public number (#1042), unique per installation, used in addresses and mail.</summary>
    public long Number { get; private init; }

    public string Subject { get; private set; } = "";
    public int RequestTypeId { get; private set; }
    public RequestType RequestType { get; private init; } = null!;
    public int StatusId { get; private set; }
    public Status Status { get; private set; } = null!;
    public TicketPriority Priority { get; private set; }
    public int? ProductId { get; private set; }
    public Product? Product { get; private init; }
    public TicketEnvironment? Environment { get; private set; }

    public Guid RequesterId { get; private init; }
    public User Requester { get; private init; } = null!;

    /// <summary>The requester's organization when the request was opened (they may belong to several).</summary>
    public Guid? OrganizationId { get; private init; }
    public Organization? Organization { get; private init; }

    public int? GroupId { get; private set; }
    public Group? Group { get; private init; }
    public Guid? AssigneeId { get; private set; }
    public User? Assignee { get; private init; }

    /// <summary>The request this one follows up (a reply to a request closed too long ago).</summary>
    public Guid? FollowUpOfId { get; private init; }

    /// <summary>
    /// The request this one was merged into (<see cref="TicketMerge"/>): its conversation went there. A plain column, no
    /// foreign key: adding one would make SQLite rebuild the tickets table; a target deleted later is simply not followed.
    /// </summary>
    public Guid? MergedIntoId { get; private set; }

    /// <summary>The requester's "notify me" switch.</summary>
    public bool RequesterNotify { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset LastActivityAt { get; private set; }
    public DateTimeOffset? SolvedAt { get; private set; }

    /// <summary>The team's last public reply (null: none yet): the queues' "no reply from us for…" filter.</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>Changed on every update: two people editing at once do not overwrite each other.</summary>
    public Guid Version { get; private set; }

    public List<Message> Messages { get; } = [];
    public List<TicketEvent> Events { get; } = [];
    public List<TicketParticipant> Participants { get; } = [];

    /// <summary>The team's tags; read through <see cref="TicketTags"/>, filtered on in queries, not loaded with the ticket.</summary>
    public List<TicketTag> Tags { get; } = [];

    /// <summary>Custom field values; loaded only where they are read or changed.</summary>
    public List<TicketFieldValue> FieldValues { get; } = [];

    private Ticket() { }

    public sealed record NewTicket(
        long Number, string Subject, RequestType Type, Status Status, TicketPriority Priority, int? ProductId,
        TicketEnvironment? Environment, User Requester, Guid? OrganizationId, Guid? FollowUpOfId)
    {
        public IReadOnlyList<CustomFieldValues.FieldValue> Fields { get; init; } = [];

        /// <summary>The group it starts in when not its type's (a message split off stays with the team that had it).</summary>
        public int? GroupId { get; init; }
    }

    public static Ticket Open(NewTicket request, string bodyHtml, string bodyText, MessageSource source, DateTimeOffset now)
    {
        var ticket = new Ticket
        {
            Id = Guid.CreateVersion7(now),
            Number = request.Number,
            Subject = request.Subject.Trim(),
            RequestTypeId = request.Type.Id,
            StatusId = request.Status.Id,
            Status = request.Status,
            Priority = request.Priority,
            ProductId = request.ProductId,
            Environment = request.Environment,
            RequesterId = request.Requester.Id,
            OrganizationId = request.OrganizationId,
            GroupId = request.GroupId ?? request.Type.GroupId,
            FollowUpOfId = request.FollowUpOfId,
            CreatedAt = now,
            LastActivityAt = now,
            Version = Guid.NewGuid(),
        };
        foreach (var field in request.Fields.Where(f => f.Value is not null))
            ticket.FieldValues.Add(new TicketFieldValue { TicketId = ticket.Id, CustomFieldId = field.Field.Id, Value = field.Value!, Number = field.Number });
        var message = ticket.AddMessage(request.Requester.Id, bodyHtml, bodyText, isInternal: false, source, now);
        ticket.Record(new TicketEvent { TicketId = ticket.Id, ActorId = request.Requester.Id, At = now, Kind = TicketEventKind.Created, MessageId = message.Id });
        return ticket;
    }

    /// <summary>The team replied publicly (see <see cref="TicketConversation.AgentReplyAsync(Ticket, Guid, string, bool, CancellationToken)"/>).</summary>
    internal void MarkAnswered(DateTimeOffset now) => AnsweredAt = now;

    /// <summary>A public reply or an internal note. Status effects of a reply are the workflow's.</summary>
    public Message Reply(Guid authorId, string bodyHtml, string bodyText, bool isInternal, MessageSource source, DateTimeOffset now)
    {
        var message = AddMessage(authorId, bodyHtml, bodyText, isInternal, source, now);
        Record(new TicketEvent
        {
            TicketId = Id, ActorId = authorId, At = now, MessageId = message.Id, IsPublic = !isInternal,
            Kind = isInternal ? TicketEventKind.NoteAdded : TicketEventKind.Replied,
        });
        return message;
    }

    /// <summary>Moves to a status; call through <see cref="StatusWorkflow"/>, which knows which moves are allowed.</summary>
    internal void MoveTo(Status status, Guid? actorId, DateTimeOffset now)
    {
        if (status.Id == StatusId) return;
        Record(new TicketEvent
        {
            TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.StatusChanged,
            Field = "status", Before = StatusId.ToString(), After = status.Id.ToString(),
        });
        StatusId = status.Id;
        Status = status;
        SolvedAt = status.Category == StatusCategory.Solved ? now : status.IsFinished ? SolvedAt : null;
        Touch(now);
    }

    public void ChangePriority(TicketPriority priority, Guid actorId, DateTimeOffset now)
    {
        if (priority == Priority) return;
        RecordField("priority", Priority.ToString(), priority.ToString(), actorId, now);
        Priority = priority;
        Touch(now);
    }

    /// <summary>
    /// Another kind of request. Its custom fields' values stay stored (a field both kinds share keeps its value; the others
    /// show again if the request goes back); its group stays as it is — the agent moves it if they want.
    /// </summary>
    /// <summary>
    /// The kinds of request this one may be given (the agent's page and the API): an active type, or the one it has (a retired
    /// type stays on the requests that had it). The type's group and fields do not change with it.
    /// </summary>
    public bool MayBecome(RequestType type) => type.IsActive || type.Id == RequestTypeId;

    public void ChangeType(RequestType type, Guid actorId, DateTimeOffset now)
    {
        if (type.Id == RequestTypeId) return;
        RecordField("type", RequestTypeId.ToString(System.Globalization.CultureInfo.InvariantCulture), type.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), actorId, now);
        RequestTypeId = type.Id;
        Touch(now);
    }

    public void ChangeProduct(int? productId, Guid actorId, DateTimeOffset now)
    {
        if (productId == ProductId) return;
        RecordField("product", ProductId?.ToString(), productId?.ToString(), actorId, now);
        ProductId = productId;
        Touch(now);
    }

    public void ChangeEnvironment(TicketEnvironment? environment, Guid actorId, DateTimeOffset now)
    {
        if (environment == Environment) return;
        RecordField("environment", Environment?.ToString(), environment?.ToString(), actorId, now);
        Environment = environment;
        Touch(now);
    }

    /// <summary>Sets a custom field (null empties it); <see cref="FieldValues"/> must be loaded. Changes to hidden fields are staff-only history.</summary>
    public void ChangeField(CustomFieldValues.FieldValue change, Guid actorId, DateTimeOffset now)
    {
        var existing = FieldValues.FirstOrDefault(v => v.CustomFieldId == change.Field.Id);
        if (existing?.Value == change.Value) return;
        Record(new TicketEvent
        {
            TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.FieldChanged, Field = FieldEventPrefix + change.Field.Key,
            Before = Clip(existing?.Value), After = Clip(change.Value), IsPublic = change.Field.CustomerAccess != CustomerAccess.Hidden,
        });
        if (change.Value is null) FieldValues.Remove(existing!);
        else if (existing is null) FieldValues.Add(new TicketFieldValue { TicketId = Id, CustomFieldId = change.Field.Id, Value = change.Value, Number = change.Number });
        else (existing.Value, existing.Number) = (change.Value, change.Number);
        Touch(now);

        // The event keeps what fits its column; a long text's full value stays on the ticket.
        static string? Clip(string? value) => value is { Length: > 1000 } ? value[..999] + "…" : value;
    }

    /// <summary>How a custom field's change is named in <see cref="TicketEvent.Field"/>: "field:" and the field's key.</summary>
    public const string FieldEventPrefix = "field:";

    public void Assign(Guid? assigneeId, Guid actorId, DateTimeOffset now)
    {
        if (assigneeId == AssigneeId) return;
        RecordField("assignee", AssigneeId?.ToString(), assigneeId?.ToString(), actorId, now);
        AssigneeId = assigneeId;
        Touch(now);
    }

    /// <summary>Hands the ticket to another group (or none); which team handles a request is the staff's business only.</summary>
    public void ChangeGroup(int? groupId, Guid actorId, DateTimeOffset now)
    {
        if (groupId == GroupId) return;
        Record(new TicketEvent
        {
            TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.FieldChanged, Field = "group",
            Before = GroupId?.ToString(), After = groupId?.ToString(), IsPublic = false,
        });
        GroupId = groupId;
        Touch(now);
    }

    /// <summary>
    /// Time logged on the ticket, or taken off: an event, but not a change of the ticket itself (its activity and
    /// version stay, so nobody's open form goes out of date). Customers see it where they share the timesheet.
    /// </summary>
    public void RecordTime(int minutes, bool removed, bool seenByCustomers, Guid actorId, DateTimeOffset now) => Record(new TicketEvent
    {
        TicketId = Id, ActorId = actorId, At = now, Kind = removed ? TicketEventKind.TimeRemoved : TicketEventKind.TimeLogged,
        Before = removed ? minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        After = removed ? null : minutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IsPublic = seenByCustomers,
    });

    /// <summary>A time entry was corrected: <see cref="TicketEvent.Before"/> and <see cref="TicketEvent.After"/> are its minutes (which may be the same).</summary>
    public void RecordTimeChange(int minutesBefore, int minutesAfter, bool seenByCustomers, Guid actorId, DateTimeOffset now) => Record(new TicketEvent
    {
        TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.TimeChanged,
        Before = minutesBefore.ToString(System.Globalization.CultureInfo.InvariantCulture),
        After = minutesAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IsPublic = seenByCustomers,
    });

    /// <summary>This request's conversation went to <paramref name="target"/>: it says so, and points there. Call through <see cref="TicketMerge"/>.</summary>
    internal void MergeInto(Ticket target, Guid actorId, DateTimeOffset now)
    {
        MergedIntoId = target.Id;
        Record(new TicketEvent { TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.MergedInto, After = target.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        target.Record(new TicketEvent { TicketId = target.Id, ActorId = actorId, At = now, Kind = TicketEventKind.MergedFrom, Before = Number.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Touch(now);
        target.Touch(now);
    }

    /// <summary>The tags changed (see <see cref="TicketTags"/>): an internal event, as customers never see tags.</summary>
    internal void RecordTags(string before, string after, Guid actorId, DateTimeOffset now)
    {
        Record(new TicketEvent
        {
            TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.FieldChanged, Field = "tags",
            Before = before == "" ? null : before, After = after == "" ? null : after, IsPublic = false,
        });
        Touch(now);
    }

    /// <summary>
    /// A message of this request became the request <paramref name="newNumber"/> (see <see cref="TicketSplit"/>): said to the team
    /// (the new request may be another organization's; its author is told by mail).
    /// </summary>
    internal void RecordSplit(long newNumber, Guid actorId, DateTimeOffset now)
    {
        Record(new TicketEvent
        {
            TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.FieldChanged, Field = "split", IsPublic = false,
            After = newNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Touch(now);
    }

    /// <summary>Linked to (or unlinked from) another request (see <see cref="TicketRelations"/>): an internal event, nothing else changes.</summary>
    internal void RecordRelation(long otherNumber, bool linked, Guid actorId, DateTimeOffset now) => Record(new TicketEvent
    {
        TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.FieldChanged, Field = "related", IsPublic = false,
        Before = linked ? null : otherNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        After = linked ? otherNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    });

    public void AddParticipant(User user, ParticipantRole role, Guid actorId, DateTimeOffset now)
    {
        if (user.Id == RequesterId || Participants.Any(p => p.UserId == user.Id && p.Role == role)) return;
        Participants.Add(new TicketParticipant { TicketId = Id, UserId = user.Id, User = user, Role = role });
        Record(new TicketEvent { TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.ParticipantAdded, Field = role.ToString(), After = user.Id.ToString() });
    }

    public void RemoveParticipant(Guid userId, ParticipantRole role, Guid actorId, DateTimeOffset now)
    {
        if (Participants.RemoveAll(p => p.UserId == userId && p.Role == role) == 0) return;
        Record(new TicketEvent { TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.ParticipantRemoved, Field = role.ToString(), Before = userId.ToString() });
    }

    /// <summary>The per-request "notify me" switch of one person; false when they are not a participant.</summary>
    public bool SetNotify(Guid userId, bool notify)
    {
        if (userId == RequesterId)
        {
            RequesterNotify = notify;
            return true;
        }
        var mine = Participants.Where(p => p.UserId == userId).ToList();
        mine.ForEach(p => p.Notify = notify);
        return mine.Count > 0;
    }

    private Message AddMessage(Guid authorId, string bodyHtml, string bodyText, bool isInternal, MessageSource source, DateTimeOffset now)
    {
        var message = new Message
        {
            Id = Guid.CreateVersion7(now), TicketId = Id, AuthorId = authorId, BodyHtml = bodyHtml, BodyText = bodyText,
            IsInternal = isInternal, Source = source, CreatedAt = now,
        };
        Messages.Add(message);
        Touch(now);
        return message;
    }

    private void RecordField(string field, string? before, string? after, Guid actorId, DateTimeOffset now) =>
        Record(new TicketEvent { TicketId = Id, ActorId = actorId, At = now, Kind = TicketEventKind.FieldChanged, Field = field, Before = before, After = after });

    private void Record(TicketEvent e) => Events.Add(e);

    private void Touch(DateTimeOffset now)
    {
        LastActivityAt = now;
        Version = Guid.NewGuid();
    }
}
