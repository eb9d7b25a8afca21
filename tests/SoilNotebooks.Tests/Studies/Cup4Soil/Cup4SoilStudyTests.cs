using SoilNotebooks.Compositing;
using SoilNotebooks.Datasets;
using SoilNotebooks.Studies.Cup4Soil;

namespace SoilNotebooks.Tests.Studies.Cup4Soil;

/// <summary>A small region (1.28 km, 10 dates over five years) shared by the CUP4Soil study tests.</summary>
public sealed class Cup4SoilFixture : IDisposable
{
    public static readonly Cup4SoilSizes Tiny = new(128, 2, 60, 40, 3, 300, "BB.250");
    public string Folder { get; } = RepoPaths.NewTempDir("soilnb-c4s");
    public Cup4SoilRegion Region { get; }
    public CompositeResult Composite { get; }

    public Cup4SoilFixture()
    {
        Region = Cup4SoilRegion.Simulate(Folder, Tiny, seed: 5);
        Composite = ScmapComposite.Compute(Region.Stack, CompositeOptions.Scmap with { MinBareCount = 1, LandMask = Region.Cropland });
    }

    public void Dispose()
    {
        Region.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public class Cup4SoilStudyTests(Cup4SoilFixture fx) : IClassFixture<Cup4SoilFixture>
{
    [Fact]
    public void Region_HasTheProductsSchema()
    {
        var r = fx.Region;
        Assert.Equal(32631, r.Grid.Crs.Epsg);
        Assert.Equal(20, r.Grid.PixelSizeX);
        Assert.Equal(64, r.Grid.Width);
        Assert.Equal(new[] { "elevation", "slope", "twi" }, r.Terrain.Bands);
        Assert.Equal("m", r.Terrain.UnitOf("elevation"));
        Assert.Equal(new[] { "g/kg", "pH", "g/cm³" }, r.Truth.Units);
        Assert.All(r.LandCover.ToArray(), v => Assert.Contains((int)v, new[] { 211, 231, 512 }));
        Assert.All(r.ParentMaterial.ToArray(), v => Assert.Contains((int)v, new[] { 1, 2, 5 }));
        Assert.Equal(new[] { "vv_mean", "vv_sd", "vh_mean", "vh_sd" }, r.Sentinel1.Bands);
        var vv = r.Sentinel1.ToArray("vv_mean").Where(float.IsFinite).ToArray();
        Assert.NotEmpty(vv);
        Assert.InRange(vv.Average(), -25, -5);                      // dB
        Assert.All(r.Stack.Scenes, s => Assert.True(s.SunElevationDegrees >= 20));   // sun zenith < 70°
        Assert.Contains(r.Stack.Excluded, e => e.Reason.Contains("sun elevation"));
        var ph = r.Truth.ToArray("ph");
        Assert.All(ph, v => Assert.InRange(v, 5.5f, 8.6f));
    }

    [Fact]
    public void SamplesAndCovariates_AreOnCropland_WithNamedSets()
    {
        var sets = Cup4SoilCovariates.Sets.ToDictionary(k => k, k => Cup4SoilCovariates.Of(k, fx.Region, fx.Composite));
        var mappable = Cup4SoilCovariates.MappablePixels(fx.Region.Cropland, [.. sets.Values]);
        var crop = fx.Region.Cropland.ToArray();
        Assert.All(mappable, p => Assert.Equal(1, crop[p]));
        var s = Cup4SoilSamples.Draw(fx.Region, 60, mappable, seed: 3);
        Assert.Equal(60, s.Count);
        Assert.Equal(s.Count, s.Ids.Distinct().Count());
        Assert.Equal(Cup4SoilSamples.Draw(fx.Region, 60, mappable, seed: 3).X, s.X);    // seeded
        var x1 = Cup4SoilCovariates.AtPoints(sets[1], s.X, s.Y);
        var x3 = Cup4SoilCovariates.AtPoints(sets[3], s.X, s.Y);
        Assert.Contains("parent_material", x1.Names);
        Assert.DoesNotContain(x1.Names, n => n.StartsWith("mosaic_", StringComparison.Ordinal));
        Assert.Contains("mosaic_B12", x3.Names);
        Assert.Contains("mean_B02", Cup4SoilCovariates.AtPoints(sets[2], s.X, s.Y).Names);
        // sampling at the points equals the pixel table at the points' pixels
        var pixels = s.Covariate("pixel").Values.Select(v => (int)v).ToArray();
        var px = Cup4SoilCovariates.AtPixels(sets[3], pixels);
        for (int j = 0; j < x3.Columns; j++) Assert.Equal(px.Column(j), x3.Column(j));
        Assert.Throws<ArgumentException>(() => Cup4SoilSamples.Draw(fx.Region, mappable.Length + 1, mappable));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cup4SoilCovariates.Describe(4));
    }

    [Fact]
    public void CrossValidation_HasEighteenRows_AndTheClaimsAndMapsFollow()
    {
        var sets = Cup4SoilCovariates.Sets.ToDictionary(k => k, k => Cup4SoilCovariates.Of(k, fx.Region, fx.Composite));
        var mappable = Cup4SoilCovariates.MappablePixels(fx.Region.Cropland, [.. sets.Values]);
        var s = Cup4SoilSamples.Draw(fx.Region, 60, mappable, seed: 3);
        var x = sets.ToDictionary(k => k.Key, k => Cup4SoilCovariates.AtPoints(k.Value, s.X, s.Y));
        var cv = Cup4SoilCrossValidation.Run(s, x, Cup4SoilFixture.Tiny, seed: 3);
        Assert.Equal(18, cv.Rows.Count);
        Assert.Equal(18, cv.Rows.Select(r => (r.Property, r.CovariateSet, r.CvKind)).Distinct().Count());
        Assert.All(cv.Rows, r => { Assert.True(double.IsFinite(r.Mec)); Assert.InRange(r.Picp90, 0, 1); Assert.Equal(60, r.N); });
        var px = Cup4SoilCovariates.AtPixels(sets[3], mappable);
        var maps = Cup4SoilMaps.Predict(s, x[3], px, mappable, fx.Region.Grid, Cup4SoilFixture.Tiny, 3, Path.Combine(fx.Folder, "maps"));
        Assert.Equal(3, maps.Count);
        foreach (var m in maps)
        {
            Assert.True(File.Exists(m.Path));
            int p = mappable[0], c = p % fx.Region.Grid.Width, r = p / fx.Region.Grid.Width;
            float lo = m.Map.Value(c, r, "q05"), med = m.Map.Value(c, r, "q50"), hi = m.Map.Value(c, r, "q95");
            Assert.True(lo <= med && med <= hi);
            Assert.Equal((hi - lo) / med, m.Map.Value(c, r, "uncertainty"), 4);
        }
        var (di, aoa) = Cup4SoilApplicability.Assess("soc", s, x[3], px, mappable, fx.Region.Grid, maps[0].Map,
            cv.Predictions[("soc", 3, "spatial")], cv.SpatialFolds, 40, 3);
        Assert.InRange(aoa.OutsideShare, 0, 1);
        Assert.True(aoa.Threshold > 0);
        Assert.Equal(new[] { "di" }, di.Bands);
        var real = Cup4SoilRealData.Compare(LimeSoDa.Load("BB.250").ToSampleSeries(), 30, 1);
        Assert.Equal(4, real.Count);
        Assert.All(real.Select(Cup4SoilRealData.Row), r => Assert.Equal(250, r.N));
        var claims = Cup4SoilClaims.Assess(cv, real, 100, 1);
        Assert.Equal(4, claims.Count);
        Assert.All(claims, c => Assert.False(string.IsNullOrWhiteSpace(c.Verdict)));
        Assert.Throws<InvalidOperationException>(() => Cup4SoilClaims.Assess(cv, real.Take(1).ToArray(), 50, 1));
    }

    [Fact]
    public void Sizes_AndSpearman()
    {
        Assert.Same(Cup4SoilSizes.Quick, Cup4SoilSizes.For("quick"));
        Assert.Same(Cup4SoilSizes.Full, Cup4SoilSizes.For("full"));
        Assert.Throws<ArgumentException>(() => Cup4SoilSizes.For("fast"));
        Assert.Equal(40, Cup4SoilSizes.Quick.Dates);
        Assert.Equal(1, Cup4SoilApplicability.Spearman([1, 2, 3, 4], [10, 20, 25, 100]), 12);
        Assert.Equal(-1, Cup4SoilApplicability.Spearman([1, 2, 3], [3, 2, 1]), 12);
        Assert.True(double.IsNaN(Cup4SoilApplicability.Spearman([1, 2, 3], [1, 1, 1])));
    }
}
