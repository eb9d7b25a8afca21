using SoilNotebooks.Compositing;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tests.Scenes;

namespace SoilNotebooks.Tests.Compositing;

/// <summary>The SCMaP rules added to the compositing stage: B02 MAD outliers, land-cover mask, preset, per-year.</summary>
[Collection("SimulatedStack")]
public class ScmapRulesTests(SimFixture fx)
{
    private static readonly float[] Soil = [0.09f, 0.12f, 0.16f, 0.19f, 0.21f, 0.22f, 0.24f, 0.25f, 0.30f, 0.28f];

    private static StackTile OnePixel(float[][] spectra)
    {
        int D = spectra.Length;
        var refl = new float[D * 10];
        for (int d = 0; d < D; d++) for (int b = 0; b < 10; b++) refl[d * 10 + b] = spectra[d][b];
        var dates = Enumerable.Range(0, D).Select(d => new DateTime(2021, 1, 1).AddDays(10 * d)).ToArray();
        return new StackTile(dates, new RasterWindow(0, 0, 1, 1), refl, Enumerable.Repeat(SclMask.FlagOf(5), D).ToArray());
    }

    private static float[] S(float k) => Soil.Select(v => v * k).ToArray();

    [Fact]
    public void MadTest_RemovesTheHazyObservation_FromSrcOnly()
    {
        // five bare observations; the last is brightened in B02 only (haze): |Δ| far beyond 3 scaled MADs
        var hazy = S(1f); hazy[0] = 0.16f; hazy[1] = 0.17f; hazy[2] = 0.18f;     // keeps B3 > B2, B4 > B3
        var tile = OnePixel([S(1f), S(1.02f), S(0.98f), S(1.01f), hazy]);
        var off = CompositeKernel.Compute(tile, new CompositeOptions(MinFrequency: 0));
        var on = CompositeKernel.Compute(tile, new CompositeOptions(MinFrequency: 0, B02MadLimit: 3));
        Assert.Equal(5, off.BareCount[0]);
        Assert.Equal(4, on.BareCount[0]);
        Assert.Equal(5, on.ValidCount[0]);                       // still a clear observation for MREF
        double expected = new[] { 1f, 1.02f, 0.98f, 1.01f }.Average(k => Soil[0] * k);
        Assert.Equal(expected, on.BareMean[0], 6);
        Assert.Equal(off.ValidMean[0], on.ValidMean[0]);

        var status = CompositeKernel.Classify(tile, SoilNotebooks.Masking.BareSoilThresholds.S2MoS);
        Assert.Equal(1, CompositeKernel.RejectB02Outliers(tile, status, 3));
        Assert.Equal(ObservationStatus.Valid, status[4]);
        Assert.Equal(0, CompositeKernel.RejectB02Outliers(tile, status, 0));     // 0 = off
    }

    [Fact]
    public void MadTest_NeedsThreeBareObservations_AndAPositiveMad()
    {
        var two = OnePixel([S(1f), S(1.5f)]);
        var st = CompositeKernel.Classify(two, SoilNotebooks.Masking.BareSoilThresholds.S2MoS);
        Assert.Equal(0, CompositeKernel.RejectB02Outliers(two, st, 3));
        var same = OnePixel([S(1f), S(1f), S(1f), S(1f)]);
        st = CompositeKernel.Classify(same, SoilNotebooks.Masking.BareSoilThresholds.S2MoS);
        Assert.Equal(0, CompositeKernel.RejectB02Outliers(same, st, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompositeOptions(B02MadLimit: -1).Validate());
    }

    [Fact]
    public void ScmapPreset_HasTheRulesDefaults()
    {
        var o = CompositeOptions.Scmap;
        Assert.Equal(3, o.MinBareCount);
        Assert.Equal(3, o.B02MadLimit);
        Assert.Equal(0, o.MinFrequency);
        Assert.Equal(20, CompositeOptions.ScmapStackOptions().MinSunElevationDegrees);
        Assert.Equal(20, CompositeOptions.ScmapStackOptions().ResolutionMetres);
        Assert.Throws<ArgumentOutOfRangeException>(() => CompositeOptions.ScmapStackOptions(95));
        // fewer than three bare observations: no SRC, the mosaic takes MEAN
        var c = CompositeKernel.Compute(OnePixel([S(1f), S(1.01f)]), o);
        Assert.True(float.IsNaN(c.BareMean[0]));
        Assert.Equal(MosaicSource.Mean, c.Source[0]);
    }

    [Fact]
    public void LandMask_ClearsPixelsOutsideIt_AndMustBeOnTheStackGrid()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var g = stack.Grid;
        var m = new float[g.Width * g.Height];
        for (int i = 0; i < m.Length; i++) m[i] = i % g.Width < g.Width / 2 ? 1 : 0;   // left half kept
        var mask = Raster.Create(g, "cropland", m);
        var all = ScmapComposite.Compute(stack);
        var masked = ScmapComposite.Compute(stack, new CompositeOptions(LandMask: mask, TileSize: 24));
        for (int i = 0; i < m.Length; i++)
        {
            if (m[i] == 1) Assert.Equal(all.Data.Mosaic[i], masked.Data.Mosaic[i]);
            else { Assert.True(float.IsNaN(masked.Data.Mosaic[i])); Assert.Equal(MosaicSource.None, masked.Data.Source[i]); }
        }
        Assert.True(masked.Summary.PixelsWithValidObservation <= m.Count(v => v == 1));
        var other = new RasterGrid(g.Width / 2, g.Height / 2, g.Transform, g.Crs);
        var e = Assert.Throws<ArgumentException>(() => ScmapComposite.Compute(stack,
            new CompositeOptions(LandMask: Raster.Create(other, "x", new float[other.Width * other.Height]))));
        Assert.Contains("stack grid", e.Message);
    }

    [Fact]
    public void PerYear_CompositesAddUpToTheStack()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var years = ScmapYears.PerYear(stack);
        Assert.Equal(stack.Scenes.Select(s => s.Date.Year).Distinct().Count(), years.Count);
        Assert.Equal(stack.Scenes.Count, years.Sum(y => y.Scenes));
        var all = ScmapComposite.Compute(stack);
        for (int p = 0; p < all.Grid.Width * all.Grid.Height; p += 97)
            Assert.Equal(all.Data.BareCount[p], years.Sum(y => y.Composite.Data.BareCount[p]));
        var f = ScmapYears.FrequencyByYear(years);
        Assert.Equal(years.Select(y => $"frequency_{y.Year}"), f.Bands);
        var cov = ScmapYears.CumulativeCoverage(years, 1);
        Assert.Equal(years.Count, cov.Length);
        for (int k = 1; k < cov.Length; k++) Assert.True(cov[k] >= cov[k - 1]);
        Assert.InRange(all.BareFraction, 0, 1);
        Assert.True(all.MedianBareObservations >= 0);
        Assert.Equal(all.Mean.ToArray("B04"), all.Mref.ToArray("B04"));
    }
}
