using System.Globalization;
using SoilNotebooks.Tabular;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Notebooks;

/// <summary>The curated notebooks in notebooks/: committed clean, Polyglot metadata, and they run with key numbers checked.</summary>
[Collection(CuratedCollection.Name)]
public class CuratedNotebookTests(CuratedRun run)
{
    [Fact]
    public void AllCuratedNotebooks_RunWithExitCode0()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Stderr);
        foreach (var f in Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb"))
        {
            Assert.Null(NbformatError(run.Executed(Path.GetFileName(f))));
            Assert.True(File.Exists(Path.ChangeExtension(run.Executed(Path.GetFileName(f)), ".html")));
        }
    }

    [Theory]
    [MemberData(nameof(CuratedRun.Names), MemberType = typeof(CuratedRun))]
    public void Committed_WithoutOutputs_WithPolyglotMetadata(string name)
    {
        var path = RepoPaths.Combine("notebooks", name);
        Assert.Null(NbformatError(path));
        var nb = Load(path);
        Assert.Equal(".net-csharp", nb["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", nb["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        foreach (var c in nb["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code"))
        {
            Assert.Empty(c!["outputs"]!.AsArray());
            Assert.Null(c["execution_count"]?.GetValue<int?>());
            Assert.Equal("csharp", c["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        }
        Assert.Single(nb["cells"]!.AsArray(), c => c!["metadata"]!["tags"]?.AsArray().Any(t => t!.GetValue<string>() == "parameters") == true);
        // the first code cell loads the kernel extension, at the version the build packs, the same way in every kernel
        var version = System.Xml.Linq.XDocument.Load(RepoPaths.Combine("Directory.Build.props")).Descendants("Version").Single().Value;
        var first = nb["cells"]!.AsArray().First(c => c!["cell_type"]!.GetValue<string>() == "code")!;
        Assert.Equal($"#r \"nuget: SoilNotebooks.Interactive, {version}\"", Text(first["source"]).Trim());
    }

    [Fact]
    public void GettingStarted_Runs_AndReproducesIndependentNumbers()
    {
        var nb = Load(run.Executed("00-getting-started.ipynb"));
        var cells = nb["cells"]!.AsArray();
        string AllText(int i) => string.Join("\n", cells[i]!["outputs"]!.AsArray().Select(o => Text(o!["text"]) + Text(o["data"]?["text/plain"])));

        // independent computation from the CSV
        var t = CsvTable.Read(RepoPaths.Combine("data-manifests", "limesoda", "LimeSoDa_BB.250.csv"));
        var clay = t.GetDoubles("Clay_target");
        var b12 = t.GetDoubles("B12");
        double mc = clay.Average(), mb = b12.Average();
        double r12 = clay.Zip(b12).Sum(p => (p.First - mc) * (p.Second - mb)) /
                     Math.Sqrt(clay.Sum(c => (c - mc) * (c - mc)) * b12.Sum(b => (b - mb) * (b - mb)));
        var lastCode = cells.Select((c, i) => (c, i)).Last(x => x.c!["cell_type"]!.GetValue<string>() == "code").i;
        var result = cells[lastCode]!["outputs"]!.AsArray().Single(o => o!["output_type"]!.GetValue<string>() == "execute_result");
        Assert.Equal(r12, double.Parse(Text(result!["data"]!["text/plain"]), CultureInfo.InvariantCulture), 9);
        Assert.InRange(r12, -0.7, -0.4); // clay darkens SWIR-2 in this field

        var loadCell = cells.Select((c, i) => (c, i)).First(x => Text(x.c!["source"]).Contains("LimeSoDa.Load") && x.c!["cell_type"]!.GetValue<string>() == "code").i;
        Assert.Contains("250 samples", AllText(loadCell));
        double[] b02 = t.GetDoubles("B02"), b03 = t.GetDoubles("B03"), b04 = t.GetDoubles("B04"), b08 = t.GetDoubles("B08"), b11 = t.GetDoubles("B11");
        int bare = Enumerable.Range(0, t.RowCount).Count(i =>
        {
            double ndvi = (b08[i] - b04[i]) / (b08[i] + b04[i]);
            double nbr2 = (b11[i] - b12[i]) / (b11[i] + b12[i]);
            return ndvi < 0.25 && nbr2 < 0.075 && b03[i] > b02[i] && b04[i] > b03[i];
        });
        var indexCell = cells.Select((c, i) => (c, i)).First(x => Text(x.c!["source"]).Contains("NBR2")  && x.c!["cell_type"]!.GetValue<string>() == "code").i;
        Assert.Contains($"{bare} of 250 samples", AllText(indexCell));
    }
}
