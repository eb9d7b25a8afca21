using SoilNotebooks.Compositing;
using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tests.Rasters;
using SoilNotebooks.Tests.Scenes;

namespace SoilNotebooks.Tests.Compositing;

[Collection("SimulatedStack")]
public class CompositeTests(SimFixture fx)
{
    private static readonly float[] Soil = [0.09f, 0.12f, 0.16f, 0.19f, 0.21f, 0.22f, 0.24f, 0.25f, 0.30f, 0.28f];
    private static readonly float[] Veg = [0.03f, 0.07f, 0.04f, 0.12f, 0.30f, 0.38f, 0.42f, 0.43f, 0.22f, 0.11f];

    private static StackTile OnePixel(float[][] spectra, byte[] scl)
    {
        int D = spectra.Length;
        var refl = new float[D * 10];
        for (int d = 0; d < D; d++) for (int b = 0; b < 10; b++) refl[d * 10 + b] = spectra[d][b];
        var dates = Enumerable.Range(0, D).Select(d => new DateTime(2021, 1, 1).AddDays(10 * d)).ToArray();
        return new StackTile(dates, new RasterWindow(0, 0, 1, 1), refl, scl.Select(SclMask.FlagOf).ToArray());
    }

    [Fact]
    public void Kernel_OnePixel_HandComputedStatistics()
    {
        float[] S(float k) => Soil.Select(v => v * k).ToArray();
        // dates: bare ×1.0, bare ×0.9, vegetation, bare ×0.8 (cloud-flagged → ignored), bare ×1.1, vegetation under shadow
        var tile = OnePixel([S(1f), S(0.9f), Veg, S(0.8f), S(1.1f), Veg], [5, 5, 4, 9, 5, 3]);
        var c = CompositeKernel.Compute(tile, new CompositeOptions(MinFrequency: 0.5));
        Assert.Equal(4, c.ValidCount[0]);
        Assert.Equal(3, c.BareCount[0]);
        Assert.Equal(0.75f, c.BareFrequency[0]);
        for (int b = 0; b < 10; b++)
        {
            double[] v = [Soil[b] * 1f, Soil[b] * 0.9f, Soil[b] * 1.1f];
            double mean = v.Average(), sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / 2);
            Assert.Equal(mean, c.BareMean[b], 6);
            Assert.Equal(Soil[b], c.BareMedian[b], 6);
            Assert.Equal(sd, c.BareStd[b], 6);
            Assert.Equal(4.302652729911275 * sd / Math.Sqrt(3), c.BareCi95[b], 5);   // t(0.975, 2)
            Assert.Equal((v.Sum() + Veg[b]) / 4, c.ValidMean[b], 6);
            Assert.Equal(mean, c.Mosaic[b], 6);
        }
        Assert.Equal(MosaicSource.Src, c.Source[0]);
        // frequency below the threshold → MEAN
        var m = CompositeKernel.Compute(tile, new CompositeOptions(MinFrequency: 0.8));
        Assert.Equal(MosaicSource.Mean, m.Source[0]);
        Assert.Equal(m.ValidMean[3], m.Mosaic[3]);
    }

    [Fact]
    public void Kernel_AllCloud_AndAllVegetated_GiveExplicitEmptyResults()
    {
        var cloudy = CompositeKernel.Compute(OnePixel([Soil, Soil], [9, 8]));
        Assert.Equal(0, cloudy.ValidCount[0]);
        Assert.True(float.IsNaN(cloudy.BareFrequency[0]));
        Assert.True(float.IsNaN(cloudy.Mosaic[0]));
        Assert.Equal(MosaicSource.None, cloudy.Source[0]);
        var green = CompositeKernel.Compute(OnePixel([Veg, Veg, Veg], [4, 4, 4]));
        Assert.Equal(0f, green.BareFrequency[0]);
        Assert.True(float.IsNaN(green.BareMean[0]));
        Assert.Equal(Veg[0], green.Mosaic[0], 6);
        Assert.Equal(MosaicSource.Mean, green.Source[0]);
    }

    [Fact]
    public void Tiling_WithTinyTilesAndDilation_GivesIdenticalProducts()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var mask = new SclMaskOptions(DilationPixels: 2);
        var whole = ScmapComposite.Compute(stack, new CompositeOptions(Mask: mask, TileSize: 64));
        var tiny = ScmapComposite.Compute(stack, new CompositeOptions(Mask: mask, TileSize: 7));
        Assert.Equal(1, whole.Summary.Windows);
        Assert.Equal(100, tiny.Summary.Windows);
        Assert.Equal(whole.Data.BareFrequency, tiny.Data.BareFrequency);
        Assert.Equal(whole.Data.BareMedian, tiny.Data.BareMedian);
        Assert.Equal(whole.Data.Mosaic, tiny.Data.Mosaic);
        // dilation removes observations
        var plain = ScmapComposite.Compute(stack, new CompositeOptions(TileSize: 64));
        Assert.True(plain.Data.ValidCount.Sum() > whole.Data.ValidCount.Sum());
        Assert.False(whole.Summary.IsBareEmpty);
        Assert.InRange(whole.Summary.MeanBareFrequency, 0.05, 0.95);
    }

    [Fact]
    public void WrittenComposite_MatchesIndependentNumPyImplementation()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var ours = Path.Combine(RepoPaths.NewTempDir(), "ours");
        var theirs = Path.Combine(RepoPaths.NewTempDir(), "numpy");
        var progress = new List<double>();
        var summary = ScmapComposite.Write(stack, ours, new CompositeOptions(TileSize: 24), new SyncProgress(p => progress.Add(p.Fraction)));
        Assert.Equal(9, progress.Count);
        Assert.Equal(1.0, progress[^1]);
        GdalTools.Python(RepoPaths.Combine("tests", "peers", "compositing", "composite_numpy.py"), fx.Folder, theirs, "--tile", "20");
        Assert.Equal(9, summary.Files.Count);
        foreach (var (name, file, _) in ScmapComposite.Products)
        {
            using var a = RasterDataset.Open(Path.Combine(ours, file));
            using var b = RasterDataset.Open(Path.Combine(theirs, file));
            Assert.True(a.Grid.IsAlignedWith(b.Grid), name);
            Assert.Equal(b.BandCount, a.BandCount);
            for (int band = 1; band <= a.BandCount; band++)
            {
                var x = a.ReadFloat(band); var y = b.ReadFloat(band);
                for (int i = 0; i < x.Length; i++)
                {
                    Assert.True(float.IsNaN(x[i]) == float.IsNaN(y[i]), $"{name} band {band} pixel {i}: {x[i]} vs {y[i]}");
                    if (!float.IsNaN(x[i])) Assert.True(Math.Abs(x[i] - y[i]) <= 2e-6 + 1e-5 * Math.Abs(y[i]), $"{name} band {band} pixel {i}: {x[i]} vs {y[i]}");
                }
            }
        }
        var info = GdalTools.Info(summary.Files["src_mean"]).GetProperty("bands");
        Assert.Equal("B02 bare-soil mean reflectance (SRC)", info[0].GetProperty("description").GetString());
        Assert.Equal("B12 bare-soil mean reflectance (SRC)", info[9].GetProperty("description").GetString());
        Assert.Equal("bare-soil frequency", GdalTools.Info(summary.Files["bare_frequency"]).GetProperty("bands")[0].GetProperty("description").GetString());
    }

    [Fact]
    public void AllCloudStack_WritesExplicitEmptyResult()
    {
        var dir = RepoPaths.NewTempDir();
        var src = Path.GetDirectoryName(fx.Sim.S2Items[0])!;
        foreach (var f in Directory.GetFiles(src)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        using (var scl = RasterDataset.Open(Path.Combine(dir, "SCL.tif")))
        {
            var grid = scl.Grid;
            GeoTiff.Write(Path.Combine(dir, "SCL.tif"), grid, [Enumerable.Repeat(9f, grid.Width * grid.Height).ToArray()], new GeoTiffOptions(GdalDataType.Byte, NoData: 0));
        }
        using var stack = SceneStack.Open(Path.Combine(dir, "item.json"), new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0));
        var outDir = Path.Combine(dir, "out");
        var s = ScmapComposite.Write(stack, outDir, new CompositeOptions(TileSize: 32));
        Assert.True(s.IsAllInvalid);
        Assert.NotNull(s.EmptyReason);
        using var freq = RasterDataset.Open(s.Files["bare_frequency"]);
        Assert.All(freq.ReadFloat(1), v => Assert.True(float.IsNaN(v)));
        Assert.All(freq.ReadFloat(3), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void FailedRun_LeavesNoFilesBehind()
    {
        var copy = RepoPaths.NewTempDir();
        foreach (var f in Directory.GetFiles(fx.Folder, "*", SearchOption.AllDirectories))
        {
            var dst = Path.Combine(copy, Path.GetRelativePath(fx.Folder, f));
            Directory.CreateDirectory(Path.GetDirectoryName(dst)!);
            File.Copy(f, dst);
        }
        var outDir = Path.Combine(copy, "out");
        // corrupt the pixel data (second half) of the last scene's B11: the header still opens, reading its pixels fails mid-run
        string victim;
        using (var probe = SceneStack.Open(copy)) victim = probe.Scenes[^1].BandPaths[S2Band.B11];
        var bytes = File.ReadAllBytes(victim);
        for (int i = bytes.Length / 2; i < bytes.Length; i++) bytes[i] = 0xFF;
        File.WriteAllBytes(victim, bytes);
        using var reopened = SceneStack.Open(copy, new SceneStackOptions(CheckReflectanceScale: false));
        var e = Assert.Throws<GdalException>(() => ScmapComposite.Write(reopened, outDir, new CompositeOptions(TileSize: 16)));
        Assert.Contains("B11", e.Message);
        Assert.Empty(Directory.Exists(outDir) ? Directory.GetFiles(outDir) : []);
    }

    [Fact]
    public void Options_AreRangeChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompositeOptions(MinFrequency: 1.5).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompositeOptions(TileSize: 0).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompositeOptions(Thresholds: new BareSoilThresholds(Nbr2: -3)).Validate());
    }

    private sealed class SyncProgress(Action<StackProgress> a) : IProgress<StackProgress> { public void Report(StackProgress v) => a(v); }
}

