namespace Guichet.Web.Portal;

/// <summary>Configuration section Guichet:Portal.</summary>
public sealed class PortalOptions
{
    public const string Section = "Guichet:Portal";

    /// <summary>How long a guest's request waits for its sender to follow the mailed link; then it is deleted with its files.</summary>
    public int HeldRequestDays { get; set; } = 7;
}
