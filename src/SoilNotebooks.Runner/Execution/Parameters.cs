using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SoilNotebooks.Runner.Notebooks;

namespace SoilNotebooks.Runner.Execution;

/// <summary>A parameter declared in a notebook's <c>parameters</c> cell.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Type">C# keyword of its type: int, long, double, float, decimal, bool or string.</param>
/// <param name="DefaultSource">The default's source text.</param>
public sealed record NotebookParameter(string Name, string Type, string DefaultSource);

/// <summary>A bad <c>-p name=value</c> override (unknown name, unparsable value, no parameters cell).</summary>
public sealed class ParameterException(string message) : Exception(message);

/// <summary>
/// Papermill-style parameters: the code cell tagged <c>parameters</c> holds defaults such as
/// <c>var mode = "quick";</c> or <c>int epochs = 5;</c>; overrides are typed as the default and injected in a new cell
/// (tagged <c>injected-parameters</c>) right after it, as assignments.
/// </summary>
public static class Parameters
{
    /// <summary>The tag that marks the defaults cell.</summary>
    public const string Tag = "parameters";

    /// <summary>Index of the parameters cell, or -1.</summary>
    public static int FindCell(Notebook nb) =>
        nb.Cells.FindIndex(c => c.Kind == CellKind.Code && c.Tags.Contains(Tag, StringComparer.Ordinal));

    /// <summary>Declarations of simple-typed variables in a parameters cell, in order.</summary>
    public static IReadOnlyList<NotebookParameter> Declared(string code)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script)).GetRoot();
        var result = new List<NotebookParameter>();
        IEnumerable<VariableDeclarationSyntax> decls = root.Members.Select(m => m switch
        {
            FieldDeclarationSyntax f => f.Declaration,
            GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration,
            _ => null,
        }).Where(d => d is not null)!;
        foreach (var d in decls)
            foreach (var v in d.Variables)
            {
                if (v.Initializer is null) continue;
                var type = d.Type.IsVar ? InferType(v.Initializer.Value) : Keyword(d.Type.ToString());
                if (type is not null) result.Add(new NotebookParameter(v.Identifier.Text, type, v.Initializer.Value.ToString()));
            }
        return result;
    }

    private static string? Keyword(string t) => t switch
    {
        "int" or "Int32" or "System.Int32" => "int",
        "long" or "Int64" => "long",
        "double" or "Double" => "double",
        "float" or "Single" => "float",
        "decimal" or "Decimal" => "decimal",
        "bool" or "Boolean" => "bool",
        "string" or "String" or "string?" => "string",
        _ => null,
    };

    private static string? InferType(ExpressionSyntax e)
    {
        if (e is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } neg) e = neg.Operand;
        if (e is not LiteralExpressionSyntax lit) return null;
        return lit.Kind() switch
        {
            SyntaxKind.StringLiteralExpression => "string",
            SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression => "bool",
            SyntaxKind.NumericLiteralExpression => lit.Token.Value switch
            {
                int => "int", long => "long", double => "double", float => "float", decimal => "decimal", _ => null,
            },
            _ => null,
        };
    }

    /// <summary>
    /// Checks the overrides against the declared parameters and inserts the injected cell after the parameters cell.
    /// Returns the index of the injected cell, or -1 when there are no overrides.
    /// </summary>
    /// <exception cref="ParameterException">No parameters cell, an unknown name, or a value that does not parse.</exception>
    public static int Inject(Notebook nb, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        if (overrides.Count == 0) return -1;
        int at = FindCell(nb);
        if (at < 0)
            throw new ParameterException($"{nb.Name}: -p was given ({string.Join(", ", overrides.Select(o => o.Key))}) but no code cell is tagged '{Tag}'.");
        var declared = Declared(nb.Cells[at].Source).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var lines = new List<string> { "// Parameters injected by soilnb run (-p)" };
        foreach (var (name, raw) in overrides)
        {
            if (!declared.TryGetValue(name, out var p))
                throw new ParameterException($"{nb.Name}: unknown parameter '{name}'. The parameters cell declares: " +
                    (declared.Count == 0 ? "nothing" : string.Join(", ", declared.Values.Select(d => $"{d.Name} ({d.Type}, default {d.DefaultSource})"))) + ".");
            lines.Add($"{name} = {Literal(p, raw, nb.Name)};");
        }
        var cell = new NotebookCell { Kind = CellKind.Code, Source = string.Join('\n', lines), Kernel = "csharp" };
        cell.Metadata["tags"] = new JsonArray("injected-parameters");
        cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" };
        nb.Cells.Insert(at + 1, cell);
        return at + 1;
    }

    /// <summary>Converts a command-line value to a C# literal of the parameter's type.</summary>
    public static string Literal(NotebookParameter p, string raw, string notebook = "notebook")
    {
        var inv = CultureInfo.InvariantCulture;
        string Bad(string expected) => throw new ParameterException($"{notebook}: parameter '{p.Name}' is {p.Type} (default {p.DefaultSource}); the value \"{raw}\" is not {expected}.");
        return p.Type switch
        {
            "int" => int.TryParse(raw, NumberStyles.Integer, inv, out var i) ? i.ToString(inv) : Bad("an integer"),
            "long" => long.TryParse(raw, NumberStyles.Integer, inv, out var l) ? l.ToString(inv) + "L" : Bad("an integer"),
            "double" => double.TryParse(raw, NumberStyles.Float, inv, out var d) && double.IsFinite(d) ? d.ToString("R", inv) + "d" : Bad("a number"),
            "float" => float.TryParse(raw, NumberStyles.Float, inv, out var f) && float.IsFinite(f) ? f.ToString("R", inv) + "f" : Bad("a number"),
            "decimal" => decimal.TryParse(raw, NumberStyles.Float, inv, out var m) ? m.ToString(inv) + "m" : Bad("a number"),
            "bool" => bool.TryParse(raw, out var b) ? (b ? "true" : "false") : Bad("true or false"),
            "string" => SymbolDisplay.FormatLiteral(raw, quote: true),
            _ => Bad("supported"),
        };
    }

    /// <summary>Parses "name=value" strings.</summary>
    /// <exception cref="ParameterException">An item without '=' or with an empty name.</exception>
    public static List<KeyValuePair<string, string>> ParseAssignments(IEnumerable<string> items)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var item in items)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new ParameterException($"-p expects name=value, got \"{item}\".");
            var name = item[..eq].Trim();
            if (list.Any(p => p.Key == name))
                throw new ParameterException($"-p {name} is given twice; give each parameter once.");
            list.Add(new(name, item[(eq + 1)..]));
        }
        return list;
    }
}
