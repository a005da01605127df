namespace Guichet.Web.Email.Outbound;

/// <summary>
/// A transport could not deliver a mail. <see cref="Permanent"/> when trying again cannot help
/// (the server answered 5xx); otherwise the sender retries later.
/// </summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;

    /// <summary>
    /// The fault is the recipient's address (refused for good by the server, or not an address): the address is marked
    /// as failing. Not for the rest, a message too large or a server away for days, which says nothing of the address.
    /// </summary>
    public bool AddressRefused { get; init; }
}
