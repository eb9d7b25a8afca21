using System.Text.Json.Nodes;
using SoilNotebooks.Interactive.Charts;

namespace SoilNotebooks.Interactive.Tests.Charts;

public class ChartTests
{
    private static JsonObject Json(Chart c) => (JsonObject)JsonNode.Parse(c.ToPlotlyJson())!;

    [Fact]
    public void Scatter_WritesPlotlyTraceAndAxisTitles_NaNAsNull()
    {
        var j = Json(Chart.Scatter([1, 2, double.NaN], [4, 5, 6], name: "pts", title: "T", xTitle: "Clay (%)", yTitle: "B12"));
        var t = j["data"]![0]!;
        Assert.Equal("scatter", t["type"]!.GetValue<string>());
        Assert.Equal("markers", t["mode"]!.GetValue<string>());
        Assert.Equal(2.0, t["x"]![1]!.GetValue<double>());
        Assert.Null(t["x"]![2]);
        Assert.Equal("T", j["layout"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("Clay (%)", j["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ObservedVsPredicted_HasOneToOneLine_EqualRanges_AndMetrics()
    {
        double[] o = [10, 20, 30, 40], p = [12, 18, 33, 37];
        var j = Json(Chart.ObservedVsPredicted(o, p, unit: "%", target: "Clay"));
        var shape = j["layout"]!["shapes"]![0]!;
        Assert.Equal(shape["x0"]!.GetValue<double>(), shape["y0"]!.GetValue<double>());
        Assert.Equal(shape["x1"]!.GetValue<double>(), shape["y1"]!.GetValue<double>());
        Assert.True(shape["x0"]!.GetValue<double>() < 10 && shape["x1"]!.GetValue<double>() > 40);
        Assert.Equal("x", j["layout"]!["yaxis"]!["scaleanchor"]!.GetValue<string>());
        var m = SoilNotebooks.Evaluation.RegressionMetrics.Compute(o, p);
        var note = j["layout"]!["annotations"]![0]!["text"]!.GetValue<string>();
        Assert.Contains($"RMSE = {m.Rmse:0.###} %", note);
        Assert.Contains($"R² = {m.R2:0.###}", note);
        Assert.Contains("n = 4", note);
        Assert.Equal("Observed Clay (%)", j["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void RasterMap_PutsCellCentresInMapCoordinates_NodataAsNull()
    {
        var v = new double[,] { { 1, 2, 3 }, { 4, double.NaN, 6 } };
        var j = Json(Chart.RasterMap(v, originX: 500000, pixelWidth: 10, originY: 5800000, pixelHeight: -10, crs: "EPSG:32633", colorBarTitle: "Clay (%)"));
        var t = j["data"]![0]!;
        Assert.Equal("heatmap", t["type"]!.GetValue<string>());
        Assert.Equal([500005.0, 500015, 500025], t["x"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray());
        Assert.Equal([5799995.0, 5799985], t["y"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray());
        Assert.Null(t["z"]![1]![1]);
        Assert.Equal("Clay (%)", t["colorbar"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("Easting (EPSG:32633)", j["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("x", j["layout"]!["yaxis"]!["scaleanchor"]!.GetValue<string>());
    }

    [Fact]
    public void RasterMap_BlockAveragesLargeRasters_IgnoringNodata()
    {
        var v = new double[4, 4];
        for (int i = 0; i < 4; i++) for (int k = 0; k < 4; k++) v[i, k] = i * 4 + k;
        v[0, 0] = double.NaN;
        var j = Json(Chart.RasterMap(v, 0, 1, 4, -1, maxCells: 4));
        var z = j["data"]![0]!["z"]!;
        Assert.Equal(2, z.AsArray().Count);
        Assert.Equal((1 + 4 + 5) / 3.0, z[0]![0]!.GetValue<double>(), 6);   // map cells are written with single precision
        Assert.Equal((10 + 11 + 14 + 15) / 4.0, z[1]![1]!.GetValue<double>(), 12);
        Assert.Equal(1.0, j["data"]![0]!["x"]![0]!.GetValue<double>()); // centre of a 2-pixel block
    }

    [Fact]
    public void RgbMap_StretchesByPercentiles_AndMakesNodataTransparent()
    {
        var r = new double[,] { { 0, 50, 100 }, { double.NaN, 25, 75 } };
        var j = Json(Chart.RgbMap(r, r, r, 0, 10, 20, -10, lowPercent: 0, highPercent: 100));
        var t = j["data"]![0]!;
        Assert.Equal("image", t["type"]!.GetValue<string>());
        Assert.Equal(0, t["z"]![0]![0]![0]!.GetValue<int>());
        Assert.Equal(255, t["z"]![0]![2]![0]!.GetValue<int>());
        Assert.Equal(128, t["z"]![0]![1]![1]!.GetValue<int>());
        Assert.Equal(0.0, t["z"]![1]![0]![3]!.GetValue<double>());
        Assert.Equal(1.0, t["z"]![0]![0]![3]!.GetValue<double>());
        Assert.Equal(5.0, t["x0"]!.GetValue<double>());
        Assert.True(j["layout"]!["yaxis"]!["autorange"]!.GetValue<bool>()); // not Plotly's image default "reversed": north stays up
        Assert.Equal(15.0, t["y0"]!.GetValue<double>());
    }

    [Fact]
    public void Grid_AssignsSubplotAxesDomainsAndColourBars()
    {
        var a = Chart.Histogram([1, 2, 3], title: "A");
        var b = Chart.RasterMap(new double[,] { { 1 } }, 0, 1, 1, -1, title: "B");
        var j = Json(Chart.Grid(2, a, b));
        Assert.Equal("x2", j["data"]![1]!["xaxis"]!.GetValue<string>());
        Assert.Equal("y2", j["data"]![1]!["yaxis"]!.GetValue<string>());
        var d1 = j["layout"]!["xaxis"]!["domain"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
        var d2 = j["layout"]!["xaxis2"]!["domain"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
        Assert.True(d1[1] < d2[0], "subplots do not overlap");
        Assert.True(d2[0] - d1[1] >= 0.2, "a wider gap leaves room for colour bars between subplots");
        Assert.Equal("x2", j["layout"]!["yaxis2"]!["scaleanchor"]!.GetValue<string>()); // map keeps equal aspect
        Assert.True(j["data"]![1]!["colorbar"]!["x"]!.GetValue<double>() > d2[1]);
        // the colour bar sits just right of its own subplot, centred on it, as long as it is tall
        var y2 = j["layout"]!["yaxis2"]!["domain"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
        Assert.Equal(d2[1] + 0.005, j["data"]![1]!["colorbar"]!["x"]!.GetValue<double>(), 12);
        Assert.Equal((y2[0] + y2[1]) / 2, j["data"]![1]!["colorbar"]!["y"]!.GetValue<double>(), 12);
        Assert.Equal(y2[1] - y2[0], j["data"]![1]!["colorbar"]!["len"]!.GetValue<double>(), 12);
        var titles = j["layout"]!["annotations"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()).ToArray();
        Assert.Contains("<b>A</b>", titles);
        Assert.Contains("<b>B</b>", titles);
    }

    [Fact]
    public void Box_Bar_Heatmap_WriteTheirData()
    {
        var box = Json(Chart.Box([("B2", [0.1, 0.2, double.NaN]), ("B3", [0.3])]));
        Assert.Equal("box", box["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(2, box["data"]![0]!["y"]!.AsArray().Count);
        Assert.Equal("B3", box["data"]![1]!["name"]!.GetValue<string>());
        var bar = Json(Chart.Bar(["RF", "CNN"], [0.55, 0.60]));
        Assert.Equal("CNN", bar["data"]![0]!["x"]![1]!.GetValue<string>());
        var heat = Json(Chart.Heatmap(new double[,] { { 0.5, 0.25 } }, ["0.2", "0.25"], ["0.015"], cellTextFormat: "0.00"));
        Assert.Equal("0.25", heat["data"]![0]!["text"]![0]![1]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => Chart.Bar(["a"], [1, 2]).ToPlotlyJson());
    }
}
