using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Rasters;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Runner.Tests.Commands;

/// <summary><c>soilnb map</c>: a stack larger than the memory limit, mapped window by window, gives the pixels of one
/// in-memory pass; nodata in; COGs out; a clear exit 2 for a covariate the stack does not name, a forest without quantile
/// data or two grids; exit 3 for an output over an input.</summary>
[Collection("Console")]
public class MapCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliHarness.Run(args);

    private static readonly string[] Features = ["elevation", "twi", "src_b12", "vh_mean"];

    /// <summary>Writes a 5-band stack (bands in another order than the forest's features, one unused) with nodata in
    /// "twi", and a QRF fitted on 400 of its pixels through the CLI (so the saved file is what a user gets).</summary>
    internal static (string Dir, string Stack, string Model, Raster Cov) Setup(int width, int height)
    {
        var dir = RepoPaths.NewTempDir("soilnb-map");
        var g = new RasterGrid(width, height, GeoTransform.NorthUp(572000, 5462000, 20), Crs.FromEpsg(32631));
        var rng = new Random(11);
        int n = width * height;
        float[] Field(Func<int, int, double> f) =>
            Enumerable.Range(0, n).Select(i => (float)(f(i % width, i / width) + 0.1 * rng.NextDouble())).ToArray();
        var cov = Raster.Create(g, ["vh_mean", "unused", "src_b12", "elevation", "twi"],
        [
            Field((c, r) => -18 + 2 * Math.Sin(r / 9.0)), Field((c, r) => c), Field((c, r) => 0.25 + 0.05 * Math.Cos(c / 11.0)),
            Field((c, r) => 140 + 25 * Math.Sin(c / 19.0) + 15 * Math.Cos(r / 27.0)), Field((c, r) => 6 + 3 * Math.Sin((c - r) / 13.0)),
        ]);
        var twi = cov.Span(cov.IndexOf("twi")).ToArray();
        for (int i = 5; i < n; i += 131) twi[i] = float.NaN;
        cov = Raster.MergeBands(cov.Select("vh_mean", "unused", "src_b12", "elevation"), Raster.Create(g, "twi", twi));
        var stack = Path.Combine(dir, "covariates.tif");
        cov.WriteGeoTiff(stack);
        var lines = new List<string> { string.Join(",", Features) + ",soc" };
        var pick = new Random(5);
        while (lines.Count <= 400)
        {
            int i = pick.Next(n);
            var v = Features.Select(f => (double)cov.Span(cov.IndexOf(f))[i]).ToArray();
            if (v.Any(double.IsNaN)) continue;
            double soc = 12 + 0.08 * (v[0] - 140) + 0.9 * v[1] - 30 * (v[2] - 0.25) + 0.2 * v[3] + 2 * pick.NextDouble();
            lines.Add(string.Join(",", v.Append(soc).Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
        }
        File.WriteAllLines(Path.Combine(dir, "train.csv"), lines);
        var model = Path.Combine(dir, "soc.snbf");
        var (code, _, err) = Run("forest", "--train", Path.Combine(dir, "train.csv"), "--target", "soc", "--trees", "40",
            "--quantiles", "0.05,0.5,0.95", "--save-model", model);
        Assert.True(code == 0, err);
        return (dir, stack, model, cov);
    }

    [Fact]
    public void Map_StackLargerThanItsMemoryLimit_GivesTheInMemoryPixels()
    {
        var (dir, stack, model, cov) = Setup(330, 250);
        long stackBytes = 5L * 4 * cov.PixelCount;
        Assert.True(stackBytes > 1 << 20, "the covariate stack must be larger than the 1 MB limit");
        var outDir = Path.Combine(dir, "maps");
        var (code, stdout, err) = Run("map", "--model", model, "--covariates", stack, "--out", outDir, "--max-memory-mb", "1",
            "--threads", "2");
        Assert.True(code == 0, err);
        var j = JsonDocument.Parse(stdout.Trim()).RootElement;
        int windows = j.GetProperty("windows").GetInt32(), window = j.GetProperty("window").GetInt32();
        Assert.True(windows > 4, $"{windows} windows");
        Assert.True(window * window * 4L * 5 < stackBytes);
        Assert.True(j.GetProperty("working_mb").GetDouble() <= 1.0);
        Assert.Equal("(q95 - q05) / q50", j.GetProperty("uncertainty_index").GetString());
        Assert.Contains("windows (", err);
        Assert.Contains("bands not used by the forest: unused", err);

        // one in-memory pass of the same saved forest over every pixel with all covariates
        var qrf = QuantileRegressionForest.Load(model);
        var pix = Enumerable.Range(0, cov.PixelCount).Where(i => Features.All(f => float.IsFinite(cov.Span(cov.IndexOf(f))[i]))).ToArray();
        var x = FeatureTable.FromColumns(Features.Select(f => pix.Select(i => (double)cov.Span(cov.IndexOf(f))[i]).ToArray()).ToArray(), Features);
        var q = qrf.PredictQuantiles(x, [0.05, 0.5, 0.95]);
        Assert.Equal(cov.PixelCount - pix.Length, j.GetProperty("pixels_nodata").GetInt64());
        var at = Enumerable.Repeat(-1, cov.PixelCount).ToArray();
        for (int k = 0; k < pix.Length; k++) at[pix[k]] = k;
        string[] names = ["q05", "q50", "q95", "uncertainty"];
        for (int b = 0; b < 4; b++)
        {
            var file = Path.Combine(outDir, names[b] + ".tif");
            Assert.Equal(file, j.GetProperty("files").GetProperty(names[b]).GetString());
            var map = Raster.Read(file);
            Assert.True(map.Grid.IsAlignedWith(cov.Grid));
            var v = map.Span(0);
            for (int i = 0; i < cov.PixelCount; i++)
            {
                if (at[i] < 0) { Assert.True(float.IsNaN(v[i]), $"{names[b]}: nodata pixel {i} was predicted"); continue; }
                int k = at[i];
                float want = b < 3 ? (float)q[k, b] : q[k, 1] != 0 ? (float)((q[k, 2] - q[k, 0]) / q[k, 1]) : float.NaN;
                Assert.True(BitConverter.SingleToInt32Bits(v[i]) == BitConverter.SingleToInt32Bits(want), $"{names[b]} pixel {i}: {v[i]} vs {want}");
            }
            var check = Python("-m", "osgeo_utils.samples.validate_cloud_optimized_geotiff", file);
            Assert.Contains("is a valid cloud optimized GeoTIFF", check);
        }
        Assert.Empty(Directory.GetFiles(outDir, ".*"));

        // an explicit small window gives the same files' pixels
        var outDir2 = Path.Combine(dir, "maps2");
        (code, _, err) = Run("map", "--model", model, "--covariates", stack, "--out", outDir2, "--window", "48", "--no-cog");
        Assert.True(code == 0, err);
        Assert.Equal(Raster.Read(Path.Combine(outDir, "q50.tif")).ToArray(), Raster.Read(Path.Combine(outDir2, "q50.tif")).ToArray());
    }

    [Fact]
    public void Map_BadInputs_ExitTwoOrThree_AndWriteNothing()
    {
        var (dir, stack, model, cov) = Setup(60, 40);
        var outDir = Path.Combine(dir, "maps");
        // a covariate the stack does not name
        var renamed = Path.Combine(dir, "renamed.tif");
        cov.Rename("twi", "TWI").WriteGeoTiff(renamed);
        var (code, _, err) = Run("map", "--model", model, "--covariates", renamed, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("'twi' (a band is named 'TWI'", err);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any());
        // a second file on another grid
        var other = Path.Combine(dir, "other.tif");
        Raster.Create(new RasterGrid(61, 40, cov.Grid.Transform, cov.Grid.Crs), "extra", new float[61 * 40]).WriteGeoTiff(other);
        (code, _, err) = Run("map", "--model", model, "--covariates", stack, other, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("must be on one grid", err);
        // a forest without quantile leaf data
        var rf = Path.Combine(dir, "rf.snbf");
        Assert.Equal(0, Run("forest", "--train", Path.Combine(dir, "train.csv"), "--target", "soc", "--trees", "5", "--save-model", rf).Code);
        (code, _, err) = Run("map", "--model", rf, "--covariates", stack, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("without quantile leaf data", err);
        // a corrupt model file
        var cut = Path.Combine(dir, "cut.snbf");
        File.WriteAllBytes(cut, File.ReadAllBytes(model)[..100]);
        (code, _, err) = Run("map", "--model", cut, "--covariates", stack, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("corrupt or truncated", err);
        // no uncertainty index without a quantile on each side of the median; a memory limit that holds no window
        (code, _, err) = Run("map", "--model", model, "--covariates", stack, "--out", outDir, "--quantiles", "0.5,0.9");
        Assert.Equal(2, code);
        Assert.Contains("below 0.5 and one above", err);
        (code, _, err) = Run("map", "--model", model, "--covariates", stack, "--out", outDir, "--window", "8");
        Assert.Equal(2, code);
        Assert.Contains("--window must be between 16 and 16384", err);
        // an output that would replace an input
        var asInput = Path.Combine(dir, "q50.tif");
        File.Copy(stack, asInput);
        (code, _, err) = Run("map", "--model", model, "--covariates", asInput, "--out", dir);
        Assert.Equal(3, code);
        Assert.Contains("would replace the input", err);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any());
    }

    private static string Python(params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"python3 {string.Join(' ', args)}: {stderr}{stdout.Result}");
        return stdout.Result;
    }
}