[Collection("SimulatedStack")]
public class CompositeSignalTests(SimFixture fx)
{
    [Fact]
    public void CogOutput_IsCloudOptimizedAndEqualToTiledOutput()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var a = ScmapComposite.Write(stack, Path.Combine(RepoPaths.NewTempDir(), "tiled"), new CompositeOptions(TileSize: 32));
        var b = ScmapComposite.Write(stack, Path.Combine(RepoPaths.NewTempDir(), "cog"), new CompositeOptions(TileSize: 32, CloudOptimized: true));
        var info = GdalTools.Info(b.Files["src_mean"]);
        Assert.Equal("COG", info.GetProperty("metadata").GetProperty("IMAGE_STRUCTURE").GetProperty("LAYOUT").GetString());
        Assert.Equal("B12 bare-soil mean reflectance (SRC)", info.GetProperty("bands")[9].GetProperty("description").GetString());
        using var x = RasterDataset.Open(a.Files["mosaic"]); using var y = RasterDataset.Open(b.Files["mosaic"]);
        Assert.Equal(x.ReadFloat(10), y.ReadFloat(10));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(b.Files["mosaic"])!, "*staging*"));
    }

    [Fact]
    public void BareSoilComposite_CarriesTheSimulatedClaySignal()
    {
        // clay adds Al-OH absorption in B12 (SoilSceneModel): the SRC B12 depth relative to B11 must fall with true clay;
        // raw B12 also carries the per-pixel brightness nuisance, so its correlation is weaker
        using var stack = SceneStack.Open(fx.Folder, new SceneStackOptions(MinSunElevationDegrees: 0));
        var c = ScmapComposite.Compute(stack);
        var b12 = c.Band(c.Data.BareMean, S2Band.B12);
        var b11 = c.Band(c.Data.BareMean, S2Band.B11);
        var idx = Enumerable.Range(0, b12.Length).Where(i => float.IsFinite(b12[i])).ToArray();
        Assert.True(idx.Length > 500, $"{idx.Length} pixels with bare soil");
        double R(Func<int, double> f) => SoilNotebooks.Evaluation.RegressionMetrics.Compute(
            idx.Select(i => (double)fx.Sim.ClayPercent[i]).ToArray(), idx.Select(f).ToArray()).PearsonR;
        double depth = R(i => b12[i] / b11[i]), raw = R(i => b12[i]);
        Assert.True(depth < -0.2 && raw < 0, $"Pearson r(clay, SRC B12/B11) = {depth}, r(clay, B12) = {raw}");
    }
}
