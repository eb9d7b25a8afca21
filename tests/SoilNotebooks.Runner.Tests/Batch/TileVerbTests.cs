using SoilNotebooks.Rasters;
using SoilNotebooks.Runner.Commands;
using SoilNotebooks.Runner.Tests.Cli;
using SoilNotebooks.Runner.Tests.Commands;

namespace SoilNotebooks.Runner.Tests.Batch;

/// <summary><c>soilnb composite --tile</c> and <c>soilnb map --tile</c>: the mosaic of the tiles equals a whole run.</summary>
[Collection("Console")]
public sealed class TileVerbTests
{
    private static float[] Band(string path, int band)
    {
        using var ds = RasterDataset.Open(path);
        return ds.ReadFloat(band);
    }

    private static void Same(float[] whole, float[] tiled, string what)
    {
        Assert.Equal(whole.Length, tiled.Length);
        for (int i = 0; i < whole.Length; i++)
            Assert.True(whole[i].Equals(tiled[i]), $"{what} pixel {i}: tiles {tiled[i]}, whole run {whole[i]}");
    }

    /// <summary>Runs every 32 px tile of <paramref name="grid"/> with the verb's arguments; returns the VRT mosaic.</summary>
    private static string RunAllTiles(string dir, RasterGrid grid, int bands, params string[] verb)
    {
        var tiles = Path.Combine(dir, "tiles");
        var tiling = new GridTiling(grid, 32);
        foreach (var t in tiling.Tiles)
        {
            var (code, _, err) = CliHarness.Run([.. verb, "--tile", t.Id, "--tile-size", "32", "--tiles-out", tiles]);
            Assert.True(code == 0, err);
        }
        var vrt = Path.Combine(dir, "m.vrt");
        Assert.True(TileOutputs.WriteVrt(vrt, tiles, tiling, bands).Complete);
        return vrt;
    }

    [Fact]
    public void CompositeTilesMosaicToTheWholeRun()
    {
        var dir = RepoPaths.NewTempDir("soilnb-ctile");
        var sim = Path.Combine(dir, "sim");
        var (code, _, err) = CliHarness.Run("simulate-scenes", "--out", sim, "--seed", "3", "--size", "80", "--dates", "8", "--no-s1");
        Assert.True(code == 0, err);
        string[] common = ["composite", "--stac", sim, "--min-sun", "0", "--window", "24", "--dilation", "1"];
        (code, _, err) = CliHarness.Run([.. common, "--out", Path.Combine(dir, "whole")]);
        Assert.True(code == 0, err);
        var vrt = RunAllTiles(dir, RasterDataset.Open(Path.Combine(dir, "whole", "bare_frequency.tif")).Grid, 44, common);
        string W(string f) => Path.Combine(dir, "whole", f);
        Same(Band(W("bare_frequency.tif"), 1), Band(vrt, 1), "bare_frequency");
        Same(Band(W("bare_frequency.tif"), 2), Band(vrt, 2), "bare_count");
        Same(Band(W("src_mean.tif"), 10), Band(vrt, 3 + 10), "src_mean B12");
        Same(Band(W("src_std.tif"), 1), Band(vrt, 14), "src_std B02");
        Same(Band(W("mean.tif"), 4), Band(vrt, 23 + 4), "mref B05");
        Same(Band(W("mosaic.tif"), 7), Band(vrt, 33 + 7), "mosaic B8A");
        Same(Band(W("mask.tif"), 1), Band(vrt, 44).Select(v => float.IsNaN(v) ? 255f : v).ToArray(), "mask");
        Assert.Contains(Band(vrt, 1), v => v > 0);   // not an empty composite
    }

    [Fact]
    public void MapTilesMosaicToTheWholeRun_AndTheFlagsAreChecked()
    {
        var (dir, stack, model, _) = MapCommandTests.Setup(70, 50);
        var (code, _, err) = CliHarness.Run("map", "--model", model, "--covariates", stack, "--out", Path.Combine(dir, "whole"));
        Assert.True(code == 0, err);
        var vrt = RunAllTiles(dir, RasterDataset.Open(stack).Grid, 4, "map", "--model", model, "--covariates", stack);
        var tiles = Path.Combine(dir, "tiles");
        string W(string f) => Path.Combine(dir, "whole", f);
        Same(Band(W("q05.tif"), 1), Band(vrt, 1), "q05");
        Same(Band(W("q50.tif"), 1), Band(vrt, 2), "q50");
        Same(Band(W("q95.tif"), 1), Band(vrt, 3), "q95");
        Same(Band(W("uncertainty.tif"), 1), Band(vrt, 4), "uncertainty");

        (code, _, err) = CliHarness.Run("map", "--model", model, "--covariates", stack, "--tile", "r000c000", "--tiles-out", tiles,
            "--out", Path.Combine(dir, "x"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("either --out", err);
        (code, _, err) = CliHarness.Run("composite", "--stac", dir, "--tile", "r000c000", "--tiles-out", tiles, "--per-year");
        Assert.Equal(ExitCodes.Usage, code);
    }
}
