using System.Text.Json.Nodes;
using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tests.Rasters;
using Xunit.Abstractions;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Tests.Scenes;

[Collection("SimulatedStack")]
public class SceneTests(SimFixture fx, ITestOutputHelper output)
{
    [Fact]
    public void Simulator_WritesRealGeoTiffsAndEarthSearchItems()
    {
        var sim = fx.Sim;
        Assert.Equal(10, sim.S2Items.Count);
        var item = JsonNode.Parse(File.ReadAllText(sim.S2Items[0]))!;
        Assert.Equal("05.10", (string?)item["properties"]!["s2:processing_baseline"]);
        Assert.False((bool)item["properties"]!["earthsearch:boa_offset_applied"]!);
        foreach (var key in new[] { "blue", "green", "red", "rededge1", "rededge2", "rededge3", "nir", "nir08", "swir16", "swir22", "scl" })
            Assert.NotNull(item["assets"]![key]);
        var dir = Path.GetDirectoryName(sim.S2Items[0])!;
        var b05 = GdalTools.Info(Path.Combine(dir, "B05.tif"));
        Assert.Equal(32, b05.GetProperty("size")[0].GetInt32());
        Assert.Equal(20, b05.GetProperty("geoTransform")[1].GetDouble());
        Assert.Contains("32633", b05.GetProperty("coordinateSystem").GetProperty("wkt").GetString());
        var b02 = GdalTools.Info(Path.Combine(dir, "B02.tif"));
        Assert.Equal("UInt16", b02.GetProperty("bands")[0].GetProperty("type").GetString());
        Assert.Equal(0, b02.GetProperty("bands")[0].GetProperty("noDataValue").GetDouble());
        Assert.True(File.Exists(sim.TruthFiles["clay"]));
        Assert.InRange(sim.ClayPercent.Average(), 18, 32);
        Assert.True(sim.S1Items.Count >= 2);
        output.WriteLine($"cloud cover: {string.Join(", ", sim.CloudCoverPercent.Select(c => c.ToString("0.0")))}");
        output.WriteLine($"sun: {string.Join(", ", sim.SunElevationDegrees.Select(c => c.ToString("0.0")))}");
    }

    [Fact]
    public void SamplePoints_AreSeededDistinctArablePixelsWithTrueClay()
    {
        var a = fx.Sim.SamplePoints(30, 1);
        Assert.Equal(30, a.Select(s => (s.Column, s.Row)).Distinct().Count());
        Assert.Equal(a, fx.Sim.SamplePoints(30, 1));
        Assert.NotEqual(a.Select(s => s.Id + s.Column), fx.Sim.SamplePoints(30, 2).Select(s => s.Id + s.Column));
        Assert.All(a, s => Assert.DoesNotContain(s.Crop, new[] { SimulatedCrop.Grassland, SimulatedCrop.Water }));
        Assert.All(a, s => Assert.Equal(fx.Sim.ClayPercent[s.Row * 64 + s.Column], s.ClayPercent));
        var (x, y) = fx.Sim.Grid.Transform.PixelToWorld(a[0].Column + 0.5, a[0].Row + 0.5);
        Assert.Equal(x, a[0].X); Assert.Equal(y, a[0].Y);
        Assert.Equal(fx.Sim.ClayPercent[a[3].Row * 64 + a[3].Column], (float)GdalTools.LocationValue(fx.Sim.TruthFiles["clay"], 1, a[3].Column, a[3].Row), 4);
    }

