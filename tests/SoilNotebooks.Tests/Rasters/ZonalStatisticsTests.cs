using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Rasters;

public class ZonalStatisticsTests
{
    [Fact]
    public void Median_PerZone_IgnoresNaN_AndAveragesTheMiddlePair()
    {
        int[] zones = [1, 1, 1, 2, 2, 2, 2, 3, 3];
        double[] values = [5, 1, 3, double.NaN, 4, 10, 2, double.NaN, double.NaN];
        var m = ZonalStatistics.Median(zones, values);
        Assert.Equal(3, m[1]);
        Assert.Equal(4, m[2]);           // {2, 4, 10}
        Assert.False(m.ContainsKey(3));  // no finite value
        var even = ZonalStatistics.Median([7, 7, 7, 7], [1, 2, 3, 10]);
        Assert.Equal(2.5, even[7]);
    }

    [Fact]
    public void MedianRaster_PaintsZones_AndLeavesExcludedOrEmptyBlank()
    {
        int[] zones = [1, 1, 2, 2, 3];
        double[] values = [2, 4, double.NaN, 8, double.NaN];
        var r = ZonalStatistics.MedianRaster(zones, values, [true, true, true, false, true]);
        Assert.Equal(new float[] { 3, 3, 8 }, r.Take(3).ToArray());
        Assert.True(float.IsNaN(r[3]));  // excluded
        Assert.True(float.IsNaN(r[4]));  // zone without values
        Assert.Throws<ArgumentException>(() => ZonalStatistics.Median([1, 2], [1.0]));
    }
}
