using Guichet.Web.Email.Outbound;
using Guichet.Web.Hosting;
using Guichet.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Accounts;

/// <summary>The mails about a person's account, each written in the recipient's language and queued in the outbox.</summary>
public sealed class AccountMail(MailOutbox outbox, IStringLocalizer<SharedResource> L, IOptions<GuichetOptions> options)
{
    private GuichetOptions Site => options.Value;

    public void Verification(User user, string pathAndQuery) => Send(user, () => new MailBody(
        L["Confirm your address for {0}", Site.Name],
        Greeting(user),
        [L["Thanks for signing up. Confirm that this address is yours and choose a password to open your account."]])
    {
        Action = new MailAction(L["Confirm and choose a password"], Site.Link(pathAndQuery)),
        Footnote = L["If you did not ask for an account, ignore this mail: nothing will be created."],
    });

    public void AlreadyRegistered(User user) => Send(user, () => new MailBody(
        L["You already have an account on {0}", Site.Name],
        Greeting(user),
        [L["Someone, probably you, asked to sign up with this address. You already have an account: sign in, or reset your password if you forgot it."]])
    {
        Action = new MailAction(L["Sign in"], Site.Link("/account/signin")),
        Footnote = L["If it was not you, ignore this mail: your account has not changed."],
    });

    public void SignUpRefused(string email, string? culture) => Send(email, null, culture, () => new MailBody(
        L["About your sign-up on {0}", Site.Name],
        L["Hello,"],
        [L["The support portal of {0} is open to the customers it already knows. We could not create an account for this address.", Site.Name],
         L["If you think this is a mistake, ask your contact at support to invite you."]])
    {
        Footnote = L["If you did not ask for an account, ignore this mail."],
    });

    public void Invitation(User user, string inviterName, string? organizationName, string pathAndQuery) => Send(user, () => new MailBody(
        L["{0} invites you to {1}", inviterName, Site.Name],
        Greeting(user),
        [organizationName is null
            ? L["{0} invites you to the support portal, where you can open and follow your requests.", inviterName]
            : L["{0} invites you to the support portal of {1}, where you can open and follow your requests.", inviterName, organizationName]])
    {
        Action = new MailAction(L["Accept and choose a password"], Site.Link(pathAndQuery)),
        Footnote = L["The link is valid for 3 days."],
    });

    public void AgentInvitation(User user, string inviterName, string pathAndQuery) => Send(user, () => new MailBody(
        L["{0} invites you to the support team on {1}", inviterName, Site.Name],
        Greeting(user),
        [L["{0} invites you to join the support team on {1}, where you will answer your customers' requests.", inviterName, Site.Name]])
    {
        Action = new MailAction(L["Accept and choose a password"], Site.Link(pathAndQuery)),
        Footnote = L["The link is valid for 3 days. An administrator can send a new one."],
    });

    public void ResetCode(User user, string code, string pathAndQuery) => Send(user, () => new MailBody(
        L["Your password reset code: {0}", code],
        Greeting(user),
        [L["Type this code on the reset page, or use the link below. It is valid for 15 minutes and can be used once."]])
    {
        Code = code,
        Action = new MailAction(L["Choose a new password"], Site.Link(pathAndQuery)),
        Footnote = L["If you did not ask to reset your password, ignore this mail: your password has not changed."],
    });

    public void PasswordChanged(User user) => Send(user, () => new MailBody(
        L["Your password was changed"],
        Greeting(user),
        [L["The password of your account was just changed, and every other session was signed out."],
         L["If it was not you, reset your password now and tell your support team."]])
    {
        Action = new MailAction(L["Reset my password"], Site.Link("/account/reset")),
    });

    public void EmailChangeRequested(User user, string newEmail, string pathAndQuery) => Send(newEmail, user.FullName, user.Culture, () => new MailBody(
        L["Confirm your new address"],
        Greeting(user),
        [L["Confirm that you want to use this address for your account on {0}.", Site.Name]])
    {
        Action = new MailAction(L["Confirm this address"], Site.Link(pathAndQuery)),
        Footnote = L["If you did not ask for this change, ignore this mail."],
    });

    public void EmailChanged(User user, string oldEmail) => Send(oldEmail, user.FullName, user.Culture, () => new MailBody(
        L["Your address was changed"],
        Greeting(user),
        [L["Your account now uses the address {0}. Mail about your requests will go there.", user.Email ?? ""],
         L["If it was not you, tell your support team at once."]]));

    private string Greeting(User user) => string.IsNullOrWhiteSpace(user.FirstName) ? L["Hello,"] : L["Hello {0},", user.FirstName];

    private void Send(User user, Func<MailBody> body) => Send(user.Email!, user.FullName, user.Culture, body);

    private void Send(string email, string? name, string? culture, Func<MailBody> body) =>
        outbox.Enqueue(email, name, Cultures.With(culture, body));
}