    [Fact]
    public void Simulator_IsReproducibleForASeed_AndDiffersAcrossSeeds()
    {
        var a = SceneSimulator.Simulate(RepoPaths.NewTempDir(), new SceneSimulatorOptions(Seed: 3, Size: 32, Dates: 2, Sentinel1: false));
        var b = SceneSimulator.Simulate(RepoPaths.NewTempDir(), new SceneSimulatorOptions(Seed: 3, Size: 32, Dates: 2, Sentinel1: false));
        var c = SceneSimulator.Simulate(RepoPaths.NewTempDir(), new SceneSimulatorOptions(Seed: 4, Size: 32, Dates: 2, Sentinel1: false));
        Assert.Equal(a.ClayPercent, b.ClayPercent);
        Assert.Equal(a.Dates, b.Dates);
        using var da = RasterDataset.Open(Path.Combine(Path.GetDirectoryName(a.S2Items[1])!, "B12.tif"));
        using var db = RasterDataset.Open(Path.Combine(Path.GetDirectoryName(b.S2Items[1])!, "B12.tif"));
        Assert.Equal(da.ReadUInt16(1), db.ReadUInt16(1));
        Assert.NotEqual(a.ClayPercent, c.ClayPercent);
    }

    [Fact]
    public void EarthSearchItem_AppliesBaselineOffset_FromMetadata()
    {
        var scene = S2Scene.FromStacItem(fx.Sim.S2Items[0]);
        Assert.Equal(SceneSource.EarthSearchStac, scene.Source);
        Assert.Equal(S2Radiometry.Baseline04, scene.Radiometry);
        Assert.Equal("05.10", scene.ProcessingBaseline);
        // physical values: DN − 1000 over 10000, checked against the raw DN read by GDAL's own tool
        using var stack = SceneStack.Create([scene], null, new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0));
        var tile = stack.ReadTile(new RasterWindow(5, 7, 3, 2));
        double dn = GdalTools.LocationValue(scene.BandPaths[S2Band.B04], 1, 6, 7);
        Assert.Equal((dn - 1000) / 10000, tile.Get(0, S2Band.B04, 1), 5);
        // a 20 m band on the 10 m grid: pixel (6, 7) lies in 20 m pixel (3, 3)
        double dn12 = GdalTools.LocationValue(scene.BandPaths[S2Band.B12], 1, 3, 3);
        Assert.Equal((dn12 - 1000) / 10000, tile.Get(0, S2Band.B12, 1), 5);
    }

    [Fact]
    public void Radiometry_RulesAndMissingMetadata()
    {
        Assert.Equal(S2Radiometry.NoOffset, S2Radiometry.FromBaseline("03.01", null));
        Assert.Equal(S2Radiometry.Baseline04, S2Radiometry.FromBaseline("04.00", null));
        Assert.Equal(S2Radiometry.Baseline04, S2Radiometry.FromBaseline("05.10", false));
        Assert.Equal(S2Radiometry.NoOffset, S2Radiometry.FromBaseline("05.10", true));
        Assert.Equal(0.1f, S2Radiometry.Baseline04.ToReflectance(2000), 6);
        Assert.True(float.IsNaN(S2Radiometry.Baseline04.ToReflectance(0)));

        // an Item without baseline metadata: error, unless the radiometry is given explicitly
        var dir = RepoPaths.NewTempDir();
        var src = Path.GetDirectoryName(fx.Sim.S2Items[0])!;
        foreach (var f in Directory.GetFiles(src, "*.tif")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var item = JsonNode.Parse(File.ReadAllText(fx.Sim.S2Items[0]))!;
        item["properties"]!.AsObject().Remove("s2:processing_baseline");
        item["properties"]!.AsObject().Remove("earthsearch:boa_offset_applied");
        var path = Path.Combine(dir, "item.json");
        File.WriteAllText(path, item.ToJsonString());
        var e = Assert.Throws<InvalidDataException>(() => S2Scene.FromStacItem(path));
        Assert.Contains("offset", e.Message);
        Assert.Equal(S2Radiometry.Baseline04, S2Scene.FromStacItem(path, new S2LoadOptions(S2Radiometry.Baseline04)).Radiometry);
        // explicit value contradicting the metadata is refused
        var e2 = Assert.Throws<InvalidDataException>(() => S2Scene.FromStacItem(fx.Sim.S2Items[0], new S2LoadOptions(S2Radiometry.NoOffset)));
        Assert.Contains("conflicts", e2.Message);
    }

    [Fact]
    public void CdseStyleItems_LoadTheSameReflectances()
    {
        var es = SceneSimulator.Simulate(RepoPaths.NewTempDir(), new SceneSimulatorOptions(Seed: 11, Size: 32, Dates: 2, Sentinel1: false));
        var cd = SceneSimulator.Simulate(RepoPaths.NewTempDir(), new SceneSimulatorOptions(Seed: 11, Size: 32, Dates: 2, Sentinel1: false, Style: StacStyle.Cdse));
        var item = JsonNode.Parse(File.ReadAllText(cd.S2Items[0]))!;
        Assert.NotNull(item["assets"]!["B02_10m"]); Assert.NotNull(item["assets"]!["SCL_20m"]); Assert.NotNull(item["assets"]!["B8A_20m"]);
        var s = S2Scene.FromStacItem(cd.S2Items[0]);
        Assert.Equal(SceneSource.CdseStac, s.Source);
        var opts = new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0);
        using var a = SceneStack.Open(es.Folder, opts);
        using var b = SceneStack.Open(cd.Folder, opts);
        Assert.Equal(a.ReadTile(a.Grid.FullWindow).Reflectance, b.ReadTile(b.Grid.FullWindow).Reflectance);
    }

    [Fact]
    public void OffsetAlreadyApplied_GivesSameReflectance()
    {
        var a = SceneSimulator.Simulate(RepoPaths.NewTempDir(), new SceneSimulatorOptions(Seed: 5, Size: 16, Dates: 1, Sentinel1: false));
        var b = SceneSimulator.Simulate(RepoPaths.NewTempDir(), new SceneSimulatorOptions(Seed: 5, Size: 16, Dates: 1, Sentinel1: false, BoaOffsetApplied: true));
        var old = SceneSimulator.Simulate(RepoPaths.NewTempDir(), new SceneSimulatorOptions(Seed: 5, Size: 16, Dates: 1, Sentinel1: false, ProcessingBaseline: "03.01"));
        var opts = new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0);
        using var sa = SceneStack.Open(a.Folder, opts); using var sb = SceneStack.Open(b.Folder, opts); using var so = SceneStack.Open(old.Folder, opts);
        var ra = sa.ReadTile(sa.Grid.FullWindow).Reflectance;
        Assert.Equal(ra, sb.ReadTile(sb.Grid.FullWindow).Reflectance);
        Assert.Equal(ra, so.ReadTile(so.Grid.FullWindow).Reflectance);
        using var raw = RasterDataset.Open(Path.Combine(Path.GetDirectoryName(a.S2Items[0])!, "B02.tif"));
        using var rawB = RasterDataset.Open(Path.Combine(Path.GetDirectoryName(b.S2Items[0])!, "B02.tif"));
        Assert.Equal(raw.ReadUInt16(1)[0], rawB.ReadUInt16(1)[0] + 1000);
    }

    [Fact]
    public void SceneFilters_DropCloudyAndLowSunScenes_AndAllExcludedIsAnError()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var sim = fx.Sim;
        int expected = Enumerable.Range(0, sim.Dates.Count).Count(i => sim.CloudCoverPercent[i] <= 80 && sim.SunElevationDegrees[i] >= 20);
        Assert.Equal(expected, stack.Scenes.Count);
        Assert.Equal(sim.Dates.Count - expected, stack.Excluded.Count);
        Assert.True(stack.Excluded.Count > 0, "the simulated 2-year series should contain low-sun winter dates");
        Assert.All(stack.Excluded, e => Assert.Matches("cloud cover|sun elevation", e.Reason));
        var e = Assert.Throws<InvalidDataException>(() => SceneStack.Open(fx.Folder, new SceneStackOptions(MinSunElevationDegrees: 89)));
        Assert.Contains("excluded", e.Message);
    }

    [Fact]
    public void Sentinel1_PairedWithinOneDay_ConvertedToDb()
    {
        using var stack = SceneStack.Open(fx.Folder, new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0));
        Assert.True(stack.Sentinel1.Count >= 2);
        for (int d = 0; d < stack.Dates.Count; d++)
            if (stack.S1Pairs[d] is int k) Assert.True((stack.Sentinel1[k].Date - stack.Dates[d]).Duration() <= TimeSpan.FromDays(1));
        int paired = stack.S1Pairs.Count(p => p is not null);
        Assert.InRange(paired, 1, stack.Dates.Count);
        var tile = stack.ReadTile(new RasterWindow(0, 0, 8, 8));
        int d0 = Enumerable.Range(0, stack.Dates.Count).First(d => stack.S1Pairs[d] is not null);
        var s1 = stack.Sentinel1[stack.S1Pairs[d0]!.Value];
        double lin = GdalTools.LocationValue(s1.VvPath, 1, 3, 2);
        Assert.Equal(10 * Math.Log10(lin), tile.VvDb![d0 * 64 + 2 * 8 + 3], 4);
        int dn = Enumerable.Range(0, stack.Dates.Count).FirstOrDefault(d => stack.S1Pairs[d] is null, -1);
        if (dn >= 0) Assert.True(float.IsNaN(tile.VhDb![dn * 64]));
    }

    [Fact]
    public void Pairing_NearestWithinTolerance_TiesToEarlier()
    {
        var t0 = new DateTime(2021, 5, 1, 10, 0, 0, DateTimeKind.Utc);
        var s2 = new[] { t0, t0.AddDays(10), t0.AddDays(20) };
        var s1 = new[] { t0.AddHours(-20), t0.AddHours(5), t0.AddDays(10).AddHours(-12), t0.AddDays(10).AddHours(12), t0.AddDays(21).AddHours(1) };
        var p = S1Pairing.Pair(s2, s1);
        Assert.Equal(1, p[0]);
        Assert.Equal(2, p[1]);
        Assert.Null(p[2]);
    }

    [Fact]
    public void BandFolder_WithMtdXml_AndMismatchedGrids()
    {
        var dir = Path.Combine(RepoPaths.NewTempDir(), "S2A_20210905_scene");
        Directory.CreateDirectory(dir);
        var src = Path.GetDirectoryName(fx.Sim.S2Items[0])!;
        foreach (var f in Directory.GetFiles(src, "*.tif")) File.Copy(f, Path.Combine(dir, "T33TSIM_" + Path.GetFileNameWithoutExtension(f) + "_x.tif"));
        // no metadata at all: explicit radiometry needed
        Assert.Throws<InvalidDataException>(() => S2Scene.FromFolder(dir));
        File.WriteAllText(Path.Combine(dir, "MTD_MSIL2A.xml"),
            "<x><PRODUCT_START_TIME>2021-09-05T10:10:00.000Z</PRODUCT_START_TIME><PROCESSING_BASELINE>05.10</PROCESSING_BASELINE>" +
            "<BOA_QUANTIFICATION_VALUE unit=\"none\">10000</BOA_QUANTIFICATION_VALUE><BOA_ADD_OFFSET band_id=\"0\">-1000</BOA_ADD_OFFSET><BOA_ADD_OFFSET band_id=\"1\">-1000</BOA_ADD_OFFSET>" +
            "<Cloud_Coverage_Assessment>12.5</Cloud_Coverage_Assessment></x>");
        var s = S2Scene.FromFolder(dir);
        Assert.Equal(S2Radiometry.Baseline04, s.Radiometry);
        Assert.Equal(12.5, s.CloudCoverPercent);
        Assert.Equal(new DateTime(2021, 9, 5, 10, 10, 0, DateTimeKind.Utc), s.Date);
        Assert.EndsWith("B8A_x.tif", s.BandPaths[S2Band.B8A]);

        // a band in another CRS: a clear error naming the band
        var grid = new RasterGrid(64, 64, GeoTransform.NorthUp(400000, 5000000, 10), Crs.FromEpsg(32634));
        GeoTiff.Write(s.BandPaths[S2Band.B03], grid, [new float[64 * 64]], new GeoTiffOptions(GdalDataType.UInt16, NoData: 0));
        var e = Assert.Throws<InvalidDataException>(() => SceneStack.Create([s], null, new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0)));
        Assert.Contains("B03", e.Message); Assert.Contains("CRS", e.Message);
        // shifted grid, same CRS
        GeoTiff.Write(s.BandPaths[S2Band.B03], new RasterGrid(64, 64, grid.Transform, Crs.FromEpsg(32633)), [new float[64 * 64]], new GeoTiffOptions(GdalDataType.UInt16, NoData: 0));
        e = Assert.Throws<InvalidDataException>(() => SceneStack.Create([s], null, new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0)));
        Assert.Contains("mismatched", e.Message);
        // missing band
        File.Delete(s.BandPaths[S2Band.B11]);
        e = Assert.Throws<InvalidDataException>(() => S2Scene.FromFolder(dir));
        Assert.Contains("B11", e.Message);
    }

    [Fact]
    public void MissingAssetFile_AndCorruptItem_GiveClearErrors()
    {
        var dir = RepoPaths.NewTempDir();
        var item = JsonNode.Parse(File.ReadAllText(fx.Sim.S2Items[0]))!;
        File.WriteAllText(Path.Combine(dir, "item.json"), item.ToJsonString());      // hrefs relative: files absent here
        var e = Assert.Throws<FileNotFoundException>(() => S2Scene.FromStacItem(Path.Combine(dir, "item.json")));
        Assert.Contains("B02.tif", e.Message);
        File.WriteAllText(Path.Combine(dir, "bad.json"), "{ not json");
        Assert.Throws<InvalidDataException>(() => S2Scene.FromStacItem(Path.Combine(dir, "bad.json")));
        item["assets"]!["blue"]!["href"] = "https://example.com/B02.tif";
        File.WriteAllText(Path.Combine(dir, "remote.json"), item.ToJsonString());
        Assert.Contains("remote", Assert.Throws<InvalidDataException>(() => S2Scene.FromStacItem(Path.Combine(dir, "remote.json"))).Message);
    }

    [Fact]
    public void TwentyMetreStack_BlockAveragesTenMetreBands()
    {
        using var s10 = SceneStack.Open(fx.Folder, new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0));
        using var s20 = SceneStack.Open(fx.Folder, new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0, ResolutionMetres: 20));
        Assert.Equal(32, s20.Grid.Width);
        var t10 = s10.ReadTile(new RasterWindow(0, 0, 4, 4));
        var t20 = s20.ReadTile(new RasterWindow(0, 0, 2, 2));
        float mean = (t10.Get(0, S2Band.B04, 0) + t10.Get(0, S2Band.B04, 1) + t10.Get(0, S2Band.B04, 4) + t10.Get(0, S2Band.B04, 5)) / 4;
        Assert.Equal(mean, t20.Get(0, S2Band.B04, 0), 4);
        Assert.Equal(t10.Get(0, S2Band.B12, 0), t20.Get(0, S2Band.B12, 0), 6);
    }
}

