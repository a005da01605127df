using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Guichet.Tests.Architecture;

/// <summary>
/// A type meets this rule when nothing in it (signatures, attributes, method bodies, lambdas and
/// state machines) uses a type of Guichet.Web.Pages or of an ASP.NET Core MVC assembly.
/// NetArchTest's own dependency search matches namespace prefixes and skips attributes; this one
/// looks at the assembly a type comes from, so that the binding attributes minimal APIs share
/// with MVC ([FromForm], [FromQuery]...) can be told apart from PageModel or IActionResult.
/// </summary>
internal sealed class NoPagesOrMvc : ICustomRule
{
    // Minimal APIs bind with these; they only happen to live in Microsoft.AspNetCore.Mvc.Core.
    private static readonly HashSet<string> MinimalApiAttributes =
    [
        "Microsoft.AspNetCore.Mvc.FromBodyAttribute",
        "Microsoft.AspNetCore.Mvc.FromFormAttribute",
        "Microsoft.AspNetCore.Mvc.FromHeaderAttribute",
        "Microsoft.AspNetCore.Mvc.FromQueryAttribute",
        "Microsoft.AspNetCore.Mvc.FromRouteAttribute",
        "Microsoft.AspNetCore.Mvc.FromServicesAttribute",
    ];

    /// <summary>What each failing type used, for the failure message.</summary>
    public Dictionary<string, SortedSet<string>> Violations { get; } = [];

    public bool MeetsRule(TypeDefinition type)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var reference in References(type))
        {
            if (IsForbidden(reference)) found.Add(reference.FullName);
        }
        if (found.Count == 0) return true;
        Violations[type.FullName] = found;
        return false;
    }

    private static bool IsForbidden(TypeReference type)
    {
        var assembly = type.Scope switch
        {
            AssemblyNameReference name => name.Name,
            ModuleDefinition module => module.Assembly.Name.Name,
            _ => "",
        };
        var ns = (type.IsNested ? OuterMost(type) : type).Namespace;
        return ns.StartsWith("Guichet.Web.Pages", StringComparison.Ordinal)
            || (assembly.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) && !MinimalApiAttributes.Contains(type.FullName));
    }

    private static TypeReference OuterMost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        Collect(type, found);
        return found.SelectMany(Expand);
    }

    private static void Collect(TypeDefinition type, List<TypeReference> found)
    {
        if (type.BaseType is not null) found.Add(type.BaseType);
        found.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        AddAttributes(type, found);
        foreach (var field in type.Fields) { found.Add(field.FieldType); AddAttributes(field, found); }
        foreach (var property in type.Properties) { found.Add(property.PropertyType); AddAttributes(property, found); }
        foreach (var e in type.Events) found.Add(e.EventType);
        foreach (var method in type.Methods)
        {
            AddAttributes(method, found);
            found.Add(method.ReturnType);
            foreach (var parameter in method.Parameters) { found.Add(parameter.ParameterType); AddAttributes(parameter, found); }
            if (!method.HasBody) continue;
            found.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions) AddOperand(instruction, found);
        }
        // Lambdas, closures, async and iterator state machines are nested types of their method's type.
        foreach (var nested in type.NestedTypes) Collect(nested, found);
    }

    private static void AddOperand(Instruction instruction, List<TypeReference> found)
    {
        switch (instruction.Operand)
        {
            case TypeReference t:
                found.Add(t);
                break;
            case MethodReference m:
                found.Add(m.DeclaringType);
                found.Add(m.ReturnType);
                found.AddRange(m.Parameters.Select(p => p.ParameterType));
                if (m is GenericInstanceMethod g) found.AddRange(g.GenericArguments);
                break;
            case FieldReference f:
                found.Add(f.DeclaringType);
                found.Add(f.FieldType);
                break;
        }
    }

    private static void AddAttributes(ICustomAttributeProvider provider, List<TypeReference> found)
    {
        if (!provider.HasCustomAttributes) return;
        found.AddRange(provider.CustomAttributes.Select(a => a.AttributeType));
    }

    // List<PageModel>, PageModel[], ref PageModel: the type inside counts too.
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        yield return type;
        if (type is TypeSpecification specification)
            foreach (var inner in Expand(specification.ElementType)) yield return inner;
        if (type is GenericInstanceType generic)
            foreach (var inner in generic.GenericArguments.SelectMany(Expand)) yield return inner;
    }
}
