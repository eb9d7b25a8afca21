using System.Text.Json.Nodes;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Notebooks;

/// <summary>
/// notebooks/03-crns-profile-soil-moisture.ipynb in quick mode through `soilnb run` (the shared curated run, default
/// parameters, outputFolder "../artifacts/crns"): it runs without errors and its results.json holds finite N0 from both
/// weightings (Köhli's equal to crnpy's documented 2650), one T per twin site, every product and emulator metric, the
/// pseudoproxy experiment's skill by distance and climate (two field seeds, off-site cells only), the 1 km product of
/// August 2018 with its (negative) drought anomaly, and the Desilets 2021 calibrations.
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

        // step 6: the pseudoproxy experiment, two field seeds in quick mode, only off-site cells scored
        var pp = res["pseudoproxy"]!;
        Assert.Equal([42, 1042], pp["seeds"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Equal(sites, pp["training_sites"]!.GetValue<int>());
        Assert.All(pp["cells_scored"]!.AsArray(), v => Assert.True(v!.GetValue<int>() > 20));
        Assert.All(pp["site_cells_excluded"]!.AsArray(), v => Assert.InRange(v!.GetValue<int>(), 1, sites));
        foreach (var metric in new[] { "r", "rmse", "ubrmse", "kge", "r_sd", "kge_sd", "nearest_site_r", "nearest_site_kge" })
            Assert.True(double.IsFinite(pp["overall"]![metric]!.GetValue<double>()), $"pseudoproxy overall {metric}");
        Assert.InRange(pp["overall"]!["r"]!.GetValue<double>(), 0.5, 1);
        var byDistance = pp["by_distance"]!.AsArray();
        Assert.Equal(5, byDistance.Count);
        Assert.Null(byDistance[^1]!["upper_km"]);
        Assert.Equal(pp["overall"]!["cells"]!.GetValue<double>(), byDistance.Sum(b => b!["cells"]!.GetValue<double>()), 6);
        Assert.Contains(byDistance, b => b!["kge"] is not null);
        Assert.Equal(4, pp["by_climate"]!.AsArray().Count);
        Assert.Equal(2, pp["spearman_distance_r"]!.AsArray().Count);

        // step 7: the 1 km product of August 2018, drier than the other years' Augusts
        var p1 = res["product_1km"]!;
        Assert.Equal((40, 40, 31, 1000.0), (p1["width_px"]!.GetValue<int>(), p1["height_px"]!.GetValue<int>(), p1["days"]!.GetValue<int>(),
            p1["pixel_m"]!.GetValue<double>()));
        Assert.Equal([2015, 2016, 2017], p1["reference_years"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.InRange(p1["nodata_pixels"]!.GetValue<int>(), 0, 200);
        Assert.True(p1["mean_truth_anomaly"]!.GetValue<double>() < 0);
        Assert.True(p1["mean_anomaly"]!.GetValue<double>() < 0);
        Assert.InRange(p1["rmse_vs_truth"]!.GetValue<double>(), 0.001, 0.1);

        // the Desilets 2021 pressure correction with β from KS003's latitude and elevation
        var desilets = res["pressure_desilets2021"]!.AsArray();
        Assert.Equal(4, desilets.Count);
        Assert.All(desilets, d => Assert.InRange(d!["betaPerHPa"]!.GetValue<double>(), 0.007, 0.0078));
        Assert.All(desilets, d => Assert.InRange(d!["n0"]!.GetValue<double>(), 2550, 2750));
    }
}
