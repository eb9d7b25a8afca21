using System.Text.Json.Nodes;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Notebooks;

/// <summary>
/// notebooks/04-lucas-salinity-two-step.ipynb in quick mode through `soilnb run` (the shared curated run, default
/// parameters, outputFolder "../artifacts/salinity"): it runs without errors and its results.json holds what must hold
/// by construction — the reference conversion flips no sample against itself, seven classifiers with scores in [0, 1],
/// both regressions with MAE ≤ RMSE, the leakage run without GiZ equal to the two-step regression (same model and
/// folds), the 2 dS/m point of the threshold curve equal to it too, the best threshold the curve's minimum RMSE, FAO
/// class supports summing to the samples, the map (25 km in quick mode): class cells summing to the land cells, class
/// areas to the land's area (≈ 4.34 million km², equal-area cells), P(saline) in [0, 1], its three COG files written; the
/// neural network among the classifiers with its health, and the real UCRB step with its counts, a finite F1 and both
/// regressions. The verbs behind the numbers are
/// unit-tested in SoilNotebooks.Tests (Salinity, Studies/Lucas).
/// </summary>
[Collection(CuratedCollection.Name)]
public class LucasSalinityNotebookTests(CuratedRun run)
{
    private const string Name = "04-lucas-salinity-two-step";

    private static double D(JsonNode? n, string key) => n![key]!.GetValue<double>();

    [Fact]
    public void QuickMode_Runs_AndResultsJsonHoldsWhatMustHold()
    {
        var executed = run.Executed(Name + ".ipynb");
        Assert.True(File.Exists(executed), run.Result.Stderr);
        var nb = Load(executed);
        Assert.DoesNotContain(nb["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []),
            o => o!["output_type"]!.GetValue<string>() == "error");

        var res = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("artifacts", "salinity", "results.json")))!;
        Assert.Equal("quick", res["mode"]!.GetValue<string>());
        Assert.Equal(42, res["seed"]!.GetValue<int>());
        int n = res["sizes"]!["points"]!.GetValue<int>();

        var conv = res["conversion"]!;
        Assert.Equal("landon-6.4", conv["method"]!.GetValue<string>());
        Assert.Equal(n, conv["samples"]!.GetValue<int>());
        Assert.InRange(conv["at_or_above_2"]!.GetValue<int>(), 1, n - 1);
        var flipped = conv["samples_flipped"]!.AsObject();
        Assert.Equal(0, flipped["landon-6.4"]!.GetValue<int>());
        Assert.All(flipped, kv => Assert.InRange(kv.Value!.GetValue<int>(), 0, n));

        var cls = res["classifiers"]!.AsArray();
        Assert.Equal(7, cls.Count);
        Assert.Equal(7, cls.Select(c => c!["name"]!.GetValue<string>()).Distinct().Count());
        var mlp = Assert.Single(cls, c => c!["name"]!.GetValue<string>() == "Neural network (MLP)");
        Assert.Matches("^(healthy|flagged in)", mlp!["health"]!.GetValue<string>());
        foreach (var c in cls)
            foreach (var key in new[] { "precision", "recall", "f1", "pr_auc", "pooled_f1" })
                Assert.InRange(D(c, key), 0, 1);

        var reg = res["regression"]!;
        foreach (var model in new[] { "two_step", "two_step_p_weighted", "one_step" })
        {
            Assert.True(double.IsFinite(D(reg[model], "r2")) && D(reg[model], "r2") <= 1, model);
            Assert.InRange(D(reg[model], "mae"), 0, D(reg[model], "rmse"));
        }

        var leak = res["leakage"]!;
        var variants = leak["variants"]!;
        Assert.Equal(D(reg["two_step"], "rmse"), D(variants["no_giz"], "rmse"), 12);
        foreach (var v in new[] { "giz_honest", "giz_leaky" })
        {
            Assert.InRange(D(variants[v], "mae"), 0, D(variants[v], "rmse"));
            Assert.InRange(D(variants[v], "pr_auc"), 0, 1);
        }
        Assert.Equal(D(variants["giz_leaky"], "r2") - D(variants["giz_honest"], "r2"), D(leak, "r2_inflation"), 12);

        var search = res["threshold_search"]!;
        var curve = search["curve"]!.AsArray();
        Assert.Equal([1, 1.5, 2, 3, 4], curve.Select(p => D(p, "threshold")));
        var scored = curve.Where(p => p!["rmse"] is not null).ToArray();
        Assert.NotEmpty(scored);
        Assert.Equal(scored.MinBy(p => D(p, "rmse"))!["threshold"]!.GetValue<double>(), D(search, "best"));
        Assert.Equal(D(reg["two_step"], "rmse"), D(curve.Single(p => D(p, "threshold") == 2), "rmse"), 12);
        Assert.Equal(D(reg["one_step"], "rmse"), D(search, "one_step_rmse"), 12);

        var multi = res["multiclass"]!;
        var classes = multi["classes"]!.AsArray();
        Assert.Equal(5, classes.Count);
        Assert.Equal(n, classes.Sum(c => c!["support"]!.GetValue<int>()));
        Assert.InRange(D(multi, "macro_f1"), 0, 1);
        Assert.True(double.IsFinite(D(multi["regression"], "rmse")));

        var map = res["map"]!;
        Assert.Equal("EPSG:3035", map["crs"]!.GetValue<string>());
        Assert.Equal(25_000, D(map, "resolution_m"));
        long land = map["land_cells"]!.GetValue<long>();
        var mapClasses = map["classes"]!.AsArray();
        Assert.Equal(2, mapClasses.Count);
        Assert.Equal(land, mapClasses.Sum(c => c!["cells"]!.GetValue<long>()));
        Assert.InRange(mapClasses.Sum(c => D(c, "area_km2")), 4.2e6, 4.5e6);
        Assert.InRange(D(map, "mean_p_saline"), 0, 1);
        Assert.InRange(D(map, "saline_share"), 0, 1);
        foreach (var f in map["files"]!.AsObject())
            Assert.True(File.Exists(RepoPaths.Combine("artifacts", "salinity", "map", f.Value!.GetValue<string>())), f.Key);

        // step 7, the real UCRB table: topsoil horizons of whole profiles, a finite F1 and both regressions
        var ucrb = res["real_ucrb"]!;
        Assert.Equal((3067, 608), (ucrb["horizons_all"]!.GetValue<int>(), ucrb["profiles_all"]!.GetValue<int>()));
        Assert.InRange(ucrb["horizons"]!.GetValue<int>(), ucrb["profiles"]!.GetValue<int>(), 3066);
        Assert.InRange(ucrb["saline"]!.GetValue<int>(), 1, ucrb["horizons"]!.GetValue<int>() - 1);
        Assert.Equal("hogg-henry-1984-fine", ucrb["conversion"]!["method"]!.GetValue<string>());
        Assert.DoesNotContain(ucrb["covariates"]!.AsArray(), c => c!.GetValue<string>() is "LONG_dec" or "LAT_dec" or "ec_12pre" or "Pedon_key");
        Assert.InRange(D(ucrb["classifier"], "f1"), 0, 1);
        Assert.InRange(D(ucrb["classifier"], "pr_auc"), 0, 1);
        foreach (var model in new[] { "two_step", "one_step" })
        {
            var r = ucrb["regression"]![model];
            Assert.True(double.IsFinite(D(r, "r2")) && D(r, "r2") <= 1, model);
            Assert.InRange(D(r, "mae"), 0, D(r, "rmse"));
        }
    }
}
