namespace Guichet.Web.Email.Inbound;

/// <summary>
/// A problem with an IMAP mailbox: its kind, and the server's or the network's own words
/// (in English, never containing the password) for an administrator who wants the detail.
/// </summary>
/// <param name="Fingerprint">For <see cref="ImapProblemKind.CertificateNotTrusted"/>: the refused certificate's SHA-256, for the admin to copy.</param>
public sealed record ImapProblem(ImapProblemKind Kind, string Detail, string? Fingerprint = null);
