using System.Text.Json.Nodes;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Notebooks;

/// <summary>
/// notebooks/03-crns-profile-soil-moisture.ipynb in quick mode through `soilnb run` (the shared curated run, default
/// parameters, outputFolder "../artifacts/crns"): it runs without errors and its results.json holds finite N0 from both
/// weightings (Köhli's equal to crnpy's documented 2650), one T per twin site and every product and emulator metric.
/// The verbs behind the numbers are unit-tested in SoilNotebooks.Tests (Moisture, Studies/Crns).
/// </summary>
[Collection(CuratedCollection.Name)]
public class CrnsNotebookTests(CuratedRun run)
{
    private const string Name = "03-crns-profile-soil-moisture";

    [Fact]
    public void QuickMode_Runs_AndResultsJsonHasEveryKey()
    {
        var executed = run.Executed(Name + ".ipynb");
        Assert.True(File.Exists(executed), run.Result.Stderr);
        var nb = Load(executed);
        Assert.DoesNotContain(nb["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []),
            o => o!["output_type"]!.GetValue<string>() == "error");

        var res = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("artifacts", "crns", "results.json")))!;
        Assert.Equal("quick", res["mode"]!.GetValue<string>());
        Assert.Equal(42, res["seed"]!.GetValue<int>());

        var cal = res["calibration"]!;
        foreach (var key in new[] { "n0_kohli2015", "n0_schron2017", "field_theta_v_kohli2015", "field_theta_v_schron2017", "mean_corrected_counts" })
            Assert.True(double.IsFinite(cal[key]!.GetValue<double>()), key);
        Assert.Equal(2650, Math.Round(cal["n0_kohli2015"]!.GetValue<double>()), 0);
        Assert.Equal(0.263, Math.Round(cal["field_theta_v_kohli2015"]!.GetValue<double>(), 3), 3);
        Assert.InRange(cal["n0_schron2017"]!.GetValue<double>(), 2300, 3000);

        int sites = res["sizes"]!["sites"]!.GetValue<int>();
        var swi = res["swi"]!.AsObject();
        Assert.Equal(sites, swi.Count);
        Assert.Equal(sites, swi.Select(kv => kv.Key).Distinct().Count());
        Assert.All(swi, kv => Assert.InRange(kv.Value!.GetValue<double>(), 1, 100));

        var products = res["products"]!.AsObject();
        Assert.Equal(5, products.Count);
        foreach (var (product, m) in products)
            foreach (var metric in new[] { "r", "bias", "ubrmse", "kge" })
                Assert.True(double.IsFinite(m![metric]!.GetValue<double>()), $"{product} {metric}");

        foreach (var part in new[] { "per_site", "leave_site_out" })
            foreach (var metric in new[] { "r", "rmse", "kge" })
                Assert.True(double.IsFinite(res["emulator"]![part]![metric]!.GetValue<double>()), $"{part} {metric}");
        foreach (var key in new[] { "direct_rmse", "subpixel_rmse", "crns_vs_pixel_rmse", "ssm_vs_crns_rmse" })
            Assert.True(double.IsFinite(res["subpixel"]![key]!.GetValue<double>()), key);
        Assert.Equal(sites, res["subpixel"]!["sites"]!.GetValue<int>());
        Assert.NotNull(res["pseudoproxy"]);
    }
}
