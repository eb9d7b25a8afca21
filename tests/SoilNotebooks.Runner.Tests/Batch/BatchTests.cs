using System.Diagnostics;
using System.Text.Json;
using SoilNotebooks.Rasters;
using SoilNotebooks.Runner.Batch;
using SoilNotebooks.Runner.Commands;
using SoilNotebooks.Runner.Tests.Cli;

namespace SoilNotebooks.Runner.Tests.Batch;

/// <summary>A DEM on UTM 31N with a nodata pixel, and what a whole <c>soilnb terrain</c> run makes of it.</summary>
internal static class TerrainFixture
{
    public static readonly RasterGrid Grid = new(150, 110, GeoTransform.NorthUp(600_000, 5_500_000, 20), Crs.FromEpsg(32631));

    public static string WriteDem(string dir)
    {
        var z = new float[Grid.Width * Grid.Height];
        for (int y = 0; y < Grid.Height; y++)
            for (int x = 0; x < Grid.Width; x++)
                z[y * Grid.Width + x] = (float)(100 + 30 * Math.Sin(x / 17.0) + 20 * Math.Cos(y / 11.0) + 0.01 * x * y);
        z[5 * Grid.Width + 7] = float.NaN;
        var path = Path.Combine(dir, "dem.tif");
        GeoTiff.Write(path, Grid, [z], new GeoTiffOptions(NoData: -9999, Descriptions: ["elevation"]));
        return path;
    }

    public static float[][] Read(string path)
    {
        using var ds = RasterDataset.Open(path);
        return Enumerable.Range(1, ds.BandCount).Select(b => ds.ReadFloat(b)).ToArray();
    }

    public static void AssertIdentical(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int b = 0; b < expected.Length; b++)
        {
            Assert.Equal(expected[b].Length, actual[b].Length);
            for (int i = 0; i < expected[b].Length; i++)
                Assert.True(expected[b][i].Equals(actual[b][i]), $"band {b + 1} pixel {i}: {actual[b][i]}, whole run {expected[b][i]}");
        }
    }
}

/// <summary><c>soilnb terrain</c> as a tile verb: tiles equal the whole run; what cannot be tiled is refused.</summary>
[Collection("Console")]
public sealed class TerrainTileTests
{
    [Fact]
    public void EveryTileEqualsItsPartOfTheWholeRun_AndAFinishedTileIsSkipped()
    {
        var dir = RepoPaths.NewTempDir("soilnb-terrain");
        var dem = TerrainFixture.WriteDem(dir);
        var whole = Path.Combine(dir, "whole.tif");
        var (code, _, err) = CliHarness.Run("terrain", "--dem", dem, "--out", whole);
        Assert.True(code == 0, err);
        var expected = TerrainFixture.Read(whole);
        var tiling = new GridTiling(TerrainFixture.Grid, 64, 1);
        var tiles = Path.Combine(dir, "tiles");
        foreach (var t in tiling.Tiles)
        {
            (code, var stdout, err) = CliHarness.Run("terrain", "--dem", dem, "--tile", t.Id, "--tile-size", "64", "--tiles-out", tiles);
            Assert.True(code == 0, err);
            Assert.Contains("\"outcome\":\"written\"", stdout);
        }
        (code, var again, _) = CliHarness.Run("terrain", "--dem", dem, "--tile", "r000c000", "--tile-size", "64", "--tiles-out", tiles);
        Assert.Contains("\"outcome\":\"skipped\"", again);
        TileOutputs.WriteVrt(Path.Combine(dir, "m.vrt"), tiles, tiling, 2);
        TerrainFixture.AssertIdentical(expected, TerrainFixture.Read(Path.Combine(dir, "m.vrt")));
    }

