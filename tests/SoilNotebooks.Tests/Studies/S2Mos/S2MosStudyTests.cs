using System.Text.Json.Nodes;
using SoilNotebooks.Compositing;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Evaluation;
using SoilNotebooks.IO;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Studies.S2Mos;
using SoilNotebooks.Tests.Scenes;

namespace SoilNotebooks.Tests.Studies.S2Mos;

/// <summary>The S2MoS study verbs that replaced the notebook's hand-written code, checked on their own.</summary>
[Collection("SimulatedStack")]
public class S2MosStudyTests(SimFixture fx)
{
    [Fact]
    public void Sizes_presets_overrides_and_bad_modes()
    {
        Assert.Equal(6136, S2MosSizes.For("full").Points);
        Assert.Equal(500, S2MosSizes.For("quick").Points);
        var workshop = S2MosSizes.For("workshop");   // between quick and full on every size
        Assert.Equal((2000, 64, 30), (workshop.Points, workshop.Width, workshop.CnnEpochs));
        Assert.True(S2MosSizes.Quick.Points < workshop.Points && workshop.Points < S2MosSizes.Full.Points);
        Assert.True(S2MosSizes.Quick.Width < workshop.Width && workshop.Width < S2MosSizes.Full.Width);
        Assert.Equal(S2MosSizes.MinimumPoints, S2MosSizes.For("quick", points: 3).Points);
        Assert.Equal(7, S2MosSizes.For("full", cnnEpochs: 7).CnnEpochs);
        Assert.Contains("\"quick\", \"workshop\" or \"full\"", Assert.Throws<ArgumentException>(() => S2MosSizes.For("fast")).Message);
        Assert.Throws<ArgumentException>(() => S2MosSizes.For("quick", points: -1));
        Assert.Equal(3, S2MosSizes.For("full").Seeds);
        Assert.Equal(2, S2MosSizes.For("quick").Seeds);
        Assert.Equal(5, S2MosSizes.For("quick", seeds: 5).Seeds);
        Assert.Throws<ArgumentException>(() => S2MosSizes.For("quick", seeds: -1));
        // the Greek area has the paper's Greek clay quartiles, the control area the training points' (LUCAS) distribution
        var greek = S2MosSizes.Quick.SceneOptions(1); var control = S2MosSizes.Quick.ControlSceneOptions(1);
        Assert.Same(S2MosPaper.GreekClayQuantiles, greek.ClayQuantiles);
        Assert.Equal(57.5, greek.ClayQuantiles!.At(0.5), 9);
        Assert.Same(S2MosPointTwin.ClayQuantiles, control.ClayQuantiles);
        Assert.Equal((greek.Size, greek.Dates, greek.Start), (control.Size, control.Dates, control.Start));
        Assert.NotEqual(greek.Epsg, control.Epsg);
        Assert.Equal(4901, S2MosPaper.CalibrationCount(6136));
        Assert.Equal((int)Math.Round(500 * 4901.0 / 6136.0), S2MosPaper.CalibrationCount(500));
    }

