namespace SoilNotebooks.Runner.Notebooks;

/// <summary>Kernel names as Polyglot Notebooks spells them, normalised.</summary>
public static class Kernels
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = "csharp", ["c#"] = "csharp", ["cs"] = "csharp", [".net-csharp"] = "csharp",
        ["fsharp"] = "fsharp", ["f#"] = "fsharp", ["pwsh"] = "pwsh", ["powershell"] = "pwsh",
        ["javascript"] = "javascript", ["js"] = "javascript", ["html"] = "html", ["sql"] = "sql", ["kql"] = "kql",
        ["mermaid"] = "mermaid", ["http"] = "http", ["python"] = "python", ["r"] = "r", ["value"] = "value",
        ["markdown"] = "markdown", ["md"] = "markdown", ["meta"] = "meta",
    };

    /// <summary>Normalises a kernel name; unknown names are returned lower-cased.</summary>
    public static string Normalize(string name) => Aliases.TryGetValue(name.Trim(), out var k) ? k : name.Trim().ToLowerInvariant();

    /// <summary>True when <paramref name="name"/> is a kernel name (not a magic command such as <c>#!time</c>).</summary>
    public static bool IsKernelName(string name) => Aliases.ContainsKey(name.Trim());

    /// <summary>
    /// If the first non-blank line of a code cell is <c>#!kernel</c>, returns the kernel and the source without that
    /// line; otherwise null.
    /// </summary>
    public static (string Kernel, string Body)? SplitLeadingDirective(string source)
    {
        var lines = source.Split('\n');
        int i = 0;
        while (i < lines.Length && lines[i].Trim().Length == 0) i++;
        if (i == lines.Length) return null;
        var first = lines[i].Trim();
        if (!first.StartsWith("#!", StringComparison.Ordinal)) return null;
        var name = first[2..].Split(' ', 2)[0];
        if (!IsKernelName(name)) return null;
        return (Normalize(name), string.Join('\n', lines.Skip(i + 1)));
    }
}
