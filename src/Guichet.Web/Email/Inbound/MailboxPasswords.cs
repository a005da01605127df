using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// A mailbox's IMAP password, kept protected by ASP.NET Core Data Protection (its keys live in the database, shared
/// by the nodes): readable by Guichet to sign in, never shown back, never logged.
/// </summary>
public sealed class MailboxPasswords(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Guichet.Email.Inbound.MailboxPassword");

    public string Protect(string password) => protector.Protect(password);

    /// <summary>The password, or null when it can no longer be read (the keys were lost): the admin types it again.</summary>
    public string? Unprotect(string protectedPassword)
    {
        if (string.IsNullOrEmpty(protectedPassword)) return null;
        try
        {
            return protector.Unprotect(protectedPassword);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
