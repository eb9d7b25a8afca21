using System.Text.Json;
using SoilNotebooks.Datasets;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Mapping;
using SoilNotebooks.Rasters;
using SoilNotebooks.Salinity;
using SoilNotebooks.Tabular;
using SoilNotebooks.Tests.Rasters;

namespace SoilNotebooks.Tests.Salinity;

/// <summary>The salinity map on a toy model (ECe rising with a covariate the test controls): the map's cells are
/// TwoStepModel.Predict of the same rows, nodata off land, classes that follow the model's cut, window-size independent,
/// COGs with the grid's geotransform and CRS, an unwritable folder refused with no file left, Gi* from training points.</summary>
public class SalinityMapTests
{
    private static readonly TwoStepOptions Linear = new()
    {
        Classifier = new("Logistic regression", (x, y) => LogisticRegression.Fit(x, y, new LogisticRegressionOptions { Standardize = true, C = 100 })),
        Regressor = new("Linear regression", (x, y) => LinearRegression.Fit(x, y)),
    };

    /// <summary>The covariate the test controls: 0 in the south (35° N) to 1 in the north (71° N).</summary>
    private static double S(double lat, double lon) => (lat - 35) / 36 + 0.02 * Math.Sin(lon / 5);

    /// <summary>The toy provider: columns in another order than the model's, plus one the model does not use.</summary>
    private static FeatureTable Provider(IReadOnlyList<(double Lat, double Lon)> cells) => FeatureTable.FromColumns(
        [cells.Select(c => 1.0).ToArray(), cells.Select(c => S(c.Lat, c.Lon)).ToArray(), cells.Select(c => c.Lon).ToArray(),
         cells.Select(c => c.Lat).ToArray()], ["unused", "s", "lon", "lat"]);

    private static (FeatureTable X, double[] Lon, double[] Lat, double[] Ece) Training(int n = 400, int seed = 1)
    {
        var pts = EuGbLand.SamplePoints(n, new Random(seed));
        var rng = new Random(seed + 1);
        var lat = pts.Select(p => p.Lat).ToArray(); var lon = pts.Select(p => p.Lon).ToArray();
        var s = pts.Select(p => S(p.Lat, p.Lon)).ToArray();
        var ece = s.Select(v => Math.Max(0.05, 0.3 + 6 * v + 0.1 * (rng.NextDouble() - 0.5))).ToArray();
        return (FeatureTable.FromColumns([lat, lon, s], ["lat", "lon", "s"]), lon, lat, ece);
    }

    private static SalinityMapModel Model(bool withGi = true)
    {
        var (x, lon, lat, ece) = Training();
        return SalinityMapModel.Fit(x, lon, lat, ece, Linear, neighbours: 8, withGi);
    }

    private static readonly SalinityMapOptions Coarse = new() { ResolutionMeters = 50_000, WindowSize = 16 };

    [Fact]
    public void MapCells_AreTwoStepPredict_OfTheSameRows_NodataOffLand()
    {
        var model = Model();
        var map = SalinityMap.Build(model, Provider, options: Coarse);
        Assert.Equal(1, map.DisplayFactor);
        var grid = EuGbGrid.Create(Coarse.ResolutionMeters);
        var land = grid.Land(grid.Grid.FullWindow);
        var pred = model.Model.Predict(model.CellFeatures(land.Cells, Provider(land.Cells)));
        var ece = map.Ece.Span(0); var cls = map.Class.Span(0); var p = map.ProbabilitySaline.Span(0);
        var high = pred.ProbabilityHigh;
        for (int k = 0; k < land.Pixels.Length; k++)
        {
            int i = land.Pixels[k];
            Assert.Equal((float)pred.Ece[k], ece[i]);
            Assert.Equal(pred.ClassIndex[k], cls[i]);
            Assert.Equal((float)high[k], p[i], 1e-6f);
        }
        var isLand = new bool[ece.Length];
        foreach (var i in land.Pixels) isLand[i] = true;
        for (int i = 0; i < ece.Length; i++)
            if (!isLand[i]) { Assert.True(float.IsNaN(ece[i])); Assert.True(float.IsNaN(cls[i])); Assert.True(float.IsNaN(p[i])); }
        var s = map.Summary;
        Assert.Equal(land.Pixels.Length, s.LandCells);
        Assert.Equal(s.LandCells * 2500.0, s.AreaKm2PerClass.Sum(), 1e-6);
        Assert.Equal(high.Average(), s.MeanProbabilitySaline, 1e-9);
        Assert.Equal(pred.ClassIndex.Count(c => c == 1) / (double)pred.ClassIndex.Length, s.SalineShare, 1e-12);
        Assert.Equal(EuGbLand.AreaKm2(), s.LandCells * 2500.0, EuGbLand.AreaKm2() * 0.03);
    }

