using System.Text.RegularExpressions;

namespace SoilNotebooks.Runner.Packages;

/// <summary>A <c>#r "nuget: Id, Version"</c> line of a cell.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Version, or null for the highest available.</param>
/// <param name="Line">1-based line in the cell.</param>
public sealed record PackageReferenceLine(string Id, string? Version, int Line);

/// <summary>
/// The .NET Interactive package directives of a cell: <c>#i "nuget: &lt;feed&gt;"</c> (a package source) and
/// <c>#r "nuget: Id[, Version]"</c>. <see cref="Parse"/> returns the cell with those lines blanked (so line numbers
/// of the remaining code stay), the sources and the references.
/// </summary>
public static partial class NugetDirectives
{
    [GeneratedRegex(@"^\s*#i\s+""nuget:\s*(?<src>[^""]+?)\s*""\s*$")]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^\s*#r\s+""nuget:\s*(?<id>[^,""\s]+)\s*(,\s*(?<ver>[^""\s]+)\s*)?""\s*$")]
    private static partial Regex ReferenceLine();

    [GeneratedRegex(@"^\s*#[ri]\s+""nuget:")]
    private static partial Regex AnyNugetLine();

    /// <summary>Splits the directives out of a cell.</summary>
    /// <exception cref="FormatException">A <c>nuget:</c> line that is neither form, with its line number.</exception>
    public static (string Code, IReadOnlyList<string> Sources, IReadOnlyList<PackageReferenceLine> References) Parse(
        string code)
    {
        var lines = code.Split('\n');
        var sources = new List<string>();
        var references = new List<PackageReferenceLine>();
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!AnyNugetLine().IsMatch(line)) continue;
            if (SourceLine().Match(line) is { Success: true } s) sources.Add(s.Groups["src"].Value);
            else if (ReferenceLine().Match(line) is { Success: true } r)
                references.Add(new(r.Groups["id"].Value, r.Groups["ver"].Success ? r.Groups["ver"].Value : null,
                    i + 1));
            else
                throw new FormatException($"line {i + 1}: expected #i \"nuget: <folder>\" or " +
                                          $"#r \"nuget: <id>, <version>\", got: {line.Trim()}");
            lines[i] = "";
        }
        return (string.Join('\n', lines), sources, references);
    }
}
