using System.ComponentModel.DataAnnotations;

namespace Guichet.Web.Hosting;

/// <summary>Configuration section Guichet: where data lives and how the installation is reached.</summary>
public sealed class GuichetOptions
{
    public const string Section = "Guichet";

    /// <summary>SQLite file, blobs, raw mail and the outgoing-mail pickup folder live here.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The public address of the installation, used for every link in mail. Links are never
    /// built from the request's Host header, which a client controls.
    /// </summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Product name shown in the header and in mail.</summary>
    public string Name { get; set; } = "Guichet";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public Uri Link(string pathAndQuery) => new(new Uri(BaseUrl.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/'));
}
