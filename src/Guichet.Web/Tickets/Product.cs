namespace Guichet.Web.Tickets;

/// <summary>A product or module a request is about; the list is kept by admins.</summary>
public sealed class Product
{
    public int Id { get; init; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}
