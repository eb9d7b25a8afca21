using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Interactive.Tests.Charts;

public class RasterChartTests
{
    private static readonly Crs Utm34 = Crs.FromEpsg(32634);
    private static JsonObject Json(Chart c) => (JsonObject)JsonNode.Parse(c.ToPlotlyJson())!;
    private static RasterGrid Grid(int w = 3, int h = 2) => new(w, h, GeoTransform.NorthUp(545000, 4498000, 10), Utm34);

    private static Raster Clay() =>
        Raster.Create(Grid(), "clay_percent", [10f, 20, 30, 40, float.NaN, 60], "%");

    [Fact]
    public void Map_HasCrsAxes_UnitColourBar_TransparentNodata_NorthUp()
    {
        var j = Json(Clay().ToChart());
        var t = j["data"]![0]!;
        Assert.Equal("heatmap", t["type"]!.GetValue<string>());
        Assert.Equal(545005.0, t["x"]![0]!.GetValue<double>());
        Assert.Equal(4497995.0, t["y"]![0]!.GetValue<double>());     // row 0 at the top: the largest northing
        Assert.True(t["y"]![1]!.GetValue<double>() < t["y"]![0]!.GetValue<double>());
        Assert.Null(t["z"]![1]![1]);                                 // nodata → null → transparent
        Assert.Equal("clay_percent (%)", t["colorbar"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("Easting (EPSG:32634)", j["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("Northing (EPSG:32634)", j["layout"]!["yaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("x", j["layout"]!["yaxis"]!["scaleanchor"]!.GetValue<string>());
        var ranged = Json(DomainCharts.Map(Clay(), scale: ColorScale.YlOrBr, min: 5, max: 60))["data"]![0]!;
        Assert.Equal(5.0, ranged["zmin"]!.GetValue<double>());
        Assert.Equal(60.0, ranged["zmax"]!.GetValue<double>());
    }

    [Fact]
    public void Map_OfGeographicRaster_SaysLongitudeAndLatitude()
    {
        var g = new RasterGrid(2, 2, GeoTransform.NorthUp(21, 41, 0.01), Crs.FromEpsg(4326));
        var j = Json(Raster.Create(g, "v", [1f, 2, 3, 4]).ToChart());
        Assert.Equal("Longitude (°, EPSG:4326)", j["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ClassMap_ShowsALegendOfClassNames_NotAColourBar()
    {
        var classes = RasterClasses.Of(new RasterClass(21, "bare soil", "#a0522d"), new RasterClass(20,
            "cloud-free, not bare", "#41ab5d"),
            new RasterClass(3, "cloud shadow", "#643200"));
        var r = Raster.Create(Grid(), ["mask"], [[21f, 20, 3, 3, float.NaN, 21]], new RasterOptions(Classes: classes));
        var j = Json(r.ToChart());
        var data = j["data"]!.AsArray();
        var heat = data[0]!;
        Assert.False(heat["showscale"]!.GetValue<bool>());
        Assert.Equal(0.0, heat["z"]![0]![0]!.GetValue<double>());   // class index, not code
        Assert.Equal(2.0, heat["z"]![0]![2]!.GetValue<double>());
        Assert.Null(heat["z"]![1]![1]);
        var legend = data.Skip(1).Select(d => d!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["bare soil", "cloud-free, not bare", "cloud shadow"], legend);
        Assert.True(j["layout"]!["showlegend"]!.GetValue<bool>());
        Assert.Equal("#643200", data[3]!["marker"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public void TrueColor_UsesOneCommonStretchForAllThreeBands()
    {
        var g = Grid(2, 1);
        // red twice as bright as blue: a per-band stretch would make both white; a common one keeps red brighter
        var r = Raster.Create(g, ["B04", "B03", "B02"], [[0.2f, 0.4f], [0.1f, 0.2f], [0.1f, 0.2f]],
            new RasterOptions("reflectance"));
        var (lo, hi) = RasterCharts.CommonStretch(r, 0, 100);
        Assert.Equal((0.1, 0.4), (lo, hi), new ToleranceComparer());
        var j = Json(r.TrueColor(lowPercent: 0, highPercent: 100));
        var px = j["data"]![0]!["z"]![0]![1]!;
        Assert.Equal(255, px[0]!.GetValue<int>());
        Assert.Equal(85, px[2]!.GetValue<int>());                  // (0.2 − 0.1) / 0.3 × 255
        Assert.Equal(0.0, j["data"]![0]!["z"]![0]![0]![2]!.GetValue<double>());
        var layout = j["layout"]!;
        Assert.Equal(545000.0, layout["xaxis"]!["range"]![0]!.GetValue<double>());   // pinned: north-up image
        Assert.Equal(4498000.0, layout["yaxis"]!["range"]![1]!.GetValue<double>());
        Assert.Throws<ArgumentException>(() => r.TrueColor(red: "B05"));
        var viaOptions = r.TrueColor(new TrueColorOptions(LowPercent: 0, HighPercent: 100, Title: "t"));
        var simple = r.TrueColor(lowPercent: 0, highPercent: 100, title: "t");
        Assert.Equal(simple.ToPlotlyJson(), viaOptions.ToPlotlyJson());
        Assert.Throws<ArgumentException>(() => r.TrueColor(new TrueColorOptions(LowPercent: 60, HighPercent: 40)));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.TrueColor(new TrueColorOptions(HighPercent: 120)));
    }

    [Fact]
    public void SmallMultiples_ShareOneColourRange_AndDateMultiplesTitleTheDates()
    {
        var a = Clay(); var b = a.Map(v => v * 2);
        var j = Json(RasterCharts.SmallMultiples([a, b], columns: 2));
        var data = j["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.All(data, d => Assert.Equal(10.0, d!["zmin"]!.GetValue<double>()));
        Assert.All(data, d => Assert.Equal(120.0, d!["zmax"]!.GetValue<double>()));
        Assert.Equal("x2", data[1]!["xaxis"]!.GetValue<string>());
        DateTime[] dates = [new(2020, 4, 1), new(2020, 5, 1), new(2020, 6, 1)];
        var stack = Raster.StackDates([a, b, a], dates);
        var dj = Json(stack.DateMultiples(columns: 3));
        var notes = dj["layout"]!["annotations"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()).ToArray();
        Assert.Contains(notes, n => n.Contains("2020-05-01"));
        Assert.Equal(3, dj["data"]!.AsArray().Count);
    }

    [Fact]
    public void DisplayOfARaster_IsAMap_InTheRunnerAndTheKernelFormatters()
    {
        var bundle = new Displayer().ToBundle(Clay())!;
        Assert.Equal("heatmap", bundle.PlotlyFigure!["data"]![0]!["type"]!.GetValue<string>());
        Assert.Contains("clay_percent", bundle.Text);
        KernelExtension.Register();
        Assert.Contains("soilnb-chart", Clay().ToDisplayString("text/html"));
        Assert.Contains("3×2 px", Clay().ToDisplayString("text/plain"));
        var rgb = Raster.Create(Grid(), ["B02", "B03", "B04"], [new float[6], new float[6], new float[6]]);
        Assert.Equal("image", new Displayer().ToBundle(rgb)!.PlotlyFigure!["data"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void DisplayOfABareSoilMask_IsSmallMultiplesOfDates_WithOneLegendOfSclClassNames()
    {
        // two dates of a 2 × 1 tile: a bare-soil pixel and a cloud (SCL 9), then vegetation and a cloud shadow (SCL 3)
        float[] soil = [0.09f, 0.12f, 0.16f, 0.19f, 0.21f, 0.22f, 0.24f, 0.25f, 0.30f, 0.28f];
        float[] veg = [0.03f, 0.07f, 0.04f, 0.12f, 0.30f, 0.38f, 0.42f, 0.43f, 0.22f, 0.11f];
        var refl = new float[2 * 10 * 2];
        for (int b = 0; b < 10; b++)
        {
            refl[b * 2] = soil[b]; refl[b * 2 + 1] = soil[b];            // date 0, pixels 0 and 1
            refl[20 + b * 2] = veg[b]; refl[20 + b * 2 + 1] = soil[b];   // date 1
        }
        var flags = new[] { (byte)5, (byte)9, (byte)4, (byte)3 }.Select(SoilNotebooks.Scenes.SclMask.FlagOf).ToArray();
        var tile = new SoilNotebooks.Scenes.StackTile([new DateTime(2020, 4, 1), new DateTime(2020, 6, 1)],
            new RasterWindow(0, 0, 2, 1), refl, flags);
        var mask = SoilNotebooks.Compositing.BareSoilMask.FromTile(tile, Grid(2, 1));
        Assert.Equal([21f, 9f], mask.AtDate(0).ToArray());
        Assert.Equal([20f, 3f], mask.AtDate(1).ToArray());

        var fig = new Displayer().ToBundle(mask)!.PlotlyFigure!;
        var data = fig["data"]!.AsArray();
        Assert.Equal(2, data.Count(d => d!["type"]!.GetValue<string>() == "heatmap"));
        var shown = data.Where(d => d!["type"]!.GetValue<string>() == "scatter" && d["showlegend"] is null)
            .Select(d => d!["name"]!.GetValue<string>()).ToArray();
        Assert.Contains("bare soil (S2MoS rule)", shown);
        Assert.Contains("3 cloud shadow", shown);                       // masked classes with their real SCL codes
        Assert.Contains("8/9 cloud, medium or high probability", shown);
        Assert.DoesNotContain("6 water", shown);                        // only the classes that occur
        Assert.Equal(shown.Length, shown.Distinct().Count());          // one legend for both panels
        Assert.True(fig["layout"]!["showlegend"]!.GetValue<bool>());
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) < 1e-6
            && Math.Abs(a.Item2 - b.Item2) < 1e-6;
        public int GetHashCode((double, double) obj) => 0;
    }
}
