using Guichet.Web.Email.Inbound;
using Microsoft.AspNetCore.Mvc.Localization;

namespace Guichet.Web.Pages.Admin.Mailboxes;

/// <summary>The words for what became of a message that came in, and for a mailbox's settings, in the reader's language.</summary>
public static class MailLabels
{
    public static LocalizedHtmlString State(IHtmlLocalizer L, InboundState state) => state switch
    {
        InboundState.Received => L["Waiting to be processed"],
        InboundState.Processed => L["Processed"],
        InboundState.Dropped => L["Dropped"],
        InboundState.Quarantined => L["Quarantined"],
        _ => L["Discarded"],
    };

    public static LocalizedHtmlString Outcome(IHtmlLocalizer L, InboundOutcome outcome) => outcome switch
    {
        InboundOutcome.NewRequest => L["New request"],
        InboundOutcome.Reply => L["Reply"],
        InboundOutcome.FollowUp => L["Follow-up of a closed request"],
        InboundOutcome.AgentNote => L["Internal note from the team"],
        _ => L["Reply from the team"],
    };

    public static LocalizedHtmlString DropReason(IHtmlLocalizer L, DropReason reason) => reason switch
    {
        Email.Inbound.DropReason.AutoReply => L["auto-reply"],
        Email.Inbound.DropReason.Bulk => L["bulk mail"],
        Email.Inbound.DropReason.Bounce => L["bounce"],
        Email.Inbound.DropReason.Loop => L["loop"],
        Email.Inbound.DropReason.OwnMail => L["our own mail"],
        Email.Inbound.DropReason.NoSender => L["no sender"],
        _ => L["rate limit"],
    };

    /// <summary>What became of it in a few words: its outcome, why it was dropped, or its state.</summary>
    public static LocalizedHtmlString Became(IHtmlLocalizer L, InboundState state, InboundOutcome? outcome, DropReason? reason) => (state, outcome, reason) switch
    {
        (InboundState.Processed, { } o, _) => Outcome(L, o),
        (InboundState.Dropped, _, { } r) => L["Dropped: {0}", DropReason(L, r)],
        _ => State(L, state),
    };

    /// <summary>Where it came from: a mailbox's address (or that it was deleted), the HTTP endpoint, the import command.</summary>
    public static LocalizedHtmlString Door(IHtmlLocalizer L, string source, string? mailboxAddress) => source switch
    {
        _ when mailboxAddress is not null => L["Mailbox {0}", mailboxAddress],
        _ when IndexModel.MailboxIdOf(source) is not null => L["Deleted mailbox ({0})", source],
        "http" => L["HTTP endpoint"],
        "import" => L["Import command"],
        _ => L["Other ({0})", source],
    };

    public static LocalizedHtmlString Security(IHtmlLocalizer L, ImapSecurity security) => security switch
    {
        ImapSecurity.None => L["None (unencrypted, not recommended)"],
        ImapSecurity.StartTls => L["STARTTLS (usually port 143)"],
        _ => L["TLS (usually port 993)"],
    };
}
