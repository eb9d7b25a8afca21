using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Interactive.Tests.Charts;

/// <summary>display(prediction) and the comparison values' formatters.</summary>
public class PredictionChartTests
{
    private static JsonObject Json(Chart c) => (JsonObject)JsonNode.Parse(c.ToPlotlyJson())!;

    private static Prediction WithIntervals() => new(["a", "b", "c", "d"], [10, 20, 30, double.NaN], [12, 18, 33, 25],
        "QRF", "Clay", "%", new IntervalBounds(0.9, [9, 15, 31, 20], [13, 21, 35, 30]));

    [Fact]
    public void APredictionWithoutIntervalsDisplaysAsObservedVsPredicted()
    {
        var p = Prediction.Of([10, 20, 30, 40], [12, 18, 33, 37], "RF", "Clay", "%");
        var fig = new Displayer().ToBundle(p)!.PlotlyFigure!;
        var shape = fig["layout"]!["shapes"]![0]!;
        Assert.Equal(shape["x0"]!.GetValue<double>(), shape["y0"]!.GetValue<double>());   // 1:1 line
        Assert.Equal("x", fig["layout"]!["yaxis"]!["scaleanchor"]!.GetValue<string>()); // square axes
        var note = fig["layout"]!["annotations"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("RMSE = ", note);
        Assert.Contains("R² = ", note);
        Assert.Contains("RPIQ = ", note);
        Assert.Equal("RF", fig["layout"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void IntervalsAddTheRankedIntervalChart()
    {
        var p = WithIntervals();
        var j = Json(PredictionCharts.Intervals(p));
        var data = j["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        // ranked by prediction: 12 (a), 18 (b), 25 (d), 33 (c)
        Assert.Equal([12.0, 18, 25, 33], data[1]!["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(9, data[0]!["y"]![0]!.GetValue<double>());
        Assert.Equal(13, data[0]!["y"]![1]!.GetValue<double>());
        Assert.Contains("PICP 0.67 (nominal 0.90)", j["layout"]!["title"]!["text"]!.GetValue<string>());
        // the unknown observation of sample d is left out of the scatter, and both panels are shown
        var both = new Displayer().ToBundle(p)!.PlotlyFigure!;
        Assert.Equal(1 + 3, both["data"]!.AsArray().Count);
        Assert.Equal(3, both["data"]![0]!["x"]!.AsArray().Count);
        Assert.Throws<ArgumentException>(() => PredictionCharts.Intervals(Prediction.Of([1, 2], [1, 2])));
    }

    [Fact]
    public void ComparisonValuesDisplayAsTablesAndText()
    {
        var d = new Difference("9C − 9B", 0.03, -0.01, 0.07);
        var html = new[] { d }.ToDisplayString("text/html");
        Assert.Contains("9C − 9B", html);
        Assert.Contains("clear of noise", html);
        Assert.Equal("partly (right direction, 0 of 1 clear of noise)", Verdict.Of(d).ToDisplayString("text/plain"));
        var h = ModelHealth.Assess(Prediction.Of([1, 2, 3], [2, 2, 2], "B.2"));
        Assert.Contains("flagged", new[] { h }.ToDisplayString("text/html"));
        Assert.Contains("PICP", WithIntervals().ToDisplayString("text/plain"));
    }

    [Fact]
    public void SeveralPredictionsDisplayAsAMetricsTable()
    {
        var rf = Prediction.Of([10, 20, 30, 40], [12, 18, 33, 37], "RF", "Clay", "%");
        var t = PredictionFormatters.MetricsTable([rf, WithIntervals()]);
        Assert.Equal("RMSE", t.Headers[3]);
        Assert.Equal("QRF", t.Rows[1][0]);
        Assert.Null(t.Rows[0][9]);
        Assert.Equal(2.0 / 3, (double)t.Rows[1][9]!, 12);
        Assert.Contains("<td>QRF</td>", new[] { rf, WithIntervals() }.ToDisplayString("text/html"));
    }

    [Fact]
    public void DescriptiveStatisticsShowUnitsInHeaders()
    {
        var rows = new[]
        {
            new DescriptiveStatistics("LUCAS (paper)", "Clay", "%", null, 1, 16, 23, 32, 79, 24.61, 12.79),
            Describe.Of([10.0, 20, 30, 40], "twin", "Clay", "%"),
        };
        var t = PredictionFormatters.DescribeTable(rows);
        Assert.Equal(["data", "n", "min (%)", "Q1 (%)", "median (%)", "Q3 (%)", "max (%)", "mean (%)", "SD (%)"],
            t.Headers);
        Assert.Contains("<th>median (%)</th>", rows.ToDisplayString("text/html"));
        var mixed = PredictionFormatters.DescribeTable([rows[0], Describe.Of([7.0, 8], "pH data", "pH")]);
        Assert.Equal("variable", mixed.Headers[1]);
    }
}