    [Fact]
    public void WhatCannotBeTiledIsRefusedWithExit2AndNoFile()
    {
        var dir = RepoPaths.NewTempDir("soilnb-terrain");
        var dem = TerrainFixture.WriteDem(dir);
        var tiles = Path.Combine(dir, "tiles");
        var (code, _, err) = CliHarness.Run("terrain", "--dem", dem, "--products", "slope,twi", "--tile", "r000c000", "--tiles-out", tiles);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("upslope area", err);
        (code, _, err) = CliHarness.Run("terrain", "--dem", dem, "--tile", "r000c000", "--tile-overlap", "0", "--tiles-out", tiles);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("smaller than the 1 pixel", err);
        (code, _, err) = CliHarness.Run("terrain", "--dem", dem, "--tile", "r9c9", "--tiles-out", tiles);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("not a tile of this", err);
        (code, _, _) = CliHarness.Run("terrain", "--dem", dem, "--tile", "r000c000");
        Assert.Equal(ExitCodes.Usage, code);
        (code, _, err) = CliHarness.Run("terrain", "--dem", dem, "--products", "aspect", "--out", Path.Combine(dir, "x.tif"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("unknown product 'aspect'", err);
        Assert.False(Directory.Exists(tiles) && Directory.EnumerateFileSystemEntries(tiles).Any());
        Assert.False(File.Exists(Path.Combine(dir, "x.tif")));
    }
}

/// <summary><c>soilnb batch plan|submit --local|status|mosaic</c> with real tile processes.</summary>
public sealed class LocalBatchTests
{
    internal static string Soilnb => $"dotnet {Path.Combine(AppContext.BaseDirectory, "soilnb.dll")}";

    [Fact]
    public void PlanSubmitLocalMosaic_EqualsTheWholeRun_AndResubmittingRedoesOnlyWhatIsMissing()
    {
        var dir = RepoPaths.NewTempDir("soilnb-batch");
        var dem = TerrainFixture.WriteDem(dir);
        var whole = Path.Combine(dir, "whole.tif");
        Assert.Equal(0, TestNotebooks.Soilnb("terrain", "--dem", dem, "--out", whole).ExitCode);
        var batch = Path.Combine(dir, "b");
        var plan = TestNotebooks.Soilnb("batch", "plan", "--grid-from", dem, "--tile-size", "64", "--overlap", "1", "--out-dir", batch,
            "--soilnb", Soilnb, "--", "terrain", "--dem", dem);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        var manifest = BatchManifest.Load(Path.Combine(batch, "manifest.json"));
        Assert.Equal(6, manifest.Tiles.Length);                       // 3 × 2 tiles of 64 px over 150 × 110
        Assert.Equal(2, manifest.Bands);                              // elevation, slope: from the sample tile
        Assert.NotNull(manifest.Estimate);
        Assert.True(manifest.Estimate!.Seconds > 0 && manifest.Estimate.PeakMemoryMb > 10 && manifest.Estimate.OutputBytes > 0);
        var mpath = Path.Combine(batch, "manifest.json");
        var submit = TestNotebooks.Soilnb("batch", "submit", "--manifest", mpath, "--local", "2");
        Assert.True(submit.ExitCode == 0, submit.Stderr);
        using (var j = JsonDocument.Parse(submit.Stdout.Trim()))
            Assert.Equal(5, j.RootElement.GetProperty("ran").GetInt32());   // the sample tile was finished already
        var mosaic = TestNotebooks.Soilnb("batch", "mosaic", "--manifest", mpath, "--cog", Path.Combine(dir, "m.tif"), "--require-complete");
        Assert.True(mosaic.ExitCode == 0, mosaic.Stderr);
        TerrainFixture.AssertIdentical(TerrainFixture.Read(whole), TerrainFixture.Read(Path.Combine(dir, "m.tif")));

        // a damaged tile: status lists it, mosaic --require-complete refuses, submit redoes only that one
        File.WriteAllBytes(Path.Combine(batch, "tiles", "r001c001.tif"), new byte[64]);
        var status = TestNotebooks.Soilnb("batch", "status", "--manifest", mpath);
        Assert.Contains("\"missing\":[\"r001c001\"]", status.Stdout);
        Assert.Equal(ExitCodes.Failed, TestNotebooks.Soilnb("batch", "mosaic", "--manifest", mpath, "--require-complete").ExitCode);
        submit = TestNotebooks.Soilnb("batch", "submit", "--manifest", mpath, "--local", "2");
        using (var j = JsonDocument.Parse(submit.Stdout.Trim()))
            Assert.Equal(1, j.RootElement.GetProperty("ran").GetInt32());
        Assert.Equal(0, TestNotebooks.Soilnb("batch", "mosaic", "--manifest", mpath, "--cog", Path.Combine(dir, "m2.tif")).ExitCode);
        TerrainFixture.AssertIdentical(TerrainFixture.Read(whole), TerrainFixture.Read(Path.Combine(dir, "m2.tif")));
    }

    [Fact]
    public void TwoLocalWorkersGiveTheSamePixelsAsOne()
    {
        var dir = RepoPaths.NewTempDir("soilnb-batch");
        var dem = TerrainFixture.WriteDem(dir);
        float[][] Run(int workers)
        {
            var batch = Path.Combine(dir, $"w{workers}");
            Assert.Equal(0, TestNotebooks.Soilnb("batch", "plan", "--grid-from", dem, "--tile-size", "48", "--overlap", "1", "--out-dir", batch,
                "--no-sample", "--soilnb", Soilnb, "--", "terrain", "--dem", dem).ExitCode);
            var m = Path.Combine(batch, "manifest.json");
            var r = TestNotebooks.Soilnb("batch", "submit", "--manifest", m, "--local", workers.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Contains("\"ran\":12", r.Stdout);
            var cog = Path.Combine(dir, $"w{workers}.tif");
            Assert.Equal(0, TestNotebooks.Soilnb("batch", "mosaic", "--manifest", m, "--cog", cog, "--require-complete").ExitCode);
            return TerrainFixture.Read(cog);
        }
        TerrainFixture.AssertIdentical(Run(1), Run(2));
    }

    [Fact]
    public void BadPlansAndManifestsAreRefused()
    {
        var dir = RepoPaths.NewTempDir("soilnb-batch");
        var dem = TerrainFixture.WriteDem(dir);
        var r = TestNotebooks.Soilnb("batch", "plan", "--grid-from", dem, "--out-dir", Path.Combine(dir, "b"), "--", "terrain", "--dem", dem, "--out", "x.tif");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("the batch adds the tile flags", r.Stderr);
        r = TestNotebooks.Soilnb("batch", "plan", "--grid-from", dem, "--tile-size", "8", "--out-dir", Path.Combine(dir, "b"), "--", "terrain");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        // the sample tile fails (the verb's own error): no manifest
        r = TestNotebooks.Soilnb("batch", "plan", "--grid-from", dem, "--out-dir", Path.Combine(dir, "c"), "--soilnb", Soilnb, "--", "terrain", "--dem", "nope.tif");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("sample tile", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "c", "manifest.json")));
        File.WriteAllText(Path.Combine(dir, "m.json"), "{\"format\":\"other/9\"}");
        r = TestNotebooks.Soilnb("batch", "status", "--manifest", Path.Combine(dir, "m.json"));
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("not a soilnb-batch/1 manifest", r.Stderr);
    }

    [Fact]
    public void TheArrayScriptRunsEachTileWithRetriesAndTheRangesAreCompact()
    {
        Assert.Equal("0-3,7,9-10", SlurmBatch.Ranges([0, 1, 2, 3, 7, 9, 10]));
        var m = new BatchManifest
        {
            Soilnb = ["dotnet", "/opt/soilnb dir/soilnb.dll"], Verb = "terrain", Arguments = ["--dem", "/data/it's.tif"], TileSize = 64, Overlap = 1,
            Grid = BatchGrid.Of(TerrainFixture.Grid), Tiles = new GridTiling(TerrainFixture.Grid, 64, 1).Tiles.Select(t => t.Id).ToArray(),
            TilesDir = "/b/tiles", Estimate = new TileEstimate("r001c001", 20, 300, 1000),
        };
        var s = SlurmBatch.Script(m, "/b/slurm", [0, 2, 3], new SlurmOptions(Throttle: 4, Retries: 1));
        Assert.Contains("#SBATCH --array=0,2-3%4", s);
        Assert.Contains("#SBATCH --mem=450M", s);                    // 1.5 × the sample's peak
        Assert.Contains("#SBATCH --time=5", s);                      // at least 5 minutes (3 × 20 s)
        Assert.Contains("for attempt in $(seq 1 2)", s);
        Assert.Contains("'/opt/soilnb dir/soilnb.dll' 'terrain' '--dem' '/data/it'\\''s.tif' '--tile' \"$id\"", s);
        // the script is valid bash
        var path = Path.Combine(RepoPaths.NewTempDir("soilnb-batch"), "a.sbatch");
        File.WriteAllText(path, s);
        Assert.Equal(0, TestNotebooks.Run("bash", ["-n", path]).ExitCode);
    }
}