    [Fact]
    public void Classes_FollowTheCut_AndAgreeWithEce()
    {
        var model = Model();
        var map = SalinityMap.Build(model, Provider, options: Coarse);
        var ece = map.Ece.Span(0).ToArray(); var cls = map.Class.Span(0).ToArray(); var p = map.ProbabilitySaline.Span(0).ToArray();
        var land = Enumerable.Range(0, ece.Length).Where(i => float.IsFinite(ece[i])).ToArray();
        Assert.All(land, i => Assert.Equal(p[i] >= model.Model.ProbabilityCut ? 1f : 0f, cls[i]));
        var saline = land.Where(i => cls[i] == 1).ToArray(); var fresh = land.Where(i => cls[i] == 0).ToArray();
        Assert.NotEmpty(saline); Assert.NotEmpty(fresh);
        Assert.True(saline.Average(i => ece[i]) > 2 && fresh.Average(i => ece[i]) < 2);
        Assert.True(land.Count(i => (ece[i] >= 2) == (cls[i] == 1)) > 0.95 * land.Length);
        // the north is saline in the toy model: P(saline) rises with latitude
        Assert.Equal(["non-saline, ECe < 2", "saline, ECe ≥ 2"], map.Class.Classes!.All.Select(c => c.Name));
    }

    [Fact]
    public void Windowed_EqualsOneWindow()
    {
        var model = Model();
        var a = SalinityMap.Build(model, Provider, options: Coarse);
        var b = SalinityMap.Build(model, Provider, options: Coarse with { WindowSize = 4096 });
        Assert.True(a.Summary.Windows > 10 && b.Summary.Windows == 1);
        Assert.Equal(a.Ece.Span(0).ToArray(), b.Ece.Span(0).ToArray());
        Assert.Equal(a.Class.Span(0).ToArray(), b.Class.Span(0).ToArray());
        Assert.Equal(a.ProbabilitySaline.Span(0).ToArray(), b.ProbabilitySaline.Span(0).ToArray());
        Assert.Equal(a.Summary.CellsPerClass, b.Summary.CellsPerClass);
        Assert.Equal(a.Summary.MeanEce, b.Summary.MeanEce, 1e-9);
    }

