using System.Globalization;
using System.Text.Json.Nodes;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Rasters;
using SoilNotebooks.Tabular;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Notebooks;

/// <summary>
/// notebooks/01-s2mos-clay-cnn.ipynb in quick mode through `soilnb run`: it runs, and its outputs agree with each other and
/// with the files it wrote (metrics from predictions.csv, the bare-soil count from the GeoTIFFs, verdicts from their
/// intervals and the guard). The verbs behind the numbers are unit-tested in SoilNotebooks.Tests.
/// The notebook is executed once, by the shared curated run (default parameters, outputFolder "../artifacts/s2mos").
/// </summary>
[Collection(CuratedCollection.Name)]
public class S2MosNotebookTests(CuratedRun run)
{
    private const string Name = "01-s2mos-clay-cnn";

    [Fact]
    public void QuickMode_Runs_AndKeyNumbersAreReproducedIndependently()
    {
        var executed = run.Executed(Name + ".ipynb");
        Assert.True(File.Exists(executed), run.Result.Stderr);
        Assert.True(File.Exists(Path.ChangeExtension(executed, ".html")));
        var work = RepoPaths.Combine("artifacts", "s2mos");   // the notebook's default outputFolder, relative to notebooks/
        var nb = Load(executed);
        Assert.DoesNotContain(nb["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []), o => o!["output_type"]!.GetValue<string>() == "error");

        var res = JsonNode.Parse(File.ReadAllText(Path.Combine(work, "results.json")))!;
        Assert.Equal("quick", res["mode"]!.GetValue<string>());
        int seed = res["seed"]!.GetValue<int>();
        // the twin's points after the paper's 3-SD outlier removal
        int points = res["twin"]!["points"]!.GetValue<int>();
        Assert.InRange(points, res["sizes"]!["points"]!.GetValue<int>() * 0.95, res["sizes"]!["points"]!.GetValue<int>());

        // 1. split sizes, and predictions.csv holds the test set (the split itself is unit-tested on the series)
        int cal = res["split"]!["calibration"]!.GetValue<int>(), test = res["split"]!["test"]!.GetValue<int>();
        Assert.Equal((int)Math.Round(points * 4901.0 / 6136.0), cal);
        Assert.Equal(points - cal, test);
        var predictions = CsvTable.Read(Path.Combine(work, "predictions.csv"));
        Assert.Equal(test, predictions.RowCount);
        Assert.Equal(test, predictions.GetStrings("id").Distinct().Count());

        // 2. metrics table: every model present, finite, and equal to RMSE/R² recomputed from predictions.csv
        var metrics = res["metrics"]!.AsArray();
        Assert.Equal(new[] { "9A", "9B", "9C", "9D", "9E", "9F", "B.1", "B.2", "A.1", "A.2" }, metrics.Select(m => m!["figure"]!.GetValue<string>()).ToArray());
        var observed = predictions.GetDoubles("observed");
        double ybar = observed.Average(), sst = observed.Sum(o => (o - ybar) * (o - ybar));
        // RMSE and R² of every model recomputed from predictions.csv (which holds rounded values)
        var recomputed = metrics.Select(m => m!["figure"]!.GetValue<string>()).ToDictionary(f => f, f =>
        {
            var pred = predictions.GetDoubles(f);
            double sse = observed.Zip(pred).Sum(z => (z.First - z.Second) * (z.First - z.Second));
            return (Rmse: Math.Sqrt(sse / observed.Length), R2: 1 - sse / sst, Min: pred.Min());
        });
        foreach (var m in metrics)
        {
            var fig = m!["figure"]!.GetValue<string>();
            double r2 = m["r2"]!.GetValue<double>(), rmse = m["rmse"]!.GetValue<double>(), rpiq = m["rpiq"]!.GetValue<double>();
            Assert.True(double.IsFinite(r2) && double.IsFinite(rmse) && double.IsFinite(rpiq), fig);
            Assert.InRange(r2, -1, 1);
            Assert.Equal(recomputed[fig].Rmse, rmse, 1e-3);
            Assert.Equal(recomputed[fig].R2, r2, 1e-3);
            Assert.InRange(recomputed[fig].Min, 0, 100);   // tanh output, unscaled to the calibration range
        }

        // 3. bare-soil fraction recomputed from the GeoTIFFs with the paper's rule (no library masking code)
        double bareFraction = res["bareFraction"]!.GetValue<double>();
        Assert.InRange(bareFraction, 0.05, 1);
        // the library works in single precision: allow a few pixels on a threshold to fall the other way (1 pixel ≈ 6e-5)
        Assert.Equal(BareFractionFromFiles(Path.Combine(work, "scenes")), bareFraction, 5e-4);

        // 4. map scores, LimeSoDa coverage, claims
        Assert.Equal(52, res["map"]!["fieldSamples"]!.GetValue<int>());
        Assert.True(double.IsFinite(res["map"]!["r2"]!.GetValue<double>()));
        Assert.True(res["map"]!["pixels"]!.GetValue<int>() > 100);
        var real = res["limesoda"]!.AsArray();
        Assert.Equal(9, real.Count);
        foreach (var row in real)
        {
            Assert.True(double.IsFinite(row!["r2"]!.GetValue<double>()));
            if (row["model"]!.GetValue<string>().StartsWith("QRF", StringComparison.Ordinal))
                Assert.InRange(row["picp90"]!.GetValue<double>(), 0.6, 1.0);   // a coverage in [0, 1], near the nominal 0.9
            else Assert.Null(row["picp90"]);
        }
        var claims = res["reproduced"]!.AsArray();
        Assert.True(claims.Count >= 10);
        Assert.All(claims, c => Assert.Matches("^(yes.*|no.*|partly.*|not comparable|not assessed \\(model .* flagged: .*\\))$",
            c!["agrees"]!.GetValue<string>()));
        // no verdict rests on a model the degenerate-model guard flagged, in any training seed
        var flagged = metrics.Where(m => m!["health"]!.GetValue<string>() != "healthy")
            .Select(m => m!["figure"]!.GetValue<string>())
            .Concat(res["seedSpread"]!.AsArray().Where(r => r!["flaggedSeeds"]!.GetValue<int>() > 0).Select(r => r!["figure"]!.GetValue<string>()))
            .ToHashSet();
        foreach (var c in claims)
        {
            var used = c!["differences"]!.AsArray().SelectMany(x => x!["models"]!.AsArray().Select(m => m!.GetValue<string>()));
            if (used.Any(flagged.Contains)) Assert.StartsWith("not assessed", c["agrees"]!.GetValue<string>());
        }
        // model comparisons carry paired-bootstrap intervals: the point value is the R² difference of predictions.csv, it lies
        // inside its interval, and "yes" is given exactly when every interval is above zero
        double R2Of(string fig) => recomputed[fig].R2;
        var ranking = claims.Single(c => c!["claim"]!.GetValue<string>().StartsWith("CNN beats RF beats ANN", StringComparison.Ordinal))!;
        var d = ranking["differences"]!.AsArray();
        Assert.Equal(["9C − 9B", "9B − 9A"], d.Select(x => x!["label"]!.GetValue<string>()).ToArray());
        Assert.Equal(R2Of("9C") - R2Of("9B"), d[0]!["value"]!.GetValue<double>(), 2e-3);
        Assert.Equal(R2Of("9B") - R2Of("9A"), d[1]!["value"]!.GetValue<double>(), 2e-3);
        int compared = 0;
        foreach (var c in claims)
        {
            var diffs = c!["differences"]!.AsArray();
            if (diffs.Count == 0) continue;
            compared++;
            foreach (var x in diffs)
            {
                double v = x!["value"]!.GetValue<double>(), lo = x["lower"]!.GetValue<double>(), hi = x["upper"]!.GetValue<double>();
                Assert.True(lo <= v && v <= hi && hi - lo > 1e-4, $"{x["label"]}: {v} not inside a proper interval [{lo}, {hi}]");
            }
            // with several seeds "yes" needs every difference clear of noise in every seed
            var perSeed = c["seedSpread"]!.AsArray().SelectMany(x => x!["perSeed"]!.AsArray()).ToArray();
            var all = perSeed.Length > 0 ? perSeed : diffs.ToArray();
            if (!c["agrees"]!.GetValue<string>().StartsWith("not assessed", StringComparison.Ordinal))
                Assert.Equal(all.All(x => x!["lower"]!.GetValue<double>() > 0), c["agrees"]!.GetValue<string>().StartsWith("yes", StringComparison.Ordinal));
        }
        Assert.Equal(5, compared);
        // the in-domain control map is scored like the test area's, at pixels and at the field samples
        Assert.Equal(52, res["controlMap"]!["fieldSamples"]!.GetValue<int>());
        Assert.True(double.IsFinite(res["controlMap"]!["pixelR2"]!.GetValue<double>()));
        // the twin's observation counts are reported beside the paper's (§3.1, Fig. 6)
        Assert.Equal(116_089, res["twin"]!["counts"]![0]!["observations"]!.GetValue<int>());
    }

    /// <summary>
    /// Share of non-water pixels with at least one bare-soil observation, straight from the simulator's files: scenes with
    /// eo:cloud_cover ≤ 10 % (the paper's limit, which the notebook follows) and sun elevation ≥ 20°, DN → reflectance (DN − 1000)/10⁴ (baseline 05.10), SCL 0, 1, 3, 6, 8, 9, 10,
    /// 11 excluded, 20 m bands and SCL replicated onto the 10 m grid, NDVI &lt; 0.25, NBR2 &lt; 0.075, B3 &gt; B2, B4 &gt; B3.
    /// </summary>
    private static double BareFractionFromFiles(string sceneFolder)
    {
        using var parcels = RasterDataset.Open(Path.Combine(sceneFolder, "truth", "parcels.tif"));
        var crop = parcels.ReadFloat(2);
        int w = parcels.Grid.Width, h = parcels.Grid.Height;
        var bare = new bool[w * h];
        foreach (var itemPath in Directory.GetFiles(Path.Combine(sceneFolder, "S2"), "item.json", SearchOption.AllDirectories))
        {
            var props = JsonNode.Parse(File.ReadAllText(itemPath))!["properties"]!;
            Assert.Equal("05.10", props["s2:processing_baseline"]!.GetValue<string>());
            if (props["eo:cloud_cover"]!.GetValue<double>() > 10 || props["view:sun_elevation"]!.GetValue<double>() < 20) continue;
            var dir = Path.GetDirectoryName(itemPath)!;
            float[] Read(string band) { using var ds = RasterDataset.Open(Path.Combine(dir, band + ".tif")); return ds.ReadFloat(1, applyScaleOffset: false); }
            var (b2, b3, b4, b8, b11, b12, scl) = (Read("B02"), Read("B03"), Read("B04"), Read("B08"), Read("B11"), Read("B12"), Read("SCL"));
            int w20 = w / 2;
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++)
                {
                    int p = r * w + c, q = (r / 2) * w20 + c / 2;
                    if (scl[q] is 0 or 1 or 3 or 6 or 8 or 9 or 10 or 11) continue;
                    double R(float dn) => (dn - 1000) / 10000.0;
                    double blue = R(b2[p]), green = R(b3[p]), red = R(b4[p]), nir = R(b8[p]), sw1 = R(b11[q]), sw2 = R(b12[q]);
                    double ndvi = (nir - red) / (nir + red), nbr2 = (sw1 - sw2) / (sw1 + sw2);
                    if (ndvi < 0.25 && nbr2 < 0.075 && green > blue && red > green) bare[p] = true;
                }
        }
        int agri = 0, bareAgri = 0;
        for (int p = 0; p < w * h; p++)
        {
            if (crop[p] == 4) continue;   // water parcel (SimulatedCrop.Water)
            agri++;
            if (bare[p]) bareAgri++;
        }
        return (double)bareAgri / agri;
    }
}
