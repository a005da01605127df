namespace Guichet.Web.KnowledgeBase;

/// <summary>Who may read an article. Agents read every published article, whatever its visibility.</summary>
public enum KbVisibility
{
    /// <summary>Anyone, signed in or not: what search engines and anonymous visitors see.</summary>
    Public = 0,

    /// <summary>Any signed-in customer.</summary>
    SignedIn = 1,

    /// <summary>The people of the organizations chosen on the article (<see cref="KbArticle.OrganizationIds"/>).</summary>
    Organizations = 2,

    /// <summary>The support team only: procedures, known issues not to be shared yet.</summary>
    Internal = 3,
}