    [Fact]
    public void Model_variants_record_predictions_health_and_metrics()
    {
        var twin = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 60, MaxObservations: 6, Seed: 4)).ToSampleSeries();
        var split = twin.KennardStone(48, SentinelChannels.Optical);
        var sizes = S2MosSizes.Quick with { Width = 8, CnnEpochs = 2, AnnEpochs = 3, Bags = 2, RfNodeSizes = [5], RfTrees = [20] };
        var models = new S2MosModels(split, sizes, seed: 3);
        var tuned = models.TuneForest(SentinelChannels.Optical, ["lat", "lon"]);
        models.Forest("9B", "median S2 + coordinates", SentinelChannels.Optical, ["lat", "lon"], tuned.Best.Parameters);
        models.Network("9D", SoilNotebooks.Learning.Neural.NeuralModelKind.Ann, "median S2", SentinelChannels.Optical, []);
        Assert.Equal(["9B", "9D"], models.Runs.Select(r => r.Figure));
        var rf = models["9B"];
        Assert.Equal(split.Test.Ids, rf.Prediction.Ids);
        Assert.Equal(RegressionMetrics.Compute(split.Test.Target("clay").ToArray(), rf.Predicted).R2, rf.Metrics.R2);
        Assert.Equal("0.55", rf.Paper.R2);
        Assert.Empty(rf.Histories);
        Assert.Equal(2, models["9D"].Histories.Count);
        var rows = models.MetricsRows();
        Assert.Equal(rf.Metrics.Rmse, rows[0].Rmse);
        Assert.Equal(rf.Health.Reason, rows[0].Health);
        Assert.Throws<ArgumentException>(() => models.Forest("9B", "again", SentinelChannels.Optical, [], tuned.Best.Parameters));
        Assert.Contains("Runs: 9B, 9D", Assert.Throws<KeyNotFoundException>(() => models["9C"]).Message);
        var path = Path.Combine(RepoPaths.NewTempDir(), "predictions.csv");
        models.WritePredictions(path);
        var csv = global::SoilNotebooks.Tabular.CsvTable.Read(path);
        Assert.Equal(["id", "observed", "9B", "9D"], csv.Columns);
        Assert.Equal(rf.Predicted, csv.GetDoubles("9B"), (a, b) => Math.Abs(a - b) < 1e-6 * Math.Max(1, Math.Abs(a)));
    }

    [Fact]
    public void Bare_share_and_field_samples_of_the_simulated_area()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var composite = ScmapComposite.Compute(stack);
        var share = fx.Sim.BareShare(composite);
        var agri = fx.Sim.Agricultural();
        Assert.Equal(agri.Count(a => a), share.AgriculturalPixels);
        Assert.Equal(Enumerable.Range(0, agri.Length).Count(p => agri[p] && composite.Data.BareCount[p] > 0), share.BarePixels);
        Assert.Equal(share.BarePixels / (double)share.AgriculturalPixels, share.Fraction);
        var byCrop = fx.Sim.BareShareByCrop(composite);
        Assert.Equal(agri.Length, byCrop.Sum(c => c.Pixels));

        var truth = fx.Sim.ClayRaster();
        var field = fx.Sim.FieldSamples(truth, 20, seed: 5);
        Assert.Equal(20, field.Pixels.Distinct().Count());
        Assert.Equal(field.Observed, field.Predicted);   // the truth against itself
        Assert.Equal(1, field.Metrics.R2, 12);
        Assert.Equal(field.Pixels, fx.Sim.FieldSamples(truth, 20, seed: 5).Pixels);   // seeded
    }

    [Fact]
    public void A_prediction_raster_fills_stride_blocks_inside_the_fields_only()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var agri = fx.Sim.Agricultural();
        var pixels = BareSoilSeries.FromStack(stack, new BareSoilSeriesOptions(IncludeSentinel1: false, Stride: 2), agri);
        var values = Enumerable.Range(0, pixels.Count).Select(i => (double)i).ToArray();
        var map = pixels.ToRaster(values, stack.Grid, "clay_percent", "%", stride: 2, include: agri);
        var layer = map.ToArray();
        var index = pixels.Covariate(BareSoilSeries.PixelCovariate).Values.Select(v => (int)v).ToArray();
        int w = stack.Grid.Width;
        for (int i = 0; i < index.Length; i++)
        {
            int p = index[i];
            Assert.Equal((float)values[i], layer[p]);
            int right = p + 1;   // the block's right neighbour (same row, stride 2 starts on even columns)
            if (p % w + 1 < w) Assert.Equal(agri[right] ? (float)values[i] : float.NaN, layer[right]);
        }
        Assert.All(Enumerable.Range(0, agri.Length).Where(p => !agri[p]), p => Assert.True(float.IsNaN(layer[p])));
        Assert.Equal("%", map.Units[0]);
    }

    [Fact]
    public void Results_file_writes_camel_case_atomically_and_keeps_given_keys()
    {
        var dir = RepoPaths.NewTempDir();
        var results = new ResultsFile("nb", "quick", 7, dir) { ["bareFraction"] = 0.5, ["sizes"] = S2MosSizes.Quick };
        var path = results.Write();
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("nb", json["notebook"]!.GetValue<string>());
        Assert.Equal(7, json["seed"]!.GetValue<int>());
        Assert.Equal(0.5, json["bareFraction"]!.GetValue<double>());
        Assert.Equal(500, json["sizes"]!["points"]!.GetValue<int>());
        Assert.True(json["seconds"]!.GetValue<double>() >= 0);
        Assert.Equal(["results.json"], Directory.GetFiles(dir).Select(Path.GetFileName));   // no temporary left behind
        Assert.False(Directory.Exists(results.Folder("scenes", fresh: true)));   // a path, created by the caller
    }
    [Fact]
    public void Recorded_run_is_read_from_its_file_beside_this_run()
    {
        var dir = RepoPaths.NewTempDir();
        var results = new ResultsFile("nb", "quick", 7, dir)
        {
            ["sizes"] = S2MosSizes.Quick,
            ["seedSpread"] = new[] { new { Figure = "9C", MeanR2 = 0.171, SdR2 = 0.046, FlaggedSeeds = 0 },
                new { Figure = "B.1", MeanR2 = 0.031, SdR2 = 0.02, FlaggedSeeds = 1 } },
            ["reproduced"] = new[] { new { Claim = "CNN beats RF beats ANN", Agrees = "no" } },
        };
        var missing = S2MosRecordedRun.CompareWithRecorded(results, Path.Combine(dir, "none.json"));
        Assert.All(missing, r => Assert.Equal(RecordedRun.NotRecorded, r.Recorded));
        string Value(IReadOnlyList<RunComparison> rows, string start, bool recorded = false) =>
            rows.Single(r => r.Quantity.StartsWith(start, StringComparison.Ordinal)) is var row && recorded ? row.Recorded : row.ThisRun;
        Assert.Equal("500, 32, 12 × 5, 2", Value(missing, "points"));
        Assert.Equal("0.17 ± 0.05 (0)", Value(missing, "R² 9C"));
        Assert.Equal("0.03 ± 0.02 (1)", Value(missing, "R² B.1"));
        Assert.Equal("– (–)", Value(missing, "R² 9A"));          // a figure this run has not written
        Assert.Equal("no", Value(missing, "claim: CNN beats RF beats ANN"));

        var file = Path.Combine(dir, "full.json");
        File.WriteAllText(file, """
            { "sizes": { "points": 6136, "width": 150, "cnnEpochs": 100, "bags": 5, "seeds": 3 },
              "seedSpread": [ { "figure": "9C", "meanR2": 0.502, "sdR2": 0.031, "flaggedSeeds": 1 } ],
              "reproduced": [ { "claim": "CNN beats RF beats ANN", "agrees": "yes" } ], "seconds": 3600 }
            """);
        var rows = S2MosRecordedRun.CompareWithRecorded(results, file);
        Assert.Equal("6136, 150, 100 × 5, 3", Value(rows, "points", recorded: true));
        Assert.Equal("0.50 ± 0.03 (1)", Value(rows, "R² 9C", recorded: true));
        Assert.Equal("yes", Value(rows, "claim: CNN", recorded: true));
        Assert.Equal("3600", Value(rows, "cell time", recorded: true));

        var claim = Assert.Single(S2MosRecordedRun.RecordedClaims(file));
        Assert.Equal(new RecordedClaim("CNN beats RF beats ANN", RecordedRun.Missing, RecordedRun.Missing, "yes"), claim);
        Assert.Equal(RecordedRun.NotRecorded, Assert.Single(S2MosRecordedRun.RecordedClaims(Path.Combine(dir, "none.json"))).Agrees);
    }
}
