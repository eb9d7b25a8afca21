using System.Text.Json;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Runner.Tests.Commands;

/// <summary><c>soilnb composite</c> with the SCMaP rules as flags: multi-year stacks with per-year and all-years outputs,
/// the reference implementation's limits, the minimum bare count, the B02 MAD test, the land-cover mask, the sun zenith.</summary>
[Collection("Console")]
public class CompositeScmapTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliHarness.Run(args);

    /// <summary>A 48 px stack of 15 dates over 2.7 years (2018-03-01 + 1000 days).</summary>
    private static (string Dir, string Sim) ThreeYears()
    {
        var dir = RepoPaths.NewTempDir("soilnb-scmap");
        var sim = Path.Combine(dir, "sim");
        var (code, _, err) = Run("simulate-scenes", "--out", sim, "--seed", "8", "--size", "48", "--dates", "15",
            "--start", "2018-03-01", "--span-days", "1000");
        Assert.True(code == 0, err);
        return (dir, sim);
    }

    private static float[] Band(string file, int band = 1)
    {
        using var ds = RasterDataset.Open(file);
        return ds.ReadFloat(band);
    }

    [Fact]
    public void MultiYear_RefusedOverTwoYears_ThenPerYearAndAllYearsOutputsAddUp()
    {
        var (dir, sim) = ThreeYears();
        var refused = Path.Combine(dir, "refused");
        var (code, _, err) = Run("composite", "--stac", sim, "--out", refused, "--min-sun", "0");
        Assert.Equal(2, code);
        Assert.Contains("over the 2-year limit", err);
        Assert.Contains("--override-limits", err);
        Assert.False(Directory.Exists(refused) && Directory.GetFiles(refused, "*.tif", SearchOption.AllDirectories).Length > 0);

        var outDir = Path.Combine(dir, "out");
        (code, var stdout, err) = Run("composite", "--stac", sim, "--out", outDir, "--min-sun", "0", "--override-limits",
            "--per-year", "--b02-mad", "false", "--min-bare", "1", "--window", "16");
        Assert.True(code == 0, err);
        Assert.Contains("composite (2019)", err);
        Assert.Contains("B02 MAD test off", err);
        var j = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.Single(j.GetProperty("limits_exceeded").EnumerateArray());
        var years = j.GetProperty("years").EnumerateArray().Select(y => y.GetProperty("year").GetInt32()).ToArray();
        Assert.Equal([2018, 2019, 2020], years);
        Assert.Equal(15, j.GetProperty("years").EnumerateArray().Sum(y => y.GetProperty("scenes").GetInt32()));
        foreach (var y in years)
            Assert.Equal(9, Directory.GetFiles(Path.Combine(outDir, y.ToString())).Count(f => f.EndsWith(".tif")));
        var byYear = j.GetProperty("frequency_by_year").GetString()!;
        var r = Raster.Read(byYear);
        Assert.Equal(["frequency_2018", "frequency_2019", "frequency_2020"], r.Bands);
        Assert.Equal(Band(Path.Combine(outDir, "2019", "bare_frequency.tif")), r.Span(1).ToArray());
        // without the MAD test (which looks at a pixel's whole series) valid and bare counts add up over the years
        var all = Path.Combine(outDir, "bare_frequency.tif");
        foreach (var band in new[] { 2, 3 })
        {
            var total = Band(all, band);
            var sum = new float[total.Length];
            foreach (var y in years)
            {
                var v = Band(Path.Combine(outDir, y.ToString(), "bare_frequency.tif"), band);
                for (int i = 0; i < sum.Length; i++) sum[i] += v[i];
            }
            Assert.Equal(total, sum);
        }
        Assert.Empty(Directory.GetFiles(outDir, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Rules_MinBareMadLandMaskAndSunZenith()
    {
        var (dir, sim) = ThreeYears();
        string[] common = ["composite", "--stac", sim, "--override-limits", "--min-sun", "0", "--window", "16"];
        var scmap = Path.Combine(dir, "scmap");
        var (code, stdout, err) = Run([.. common, "--out", scmap]);
        Assert.True(code == 0, err);
        Assert.Contains("≥ 3 bare observations, B02 MAD test at 3 scaled MADs", err);
        var one = Path.Combine(dir, "one");
        (code, var stdoutOne, err) = Run([.. common, "--out", one, "--min-bare", "1", "--b02-mad", "false"]);
        Assert.True(code == 0, err);
        Assert.Equal(0, JsonDocument.Parse(stdoutOne.Trim()).RootElement.GetProperty("b02_outliers_removed").GetInt64());
        Assert.True(JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("b02_outliers_removed").GetInt64() >= 0);
        // the mask: 1 where an SRC exists, 0 where observed without one
        var mask3 = Band(Path.Combine(scmap, "mask.tif")); var mask1 = Band(Path.Combine(one, "mask.tif"));
        var bare1 = Band(Path.Combine(one, "bare_frequency.tif"), 2);
        var bare3 = Band(Path.Combine(scmap, "bare_frequency.tif"), 2);
        for (int i = 0; i < mask1.Length; i++)
        {
            if (float.IsNaN(mask1[i])) continue;
            Assert.Equal(bare1[i] >= 1 ? 1f : 0f, mask1[i]);
            Assert.Equal(bare3[i] >= 3 ? 1f : 0f, mask3[i]);
        }
        Assert.True(mask3.Count(v => v == 1) < mask1.Count(v => v == 1));

        // land-cover mask on a 20 m grid (warped onto the 10 m stack grid): keep code 211, the left half
        using (var ds = RasterDataset.Open(Path.Combine(scmap, "mask.tif")))
        {
            var g = ds.Grid;
            var lc = new RasterGrid(g.Width / 2, g.Height / 2, GeoTransform.NorthUp(g.Transform.OriginX, g.Transform.OriginY, 20), g.Crs);
            var codes = Enumerable.Range(0, lc.Width * lc.Height).Select(i => i % lc.Width < lc.Width / 2 ? 211f : 231f).ToArray();
            Raster.Create(lc, "corine", codes).WriteGeoTiff(Path.Combine(dir, "corine.tif"));
        }
        var masked = Path.Combine(dir, "masked");
        (code, _, err) = Run([.. common, "--out", masked, "--land-mask", Path.Combine(dir, "corine.tif"), "--land-mask-classes", "211"]);
        Assert.True(code == 0, err);
        Assert.Contains("land-cover mask keeps 1152 of 2304 pixels", err);
        var m = Band(Path.Combine(masked, "mask.tif"));
        var src = Band(Path.Combine(masked, "src_mean.tif"));
        for (int i = 0; i < m.Length; i++)
            if (i % 48 >= 24) { Assert.True(float.IsNaN(m[i])); Assert.True(float.IsNaN(src[i])); }
            else Assert.Equal(mask3[i], m[i]);

        // sun zenith: the SCMaP name of the scene filter; contradicting --min-sun is refused
        (code, _, err) = Run([.. common, "--out", Path.Combine(dir, "z"), "--max-sun-zenith", "80"]);
        Assert.Equal(2, code);
        Assert.Contains("disagree", err);
        (code, _, err) = Run("composite", "--stac", sim, "--override-limits", "--out", Path.Combine(dir, "z"), "--max-sun-zenith", "90");
        Assert.True(code == 0, err);
        Assert.Contains("sun zenith ≤ 90°", err);
        (code, _, err) = Run([.. common, "--out", Path.Combine(dir, "z2"), "--land-mask-classes", "211"]);
        Assert.Equal(2, code);
        Assert.Contains("--land-mask-classes needs --land-mask", err);
    }
}
