using System.Linq.Expressions;

namespace Guichet.Web.Accounts;

/// <summary>
/// The name a person goes by where Guichet names them to the team (menus, the bell, what changed, mails to agents): their
/// first and last name, else their address. Written once, as an expression: in an EF query, <see cref="Of"/> is replaced
/// by it (<see cref="PersonNamesInQueries"/>), so the database works the name out as it did when each query spelt it; on
/// values already read, <see cref="Of"/> runs the same expression compiled.
/// </summary>
public static class PersonName
{
    public static readonly Expression<Func<string, string, string?, string>> Rule =
        (first, last, email) => (first + " " + last).Trim() == "" ? email ?? "" : (first + " " + last).Trim();

    private static readonly Func<string, string, string?, string> Compiled = Rule.Compile();

    public static string Of(string firstName, string lastName, string? email) => Compiled(firstName, lastName, email);
}
