using System.Text.Json.Nodes;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Interactive.Tests.Charts;

public class DomainChartTests
{
    private static JsonObject Json(Chart c) => (JsonObject)JsonNode.Parse(c.ToPlotlyJson())!;

    [Fact]
    public void RasterMap_FromGrid_UsesGeotransformAndEpsgLabel()
    {
        var grid = new RasterGrid(3, 2, new GeoTransform(600000, 20, 0, 5700000, 0, -20), Crs.FromEpsg(32633));
        var j = Json(DomainCharts.RasterMap(grid, [1f, 2, 3, 4, float.NaN, 6], colorBarTitle: "Clay (%)"));
        var t = j["data"]![0]!;
        Assert.Equal(600010.0, t["x"]![0]!.GetValue<double>());
        Assert.Equal(5699970.0, t["y"]![1]!.GetValue<double>());
        Assert.Null(t["z"]![1]![1]);
        Assert.Equal(6.0, t["z"]![1]![2]!.GetValue<double>());
        Assert.Equal("Easting (EPSG:32633)", j["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => DomainCharts.RasterMap(grid, [1f, 2]));
    }

    [Fact]
    public void ThresholdSearch_DisplaysAsLabelledHeatmap()
    {
        var cands = new List<ThresholdCandidate>();
        foreach (var n in new[] { 0.20, 0.25 })
            foreach (var b in new[] { 0.015, 0.045 })
                cands.Add(new ThresholdCandidate(n, b, 20, 100, [0.5], n + b));
        var result = new ThresholdSearchResult(cands, cands[^1]);
        var bundle = new Displayer().ToBundle(result)!;
        var fig = bundle.PlotlyFigure!;
        Assert.Equal("heatmap", fig["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("0.045", fig["data"]![0]!["x"]![1]!.GetValue<string>());
        Assert.Equal("0.25", fig["data"]![0]!["y"]![1]!.GetValue<string>());
        Assert.Equal(0.295, fig["data"]![0]!["z"]![1]![1]!.GetValue<double>(), 12);
        Assert.Contains("best NDVI < 0.25, NBR2 < 0.045", fig["layout"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void FilterBoxPlots_OrderFiltersByMeanTarget_OnePanelPerVariable()
    {
        FilterProfile P(int f, double meanTarget) => new(f, [0], ["id"], [1.0], meanTarget,
            [BoxStats.Of("B2", [0.1, 0.2]), BoxStats.Of("VV", [-12.0, -10])], [BoxStats.Of("lat", [50.0])], BoxStats.Of("clay", [meanTarget]));
        var chart = DomainCharts.FilterBoxPlots([P(0, 30), P(1, 10), P(2, 20)], "Clay (%)");
        var j = Json(chart);
        var titles = j["layout"]!["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()).ToArray();
        Assert.Equal(["<b>Clay (%)</b>", "<b>B2</b>", "<b>VV</b>", "<b>lat</b>"], titles);
        var firstPanel = j["data"]!.AsArray().Where(t => t!["xaxis"] is null).Select(t => t!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["F1", "F2", "F0"], firstPanel);
        Assert.Equal(12, j["data"]!.AsArray().Count); // 4 panels × 3 filters
    }

    [Fact]
    public void FilterBoxPlots_BoxesOfManyValues_AreDrawnFromTheirSummary()
    {
        var many = Enumerable.Range(0, 30_000).Select(i => 0.1 + 0.3 * ((i * 7919) % 30_000) / 30_000.0).ToArray();   // a full-size run: W × top samples
        var big = BoxStats.Of("B12", many);
        FilterProfile P(int f, double meanTarget) => new(f, [0], ["id"], [1.0], meanTarget, [big], [BoxStats.Of("lat", [50.0, 51])], BoxStats.Of("clay", [meanTarget, meanTarget + 1]));
        var chart = DomainCharts.FilterBoxPlots([P(0, 30), P(1, 10)], "Clay (%)");
        var json = chart.ToPlotlyJson();
        Assert.True(json.Length < 20_000, $"the figure holds the values: {json.Length} characters");
        var traces = Json(chart)["data"]!.AsArray();
        var summary = traces.Where(t => t!["q1"] is not null).ToArray();
        Assert.Equal(2, summary.Length);                                          // the two B12 boxes
        Assert.All(summary, t => Assert.Null(t!["y"]));
        Assert.Equal(big.Q1, summary[0]!["q1"]![0]!.GetValue<double>(), 9);
        Assert.Equal(big.Median, summary[0]!["median"]![0]!.GetValue<double>(), 9);
        Assert.Equal(big.UpperWhisker, summary[0]!["upperfence"]![0]!.GetValue<double>(), 9);
        Assert.Equal(big.Mean, summary[0]!["mean"]![0]!.GetValue<double>(), 9);
        Assert.Equal("F1", summary[0]!["x"]![0]!.GetValue<string>());            // ordered by mean target, positioned at its name
        Assert.Equal(4, traces.Count(t => t!["y"] is not null));                  // small boxes (clay, lat) keep their values
        Assert.Throws<ArgumentException>(() => new Chart { Traces = [new BoxSummaryTrace(2, 1, 3, 0, 4)] }.ToPlotlyJson());
    }

    [Fact]
    public void CrossValidation_DisplaysAsObservedVsPredicted()
    {
        var cv = new CrossValidationResult([1.0, 2, 3], [1.1, 2.2, 2.7], RegressionMetrics.Compute([1.0, 2, 3], [1.1, 2.2, 2.7]), [], Folds.Predefined([1, 2, 3]));
        var fig = new Displayer().ToBundle(cv)!.PlotlyFigure!;
        Assert.Equal("line", fig["layout"]!["shapes"]![0]!["type"]!.GetValue<string>());
    }
}

public class MapOverlayTests
{
    [Fact]
    public void PointMap_HasCountryBordersWithGaps_AndLatitudeAspect()
    {
        var j = (JsonObject)JsonNode.Parse(CountryBorders.PointMap([10.0, 12], [50.0, 52], [20.0, 30], colorBarTitle: "Clay (%)").ToPlotlyJson())!;
        var borders = j["data"]![0]!;
        Assert.Equal("lines", borders["mode"]!.GetValue<string>());
        var xs = borders["x"]!.AsArray();
        Assert.True(xs.Count > 5000, "Natural Earth borders of Europe are loaded");
        Assert.Contains(xs, x => x is null);                    // gaps between polylines
        Assert.Equal(1 / Math.Cos(51 * Math.PI / 180), j["layout"]!["yaxis"]!["scaleratio"]!.GetValue<double>(), 9);
        var points = j["data"]![1]!;
        Assert.Equal("Clay (%)", points["marker"]!["colorbar"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void BrewerScales_AreWrittenAsStops_NamedScalesAsNames()
    {
        var j = (JsonObject)JsonNode.Parse(Chart.Heatmap(new double[,] { { 1 } }, scale: ColorScale.YlOrBr).ToPlotlyJson())!;
        var stops = j["data"]![0]!["colorscale"]!.AsArray();
        Assert.Equal(9, stops.Count);
        Assert.Equal(0.0, stops[0]![0]!.GetValue<double>());
        Assert.Equal("#662506", stops[8]![1]!.GetValue<string>());
        var v = (JsonObject)JsonNode.Parse(Chart.Heatmap(new double[,] { { 1 } }).ToPlotlyJson())!;
        Assert.Equal("Viridis", v["data"]![0]!["colorscale"]!.GetValue<string>());
    }
}

public class NeuralDisplayTests
{
    [Fact]
    public void LossCurves_OneSolidAndOneDashedLinePerBag_LogAxis()
    {
        var h = new TrainingHistory([0.5, 0.3, 0.2], [0.6, 0.4, 0.35], [1, 1, 1], 3, false);
        var fig = new Displayer().ToBundle(new[] { h, h })!.PlotlyFigure!;
        Assert.Equal(4, fig["data"]!.AsArray().Count);
        Assert.Equal("dash", fig["data"]![1]!["line"]!["dash"]!.GetValue<string>());
        Assert.Equal("log", fig["layout"]!["yaxis"]!["type"]!.GetValue<string>());
        Assert.Equal(3.0, fig["data"]![0]!["x"]![2]!.GetValue<double>());
    }

    [Fact]
    public void EpochProgress_WritesSelectedEpochsAsLines()
    {
        var old = Console.Out;
        var sw = new StringWriter();
        Console.SetOut(sw);
        try
        {
            var p = NotebookProgress.Epochs(every: 5);
            for (int e = 1; e <= 10; e++) p.Report(new EpochProgress(e, 10, 1.0 / e, double.NaN, 0.5, 1));
        }
        finally { Console.SetOut(old); }
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["bag 2 epoch 1/10", "bag 2 epoch 5/10", "bag 2 epoch 10/10"], lines.Select(l => string.Join(' ', l.Split(' ').Take(4))).ToArray());
        Assert.Contains("loss 0.20000", lines[1]);

        sw = new StringWriter();
        Console.SetOut(sw);
        try
        {
            var labelled = NotebookProgress.Epochs(every: 50, label: "9C CNN");
            for (int e = 1; e <= 100; e++) labelled.Report(new EpochProgress(e, 100, 0.1, double.NaN, 0.5, 0));
        }
        finally { Console.SetOut(old); }
        Assert.Equal(["9C CNN: bag 1 epoch 1/100", "9C CNN: bag 1 epoch 50/100", "9C CNN: bag 1 epoch 100/100"],
            sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ').Take(6))).ToArray());
    }
}

public class ForestDisplayTests
{
    [Fact]
    public void Importances_AreSortedBars_PreferringPermutation()
    {
        var fig = new Displayer().ToBundle(new List<SoilNotebooks.Learning.Forests.FeatureImportance>
        {
            new("B12", 5, 0.30), new("lat", 9, 0.10), new("B4", 1, 0.20),
        })!.PlotlyFigure!;
        var bar = fig["data"]![0]!;
        Assert.Equal("h", bar["orientation"]!.GetValue<string>());
        Assert.Equal(["lat", "B4", "B12"], bar["y"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray());
        Assert.Contains("permutation", fig["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Roc_AndConfusion_AndIntervals_Chart()
    {
        var roc = new Displayer().ToBundle(new RocCurve([0, 0.5, 1], [0, 0.8, 1], [1, 0.5, 0], 0.65))!.PlotlyFigure!;
        Assert.Contains("AUC = 0.650", roc["layout"]!["title"]!["text"]!.GetValue<string>());
        var m = ClassificationMetrics.Compute(["a", "b", "b"], ["a", "b", "a"]);
        var conf = (JsonObject)JsonNode.Parse(DomainCharts.ConfusionHeatmap(m).ToPlotlyJson())!;
        Assert.Equal(1.0, conf["data"]![0]!["z"]![1]![0]!.GetValue<double>()); // observed b predicted a
        var ovp = new SoilNotebooks.Evaluation.ObservedVsPredicted("clay", [1.0, 2, 3], [1.1, 2.1, 2.9], RegressionMetrics.Compute([1.0, 2, 3], [1.1, 2.1, 2.9]), [0.5, 1.5, 2.5], [1.5, 2.5, 3.5]);
        var fig = new Displayer().ToBundle(ovp)!.PlotlyFigure!;
        Assert.Equal("prediction interval", fig["data"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(0.5, fig["data"]![0]!["y"]![0]!.GetValue<double>());
    }
}
