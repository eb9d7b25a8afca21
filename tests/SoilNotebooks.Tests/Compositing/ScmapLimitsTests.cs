using SoilNotebooks.Compositing;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Compositing;

/// <summary>The reference implementation's limits (≈ 1000 km², 2 years), which the library reports but does not enforce.</summary>
public class ScmapLimitsTests
{
    private static RasterGrid Grid(int side, double pixel) =>
        new(side, side, GeoTransform.NorthUp(500000, 5500000, pixel), Crs.Undefined);

    [Fact]
    public void Area_AndPeriod_AgainstTheLimits()
    {
        DateTime[] twoYears = [new(2020, 1, 1), new(2021, 6, 1), new(2021, 12, 31)];
        Assert.Equal(900, ScmapLimits.AreaKm2(Grid(1500, 20)), 9);
        Assert.Empty(ScmapLimits.Exceeded(Grid(1500, 20), twoYears));
        var big = Assert.Single(ScmapLimits.Exceeded(Grid(1600, 20), twoYears));       // 1024 km²
        Assert.Contains("1024 km²", big);
        DateTime[] fiveYears = [new(2018, 1, 8), new(2022, 12, 20)];
        Assert.InRange(ScmapLimits.PeriodYears(fiveYears), 4.9, 5.0);
        var both = ScmapLimits.Exceeded(Grid(1600, 20), fiveYears);
        Assert.Equal(2, both.Count);
        Assert.Contains("2018-01-08 to 2022-12-20", both[1]);
        Assert.Equal(0, ScmapLimits.PeriodYears([new DateTime(2020, 1, 1)]));
    }
}
