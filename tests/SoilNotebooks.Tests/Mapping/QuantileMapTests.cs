using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Mapping;
using SoilNotebooks.Rasters;
using SoilNotebooks.Tabular;
using SoilNotebooks.Tests.Rasters;

namespace SoilNotebooks.Tests.Mapping;

/// <summary>The windowed quantile map: bit-identical to one pass over all pixels, nodata propagation, covariates found by
/// name, one grid, valid COGs, a window that fits the memory limit.</summary>
public class QuantileMapTests
{
    internal static readonly string[] Features = ["elevation", "slope", "b12", "vv"];

    /// <summary>Smooth covariates on a UTM 31N grid, in an order unlike the forest's, plus a band the forest does not use,
    /// and a few nodata pixels in "slope".</summary>
    internal static Raster Covariates(int width, int height, int seed = 3)
    {
        var g = new RasterGrid(width, height, GeoTransform.NorthUp(572000, 5462000, 20), Crs.FromEpsg(32631));
        var rng = new Random(seed);
        int n = width * height;
        float[] Field(Func<int, int, double> f) =>
            Enumerable.Range(0, n).Select(i => (float)(f(i % width, i / width) + 0.05 * rng.NextDouble())).ToArray();
        var elevation = Field((c, r) => 150 + 30 * Math.Sin(c / 17.0) + 20 * Math.Cos(r / 23.0));
        var slope = Field((c, r) => 2 + Math.Abs(Math.Sin((c + r) / 11.0)) * 5);
        var b12 = Field((c, r) => 0.2 + 0.05 * Math.Cos(c / 9.0) * Math.Sin(r / 13.0));
        var vv = Field((c, r) => -12 + 2 * Math.Sin(r / 7.0));
        var extra = Field((c, r) => c - r);
        for (int i = 0; i < n; i += 97) slope[i] = float.NaN;
        return Raster.Create(g, ["vv", "extra", "b12", "elevation", "slope"], [vv, extra, b12, elevation, slope]);
    }

    /// <summary>A QRF fitted on 300 pixels of the covariates (target: a smooth function of them plus noise).</summary>
    internal static QuantileRegressionForest Forest(Raster cov, int trees = 30, int seed = 7)
    {
        var rng = new Random(seed);
        var rows = new List<double[]>(); var y = new List<double>();
        while (rows.Count < 300)
        {
            int i = rng.Next(cov.PixelCount);
            var v = Features.Select(f => (double)cov.Span(cov.IndexOf(f))[i]).ToArray();
            if (v.Any(double.IsNaN)) continue;
            rows.Add(v);
            y.Add(10 + 0.05 * (v[0] - 150) - 0.8 * v[1] + 40 * (v[2] - 0.2) + 0.3 * v[3] + rng.NextDouble() * 2);
        }
        return RandomForest.FitQuantile(FeatureTable.FromRows(rows, Features), y, new RandomForestOptions { Trees = trees, Seed = seed });
    }

    /// <summary>The reference: every pixel with all covariates present predicted at once by the forest itself.</summary>
    internal static (int[] Pixels, double[,] Quantiles) Direct(QuantileRegressionForest qrf, Raster cov, double[] probs)
    {
        var pix = Enumerable.Range(0, cov.PixelCount)
            .Where(i => Features.All(f => float.IsFinite(cov.Span(cov.IndexOf(f))[i]))).ToArray();
        var cols = Features.Select(f => pix.Select(i => (double)cov.Span(cov.IndexOf(f))[i]).ToArray()).ToArray();
        return (pix, qrf.PredictQuantiles(FeatureTable.FromColumns(cols, Features), probs));
    }

