using System.Text.Json.Nodes;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Mapping;
using SoilNotebooks.Rasters;
using SoilNotebooks.Salinity;

namespace SoilNotebooks.Interactive.Tests.Charts;

/// <summary>The salinity map's three charts: log10 ECe, classes with a legend of names and no colour bar, P(saline) on
/// 0–1, each with the Natural Earth borders projected into EPSG:3035 and the axes kept on the raster.</summary>
public class SalinityMapChartTests
{
    private static SalinityMap Map()
    {
        var grid = new RasterGrid(20, 16, GeoTransform.NorthUp(3_800_000, 3_200_000, 25_000), Crs.FromEpsg(3035));
        int n = grid.Width * grid.Height;
        var ece = Enumerable.Range(0, n).Select(i => i % 7 == 0 ? float.NaN : 0.1f * (1 + i % 50)).ToArray();
        var cls = ece.Select(e => float.IsNaN(e) ? float.NaN : e >= 2 ? 1f : 0f).ToArray();
        var p = ece.Select(e => float.IsNaN(e) ? float.NaN : Math.Min(1f, e / 4)).ToArray();
        string[] labels = ["ECe < 2", "ECe ≥ 2"];
        var classes = new RasterClasses(labels.Select((l, k) => new RasterClass(k, SalinityMap.ClassName(labels, k), SalinityMap.ClassColors[k])));
        var summary = new SalinityMapSummary(grid, 25_000, n, labels, [1, 1], [625, 625], 0.5, 0.5, 1, 1, 1, 16, 0.1, new Dictionary<string, string>());
        return new SalinityMap(summary, Raster.Create(grid, ["ece"], [ece], new RasterOptions("dS/m", Title: "predicted ECe")),
            Raster.Create(grid, ["class"], [cls], new RasterOptions(Classes: classes, Title: "class")),
            Raster.Create(grid, ["p_saline"], [p], new RasterOptions(Title: "P(saline)")), 1);
    }

    private static JsonObject Json(Chart c) => (JsonObject)JsonNode.Parse(c.ToPlotlyJson())!;

    private static void AssertBordersInLaea(JsonObject j, RasterGrid grid)
    {
        var borders = j["data"]!.AsArray().Single(t => t!["name"]?.GetValue<string>() == "borders")!;
        var xs = borders["x"]!.AsArray().Where(v => v is not null).Select(v => v!.GetValue<double>()).ToArray();
        Assert.True(xs.Length > 5000);
        Assert.All(xs, x => Assert.InRange(x, 0, 1e7));               // metres of EPSG:3035 (Azores ≈ 0.9 Mm, Urals ≈ 6.5 Mm)
        Assert.True(xs.Average() > 3e6, "projected, not degrees");
        var (minX, minY, maxX, maxY) = grid.Bounds;
        Assert.Equal([minX, maxX], j["layout"]!["xaxis"]!["range"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal([minY, maxY], j["layout"]!["yaxis"]!["range"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    [Fact]
    public void Ece_IsDrawnInLog10_WithBorders()
    {
        var map = Map();
        var j = Json(SalinityMapCharts.Ece(map));
        var z = j["data"]![0]!["z"]!.AsArray();
        // row 0 of the heat map is the raster's first row (north-up, y descending); cell 1 has ECe 0.2
        Assert.Equal(Math.Log10(0.2), z[0]![1]!.GetValue<double>(), 5);
        Assert.Null(z[0]![0]);                                        // nodata stays empty
        AssertBordersInLaea(j, map.Ece.Grid);
    }

    [Fact]
    public void Class_HasALegendOfClassNames_AndNoColourBar()
    {
        var map = Map();
        var j = Json(SalinityMapCharts.Class(map));
        Assert.False(j["data"]![0]!["showscale"]!.GetValue<bool>());
        var names = j["data"]!.AsArray().Select(t => t!["name"]?.GetValue<string>()).ToArray();
        Assert.Contains("non-saline, ECe < 2", names);
        Assert.Contains("saline, ECe ≥ 2", names);
        AssertBordersInLaea(j, map.Class.Grid);
    }

    [Fact]
    public void ProbabilitySaline_SpansZeroToOne()
    {
        var map = Map();
        var j = Json(SalinityMapCharts.ProbabilitySaline(map));
        Assert.Equal(0, j["data"]![0]!["zmin"]!.GetValue<double>());
        Assert.Equal(1, j["data"]![0]!["zmax"]!.GetValue<double>());
        AssertBordersInLaea(j, map.ProbabilitySaline.Grid);
    }

    [Fact]
    public void WindowProgress_WritesAboutATenthOfTheWindows_AndTheLast()
    {
        var old = Console.Out;
        var sw = new StringWriter();
        try
        {
            Console.SetOut(sw);
            var p = NotebookProgress.Windows("salinity");
            for (int w = 1; w <= 45; w++) p.Report(new MapProgress(w, 45, w * 100L));
        }
        finally { Console.SetOut(old); }
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);                               // windows 4, 8, …, 44 and 45
        Assert.Equal("salinity: window 45/45 (100%), 4,500 cells", lines[^1].TrimEnd('\r').Replace("100 %", "100%"));
    }
}
