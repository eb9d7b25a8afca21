using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Rasters;

public class RasterResamplingTests
{
    [Fact]
    public void BlockAverage_MeansFiniteCells_AndScalesThePixelSize()
    {
        var g = RasterTests.Grid(5, 3);
        float n = float.NaN;
        var r = Raster.Create(g, "v", [1, 3, 5, 7, 9, n, n, 2, 2, 4, 10, 20, 30, 40, 50], "%");
        var b = r.BlockAverage(2);
        Assert.Equal(3, b.Width); Assert.Equal(2, b.Height);
        Assert.Equal(20, b.Grid.PixelSizeX);
        Assert.Equal(g.Transform.OriginX, b.Grid.Transform.OriginX);
        Assert.Equal(2, b.Value(0, 0));                  // {1, 3} (NaN ignored)
        Assert.Equal((5 + 7 + 2 + 2) / 4f, b.Value(1, 0));
        Assert.Equal((9 + 4) / 2f, b.Value(2, 0));       // partial block at the right edge
        Assert.Equal(15, b.Value(0, 1));
        Assert.Equal("%", b.UnitOf("v"));
        Assert.Same(r, r.BlockAverage(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.BlockAverage(0));
    }

    [Fact]
    public void BlockAverage_OfClasses_TakesTheMajority_AndForDisplayMeetsTheBudget()
    {
        var g = RasterTests.Grid(4, 2);
        var classes = RasterClasses.Of(new RasterClass(3, "shadow", "#643200"), new RasterClass(21, "bare", "#a0522d"));
        var r = Raster.Create(g, ["mask"], [[21, 3, 3, 3, 21, 21, 21, 3]], new RasterOptions(Classes: classes));
        var b = r.BlockAverage(2);
        Assert.Equal(21, b.Value(0, 0));     // 21 ×3 vs 3 ×1
        Assert.Equal(3, b.Value(1, 0));      // tie 3 ×2 vs 21 ×2 → lower code
        Assert.Same(classes, b.Classes);
        var big = Raster.Create(RasterTests.Grid(100, 90), "v", new float[9000]);
        var d = big.ForDisplay(1000);
        Assert.True(d.PixelCount <= 1000);
        Assert.True(big.BlockAverage(3).PixelCount > 1000);   // the smallest factor that fits
    }
}
