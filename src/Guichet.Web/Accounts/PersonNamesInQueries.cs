using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guichet.Web.Accounts;

/// <summary>
/// Puts <see cref="PersonName.Rule"/> in place of each <see cref="PersonName.Of"/> call of a query before EF translates it:
/// EF cannot see into a method, and would otherwise read the three columns and call it on each row (or refuse it in a
/// filter). EF calls this once per query shape, when it compiles one it has not cached.
/// </summary>
internal sealed class PersonNamesInQueries : IQueryExpressionInterceptor
{
    private static readonly MethodInfo Of = typeof(PersonName).GetMethod(nameof(PersonName.Of))!;

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) =>
        new Inlining().Visit(queryExpression);

    // EF keeps this kind of interceptor in its internal service provider and builds a new provider for options whose
    // interceptors differ: every app (each test starts one) would make another, past EF's limit of twenty. It holds no
    // state, so every instance is the same interceptor.
    public override bool Equals(object? obj) => obj is PersonNamesInQueries;
    public override int GetHashCode() => typeof(PersonNamesInQueries).GetHashCode();

    private sealed class Inlining : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != Of) return base.VisitMethodCall(node);
            var arguments = node.Arguments.Select(Visit).ToList();
            return new Substitution(PersonName.Rule.Parameters.Zip(arguments!).ToDictionary(p => p.First, p => p.Second!)).Visit(PersonName.Rule.Body);
        }
    }

    private sealed class Substitution(Dictionary<ParameterExpression, Expression> values) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => values.GetValueOrDefault(node) ?? node;
    }
}
