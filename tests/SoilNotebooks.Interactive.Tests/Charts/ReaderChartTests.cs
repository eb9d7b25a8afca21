using System.Text.Json.Nodes;
using System.Xml.Linq;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Studies;
using SoilNotebooks.Studies.S2Mos;

namespace SoilNotebooks.Interactive.Tests.Charts;

/// <summary>
/// The charts a reader of the S2MoS report tripped over (issue 13, point 10) and the paper's figures it lacked (point 11):
/// each property asserted on the Plotly JSON (or the SVG) the chart writes.
/// </summary>
public class ReaderChartTests
{
    private static JsonObject Json(Chart c) => (JsonObject)JsonNode.Parse(c.ToPlotlyJson())!;
    private static double[] Numbers(JsonNode? n) => n!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
    private static RasterGrid Grid(int w = 3, int h = 2) => new(w, h, GeoTransform.NorthUp(545000, 4498000, 10), Crs.FromEpsg(32634));

    [Fact]
    public void ObservedVsPredicted_InAGrid_KeepsRmseAndRpiqInsideEachPanel_OnSquareAxes()
    {
        var a = Chart.ObservedVsPredicted([10, 20, 30, 40], [12, 18, 33, 37], "A", "%", "clay");
        var b = Chart.ObservedVsPredicted([5, 50, 60], [20, 21, 25], "B", "%", "clay");
        var j = Json(Chart.Grid(2, a, b));
        var notes = j["layout"]!["annotations"]!.AsArray().Where(n => n!["text"]!.GetValue<string>().Contains("RMSE")).ToArray();
        Assert.Equal(2, notes.Length);
        Assert.All(notes, n => Assert.Contains("RPIQ = ", n!["text"]!.GetValue<string>()));
        // the second note sits in the second panel: placed in its axis domain, which follows the panel where the equal
        // aspect shrinks it
        Assert.Equal(("x2 domain", "y2 domain"), (notes[1]!["xref"]!.GetValue<string>(), notes[1]!["yref"]!.GetValue<string>()));
        Assert.Equal(("x domain", "y domain"), (notes[0]!["xref"]!.GetValue<string>(), notes[0]!["yref"]!.GetValue<string>()));
        Assert.InRange(notes[1]!["x"]!.GetValue<double>(), 0, 0.1);         // top left of the panel
        Assert.InRange(notes[1]!["y"]!.GetValue<double>(), 0.9, 1);
        // the same range on both axes of each panel, kept (the domain shrinks instead), no zero line
        foreach (var s in new[] { "", "2" })
        {
            var xa = j["layout"]!["xaxis" + s]!; var ya = j["layout"]!["yaxis" + s]!;
            Assert.Equal(Numbers(xa["range"]), Numbers(ya["range"]));
            Assert.Equal("domain", xa["constrain"]!.GetValue<string>());
            Assert.Equal("domain", ya["constrain"]!.GetValue<string>());
            Assert.False(xa["zeroline"]!.GetValue<bool>());
        }
    }

    [Fact]
    public void Maps_DrawNoZeroLine_AtZeroLongitudeOrEasting()
    {
        var point = Json(CountryBorders.PointMap([-5, 10, 20], [40, 50, 60]));
        var raster = Json(Raster.Create(Grid(), "clay", [1f, 2, 3, 4, 5, 6], "%").ToChart());
        foreach (var j in new[] { point, raster })
        {
            Assert.False(j["layout"]!["xaxis"]!["zeroline"]!.GetValue<bool>());
            Assert.False(j["layout"]!["yaxis"]!["zeroline"]!.GetValue<bool>());
        }
        // in small multiples a map the equal aspect shrinks hangs from its top and keeps next to its colour bar
        var two = Json(RasterCharts.SmallMultiples([Raster.Create(Grid(), "n", [1f, 2, 3, 4, 5, 6], "count"),
            Raster.Create(Grid(), "f", [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f], "fraction")], 2));
        Assert.Equal("right", two["layout"]!["xaxis2"]!["constraintoward"]!.GetValue<string>());
        Assert.Equal("top", two["layout"]!["yaxis2"]!["constraintoward"]!.GetValue<string>());
        var bars = Json(Chart.Bar(["a", "b"], [-0.2, 0.3]));              // a bar chart of r keeps its zero line
        Assert.Null(bars["layout"]!["yaxis"]!["zeroline"]);
        Assert.False(Json(Chart.Scatter([1], [2]) with { YAxis = new Axis(ZeroLine: false) })["layout"]!["yaxis"]!["zeroline"]!.GetValue<bool>());
    }