[Collection("SimulatedStack")]
public class ReflectanceScaleTests(SimFixture fx)
{
    [Fact]
    public void BandsAlreadyInReflectance_AreRejectedAsWrongScale()
    {
        var dir = RepoPaths.NewTempDir();
        var src = Path.GetDirectoryName(fx.Sim.S2Items[0])!;
        foreach (var f in Directory.GetFiles(src)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        // rewrite B04 as Float32 reflectance 0–1 (a common preprocessing result) while the Item still says DN
        using (var ds = RasterDataset.Open(Path.Combine(dir, "B04.tif")))
        {
            var dn = ds.ReadFloat(1);
            var grid = ds.Grid;
            GeoTiff.Write(Path.Combine(dir, "B04.tif"), grid, [dn.Select(v => (v - 1000) / 10000f).ToArray()]);
        }
        var opts = new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0);
        var e = Assert.Throws<InvalidDataException>(() => SceneStack.Open(Path.Combine(dir, "item.json"), opts));
        Assert.Contains("B04", e.Message);
        Assert.Contains("implausible", e.Message);
        using var unchecked_ = SceneStack.Open(Path.Combine(dir, "item.json"), opts with { CheckReflectanceScale = false });
        Assert.Single(unchecked_.Scenes);
    }
}

[Collection("SimulatedStack")]
public class Sentinel1UnitTests(SimFixture fx)
{
    [Fact]
    public void DecibelInput_PassesThrough_AndMissingUnitNeedsAnExplicitChoice()
    {
        var item = JsonNode.Parse(File.ReadAllText(fx.Sim.S1Items[0]))!;
        var dir = RepoPaths.NewTempDir();
        var srcDir = Path.GetDirectoryName(fx.Sim.S1Items[0])!;
        using (var vv = RasterDataset.Open(Path.Combine(srcDir, "VV.tif")))
        {
            var db = vv.ReadFloat(1).Select(v => 10 * MathF.Log10(v)).ToArray();
            GeoTiff.Write(Path.Combine(dir, "VV.tif"), vv.Grid, [db]);
            GeoTiff.Write(Path.Combine(dir, "VH.tif"), vv.Grid, [db.Select(v => v - 8).ToArray()]);
        }
        item["properties"]!["soilnb:backscatter_unit"] = "dB";
        File.WriteAllText(Path.Combine(dir, "item.json"), item.ToJsonString());
        var s1 = S1Scene.FromStacItem(Path.Combine(dir, "item.json"));
        Assert.Equal(BackscatterUnit.Decibel, s1.Unit);
        Assert.Equal(-12.5f, s1.ToDecibel(-12.5f));
        var lin = S1Scene.FromStacItem(fx.Sim.S1Items[0]);
        Assert.Equal(BackscatterUnit.Linear, lin.Unit);
        Assert.Equal(-10f, lin.ToDecibel(0.1f), 5);
        Assert.True(float.IsNaN(lin.ToDecibel(0f)));
        item["properties"]!.AsObject().Remove("soilnb:backscatter_unit");
        File.WriteAllText(Path.Combine(dir, "item.json"), item.ToJsonString());
        Assert.Contains("linear or dB", Assert.Throws<InvalidDataException>(() => S1Scene.FromStacItem(Path.Combine(dir, "item.json"))).Message);
        Assert.Equal(BackscatterUnit.Decibel, S1Scene.FromStacItem(Path.Combine(dir, "item.json"), BackscatterUnit.Decibel).Unit);
    }
}

