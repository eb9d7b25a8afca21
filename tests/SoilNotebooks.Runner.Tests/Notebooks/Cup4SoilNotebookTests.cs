using System.Text.Json.Nodes;
using SoilNotebooks.Rasters;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Notebooks;

/// <summary>
/// notebooks/02-cup4soil-composites-qrf.ipynb in quick mode through `soilnb run` (the shared curated run, default
/// parameters, outputFolder "../artifacts/cup4soil"): it runs without errors and its results.json holds the 18 CV rows,
/// the composites' summary and the maps it wrote.
/// </summary>
[Collection(CuratedCollection.Name)]
public class Cup4SoilNotebookTests(CuratedRun run)
{
    private const string Name = "02-cup4soil-composites-qrf";

    [Fact]
    public void QuickMode_Runs_AndResultsJsonHoldsEveryCvRow()
    {
        var executed = run.Executed(Name + ".ipynb");
        Assert.True(File.Exists(executed), run.Result.Stderr);
        var nb = Load(executed);
        Assert.DoesNotContain(nb["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []),
            o => o!["output_type"]!.GetValue<string>() == "error");
        var work = RepoPaths.Combine("artifacts", "cup4soil");
        var res = JsonNode.Parse(File.ReadAllText(Path.Combine(work, "results.json")))!;
        Assert.Equal("quick", res["mode"]!.GetValue<string>());
        Assert.Equal(42, res["seed"]!.GetValue<int>());

        var cv = res["cv"]!.AsArray();
        var keys = cv.Select(r => (r!["property"]!.GetValue<string>(), r["covariateSet"]!.GetValue<int>(),
            r["cvKind"]!.GetValue<string>())).ToHashSet();
        foreach (var p in new[] { "soc", "ph", "bd" })
            foreach (var s in new[] { 1, 2, 3 })
                foreach (var k in new[] { "random", "spatial" })
                    Assert.Contains((p, s, k), keys);
        Assert.Equal(18, cv.Count);
        foreach (var r in cv)
        {
            Assert.True(double.IsFinite(r!["mec"]!.GetValue<double>()));
            Assert.True(r["rmse"]!.GetValue<double>() > 0);
            Assert.InRange(r["picp90"]!.GetValue<double>(), 0, 1);
            Assert.True(r["meanWidth90"]!.GetValue<double>() > 0);
            Assert.True(r["n"]!.GetValue<int>() >= 100);
        }

        var comp = res["composites"]!;
        Assert.InRange(comp["bareFraction"]!.GetValue<double>(), 0, 1);
        Assert.True(comp["medianBareObservations"]!.GetValue<double>() >= 0);
        Assert.Equal(new[] { 2018, 2019, 2020, 2021, 2022 }, comp["years"]!.AsArray().Select(y => y!.GetValue<int>()).ToArray());

        var maps = res["maps"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
        Assert.Equal(3, maps.Length);
        foreach (var m in maps)
        {
            Assert.True(File.Exists(m), m);
            var r = Raster.Read(m);
            Assert.Equal(new[] { "q05", "q50", "q95", "uncertainty" }, r.Bands);
            Assert.Equal(32631, r.Grid.Crs.Epsg);
        }
    }
}
