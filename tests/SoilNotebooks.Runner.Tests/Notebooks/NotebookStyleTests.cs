using System.Text.Json;
using System.Text.RegularExpressions;

namespace SoilNotebooks.Runner.Tests.Notebooks;

/// <summary>
/// The curated notebooks read as the method: short code (at most <see cref="MaxCodeLines"/> non-blank lines per
/// notebook), no line over <see cref="MaxLineLength"/> characters, and no positional channel or band index — channels
/// are addressed by name, and what needs more belongs in the library.
/// </summary>
public partial class NotebookStyleTests
{
    /// <summary>Most non-blank code lines of one notebook.</summary>
    public const int MaxCodeLines = 150;

    /// <summary>Longest code line.</summary>
    public const int MaxLineLength = 120;

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    private static List<string> CodeLines(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("notebooks", name)));
        var lines = new List<string>();
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            var src = cell.GetProperty("source");
            var text = src.ValueKind == JsonValueKind.Array ? string.Concat(src.EnumerateArray().Select(s => s.GetString())) : src.GetString()!;
            lines.AddRange(text.Split('\n').Where(l => l.Trim().Length > 0));
        }
        return lines;
    }

    // indexing something channel-like by a number ("o[9]", "PearsonR[9]", "Reflectance[6]"), slicing the first
    // channels ("o[..10]") or ranging over band positions ("Range(0, 10)")
    [GeneratedRegex(@"(?:\b(?:o|obs|r|refl|Reflectance|PearsonR|Channels|Bands|bands|values)\[\s*\d+\s*\])|\[\s*\.\.\s*\d+\s*\]|Range\(\s*0\s*,\s*1[0-2]\s*\)")]
    private static partial Regex PositionalChannel();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void CodeIsShort_LinesFit_AndChannelsAreNamed(string name)
    {
        var lines = CodeLines(name);
        Assert.NotEmpty(lines);
        Assert.True(lines.Count <= MaxCodeLines, $"{name}: {lines.Count} code lines; at most {MaxCodeLines}.");
        var longLines = lines.Where(l => l.Length > MaxLineLength).ToArray();
        Assert.True(longLines.Length == 0, $"{name}: lines over {MaxLineLength} characters:\n" + string.Join("\n", longLines));
        var positional = lines.Where(l => PositionalChannel().IsMatch(l)).ToArray();
        Assert.True(positional.Length == 0, $"{name}: positional channel indices:\n" + string.Join("\n", positional));
    }

    [Fact]
    public void ThePositionalPattern_CatchesTheOldNotebooksIdioms()
    {
        Assert.Matches(PositionalChannel(), "var swir = o[9];");
        Assert.Matches(PositionalChannel(), "search.Best.PearsonR[9]");
        Assert.Matches(PositionalChannel(), "o[..10].Average()");
        Assert.Matches(PositionalChannel(), "Enumerable.Range(0, 10)");
        Assert.DoesNotMatch(PositionalChannel(), "series.ChannelSeries(0, \"B12\")");
        Assert.DoesNotMatch(PositionalChannel(), "models.Runs[0].Prediction");
    }
}
