using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Interactive.Interop;
using Chart = SoilNotebooks.Interactive.Charts.Chart;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace SoilNotebooks.Interactive.Tests.Interop;

public class PlotlyNetInteropTests
{
    private static readonly double[] X = [1.5, 2.5, 4.0], Y = [10.0, 12.5, 9.25];

    private static GenericChart PlotlyNetPoints() =>
        PlotlyChart.Point<double, double, string>(x: X, y: Y, Name: "samples");

    [Fact]
    public void A_displayed_GenericChart_gives_the_same_mime_kinds_as_our_chart_and_carries_its_traces()
    {
        var d = new Displayer { EmbedPlotlyInFirstChart = false };
        var ours = d.ToBundle(Chart.Scatter(X, Y))!;
        var theirs = d.ToBundle(PlotlyNetPoints())!;
        Assert.Equal(ours.Data.Keys.Order(), theirs.Data.Keys.Order());
        var trace = theirs.PlotlyFigure!["data"]![0]!;
        Assert.Equal("scatter", trace["type"]!.GetValue<string>());
        Assert.Equal("samples", trace["name"]!.GetValue<string>());
        Assert.Equal(X, trace["x"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(Y, trace["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Contains("window.Plotly.newPlot", theirs.Html);
        Assert.Contains("Plotly.NET chart: scatter", theirs.Text);
        // the real kernel's path: the formatter registered by the extension
        Assert.Contains("window.Plotly.newPlot", PlotlyNetPoints().ToDisplayString("text/html"));
    }

    [Fact]
    public void Plotly_js_is_embedded_once_per_run_whichever_chart_kind_comes_first()
    {
        Assert.True(PlotlyAsset.Script is not null, "plotly.min.js must be installed by environment/setup.sh");
        var d = new Displayer();
        var first = d.ToBundle(PlotlyNetPoints())!;
        var second = d.ToBundle(Chart.Scatter(X, Y))!;
        var third = d.ToBundle(PlotlyNetPoints())!;
        Assert.Contains("var define=undefined", first.Html);
        Assert.DoesNotContain("var define=undefined", second.Html);
        Assert.DoesNotContain("var define=undefined", third.Html);
    }

    [Fact]
    public void Our_chart_converts_to_a_GenericChart_with_its_traces_and_layout()
    {
        var chart = Chart.Scatter(X, Y, title: "B12 against clay", xTitle: "Clay (%)", yTitle: "B12",
                marker: new Marker(Values: Y, ColorBarTitle: "Clay (%)"))
            .WithPoints([2.0], [11.0], "test", size: 7)
            .WithSize(640, 380);
        var ours = JsonNode.Parse(chart.ToPlotlyJson())!;
        var converted = JsonNode.Parse(PlotlyNetInterop.FigureJson(chart.ToPlotlyNet()))!;
        var ourTraces = ours["data"]!.AsArray();
        var theirTraces = converted["data"]!.AsArray();
        Assert.Equal(2, ourTraces.Count);
        Assert.Equal(ourTraces.Count, theirTraces.Count);
        for (int i = 0; i < ourTraces.Count; i++)
            Assert.True(JsonNode.DeepEquals(ourTraces[i], theirTraces[i]),
                $"trace {i}: {theirTraces[i]!.ToJsonString()}");
        foreach (var (key, value) in ours["layout"]!.AsObject())
            Assert.True(JsonNode.DeepEquals(value, converted["layout"]![key]), $"layout.{key}");
        Assert.Equal("B12 against clay", converted["layout"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(380, PlotlyNetInterop.Height(converted.ToJsonString()));
        // and Plotly.NET can keep working on it
        var restyled = Plotly.NET.CSharp.GenericChartExtensions.WithSize(chart.ToPlotlyNet(), Width: 800, Height: 500);
        Assert.Equal(500, PlotlyNetInterop.Height(PlotlyNetInterop.FigureJson(restyled)));
    }
}
