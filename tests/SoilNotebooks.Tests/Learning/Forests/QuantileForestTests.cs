using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;

namespace SoilNotebooks.Tests.Learning.Forests;

public class QuantileForestTests
{
    [Fact]
    public void SingleLeafForest_GivesTheEmpiricalQuantilesOfTheTrainingTarget()
    {
        // min node size ≥ n: every tree is one leaf holding all rows, so w_i = 1/n and
        // Q(α) = inf{y : F(y) ≥ α} is the ⌈αn⌉-th order statistic.
        var y = new double[] { 5, 1, 4, 2, 3, 9, 7, 8, 6, 10 };
        var x = FeatureTable.FromColumns([y.Select((_, i) => (double)i).ToArray()]);
        var q = RandomForest.FitQuantile(x, y, new RandomForestOptions { Trees = 3, MinNodeSize = 100 });
        var r = q.PredictQuantiles(FeatureTable.FromColumns([new[] { 3.0 }]), [0.0, 0.1, 0.15, 0.5, 0.95, 1.0, 0.31]);
        Assert.Equal([1, 1, 2, 5, 10, 10, 4], Enumerable.Range(0, 7).Select(k => r[0, k]).ToArray());
    }

    [Fact]
    public void Quantiles_AreMonotone_IntervalsNestAndUncertaintyIndexIsWidthOverMedian()
    {
        var (xtr, ytr, xte, yte) = ForestTestData.Synthetic();
        var q = RandomForest.FitQuantile(xtr, ytr, new RandomForestOptions { Trees = 200, Seed = 1 });
        var probs = new[] { 0.95, 0.05, 0.5, 0.25, 0.75 };
        var r = q.PredictQuantiles(xte, probs);
        for (int i = 0; i < xte.Rows; i++)
        {
            Assert.True(r[i, 1] <= r[i, 3] && r[i, 3] <= r[i, 2] && r[i, 2] <= r[i, 4] && r[i, 4] <= r[i, 0]);
        }
        var i90 = q.PredictInterval(xte, 0.9);
        var i50 = q.PredictInterval(xte, 0.5);
        for (int i = 0; i < xte.Rows; i++)
        {
            Assert.Equal(r[i, 1], i90.Lower[i]);
            Assert.Equal(r[i, 0], i90.Upper[i]);
            Assert.True(i50.Lower[i] >= i90.Lower[i] && i50.Upper[i] <= i90.Upper[i]);
        }
        var ui = q.UncertaintyIndex(xte);
        Assert.Equal((i90.Upper[0] - i90.Lower[0]) / i90.Median[0], ui[0], 12);
        Assert.True(IntervalMetrics.Compute(yte, i90.Lower, i90.Upper).Picp > IntervalMetrics.Compute(yte, i50.Lower, i50.Upper).Picp);
    }

    [Fact]
    public void OobQuantiles_AreCalibrated_AndSeeded()
    {
        var (xtr, ytr, _, _) = ForestTestData.Synthetic();
        var opts = new RandomForestOptions { Trees = 300, Seed = 4, Threads = 2 };
        var q = RandomForest.FitQuantile(xtr, ytr, opts);
        var oob = q.OobInterval(0.8);
        var cov = IntervalMetrics.Compute(ytr, oob.Lower, oob.Upper).Picp;
        Assert.InRange(cov, 0.75, 0.95);
        var q1 = RandomForest.FitQuantile(xtr, ytr, opts with { Threads = 1 });
        Assert.Equal(q.OobQuantiles([0.1, 0.9]), q1.OobQuantiles([0.1, 0.9]));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.OobQuantiles([1.5]));
    }
}