    internal static void AssertSameMap(Raster map, int[] pixels, double[,] q, int count)
    {
        var at = new int[count];
        Array.Fill(at, -1);
        for (int k = 0; k < pixels.Length; k++) at[pixels[k]] = k;
        string[] bands = ["q05", "q50", "q95"];
        for (int b = 0; b < 3; b++)
        {
            var v = map.Span(map.IndexOf(bands[b]));
            for (int i = 0; i < count; i++)
                if (at[i] < 0) Assert.True(float.IsNaN(v[i]), $"{bands[b]} pixel {i} should be nodata");
                else Assert.True(BitConverter.SingleToInt32Bits(v[i]) == BitConverter.SingleToInt32Bits((float)q[at[i], b]),
                    $"{bands[b]} pixel {i}: {v[i]} vs {q[at[i], b]}");
        }
        var u = map.Span(map.IndexOf("uncertainty"));
        for (int i = 0; i < count; i++)
        {
            if (at[i] < 0) { Assert.True(float.IsNaN(u[i])); continue; }
            int k = at[i];
            float want = q[k, 1] != 0 ? (float)((q[k, 2] - q[k, 0]) / q[k, 1]) : float.NaN;
            Assert.True(BitConverter.SingleToInt32Bits(u[i]) == BitConverter.SingleToInt32Bits(want), $"uncertainty pixel {i}");
        }
    }

    private static Raster ReadMap(QuantileMapSummary s) =>
        Raster.MergeBands([.. new[] { "q05", "q50", "q95", "uncertainty" }.Select(b => Raster.Read(s.Files[b]))]);

