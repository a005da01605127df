using Guichet.Web.Accounts;
using Guichet.Web.Email.Outbound;
using Guichet.Web.Hosting;
using Guichet.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Portal;

/// <summary>
/// The one mail a guest's request causes, in the recipient's language (their profile's, else the
/// form's): the link that sends it, or why it cannot be taken. The page said "check your mail" in
/// every case.
/// </summary>
public sealed class GuestRequestMail(MailOutbox outbox, IStringLocalizer<SharedResource> L, IOptions<GuichetOptions> options, IOptions<PortalOptions> portal)
{
    private GuichetOptions Site => options.Value;

    /// <summary>A person with no password yet: proving the address opens their account and sends the request.</summary>
    public void ConfirmAddress(User user, string culture, string subject, string pathAndQuery) => Send(user.Email!, user.FullName, user.Culture ?? culture, () => new MailBody(
        L["Confirm your address to send your request"],
        Greeting(user),
        [L["Thank you for your request \"{0}\". It reaches our support team once you confirm that this address is yours.", subject],
         L["Confirming also opens your account on {0}: choose a password, and follow your request there.", Site.Name]])
    {
        Action = new MailAction(L["Confirm and send my request"], Site.Link(pathAndQuery)),
        Footnote = L["The link is valid for {0} days. If you did not write to us, ignore this mail: nothing will be sent.", portal.Value.HeldRequestDays],
    });

    /// <summary>A person who has an account: the link, after they sign in, sends the request as theirs.</summary>
    public void ConfirmRequest(User user, string culture, string subject, string pathAndQuery) => Send(user.Email!, user.FullName, user.Culture ?? culture, () => new MailBody(
        L["Confirm your request on {0}", Site.Name],
        Greeting(user),
        [L["A request \"{0}\" was sent with this address without signing in. You already have an account: confirm the request and sign in, and it reaches our support team.", subject]])
    {
        Action = new MailAction(L["Confirm this request"], Site.Link(pathAndQuery)),
        Footnote = L["The link is valid for {0} days. If you did not write to us, ignore this mail: nothing will be sent.", portal.Value.HeldRequestDays],
    });

    /// <summary>The sign-up policy does not let this address open requests by itself.</summary>
    public void Refused(string email, string culture, string subject) => Send(email, null, culture, () => new MailBody(
        L["About your request on {0}", Site.Name],
        L["Hello,"],
        [L["We could not take your request \"{0}\": the support portal of {1} accepts requests from the customers it already knows.", subject, Site.Name],
         L["If you have an account, sign in and send your request from there. If you think this is a mistake, ask your contact at support to invite you."]])
    {
        Action = new MailAction(L["Sign in"], Site.Link("/account/signin")),
        Footnote = L["If you did not write to us, ignore this mail."],
    });

    private string Greeting(User user) => string.IsNullOrWhiteSpace(user.FirstName) ? L["Hello,"] : L["Hello {0},", user.FirstName];

    private void Send(string email, string? name, string? culture, Func<MailBody> body) =>
        outbox.Enqueue(email, name, Cultures.With(culture, body));
}
