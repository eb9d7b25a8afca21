using SoilNotebooks.Rasters;
using Xunit;

namespace SoilNotebooks.Tests.Rasters;

public sealed class GridTilingTests
{
    private static readonly RasterGrid Grid = new(103, 70, GeoTransform.NorthUp(500_000, 5_400_000, 20), Crs.Undefined);

    [Theory]
    [InlineData(16, 0)]
    [InlineData(32, 5)]
    [InlineData(50, 49)]
    [InlineData(200, 3)]
    public void CoresPartitionTheGridAndWindowsHoldTheirCoresPlusTheOverlap(int size, int overlap)
    {
        var tiling = new GridTiling(Grid, size, overlap);
        var owner = new int[Grid.Width * Grid.Height];
        foreach (var t in tiling.Tiles)
        {
            for (int y = t.Core.RowOffset; y < t.Core.RowOffset + t.Core.Height; y++)
                for (int x = t.Core.ColumnOffset; x < t.Core.ColumnOffset + t.Core.Width; x++) owner[y * Grid.Width + x]++;
            // the window is the core grown by the overlap on every side, clipped to the grid
            Assert.Equal(Math.Max(0, t.Core.ColumnOffset - overlap), t.Window.ColumnOffset);
            Assert.Equal(Math.Max(0, t.Core.RowOffset - overlap), t.Window.RowOffset);
            Assert.Equal(Math.Min(Grid.Width, t.Core.ColumnOffset + t.Core.Width + overlap), t.Window.ColumnOffset + t.Window.Width);
            Assert.Equal(Math.Min(Grid.Height, t.Core.RowOffset + t.Core.Height + overlap), t.Window.RowOffset + t.Window.Height);
            Assert.True(t.Core.Width <= size && t.Core.Height <= size);
        }
        Assert.All(owner, n => Assert.Equal(1, n));
        Assert.Equal((103 + size - 1) / size * ((70 + size - 1) / size), tiling.Count);
    }

    [Fact]
    public void TileGridsArePixelAlignedSubsetsOfTheParent()
    {
        var tiling = new GridTiling(Grid, 32, 4);
        var t = tiling["r001c002"];
        var core = tiling.CoreGrid(t);
        Assert.Equal(500_000 + 64 * 20, core.Transform.OriginX);
        Assert.Equal(5_400_000 - 32 * 20, core.Transform.OriginY);
        Assert.Equal((32, 32), (core.Width, core.Height));
        var window = tiling.WindowGrid(t);
        Assert.Equal(500_000 + 60 * 20, window.Transform.OriginX);
        Assert.Equal((40, 40), (window.Width, window.Height));
        Assert.Equal(new RasterWindow(4, 4, 32, 32), t.CoreInWindow);
        var corner = tiling["r002c003"];   // the bottom-right tile: a 7 × 6 core, its window clipped at the grid's edge
        Assert.Equal(new RasterWindow(96, 64, 7, 6), corner.Core);
        Assert.Equal(new RasterWindow(92, 60, 11, 10), corner.Window);
        Assert.Equal(new RasterWindow(4, 4, 7, 6), corner.CoreInWindow);
    }

    [Fact]
    public void IdsAreStableZeroPaddedAndLookedUp()
    {
        var a = new GridTiling(Grid, 16);
        var b = new GridTiling(Grid with { }, 16);
        Assert.Equal(a.Tiles.Select(t => t.Id), b.Tiles.Select(t => t.Id));
        Assert.Equal("r000c000", a.Tiles[0].Id);
        Assert.Equal("r004c006", a.Tiles[^1].Id);
        Assert.Equal(a.Count, a.Tiles.Select(t => t.Id).Distinct().Count());
        Assert.True(a.TryGet("r002c003", out var t));
        Assert.Equal((2, 3), (t.Row, t.Column));
        var e = Assert.Throws<KeyNotFoundException>(() => a["r9c9"]);
        Assert.Contains("r000c000 … r004c006", e.Message);
        // more than 1000 tile columns: the ids widen, all of the same length
        var wide = new GridTiling(new RasterGrid(16 * 1200, 16, GeoTransform.NorthUp(0, 0, 1), Crs.Undefined), 16);
        Assert.Equal("r0000c1199", wide.Tiles[^1].Id);
    }

    [Fact]
    public void IntersectingFindsTheTilesOfAWindow()
    {
        var tiling = new GridTiling(Grid, 32);
        Assert.Equal(["r000c001", "r000c002", "r001c001", "r001c002"],
            tiling.Intersecting(new RasterWindow(40, 20, 30, 20)).Select(t => t.Id));
    }

    [Theory]
    [InlineData(15, 0)]
    [InlineData(32, -1)]
    [InlineData(32, 32)]
    public void BadSizesAreRefused(int size, int overlap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridTiling(Grid, size, overlap));
}
