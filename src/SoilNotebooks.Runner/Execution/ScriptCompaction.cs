using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SoilNotebooks.Runner.Execution;

/// <summary>
/// The globals object of a compacted script chain: the values of the variables carried over from the previous
/// chain, read once by the chain's first submission and then cleared.
/// </summary>
public sealed class CarriedVariables
{
    /// <summary>The name by which the first submission of a compacted chain reads the carried values.</summary>
    public const string MemberName = "__soilnb_carried";

    /// <summary>Carried values by variable name (emptied once the first submission has read them).</summary>
    // the member name must match MemberName; an odd name keeps it out of the way of a notebook's own names
#pragma warning disable CA1707, IDE1006
    public Dictionary<string, object?> __soilnb_carried { get; } = new(StringComparer.Ordinal);
#pragma warning restore CA1707, IDE1006
}

/// <summary>
/// Records what a chain of Roslyn script submissions declares, so that the chain can be replaced by a single
/// submission that re-declares the same variables (same names, same declared types including tuple element
/// names, same values), the same <c>using</c>s and the same <c>#r</c> references.
/// <para>
/// Why: each submission is compiled against every earlier one (name lookup walks the chain, and each compilation
/// keeps the previous alive), so in a notebook of 2000 cells each cell compiles slower than the last and memory
/// grows by megabytes per cell. Compaction keeps the chain short.
/// </para>
/// <para>
/// Compaction is only done when it cannot change what a cell sees: it is refused for good once any cell declares
/// a type, method, property or constant at top level, uses <c>#load</c> or <c>extern alias</c>, declares a
/// variable whose type cannot be written in C# (an anonymous type, a pointer), or contains a lambda, local
/// function or query that reads or writes a top-level variable (that closure would keep the old variable while
/// later cells use the new copy). <see cref="BlockedReason"/> says which cell blocked it and why.
/// </para>
/// </summary>
public sealed class ScriptCompaction
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly List<string> _directives = [];
    private readonly List<string> _usings = [];
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);   // name → type text
    private readonly List<string> _order = [];

    /// <summary>Why compaction is no longer possible in this session, or null while it is.</summary>
    public string? BlockedReason { get; private set; }

    /// <summary>The names of the top-level variables declared so far, in order of their latest declaration.</summary>
    public IReadOnlyList<string> VariableNames => _order;

    /// <summary>Records the declarations of one successfully compiled submission (the last tree of
    /// <paramref name="compilation"/>) named <paramref name="cellName"/> in messages.</summary>
    public void Record(Compilation compilation, string cellName)
    {
        if (BlockedReason is not null) return;
        var tree = compilation.SyntaxTrees.Last();
        var root = (CompilationUnitSyntax)tree.GetRoot();
        if (root.Externs.Count > 0) { Block(cellName, "uses 'extern alias'"); return; }
        if (root.GetLoadDirectives().Count > 0) { Block(cellName, "uses '#load'"); return; }
        var script = compilation.ScriptClass;
        if (script is null) { Block(cellName, "has no script class"); return; }

        var model = compilation.GetSemanticModel(tree);
        var fields = new List<(string Name, string Type)>();
        foreach (var member in script.GetMembers())
        {
            if (member.IsImplicitlyDeclared) continue;
            switch (member)
            {
                case IFieldSymbol { IsConst: true } c: Block(cellName, $"declares the constant '{c.Name}'"); return;
                case IFieldSymbol f:
                    if (!IsNameable(f.Type)) { Block(cellName, $"declares '{f.Name}' of a type C# cannot name"); return; }
                    fields.Add((f.Name, f.Type.ToDisplayString(TypeFormat)));
                    break;
                case INamedTypeSymbol t: Block(cellName, $"declares the type '{t.Name}'"); return;
                case IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor }: break;
                default: Block(cellName, $"declares the {member.Kind.ToString().ToLowerInvariant()} '{member.Name}'"); return;
            }
        }
        if (CapturedVariable(root, model) is { } captured)
        {
            Block(cellName, $"has a lambda, local function or query that uses the top-level variable '{captured}'");
            return;
        }

        foreach (var r in root.GetReferenceDirectives()) Add(_directives, r.ToString().Trim());
        foreach (var u in root.Usings) Add(_usings, u.ToString().Trim());
        foreach (var (name, type) in fields)
        {
            _order.Remove(name);
            _order.Add(name);
            _variables[name] = type;
        }
    }

    /// <summary>The source of the submission that re-declares everything recorded, reading values from
    /// <see cref="CarriedVariables"/>.</summary>
    public string Prologue()
    {
        var sb = new StringBuilder();
        foreach (var d in _directives) sb.AppendLine(d);
        foreach (var u in _usings) sb.AppendLine(u);
        foreach (var name in _order)
        {
            var type = _variables[name];
            var id = SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
            sb.Append(type).Append(' ').Append(id).Append(" = (").Append(type).Append(')')
              .Append(CarriedVariables.MemberName).Append("[\"").Append(name).AppendLine("\"]!;");
        }
        return sb.ToString();
    }

    /// <summary>Turns compaction off for the session, saying why.</summary>
    public void Refuse(string why) => BlockedReason ??= why;

    private void Block(string cellName, string why) => BlockedReason = $"{cellName} {why}";

    private static void Add(List<string> list, string text)
    {
        if (!list.Contains(text, StringComparer.Ordinal)) list.Add(text);
    }

    private static bool IsNameable(ITypeSymbol type) => type switch
    {
        { IsAnonymousType: true } => false,
        IPointerTypeSymbol or IFunctionPointerTypeSymbol or IErrorTypeSymbol => false,
        IArrayTypeSymbol a => IsNameable(a.ElementType),
        INamedTypeSymbol n => !IsInScript(n) && n.TypeArguments.All(IsNameable)
                              && (n.ContainingType is null || IsNameable(n.ContainingType)),
        ITypeParameterSymbol => false,
        _ => true,   // dynamic and the like
    };

    private static bool IsInScript(INamedTypeSymbol n)
    {
        for (var t = n; t is not null; t = t.ContainingType)
            if (t.IsScriptClass) return true;
        return false;
    }

    /// <summary>The first top-level variable read or written inside a closure of this submission, if any.</summary>
    private static string? CapturedVariable(CompilationUnitSyntax root, SemanticModel model)
    {
        foreach (var closure in root.DescendantNodes().Where(n =>
                     n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax))
        {
            foreach (var id in closure.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(id).Symbol is IFieldSymbol { ContainingType.IsScriptClass: true } f)
                    return f.Name;
            }
        }
        return null;
    }
}
