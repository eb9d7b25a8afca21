using SoilNotebooks.Statistics;

namespace SoilNotebooks.Tests.Statistics;

public class MomentsTests
{
    [Fact]
    public void StandardDeviation_UsesNMinusOne_AndIsNaNBelowTwoValues()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squared deviations 32 → SD √(32 / 7)
        Assert.Equal(Math.Sqrt(32.0 / 7), Moments.StandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 14);
        Assert.Equal(0, Moments.StandardDeviation([3, 3, 3]));
        Assert.True(double.IsNaN(Moments.StandardDeviation([1.5])));
        Assert.True(double.IsNaN(Moments.StandardDeviation([])));
    }
}
