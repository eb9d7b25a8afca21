using System.Reflection;
using System.Reflection.Emit;

namespace SoilNotebooks.Tests.Architecture;

/// <summary>
/// The namespace dependency graph of a compiled assembly, read from metadata: every type a type's signatures
/// (base type, interfaces, fields, properties, method parameters and returns, generic arguments) and method bodies
/// (each IL instruction with a type, method or field token) name. Compiler-generated nested types (closures, iterators)
/// count for their outermost declaring type.
/// </summary>
internal static class NamespaceGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                     BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Edges namespace → namespaces it uses, within the assembly, with one example type pair per edge.</summary>
    public static Dictionary<string, Dictionary<string, string>> Build(Assembly assembly)
    {
        var graph = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in assembly.GetTypes())
        {
            string? from = NamespaceOf(type);
            if (from is null) continue;
            foreach (var used in UsedTypes(type))
            {
                if (used.Assembly != assembly) continue;
                string? to = NamespaceOf(used);
                if (to is null || to == from) continue;
                if (!graph.TryGetValue(from, out var targets)) graph[from] = targets = new();
                targets.TryAdd(to, $"{Outermost(type).FullName} uses {Outermost(used).FullName}");
            }
        }
        return graph;
    }

    private static Type Outermost(Type t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    private static string? NamespaceOf(Type t)
    {
        var outer = Outermost(t);
        return outer.Namespace is { } ns && !outer.Name.StartsWith('<') ? ns : null;
    }

    private static IEnumerable<Type> Expand(Type? t)
    {
        if (t is null) yield break;
        if (t.HasElementType) { foreach (var e in Expand(t.GetElementType())) yield return e; yield break; }
        if (t.IsGenericParameter) yield break;
        yield return t;
        if (t.IsGenericType)
            foreach (var a in t.GetGenericArguments())
                foreach (var e in Expand(a)) yield return e;
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        var found = new List<Type?> { type.BaseType };
        found.AddRange(type.GetInterfaces());
        foreach (var f in type.GetFields(All)) found.Add(f.FieldType);
        foreach (var p in type.GetProperties(All)) found.Add(p.PropertyType);
        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi) found.Add(mi.ReturnType);
            found.AddRange(m.GetParameters().Select(p => p.ParameterType));
            found.AddRange(BodyTypes(m));
        }
        return found.SelectMany(Expand);
    }

    private static IEnumerable<Type?> BodyTypes(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (InvalidOperationException) { il = null; }
        if (il is null) yield break;
        var module = method.Module;
        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int pos = 0;
        while (pos < il.Length)
        {
            short value = il[pos] == 0xFE ? (short)(0xFE00 | il[pos + 1]) : il[pos];
            pos += il[pos] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            int size = OperandSize(op, il, pos);
            if (op.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField
                or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try { member = module.ResolveMember(BitConverter.ToInt32(il, pos), typeArgs, methodArgs); }
                catch (ArgumentException) { }
                if (member is Type t) yield return t;
                else if (member is not null) yield return member.DeclaringType;
                if (member is FieldInfo fi) yield return fi.FieldType;
                if (member is MethodInfo mi) yield return mi.ReturnType;
            }
            pos += size;
        }
    }

    private static int OperandSize(OpCode op, byte[] il, int pos) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, pos),
        _ => 4,
    };

    /// <summary>The strongly connected components of more than one namespace (each is a cycle).</summary>
    public static List<List<string>> Cycles(Dictionary<string, Dictionary<string, string>> graph)
    {
        var nodes = graph.Keys.Concat(graph.Values.SelectMany(v => v.Keys)).Distinct().OrderBy(n => n).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        int counter = 0;
        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v); onStack.Add(v);
            foreach (var w in graph.TryGetValue(v, out var t) ? t.Keys.OrderBy(k => k) : Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) result.Add(component.OrderBy(n => n).ToList());
        }
        foreach (var n in nodes) if (!index.ContainsKey(n)) Visit(n);
        return result;
    }
}
