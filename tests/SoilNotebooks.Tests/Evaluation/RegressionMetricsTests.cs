using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Tests.Evaluation;

/// <summary>Regression metrics against hand-computed values.</summary>
public class RegressionMetricsTests
{
    [Fact]
    public void RegressionMetrics_MatchHandComputedValues()
    {
        // observed 1..5, predicted with errors (+1, -1, 0, +1, -1): SSE = 4, SST = 10.
        double[] o = [1, 2, 3, 4, 5], p = [2, 1, 3, 5, 4];
        var m = RegressionMetrics.Compute(o, p);
        Assert.Equal(Math.Sqrt(4.0 / 5), m.Rmse, 12);
        Assert.Equal(0.8, m.Mae, 12);
        Assert.Equal(0.0, m.Bias, 12);
        Assert.Equal(1 - 4.0 / 10, m.R2, 12);
        Assert.Equal((4.0 - 2.0) / Math.Sqrt(0.8), m.Rpiq, 12); // type-7 quartiles of 1..5 are 2 and 4
        Assert.Equal(0.8, m.PearsonR, 12); // Σab = 8, Σa² = Σb² = 10
    }
}
