using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SoilNotebooks.Runner.Tests.Notebooks;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.RealKernel;

/// <summary>
/// Every curated notebook, unchanged, in the real .NET Interactive kernel (nbconvert, and dotnet-repl for the first
/// cell): it runs without an error output and gives the same key numbers as the soilnb run.
/// </summary>
[Collection(CuratedCollection.Name)]
public class RealKernelTests(CuratedRun soilnb, RealKernelRun real)
{
    private static IEnumerable<JsonObject> AllOutputs(JsonObject nb) =>
        nb["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []).Select(o => o!.AsObject());

    /// <summary>
    /// The visible text of an output: stream text, else its HTML without tags, styles and scripts, else text/plain.
    /// </summary>
    internal static string ValueText(JsonObject o)
    {
        if (o["text"] is { } t) return Text(t);
        var html = Text(o["data"]?["text/html"]);
        if (html.Length == 0) return Text(o["data"]?["text/plain"]);
        html = Regex.Replace(html, "<(style|script)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline);
        return WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));
    }

    private static string CellText(JsonObject nb, string sourceContains) => string.Join("\n",
        nb["cells"]!.AsArray()
            .First(c => c!["cell_type"]!.GetValue<string>() == "code" && Text(c["source"]).Contains(sourceContains))!
            ["outputs"]!.AsArray().Select(o => ValueText(o!.AsObject())));

    [Theory]
    [MemberData(nameof(CuratedRun.Names), MemberType = typeof(CuratedRun))]
    public void EveryNotebook_RunsInTheRealKernel_WithoutErrors(string name)
    {
        Assert.True(real.Result.ExitCode == 0, real.Result.Stderr[^Math.Min(4000, real.Result.Stderr.Length)..]);
        var nb = Load(real.Executed(name));
        Assert.Null(NbformatError(real.Executed(name)));
        var errors = AllOutputs(nb).Where(o => o["output_type"]!.GetValue<string>() == "error").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e["evalue"]?.ToString())));
        // the extension loaded and every chart carries the Plotly MIME type beside its HTML
        Assert.Contains(AllOutputs(nb), o => Text(o["data"]?["text/plain"]).Contains("SoilNotebooks.Interactive.dll"));
        var charts = AllOutputs(nb).Where(o => Text(o["data"]?["text/html"]).Contains("soilnb-chart")).ToList();
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.NotNull(c["data"]!["application/vnd.plotly.v1+json"]));
        Assert.Single(charts, c => Text(c["data"]!["text/html"]).Length > 1_000_000);   // plotly.js inlined once
    }

    [Fact]
    public void GettingStarted_GivesTheSameNumbersInBothKernels()
    {
        var mine = Load(soilnb.Executed("00-getting-started.ipynb"));
        var theirs = Load(real.Executed("00-getting-started.ipynb"));
        foreach (var probe in new[] { "LimeSoDa.Load", "NBR2", "RegressionMetrics.Compute(clay, b12)" })
        {
            var a = Numbers(CellText(mine, probe));
            Assert.NotEmpty(a);
            Assert.Equal(a.Order(), Numbers(CellText(theirs, probe)).Order());
        }
        var last = Numbers(CellText(theirs, "RegressionMetrics.Compute(clay, b12)")).Last();
        double r = double.Parse(last, CultureInfo.InvariantCulture);
        Assert.InRange(r, -0.7, -0.4);
    }

    [Fact]
    public void S2Mos_GivesTheSameMetricsInBothKernels()
    {
        Assert.True(soilnb.Result.ExitCode == 0, soilnb.Result.Stderr);
        Assert.True(real.Result.ExitCode == 0, real.Result.Stderr);
        var mine = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("artifacts", "s2mos", "results.json")))!;
        var theirs = JsonNode.Parse(File.ReadAllText(real.Work("s2mos", "results.json")))!;
        Assert.Equal(mine["split"]!.ToJsonString(), theirs["split"]!.ToJsonString());
        var a = mine["metrics"]!.AsArray();
        var b = theirs["metrics"]!.AsArray();
        Assert.Equal(10, a.Count);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i]!["figure"]!.GetValue<string>(), b[i]!["figure"]!.GetValue<string>());
            foreach (var key in new[] { "rmse", "r2", "rpiq" })
            {
                var (x, y) = (Metric(a[i]!, key), Metric(b[i]!, key));
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)),
                    $"{a[i]!["figure"]} {key}: soilnb {x}, real kernel {y}");
            }
        }
    }

    [Fact]
    public void DotnetRepl_AcceptsTheSameFirstCell()
    {
        var dir = Path.Combine(real.Root, "repl");
        Directory.CreateDirectory(dir);
        var copy = Path.Combine(dir, "00-getting-started.ipynb");
        File.Copy(RepoPaths.Combine("notebooks", "00-getting-started.ipynb"), copy, overwrite: true);
        var output = Path.Combine(dir, "executed.ipynb");
        var r = Run("dotnet",
            ["tool", "run", "dotnet-repl", "--", "--run", copy, "--exit-after-run", "--output-path", output],
            cwd: dir, limit: TimeSpan.FromMinutes(5));
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        var nb = Load(output);
        Assert.DoesNotContain(AllOutputs(nb), o => o["output_type"]!.GetValue<string>() == "error");
        Assert.Equal(Numbers(CellText(Load(soilnb.Executed("00-getting-started.ipynb")), "NBR2")).Order(),
            Numbers(CellText(nb, "NBR2")).Order());
    }

    private static double Metric(JsonNode m, string key) =>
        (m.AsObject().FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value
         ?? throw new KeyNotFoundException($"{key} in {m.ToJsonString()}")).GetValue<double>();

    private static string[] Numbers(string text) =>
        Regex.Matches(text, @"-?\d+(\.\d+)?").Select(m => m.Value).ToArray();
}
