namespace Guichet.Web.Accounts;

/// <summary>Identity role names. Customers have no role: being a contact is the default.</summary>
public static class Roles
{
    public const string Agent = "Agent";
    public const string Admin = "Admin";

    /// <summary>An agent who writes and publishes knowledge base articles (admins always may).</summary>
    public const string Editor = "Editor";

    /// <summary>Authorization policy names.</summary>
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";
    public const string EditorPolicy = "Editor";
}