    [Fact]
    public void PointMaps_DrawTheEmbeddedNaturalEarthBorders()
    {
        var j = Json(CountryBorders.PointMap([-5, 10, 20], [40, 50, 60]));
        var borders = j["data"]!.AsArray().Single(t => t!["name"]?.GetValue<string>() == "borders")!;
        Assert.Equal("lines", borders["mode"]!.GetValue<string>());
        var (lon, lat) = CountryBorders.Europe;
        Assert.Equal(lon.Length, borders["x"]!.AsArray().Count);          // the whole embedded dataset, NaN between lines
        Assert.True(lon.Length > 5000 && lon.Count(double.IsNaN) > 30, "Natural Earth 1:50m borders, not a hand-drawn outline");
        Assert.InRange(lat.Where(double.IsFinite).Max(), 65, 90);
    }

    [Fact]
    public void TitledCharts_LeaveTheModeBarItsOwnBand_AboveTitleAndSubplotTitles()
    {
        var titled = Json(Chart.Histogram([1, 2], title: "T"));
        var plain = Json(Chart.Histogram([1, 2]));
        var grid = Json(Chart.Grid(2, Chart.Histogram([1], title: "a"), Chart.Histogram([2], title: "b")) with { });
        // Plotly centres the title in the top margin and draws the mode bar in its top ~30 px: a margin of 90 puts the title
        // at 45 px, below the bar; subplot titles sit just above the plotting area, lower still
        Assert.Equal(Chart.TitledTopMargin, titled["layout"]!["margin"]!["t"]!.GetValue<int>());
        Assert.True(Chart.TitledTopMargin / 2 - 10 > 30);
        Assert.Equal(Chart.TitledTopMargin, grid["layout"]!["margin"]!["t"]!.GetValue<int>());
        Assert.Equal(Chart.PlainTopMargin, plain["layout"]!["margin"]!["t"]!.GetValue<int>());
        Assert.True(Chart.PlainTopMargin >= 30, "the bar sits above an untitled plot, not on it");
    }

    [Fact]
    public void Grid_RowsAreAFixedNumberOfPixelsApart_AndColumnsFollowTheirWidths()
    {
        var charts = Enumerable.Range(0, 8).Select(i => Chart.Histogram([i])).ToArray();
        var j = Json(Chart.Grid(4, [1, 3, 1, 1], charts, rowGapPixels: 50).WithSize(null, 600));
        var y1 = Numbers(j["layout"]!["yaxis"]!["domain"]); var y5 = Numbers(j["layout"]!["yaxis5"]!["domain"]);
        double plot = 600 - Chart.TitledTopMargin - 80;
        Assert.Equal(50, (y1[0] - y5[1]) * plot, 6);
        var x1 = Numbers(j["layout"]!["xaxis"]!["domain"]); var x2 = Numbers(j["layout"]!["xaxis2"]!["domain"]);
        Assert.Equal(3, (x2[1] - x2[0]) / (x1[1] - x1[0]), 9);
        Assert.Throws<ArgumentException>(() => Chart.Grid(2, [1.0], charts));
        Assert.Throws<ArgumentException>(() => Chart.Grid(2, [1.0, -1], charts));
    }

    [Fact]
    public void RgbMap_UsesOneStretchForTheThreeBands_NotAPerBandClip()
    {
        var red = new double[,] { { 0.2, 0.4 } }; var blue = new double[,] { { 0.1, 0.2 } };
        var z = Json(Chart.RgbMap(red, blue, blue, 0, 10, 20, -10, lowPercent: 0, highPercent: 100))["data"]![0]!["z"]![0]![1]!;
        Assert.Equal(255, z[0]!.GetValue<int>());                           // red at the pooled maximum
        Assert.Equal(85, z[2]!.GetValue<int>());                            // blue (0.2 − 0.1) / 0.3: a per-band clip gives 255
    }