    [Fact]
    public void Windowed_EqualsOnePassOverAllPixels_AndNodataPropagates()
    {
        var cov = Covariates(150, 110);
        var qrf = Forest(cov);
        var dir = RepoPaths.NewTempDir("soilnb-map");
        var stackPath = Path.Combine(dir, "stack.tif");
        cov.WriteGeoTiff(stackPath);
        using var stack = CovariateStack.Open([stackPath]);
        var progress = new List<MapProgress>();
        var s = QuantileMap.Write(qrf, stack, Path.Combine(dir, "out"), new QuantileMapOptions { WindowSize = 48, CloudOptimized = false },
            new Progress(progress));
        Assert.Equal(4 * 3, s.Windows);                       // 150 × 110 in windows of 48: edge windows are partial
        Assert.Equal(12, progress.Count);
        Assert.Equal("(q95 - q05) / q50", s.UncertaintyIndex);
        int nodata = Enumerable.Range(0, cov.PixelCount).Count(i => float.IsNaN(cov.Span(cov.IndexOf("slope"))[i]));
        Assert.Equal(nodata, s.PixelsNoData);
        var (pix, q) = Direct(qrf, cov, [0.05, 0.5, 0.95]);
        var map = ReadMap(s);
        AssertSameMap(map, pix, q, cov.PixelCount);
        // the library's in-memory pass gives the same raster
        var once = QuantileMap.Predict(qrf, cov);
        foreach (var b in map.Bands)
            Assert.Equal(once.Span(once.IndexOf(b)).ToArray().Select(BitConverter.SingleToInt32Bits),
                map.Span(map.IndexOf(b)).ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(cov.Grid.Transform, map.Grid.Transform);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "out"), ".*"));
    }

    private sealed class Progress(List<MapProgress> list) : IProgress<MapProgress>
    {
        public void Report(MapProgress value) => list.Add(value);
    }

    [Fact]
    public void SeveralSingleBandFiles_NamedByFile_AndCogsAreValid()
    {
        var cov = Covariates(96, 80);
        var qrf = Forest(cov, trees: 10);
        var dir = RepoPaths.NewTempDir("soilnb-map");
        var paths = Features.Select(f =>
        {
            var p = Path.Combine(dir, f + ".tif");
            GeoTiff.Write(p, cov.Grid, [cov.Span(cov.IndexOf(f)).ToArray()], new GeoTiffOptions(NoData: float.NaN));   // no description
            return p;
        }).ToArray();
        using var stack = CovariateStack.Open(paths);
        Assert.Equal(Features, stack.BandNames);
        var s = QuantileMap.Write(qrf, stack, Path.Combine(dir, "maps"), new QuantileMapOptions { Quantiles = [0.1, 0.9], Prefix = "soc_" });
        Assert.Equal(["q10", "q50", "q90", "uncertainty"], s.Files.Keys);
        Assert.All(s.Files.Values, f => Assert.StartsWith("soc_", Path.GetFileName(f)));
        foreach (var f in s.Files.Values)
        {
            var info = GdalTools.Info(f);
            Assert.Equal("COG", info.GetProperty("metadata").GetProperty("IMAGE_STRUCTURE").GetProperty("LAYOUT").GetString());
            var check = GdalTools.Run("/usr/bin/python3", "-m", "osgeo_utils.samples.validate_cloud_optimized_geotiff", f);
            Assert.Contains("is a valid cloud optimized GeoTIFF", check);
        }
        Assert.Equal("q10", Raster.Read(s.Files["q10"]).Bands[0]);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "maps"), "*staging*"));
    }

    [Fact]
    public void MissingFeature_IsNamed_WithACaseHint()
    {
        var cov = Covariates(40, 30);
        var qrf = Forest(cov, trees: 5);
        var dir = RepoPaths.NewTempDir("soilnb-map");
        var path = Path.Combine(dir, "stack.tif");
        cov.Rename("b12", "B12").Rename("vv", "sigma0").WriteGeoTiff(path);
        using var stack = CovariateStack.Open([path]);
        var e = Assert.Throws<ArgumentException>(() => QuantileMap.Write(qrf, stack, Path.Combine(dir, "out")));
        Assert.Contains("'b12' (a band is named 'B12'", e.Message);
        Assert.Contains("'vv'", e.Message);
        Assert.Contains("matched by band description, not by position", e.Message);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")) && Directory.GetFiles(Path.Combine(dir, "out")).Length > 0);
    }

    [Fact]
    public void FilesOnDifferentGrids_AreRefused()
    {
        var cov = Covariates(40, 30);
        var dir = RepoPaths.NewTempDir("soilnb-map");
        var a = Path.Combine(dir, "a.tif");
        cov.Select("elevation", "slope").WriteGeoTiff(a);
        var other = new RasterGrid(40, 30, cov.Grid.Transform, Crs.FromEpsg(32632));
        var b = Path.Combine(dir, "b.tif");
        Raster.Create(other, ["b12", "vv"], [cov.Span(cov.IndexOf("b12")).ToArray(), cov.Span(cov.IndexOf("vv")).ToArray()]).WriteGeoTiff(b);
        var e = Assert.Throws<InvalidDataException>(() => CovariateStack.Open([a, b]));
        Assert.Contains("EPSG:32632", e.Message);
        Assert.Contains("one CRS", e.Message);
        var shifted = new RasterGrid(40, 30, cov.Grid.Transform with { OriginX = 572010 }, cov.Grid.Crs);
        Raster.Create(shifted, ["b12"], [cov.Span(cov.IndexOf("b12")).ToArray()]).WriteGeoTiff(b);
        e = Assert.Throws<InvalidDataException>(() => CovariateStack.Open([a, b]));
        Assert.Contains("one grid", e.Message);
        var dup = Path.Combine(dir, "dup.tif");
        cov.Select("slope").WriteGeoTiff(dup);
        var d = Assert.Throws<ArgumentException>(() => CovariateStack.Open([a, dup]));
        Assert.Contains("'slope' is given twice", d.Message);
    }

    [Fact]
    public void Window_FitsTheMemoryLimit()
    {
        var qrf = Forest(Covariates(40, 30), trees: 20);
        long scratch = QuantileMap.ScratchBytes(qrf);
        long perPixel = QuantileMap.BytesPerPixel(4, 3);
        var o = new QuantileMapOptions { MaxMemoryBytes = 2L << 20 };
        int w = QuantileMap.ChooseWindow(qrf, o);
        Assert.Equal(0, w % 16);
        Assert.True(perPixel * w * w + scratch <= o.MaxMemoryBytes);
        Assert.True(perPixel * (w + 16) * (w + 16) + scratch > o.MaxMemoryBytes);
        Assert.True(QuantileMap.ChooseWindow(qrf, o with { MaxMemoryBytes = 64L << 20 }) > w);
        var e = Assert.Throws<ArgumentException>(() => QuantileMap.ChooseWindow(qrf, o with { WindowSize = 4096 }));
        Assert.Contains("above the memory limit", e.Message);
        Assert.Throws<ArgumentException>(() => QuantileMap.ChooseWindow(qrf, o with { Quantiles = [0.5, 0.9] }));
    }

    [Theory]
    [InlineData(0.05, "q05")]
    [InlineData(0.5, "q50")]
    [InlineData(0.95, "q95")]
    [InlineData(0.025, "q02.5")]
    [InlineData(0.975, "q97.5")]
    [InlineData(0, "q00")]
    [InlineData(1, "q100")]
    public void BandNames(double p, string name) => Assert.Equal(name, QuantileMap.BandName(p));
}