[Collection("SimulatedStack")]
public class Sentinel1WarpTests(SimFixture fx)
{
    /// <summary>
    /// One simulated Sentinel-2 scene copied to a new folder, a smooth σ⁰ field (linear) on its 10 m grid, and a stack of
    /// the scene with a Sentinel-1 pair whose VV (and VH, a copy) <paramref name="writeVv"/> makes from that field.
    /// </summary>
    private (SceneStack Stack, RasterGrid Grid, float[] Sigma) StackWithSentinel1(Action<string, RasterGrid, float[], string> writeVv)
    {
        var dir = RepoPaths.NewTempDir();
        var src = Path.GetDirectoryName(fx.Sim.S2Items[0])!;
        var s2 = Path.Combine(dir, "s2"); Directory.CreateDirectory(s2);
        foreach (var f in Directory.GetFiles(src)) File.Copy(f, Path.Combine(s2, Path.GetFileName(f)));
        var scene = S2Scene.FromStacItem(Path.Combine(s2, "item.json"));
        RasterGrid grid;
        using (var b02 = RasterDataset.Open(scene.BandPaths[S2Band.B02])) grid = b02.Grid;
        var sigma = Enumerable.Range(0, grid.Width * grid.Height).Select(i => 0.02f + 0.0005f * (i % grid.Width) + 0.0003f * (i / grid.Width)).ToArray();
        var s1dir = Path.Combine(dir, "s1"); Directory.CreateDirectory(s1dir);
        writeVv(dir, grid, sigma, Path.Combine(s1dir, "VV.tif"));
        File.Copy(Path.Combine(s1dir, "VV.tif"), Path.Combine(s1dir, "VH.tif"));
        var s1 = new S1Scene { Id = "s1", Date = scene.Date.AddHours(6), VvPath = Path.Combine(s1dir, "VV.tif"), VhPath = Path.Combine(s1dir, "VH.tif"), Unit = BackscatterUnit.Linear };
        return (SceneStack.Create([scene], [s1], new SceneStackOptions(MaxCloudCoverPercent: 100, MinSunElevationDegrees: 0)), grid, sigma);
    }