    [Fact]
    public void Cogs_ReadBack_WithTheGridAndCrs()
    {
        var model = Model();
        var dir = RepoPaths.NewTempDir("soilnb-salmap");
        var map = SalinityMap.Build(model, Provider, Path.Combine(dir, "out"), Coarse);
        var grid = EuGbGrid.Create(Coarse.ResolutionMeters).Grid;
        Assert.Equal(SalinityMap.Layers, map.Summary.Files.Keys);
        foreach (var (layer, path) in map.Summary.Files)
        {
            var info = GdalTools.Info(path);
            Assert.Equal("COG", info.GetProperty("metadata").GetProperty("IMAGE_STRUCTURE").GetProperty("LAYOUT").GetString());
            var band = info.GetProperty("bands")[0];
            Assert.Equal(layer == "class" ? "Byte" : "Float32", band.GetProperty("type").GetString());
            if (layer == "class") Assert.Equal(255, band.GetProperty("noDataValue").GetDouble());
            var gt = info.GetProperty("geoTransform").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(grid.Transform.ToArray(), gt);
            var r = Raster.Read(path);
            Assert.True(r.Grid.Crs.IsSameAs(Crs.FromEpsg(3035)));
            Assert.Equal(grid.Width, r.Width); Assert.Equal(grid.Height, r.Height);
            var mem = layer == "ece" ? map.Ece : layer == "class" ? map.Class : map.ProbabilitySaline;
            Assert.Equal(mem.Span(0).ToArray(), r.Span(0).ToArray());
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "out"), "*.tmp*"));
    }

    [Fact]
    public void UnwritableFolder_IsAClearError_AndLeavesNoFile()
    {
        var model = Model(withGi: false);
        var dir = RepoPaths.NewTempDir("soilnb-salmap");
        var file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "x");
        var bad = Path.Combine(file, "maps");
        var e = Assert.Throws<IOException>(() => SalinityMap.Build(model, Provider, bad, Coarse));
        Assert.Contains(bad, e.Message);
        // the last layer's name is taken by a folder: nothing is written, not even the first two layers
        var out2 = Path.Combine(dir, "out");
        Directory.CreateDirectory(Path.Combine(out2, "salinity_p_saline.tif"));
        Assert.Throws<IOException>(() => SalinityMap.Build(model, Provider, out2, Coarse));
        Assert.Equal([Path.Combine(out2, "salinity_p_saline.tif")], Directory.GetFileSystemEntries(out2));
    }

    [Fact]
    public void GiOfACell_ComesFromTheTrainingPointsOnly()
    {
        var (x, lon, lat, ece) = Training();
        int m = 200;   // the model sees the first 200 points only
        var first = Enumerable.Range(0, m).ToArray();
        var model = SalinityMapModel.Fit(x.SelectRows(first), lon[..m], lat[..m], ece[..m], Linear, 8);
        Assert.True(model.UsesGi);
        var cells = EuGbLand.SamplePoints(50, new Random(9));
        var f = model.CellFeatures(cells, Provider(cells));
        var gi = f.Column(f.IndexOf("GiZ"));
        var w = SpatialWeights.KNearest(8, DistanceMetric.GreatCircleKm);
        var fromTraining = GetisOrd.Compute(lon[..m], lat[..m], ece[..m], cells.Select(c => c.Lon).ToArray(), cells.Select(c => c.Lat).ToArray(), w).Z;
        var fromAll = GetisOrd.Compute(lon, lat, ece, cells.Select(c => c.Lon).ToArray(), cells.Select(c => c.Lat).ToArray(), w).Z;
        for (int j = 0; j < cells.Length; j++) Assert.Equal((float)fromTraining[j], gi[j]);
        Assert.True(Enumerable.Range(0, cells.Length).Count(j => Math.Abs(fromAll[j] - gi[j]) > 1e-3) > 25);
        // by hand for one cell: z = (Σ_nb x − W x̄) / (s √((n W − W²)/(n − 1))), s² = Σ(x − x̄)²/n over the 200 training values
        var c0 = cells[0];
        var nb = first.OrderBy(i => GetisOrd.Distance(c0.Lon, c0.Lat, lon[i], lat[i], DistanceMetric.GreatCircleKm)).Take(8).ToArray();
        double mean = first.Average(i => ece[i]), s = Math.Sqrt(first.Average(i => (ece[i] - mean) * (ece[i] - mean)));
        double z = (nb.Sum(i => ece[i]) - 8 * mean) / (s * Math.Sqrt((m * 8.0 - 64) / (m - 1)));
        Assert.Equal(z, gi[0], 1e-4);
    }

    [Fact]
    public void BadProviders_AreNamed()
    {
        var model = Model(withGi: false);
        var e = Assert.Throws<ArgumentException>(() => SalinityMap.Build(model, cells => FeatureTable.FromColumns(
            [cells.Select(c => c.Lat).ToArray()], ["lat"]), options: Coarse));
        Assert.Contains("'lon'", e.Message);
        var rows = Assert.Throws<ArgumentException>(() => SalinityMap.Build(model, cells => Provider(cells.Take(1).ToArray()), options: Coarse));
        Assert.Contains("rows", rows.Message);
    }

    [Fact]
    public void Progress_IsReportedPerWindow_AndTheResultSerialises()
    {
        var model = Model(withGi: false);
        var reports = new List<MapProgress>();
        var map = SalinityMap.Build(model, Provider, options: Coarse, progress: new Collect(reports));
        Assert.Equal(map.Summary.Windows, reports.Count);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Equal(map.Summary.LandCells, reports[^1].PixelsPredicted);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(map.Summary.Result())).RootElement;
        Assert.Equal(map.Summary.LandCells, json.GetProperty("land_cells").GetInt64());
        Assert.Equal(2, json.GetProperty("classes").GetArrayLength());
        Assert.Equal("EPSG:3035", json.GetProperty("crs").GetString());
    }

    private sealed class Collect(List<MapProgress> list) : IProgress<MapProgress>
    {
        public void Report(MapProgress value) => list.Add(value);
    }

    [Fact]
    public void SeededForestMap_IsReproducible_AndTheSeedMatters()
    {
        var (x, lon, lat, ece) = Training(300, 6);
        SalinityMap Run(int seed) => SalinityMap.Build(SalinityMapModel.Fit(x, lon, lat, ece,
            SoilNotebooks.Studies.Lucas.LucasSalinityStudy.Options(trees: 30, seed), 8), Provider,
            options: Coarse with { ResolutionMeters = 100_000 });
        var a = Run(3); var b = Run(3); var c = Run(4);
        Assert.Equal(a.Ece.Span(0).ToArray(), b.Ece.Span(0).ToArray());
        Assert.Equal(a.ProbabilitySaline.Span(0).ToArray(), b.ProbabilitySaline.Span(0).ToArray());
        Assert.NotEqual(a.ProbabilitySaline.Span(0).ToArray(), c.ProbabilitySaline.Span(0).ToArray());
    }

    [Fact]
    public void FaoClasses_HaveTheirNames()
    {
        var labels = SalinityClasses.Labels(SalinityClasses.FaoBoundaries);
        Assert.Equal("moderately saline, 4 ≤ ECe < 8", SalinityMap.ClassName(labels, 2));
    }

}
