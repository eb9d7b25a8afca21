using SoilNotebooks.Datasets;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Learning.Validation;

/// <summary>Cross-validation returning prediction values, with intervals for the quantile forest.</summary>
public class CrossValidationPredictionTests
{
    private static (FeatureTable X, double[] Y, FoldAssignment Folds) Bb250()
    {
        var bb = LimeSoDa.Load("BB.250");
        var x = FeatureTable.FromRows(bb.Samples.Select(s => s.Reflectance()).ToArray());
        return (x, bb.ClayPercent, Folds.Predefined(bb.Samples.Select(s => s.Fold).ToArray()));
    }

    [Fact]
    public void PredictionOverloadEqualsTheOldResult()
    {
        var r = new Random(1);
        var y = Enumerable.Range(0, 30).Select(_ => r.NextDouble() * 10).ToArray();
        var folds = Folds.KFold(30, 5, seed: 3);
        double[] Fit(int[] tr, int[] te) => te.Select(i => tr.Average(j => y[j]) + 0.1 * y[i]).ToArray();
        var old = CrossValidation.Regression(y, folds, Fit);
        var p = CrossValidation.Regression(y, folds, Fit, "mean+", "SOC", "%");
        Assert.Equal(old.Predicted, p.Predicted);
        Assert.Equal(old.Pooled, p.Metrics);
        Assert.Equal("mean+", p.Model);
        Assert.Equal("SOC (%)", p.TargetWithUnit);
        Assert.False(p.HasIntervals);
        Assert.Equal(old.Pooled, old.ToPrediction("m").Metrics);
    }

    [Fact]
    public void QuantileForestCvGivesIntervalsAsTheNotebookComputedThem()
    {
        var (x, y, folds) = Bb250();
        var opts = new RandomForestOptions { Trees = 40, Seed = 42 };
        var qrf = ForestCrossValidation.QuantileForest(x, y, folds, opts,
            new CrossValidationOptions { Model = "QRF", Target = "Clay", Unit = "%" });
        // the notebook's former hand-written bookkeeping
        var lower = new double[y.Length]; var upper = new double[y.Length];
        var manual = CrossValidation.Regression(y, folds, (tr, te) =>
        {
            var iv = RandomForest.FitQuantile(x.SelectRows(tr), tr.Select(i => y[i]).ToArray(),
                opts).PredictInterval(x.SelectRows(te), 0.9);
            for (int k = 0; k < te.Length; k++) { lower[te[k]] = iv.Lower[k]; upper[te[k]] = iv.Upper[k]; }
            return iv.Median;
        });
        Assert.True(qrf.HasIntervals);
        Assert.Equal(0.9, qrf.Interval!.Level);
        Assert.Equal(manual.Predicted, qrf.Predicted);
        Assert.Equal(lower, qrf.Interval.Lower);
        Assert.Equal(upper, qrf.Interval.Upper);
        var cover = IntervalMetrics.Compute(y, lower, upper);
        Assert.Equal(cover, qrf.Intervals);
        Assert.InRange(cover.Picp, 0.7, 1.0);
        var rf = ForestCrossValidation.RandomForest(x, y, folds, opts);
        Assert.Equal("RF", rf.Model);
        Assert.False(rf.HasIntervals);
    }

    [Fact]
    public void FoldsMustAllGiveBoundsOrNone()
    {
        var y = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        var folds = Folds.KFold(10, 2, seed: 1);
        int calls = 0;
        var e = Assert.Throws<InvalidOperationException>(() => CrossValidation.Regression(y, folds, (tr, te) =>
            calls++ == 0 ? new FoldPrediction(te.Select(i => y[i]).ToArray(), te.Select(i => y[i] - 1).ToArray(),
                te.Select(i => y[i] + 1).ToArray()) : new FoldPrediction(te.Select(i => y[i]).ToArray()),
            new CrossValidationOptions()));
        Assert.Contains("some folds", e.Message);
        Assert.Throws<ArgumentException>(() => CrossValidation.Regression(y, folds, (tr, te) =>
            new FoldPrediction(new double[te.Length]),
            new CrossValidationOptions { Ids = ["a"] }));
    }
}
