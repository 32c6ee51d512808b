using System.Reflection;
using System.Runtime.CompilerServices;

namespace NearDup.Tests.Api;

/// <summary>
/// An assembly's public surface as sorted text lines: each public type, then its public and protected members, indented.
/// The codecs and proxies Orleans' source generator makes public (namespace <c>OrleansCodeGen</c>) are left out: they
/// follow from the <c>[GenerateSerializer]</c> types and grain interfaces listed, and would list every field twice.
/// </summary>
internal static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static List<string> Lines(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) != true)
            .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add(Header(type));
            lines.AddRange(Members(type).Order(StringComparer.Ordinal).Select(m => "  " + m));
        }
        return lines;
    }

    private static string Header(Type type)
    {
        string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsSubclassOf(typeof(Delegate)) ? "delegate" : "class";
        if (type.IsAbstract && type.IsSealed && kind == "class")
        {
            kind = "static class";
        }
        else if (type.IsSealed && kind == "class")
        {
            kind = "sealed class";
        }
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum) && !type.IsSubclassOf(typeof(Delegate)))
        {
            bases.Add(Name(baseType));
        }
        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    private static IEnumerable<string> Members(Type type)
    {
        foreach (var member in type.GetMembers(Declared))
        {
            if (member.GetCustomAttribute<CompilerGeneratedAttribute>() is not null || !IsVisible(member))
            {
                continue;
            }
            switch (member)
            {
                case FieldInfo f when type.IsEnum:
                    if (f.IsStatic)
                    {
                        yield return $"{f.Name} = {f.GetRawConstantValue()}";
                    }
                    break;
                case FieldInfo f:
                    yield return $"{(f.IsLiteral ? "const" : f.IsStatic ? "static field" : "field")} {Name(f.FieldType)} {f.Name}"
                        + (f.IsLiteral ? $" = {f.GetRawConstantValue()}" : "");
                    break;
                case PropertyInfo p:
                    yield return $"{(IsStatic(p) ? "static " : "")}property {Name(p.PropertyType)} {p.Name}{Indexer(p)} {{ {Accessors(p)}}}";
                    break;
                case ConstructorInfo c:
                    yield return $"ctor({Parameters(c)})";
                    break;
                case MethodInfo m when !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"{(m.IsStatic ? "static " : "")}{(m.IsAbstract && !type.IsInterface ? "abstract " : m.IsVirtual && !m.IsFinal && !type.IsInterface ? "virtual " : "")}method "
                        + $"{Name(m.ReturnType)} {m.Name}{Generics(m)}({Parameters(m)})";
                    break;
                case EventInfo e:
                    yield return $"event {Name(e.EventHandlerType!)} {e.Name}";
                    break;
            }
        }
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily),
        _ => false,
    };

    private static bool IsStatic(PropertyInfo p) => p.GetAccessors(nonPublic: true)[0].IsStatic;

    private static string Indexer(PropertyInfo p) => p.GetIndexParameters() is { Length: > 0 } index ? $"[{Parameters(index)}]" : "";

    private static string Accessors(PropertyInfo p)
    {
        string text = p.GetMethod is { } get && (get.IsPublic || get.IsFamily) ? "get; " : "";
        if (p.SetMethod is { } set && (set.IsPublic || set.IsFamily))
        {
            bool init = set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            text += init ? "init; " : "set; ";
        }
        return text;
    }

    private static string Generics(MethodInfo m) =>
        m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Parameters(MethodBase m) => Parameters(m.GetParameters());

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p =>
        (p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : "")
        + $"{Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType)} {p.Name}"
        + (p.HasDefaultValue ? $" = {p.DefaultValue ?? "null"}" : "")));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }
        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }
        string name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        var arguments = type.GetGenericArguments().Select(Name);
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", arguments) + ">";
    }
}
