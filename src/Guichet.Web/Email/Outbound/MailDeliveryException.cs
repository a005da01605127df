namespace Guichet.Web.Email.Outbound;

/// <summary>
/// A transport could not deliver a mail. <see cref="Permanent"/> when trying again cannot help
/// (the server answered 5xx); otherwise the sender retries later.
/// </summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
