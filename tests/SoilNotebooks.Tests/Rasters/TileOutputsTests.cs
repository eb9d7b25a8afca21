using SoilNotebooks.Rasters;
using Xunit;

namespace SoilNotebooks.Tests.Rasters;

public sealed class TileOutputsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("soilnb-tiles-").FullName;
    private static readonly RasterGrid Grid = new(70, 45, GeoTransform.NorthUp(600_000, 5_500_000, 20), Crs.FromEpsg(32631));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // a field and its 3 × 3 neighbourhood mean (needs one pixel of overlap to be right at tile edges)
    private static float Field(int x, int y) => MathF.Sin(x * 0.3f) + MathF.Cos(y * 0.17f) + (x * 7 + y * 3) % 5;

    private static float[][] Compute(RasterWindow w)
    {
        var value = new float[w.PixelCount]; var mean = new float[w.PixelCount];
        for (int y = 0; y < w.Height; y++)
            for (int x = 0; x < w.Width; x++)
            {
                int gx = w.ColumnOffset + x, gy = w.RowOffset + y;
                value[y * w.Width + x] = (gx + gy) % 11 == 0 ? float.NaN : Field(gx, gy);
                float s = 0; int n = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int lx = x + dx, ly = y + dy;   // only what the window holds, as a real tile job sees it
                        if (lx < 0 || ly < 0 || lx >= w.Width || ly >= w.Height) continue;
                        s += Field(w.ColumnOffset + lx, w.RowOffset + ly); n++;
                    }
                mean[y * w.Width + x] = s / n;
            }
        return [value, mean];
    }

    [Fact]
    public void TheMosaicOfTilesEqualsOneWholeRunPixelForPixel()
    {
        var tiling = new GridTiling(Grid, 16, overlap: 1);
        foreach (var t in tiling.Tiles)
            Assert.Equal(TileOutcome.Written, TileOutputs.Run(_dir, tiling, t.Id, 2, tile => Compute(tile.Window)));
        var vrt = Path.Combine(_dir, "mosaic.vrt");
        var survey = TileOutputs.WriteVrt(vrt, _dir, tiling, 2, descriptions: ["value", "mean3x3"]);
        Assert.True(survey.Complete);
        var whole = Compute(Grid.FullWindow);
        using var ds = RasterDataset.Open(vrt);
        Assert.True(ds.Grid.IsAlignedWith(Grid));
        Assert.Equal(2, ds.BandCount);
        for (int b = 0; b < 2; b++)
        {
            var got = ds.ReadFloat(b + 1);
            for (int i = 0; i < got.Length; i++)
                Assert.True(got[i].Equals(whole[b][i]), $"band {b + 1} pixel {i}: {got[i]} vs {whole[b][i]}");
        }
    }

    [Fact]
    public void WithoutOverlapTheNeighbourhoodIsWrongAtTileEdges()
    {
        // the control: the test above would fail without the overlap
        var tiling = new GridTiling(Grid, 16, overlap: 0);
        foreach (var t in tiling.Tiles) TileOutputs.Run(_dir, tiling, t.Id, 2, tile => Compute(tile.Window));
        TileOutputs.WriteVrt(Path.Combine(_dir, "m.vrt"), _dir, tiling, 2);
        using var ds = RasterDataset.Open(Path.Combine(_dir, "m.vrt"));
        var got = ds.ReadFloat(2); var whole = Compute(Grid.FullWindow)[1];
        Assert.Contains(Enumerable.Range(0, got.Length), i => Math.Abs(got[i] - whole[i]) > 1e-3);
    }

    [Fact]
    public void AFinishedTileIsSkippedAndABrokenOrForeignFileIsRedone()
    {
        var tiling = new GridTiling(Grid, 32);
        var t = tiling.Tiles[1];
        int calls = 0;
        IReadOnlyList<float[]> Count(GridTile tile) { calls++; return Compute(tile.Window); }
        Assert.Equal(TileOutcome.Written, TileOutputs.Run(_dir, tiling, t.Id, 2, Count));
        Assert.Equal(TileOutcome.Skipped, TileOutputs.Run(_dir, tiling, t.Id, 2, Count));
        Assert.Equal(1, calls);
        File.WriteAllBytes(TileOutputs.PathOf(_dir, t), new byte[100]);   // a damaged file (not a TIFF)
        Assert.Equal(TileOutcome.Written, TileOutputs.Run(_dir, tiling, t.Id, 2, Count));
        var other = tiling.Tiles[0];                                       // t's file under another tile's name
        File.Copy(TileOutputs.PathOf(_dir, t), TileOutputs.PathOf(_dir, other));
        Assert.False(TileOutputs.IsFinished(_dir, tiling, other, 2));
        Assert.Equal(TileOutcome.Written, TileOutputs.Run(_dir, tiling, other.Id, 2, Count));
        Assert.Equal(3, calls);
    }

    [Fact]
    public void TheSurveyListsMissingTilesAndTheMosaicLeavesThemNodata()
    {
        var tiling = new GridTiling(Grid, 32);   // 3 × 2 tiles
        TileOutputs.Run(_dir, tiling, "r000c000", 2, tile => Compute(tile.Window));
        TileOutputs.Run(_dir, tiling, "r001c002", 2, tile => Compute(tile.Window));
        var survey = TileOutputs.WriteVrt(Path.Combine(_dir, "m.vrt"), _dir, tiling, 2);
        Assert.Equal(["r000c000", "r001c002"], survey.Finished);
        Assert.Equal(["r000c001", "r000c002", "r001c000", "r001c001"], survey.Missing);
        using var ds = RasterDataset.Open(Path.Combine(_dir, "m.vrt"));
        var mean = ds.ReadFloat(2);
        Assert.True(float.IsNaN(mean[40]));                   // row 0, column 40: tile r000c001, missing
        Assert.False(float.IsNaN(mean[5]));                   // tile r000c000
        Assert.Throws<InvalidDataException>(() =>
            TileOutputs.WriteVrt(Path.Combine(_dir, "n.vrt"), Path.Combine(_dir, "empty"), tiling, 2));
    }

    [Fact]
    public void ComputedBandsOfTheWrongShapeAreRefusedAndNothingIsWritten()
    {
        var tiling = new GridTiling(Grid, 32);
        Assert.Throws<ArgumentException>(() => TileOutputs.Run(_dir, tiling, "r000c000", 2, _ => [new float[3], new float[3]]));
        Assert.Throws<ArgumentException>(() => TileOutputs.Run(_dir, tiling, "r000c000", 3, tile => Compute(tile.Window)));
        Assert.False(File.Exists(TileOutputs.PathOf(_dir, tiling["r000c000"])));
        Assert.Throws<KeyNotFoundException>(() => TileOutputs.Run(_dir, tiling, "r7c7", 2, tile => Compute(tile.Window)));
    }
}