    [Fact]
    public void ClassMaps_HaveADiscreteLegend_OfTheClassesPresent_WithSclCodes()
    {
        var r = Raster.Create(Grid(), ["SCL"], [[4f, 5, 5, 8, 4, 4]], new RasterOptions(Classes: SclClasses.Table));
        var j = Json(r.ToChart());
        var legend = j["data"]!.AsArray().Skip(1).Select(d => d!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["4 vegetation", "5 not vegetated (bare soil)", "8 cloud, medium probability"], legend);
        Assert.False(j["data"]![0]!["showscale"]!.GetValue<bool>());      // no colour bar at −0.5 … k − 0.5
    }

    [Fact]
    public void SmallMultiples_OfTwoClassTables_GroupTheLegendUnderEachMapsTitle()
    {
        var scl = Raster.Create(Grid(), ["SCL"], [[4f, 5, 5, 8, 4, 3]], new RasterOptions(Classes: SclClasses.Table, Title: "SCL"));
        var mask = Raster.Create(Grid(), ["mask"], [[21f, 20, 21, 9, 20, 3]],
            new RasterOptions(Classes: SoilNotebooks.Compositing.BareSoilMask.Classes, Title: "mask"));
        var j = Json(RasterCharts.SmallMultiples([scl, mask], 2));
        var shown = j["data"]!.AsArray().Where(d => d!["type"]!.GetValue<string>() == "scatter" && d["showlegend"] is null).ToArray();
        var titles = shown.Where(d => d!["legendgrouptitle"] is not null).Select(d => d!["legendgrouptitle"]!["text"]!.GetValue<string>());
        Assert.Equal(["SCL", "mask"], titles);
        Assert.Equal(2, shown.Count(d => d!["name"]!.GetValue<string>() == "3 cloud shadow"));   // once per group
        Assert.Contains(shown, d => d!["name"]!.GetValue<string>() == "bare soil (S2MoS rule)");
    }

    [Fact]
    public void SmallMultiples_OfDifferentUnits_KeepTheirOwnColourRanges()
    {
        var count = Raster.Create(Grid(), "bare_count", [0f, 5, 10, 20, 23, 1], "count");
        var share = Raster.Create(Grid(), "bare_frequency", [0f, 0.2f, 0.5f, 1, 0.9f, 0.1f], "fraction");
        Assert.False(RasterCharts.SharesOneRange([count, share]));
        var data = Json(RasterCharts.SmallMultiples([count, share], 2))["data"]!.AsArray();
        Assert.All(data, d => Assert.Null(d!["zmax"]));                     // each its own range: 0–23 and 0–1
        Assert.True(RasterCharts.SharesOneRange([count, count.Map(v => v + 1)]));
    }

    private static FilterProfile Profile(int f, double meanTarget) => new(f, [0, 1], ["a", "b"], [2.0, 1.0], meanTarget,
        [.. SentinelChannels.Optical.Select((b, k) => BoxStats.Of(b, [0.1 + 0.01 * k, 0.2 + meanTarget / 1000])),
            BoxStats.Of("VV", [-12.0, -10]), BoxStats.Of("VH", [-20.0, -18])],
        [BoxStats.Of("lat", [45.0, 50]), BoxStats.Of("lon", [5.0, 10])], BoxStats.Of("clay", [meanTarget - 1, meanTarget + 1]));

