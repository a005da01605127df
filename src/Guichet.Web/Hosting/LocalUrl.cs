namespace Guichet.Web.Hosting;

public static class LocalUrl
{
    /// <summary>The URL when it stays on this site ("/requests"), else "/": never "//evil.example" or "/\evil.example".</summary>
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
