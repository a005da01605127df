namespace Guichet.Web.KnowledgeBase;

/// <summary>The knowledge base's addresses, which mails, bookmarks and other sites keep: the id decides, the slug decorates.</summary>
public static class KbAddresses
{
    public const string Home = "/kb";

    public static string Article(int id, string slug) => $"/kb/articles/{id}-{slug}";
    public static string Section(int id) => $"/kb/sections/{id}";
    public static string Category(int id) => $"/kb/categories/{id}";
    public static string Search(string query) => $"/kb/search?q={Uri.EscapeDataString(query)}";
}