    [Fact]
    public void FilterPanels_OneRowPerFilter_LikeFigures10And11_OneScalePerColumn()
    {
        var chart = DomainCharts.FilterPanels([Profile(3, 30), Profile(1, 10), Profile(7, 20)], "Clay (%)");
        var j = Json(chart);
        var layout = j["layout"]!;
        // 3 filters × (clay, reflectance, SAR, location)
        Assert.NotNull(layout["xaxis12"]); Assert.Null(layout["xaxis13"]);
        var titles = layout["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()).ToArray();
        Assert.Equal(["<b>F1: mean 10, n = 2</b>", "<b>Sentinel-2 reflectance (0–1)</b>", "<b>Sentinel-1 (dB)</b>",
            "<b>location (°)</b>",
            "<b>F7: mean 20, n = 2</b>", "<b>F3: mean 30, n = 2</b>"], titles);
        // the reflectance panel holds the ten bands in wavelength order; every row of a column shares the y range
        var refl = j["data"]!.AsArray().Where(t => t!["xaxis"]?.GetValue<string>() == "x2").Select(t => t!["name"]!.GetValue<string>());
        Assert.Equal(SentinelChannels.Optical, refl);
        Assert.Equal(Numbers(layout["yaxis2"]!["range"]), Numbers(layout["yaxis10"]!["range"]));
        Assert.Equal(Numbers(layout["yaxis"]!["range"]), Numbers(layout["yaxis9"]!["range"]));
        var clayRange = Numbers(layout["yaxis"]!["range"]);
        Assert.True(clayRange[0] < 9 && clayRange[1] > 31);
        // columns by content: the spectrum wide, the others narrow; six filters fit in about 1000 px, not 1750
        var w = Numbers(layout["xaxis2"]!["domain"]); var w1 = Numbers(layout["xaxis"]!["domain"]);
        Assert.True(w[1] - w[0] > 3 * (w1[1] - w1[0]));
        var six = DomainCharts.FilterPanels([.. Enumerable.Range(0, 6).Select(k => Profile(k, 10 + k))]);
        Assert.InRange(six.Height, 800, 1100);
    }

    [Fact]
    public void Split_ShowsTheMapWithBorders_AndThePrincipalComponentsOfTheSpectra()
    {
        var b = new SampleSeriesBuilder(SentinelChannels.Optical, Crs.FromEpsg(4326));
        var rng = new Random(1);
        for (int i = 0; i < 30; i++)
        {
            int s = b.AddSample($"p{i}", -5 + i, 40 + i / 2.0);
            double k = 0.1 + 0.01 * i;
            b.AddObservation(s, new DateTime(2018, 5, 1), SentinelChannels.Optical.Select((_, c) => k * (1 + 0.1 * c) + 0.002 * rng.NextDouble()).ToArray());
        }
        var series = b.Target("clay", "%", Enumerable.Range(0, 30).Select(i => (double)i).ToArray()).Build();
        var split = series.KennardStone(20, SentinelChannels.Optical);
        var j = Json(SeriesCharts.Split(split));
        Assert.Contains(j["data"]!.AsArray(), t => t!["name"]?.GetValue<string>() == "borders");
        Assert.False(j["layout"]!["xaxis"]!["zeroline"]!.GetValue<bool>());
        Assert.StartsWith("PC1 (", j["layout"]!["xaxis2"]!["title"]!["text"]!.GetValue<string>());
        var pc = split.SpectralComponents();
        var test = j["data"]!.AsArray().Single(t => t!["name"]?.GetValue<string>() == "test" && t["xaxis"]?.GetValue<string>() == "x2")!;
        Assert.Equal(pc.Test.Select(r => r[0]), Numbers(test["x"]));
        Assert.Equal(pc.Test.Select(r => r[1]), Numbers(test["y"]));
    }

    [Fact]
    public void FlowDiagram_IsAnSvgOfBoxesAndArrows_EachArrowFromOneBoxToTheNext()
    {
        var d = FlowDiagram.Of(S2MosPaper.Workflow);
        var svg = XDocument.Parse(d.ToSvg()).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        var boxes = svg.Descendants(ns + "rect").Where(r => (string?)r.Attribute("class") == "step").ToArray();
        var arrows = svg.Descendants(ns + "polyline").ToArray();
        Assert.Equal(6, boxes.Length);
        Assert.Equal(5, arrows.Length);
        Assert.Equal(3, svg.Descendants(ns + "rect").Count(r => (string?)r.Attribute("class") == "phase"));
        for (int i = 0; i < 5; i++)
        {
            var pts = ((string)arrows[i].Attribute("points")!).Split(' ').Select(p => p.Split(',').Select(double.Parse).ToArray()).ToArray();
            double x0 = double.Parse((string)boxes[i].Attribute("x")!), x1 = double.Parse((string)boxes[i + 1].Attribute("x")!);
            Assert.Equal(x0 + FlowDiagram.BoxWidth, pts[0][0], 6);          // leaves box i at its right edge …
            Assert.Equal(x1, pts[^1][0], 6);                                 // … and ends on box i + 1's left edge
        }
        Assert.Contains("Data → Bare-soil mask → Points and series → Models → Evaluation → Map", d.ToString());
        // wrapped: the arrow from the end of a row goes down into the first box of the next
        var wrapped = FlowDiagram.Of(S2MosPaper.Workflow, columns: 4);
        Assert.Equal(2, wrapped.Rows);
        var a = wrapped.Arrow(3);
        Assert.Equal(wrapped.BoxAt(3).Y + wrapped.BoxHeight, a[0].Y, 6);
        Assert.Equal(wrapped.BoxAt(4).Y, a[^1].Y, 6);
        Assert.Equal(wrapped.BoxAt(4).X + FlowDiagram.BoxWidth / 2.0, a[^1].X, 6);
        // a line too long for its box is squeezed into it, a short one is not
        var fit = XDocument.Parse(FlowDiagram.Of([new WorkflowStep("t", "§1", ["short", new string('x', 60)], "p")]).ToSvg()).Root!;
        var texts = fit.Descendants(ns + "text").Where(t => t.Value is "short" || t.Value.StartsWith("xxx")).ToArray();
        Assert.Null(texts.Single(t => t.Value == "short").Attribute("textLength"));
        Assert.Equal(FlowDiagram.BoxWidth - 14, double.Parse((string)texts.Single(t => t.Value != "short").Attribute("textLength")!));
        // text is escaped; no step, no diagram
        var odd = FlowDiagram.Of([new WorkflowStep("a < b & c", "§1", ["x > y"], "p")]).ToSvg();
        Assert.Contains("a &lt; b &amp; c", odd);
        XDocument.Parse(odd);
        Assert.Throws<ArgumentException>(() => FlowDiagram.Of([]));
        KernelExtension.Register();
        Assert.Contains("<svg", new Displayer().ToBundle(d)!.Html);
    }

    [Fact]
    public void YearlyCounts_AndSatelliteVsLab_DrawTheRowsTheyAreGiven()
    {
        var run = new ObservationCountSummary("twin", 10, 150, 15, 12, 0.9, 0.2, 0.1,
            [new YearCount(2017, 20, 5), new YearCount(2018, 70, 9), new YearCount(2019, 60, 8)]);
        var rows = S2MosCounts.Yearly(run);
        var j = Json(S2MosCharts.YearlyCounts(rows));
        var bars = j["data"]!.AsArray();
        Assert.Equal(4, bars.Count);
        Assert.Equal(rows.Select(r => r.PaperPerPoint), Numbers(bars[0]!["y"]));
        Assert.Equal([2.0, 7, 6], Numbers(bars[1]!["y"]));
        Assert.Equal([0.5, 0.9, 0.8], Numbers(bars[3]!["y"]));
        Assert.Equal("group", j["layout"]!["barmode"]!.GetValue<string>());
        double[] S(double k) => SentinelChannels.Optical.Select((_, b) => k * (b + 1)).ToArray();
        var spectra = SatelliteAndLabSpectra.FromSpectra([S(0.01), S(0.02), S(0.03)], [S(0.03), S(0.04), S(0.05)]);
        var lines = Json(S2MosCharts.SatelliteVsLab(spectra))["data"]!.AsArray();
        Assert.Equal(spectra.Bands.Select(b => b.SatelliteMedian), Numbers(lines[0]!["y"]));
        Assert.Equal(spectra.Bands.Select(b => b.LabMedian), Numbers(lines[3]!["y"]));
        Assert.Equal(spectra.Bands.Select(b => b.LabMedian + b.LabSd), Numbers(lines[4]!["y"]));
    }

    [Fact]
    public void LayerTable_IsTheBlockSummary_WithTheTotalInTheCaption()
    {
        var ann = S2MoSNetworks.Ann(new AnnOptions { Features = 12 });
        var t = DomainCharts.LayerTable(ann, "ANN");
        Assert.Equal(ann.BlockSummary().Count, t.Rows.Count);
        Assert.Equal(ann.ParameterCount, t.Rows.Sum(r => Convert.ToInt64(r[3])));
        Assert.Equal($"ANN: {ann.ParameterCount:N0} trainable parameters", t.Caption);
    }
}
