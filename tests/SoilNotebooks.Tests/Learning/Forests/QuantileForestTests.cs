using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

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
    public void Quantiles_EqualBruteForceMeinshausenWeights()
    {
        // Recompute w_i(x) = (1/T) Σ_t 1{i ∈ leaf_t(x)} / |leaf_t(x)| by dropping every training row down every
        // tree independently of the forest's stored leaf members, then Q(α) = inf{y : Σ_{Y_i ≤ y} w_i ≥ α}.
        var (xtr, ytr, xte, _) = ForestTestData.Synthetic();
        var q = RandomForest.FitQuantile(xtr, ytr, new RandomForestOptions { Trees = 60, Seed = 9 });
        var probs = new[] { 0.0, 0.05, 0.1, 0.37, 0.5, 0.9, 0.95, 1.0 };
        var rows = Enumerable.Range(0, 25).ToArray();
        var got = q.PredictQuantiles(xte.SelectRows(rows), probs);
        static int LeafOf(Tree t, FeatureTable x, int row)
        {
            int node = 0;
            while (t.Nodes[node].Feature >= 0)
                node = t.Nodes[node].Left + (x[row, t.Nodes[node].Feature] <= t.Nodes[node].Threshold ? 0 : 1);
            return node;
        }
        var trainLeaves = q.Core.Trees.Select(t => Enumerable.Range(0, xtr.Rows).Select(i => LeafOf(t, xtr, i)).ToArray()).ToArray();
        var order = Enumerable.Range(0, ytr.Length).OrderBy(i => ytr[i]).ToArray();
        foreach (var r in rows)
        {
            var w = new double[ytr.Length];
            for (int ti = 0; ti < q.Core.Trees.Length; ti++)
            {
                int leaf = LeafOf(q.Core.Trees[ti], xte, r);
                var members = Enumerable.Range(0, xtr.Rows).Where(i => trainLeaves[ti][i] == leaf).ToArray();
                foreach (var i in members) w[i] += 1.0 / members.Length / q.Core.Trees.Length;
            }
            for (int k = 0; k < probs.Length; k++)
            {
                double cum = 0, expected = ytr[order[^1]];
                foreach (var i in order)
                {
                    if (w[i] == 0) continue;
                    cum += w[i];
                    if (cum >= probs[k] - 1e-9) { expected = ytr[i]; break; }
                }
                Assert.Equal(expected, got[r, k]);
            }
        }
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