    /// <summary>Asserts that the tile's VV is 10·log10(σ⁰) within <paramref name="tolerance"/> dB, <paramref name="margin"/> pixels in from the window's edges.</summary>
    private static void AssertVvIsSigmaInDb(SceneStack stack, RasterGrid grid, float[] sigma, float tolerance, int margin)
    {
        var win = new RasterWindow(10, 12, 20, 16);
        var tile = stack.ReadTile(win);
        int checkedPx = 0;
        for (int r = margin; r < win.Height - margin; r++)
            for (int c = margin; c < win.Width - margin; c++)
            {
                float expected = 10 * MathF.Log10(sigma[(win.RowOffset + r) * grid.Width + win.ColumnOffset + c]);
                float got = tile.VvDb![r * win.Width + c];
                Assert.True(Math.Abs(expected - got) < tolerance, $"({c}, {r}): expected {expected} dB, got {got} dB");
                checkedPx++;
            }
        Assert.True(checkedPx > 100);
    }

    [Fact]
    public void Sentinel1InGeographicCrs_IsWarpedOntoTheStackGrid()
    {
        // a Sentinel-1 pair in EPSG:4326 (as GRD products are often delivered), made with gdalwarp from the smooth field
        var (stack, grid, sigma) = StackWithSentinel1((dir, grid, sigma, vv) =>
        {
            var utmFile = Path.Combine(dir, "vv_utm.tif");
            GeoTiff.Write(utmFile, grid, [sigma], new GeoTiffOptions(NoData: float.NaN));
            GdalTools.Run("gdalwarp", "-q", "-t_srs", "EPSG:4326", "-r", "bilinear", "-tr", "0.00005", "0.00005", utmFile, vv);
        });
        using (stack)
        {
            Assert.Equal(2, stack.WarpedSentinel1Files.Count);
            AssertVvIsSigmaInDb(stack, grid, sigma, 0.05f, margin: 2);
        }
    }

    [Fact]
    public void Sentinel1WithScaleMetadata_OnTheStackGrid_IsReadInPhysicalUnits_LikeAWarpedOne()
    {
        // σ⁰ stored as integers with scale 1e-4 (as some GRD exports do), on the stack grid itself: no warp is needed,
        // and without the scale the values would be about 40 dB too high
        var (stack, grid, sigma) = StackWithSentinel1((dir, grid, sigma, vv) =>
        {
            var raw = Path.Combine(dir, "raw.tif");
            GeoTiff.Write(raw, grid, [sigma.Select(v => MathF.Round(v * 10000)).ToArray()]);
            GdalTools.Run("gdal_translate", "-q", "-ot", "UInt16", "-a_scale", "0.0001", "-a_offset", "0", raw, vv);
        });
        using (stack)
        {
            Assert.Empty(stack.WarpedSentinel1Files);
            AssertVvIsSigmaInDb(stack, grid, sigma, 0.01f, margin: 0);
        }
    }
}
