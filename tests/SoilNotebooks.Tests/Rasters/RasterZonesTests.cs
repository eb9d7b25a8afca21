using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Rasters;

public class RasterZonesTests
{
    [Fact]
    public void ZonalMedianMeanAndCount_MatchAHandComputation()
    {
        var g = RasterTests.Grid(4, 3);
        // zones:  1 1 2 2 / 1 1 2 2 / 3 3 NaN NaN ; values with a nodata cell in zone 2 and zone 3 all nodata
        float n = float.NaN;
        var zones = Raster.Create(g, "parcel", [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, n, n]);
        var values = Raster.Create(g, "clay_percent", [10, 40, 5, n, 20, 30, 9, 1, n, n, 7, 8], "%");
        var z = values.Zonal(zones);
        Assert.Equal([1, 2], z.Select(s => s.Zone));
        // zone 1: {10, 40, 20, 30} → sorted 10 20 30 40, median (20 + 30) / 2 = 25, mean 25, count 4
        Assert.Equal(new ZoneSummary(1, 4, 25, 25), z[0]);
        // zone 2: {5, 9, 1} → median 5, mean 5, count 3
        Assert.Equal(new ZoneSummary(2, 3, 5, 5), z[1]);

        var map = values.ZonalMap(zones);
        Assert.Equal(25, map.Value(0, 0)); Assert.Equal(25, map.Value(1, 1));
        Assert.Equal(5, map.Value(3, 1));
        Assert.True(float.IsNaN(map.Value(0, 2)));    // zone without a finite value
        Assert.True(float.IsNaN(map.Value(3, 2)));    // outside every zone
        Assert.Equal("%", map.UnitOf("clay_percent"));
        Assert.Equal(3, values.ZonalMap(zones, ZonalStatistic.Count).Value(2, 0));
        Assert.Equal("count", values.ZonalMap(zones, ZonalStatistic.Count).Units[0]);
        var mean = values.ZonalMap(zones, new ZonalOptions(Statistic: ZonalStatistic.Mean));
        Assert.Equal(25, mean.Value(1, 0));
        Assert.Equal(values.Zonal(zones), values.Zonal(zones, new ZonalOptions("clay_percent")));
        var bad = new ZonalOptions(Statistic: (ZonalStatistic)9);
        Assert.Throws<ArgumentOutOfRangeException>(() => values.ZonalMap(zones, bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => values.Zonal(zones, new ZonalOptions(Date: 1)));

        // the same medians as the flat-array ZonalStatistics it builds on
        var flat = ZonalStatistics.MedianRaster(zones.ToArray().Select(v => float.IsNaN(v) ? -1 : (int)v).ToArray(),
            values.ToArray().Select(v => (double)v).ToArray());
        Assert.Equal(flat[..8], map.ToArray()[..8]);
    }

    [Fact]
    public void Zonal_RefusesNonIntegerZonesAndMisalignedZones()
    {
        var g = RasterTests.Grid(4, 3);
        var values = Raster.Create(g, "v", new float[12]);
        var frac = Enumerable.Repeat(1.5f, 12).ToArray();
        Assert.Contains("not an integer", Assert.Throws<ArgumentException>(() => values.Zonal(Raster.Create(g, "z",
            frac))).Message);
        var other = Raster.Create(RasterTests.Grid(4, 3, px: 20), "z", new float[12]);
        Assert.Throws<ArgumentException>(() => values.ZonalMap(other));
    }
}
