using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Salinity;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Salinity;

/// <summary>The classification-then-regression model on data where the answer is known.</summary>
public class TwoStepModelTests
{
    private static readonly ClassifierSpec Logistic = new("Logistic regression", (x, y) => LogisticRegression.Fit(x, y, new LogisticRegressionOptions { Standardize = true, C = 100 }));
    private static readonly RegressorSpec Linear = new("Linear regression", (x, y) => LinearRegression.Fit(x, y));
    private static readonly TwoStepOptions LinearOptions = new() { Classifier = Logistic, Regressor = Linear };

    /// <summary>ECe = 0.2 + 1.5·x1 below the break (always &lt; 2), 2.5 + 10·x1 above it; saline iff x2 ≥ cut.</summary>
    private static (FeatureTable X, double[] Ece) TwoRelations(int n, int seed, double cut = 0.7, double noise = 0.05)
    {
        var rng = new Random(seed);
        var x1 = new double[n]; var x2 = new double[n]; var ece = new double[n];
        for (int i = 0; i < n; i++)
        {
            x1[i] = rng.NextDouble(); x2[i] = rng.NextDouble();
            double e = noise * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            ece[i] = x2[i] >= cut ? 2.5 + 10 * x1[i] + e : Math.Max(0.01, 0.2 + 1.5 * x1[i] + e);
        }
        return (FeatureTable.FromColumns([x1, x2], ["x1", "x2"]), ece);
    }

    [Fact]
    public void TwoStep_BeatsOneStep_WhenTheClassesHaveDifferentLinearRelations()
    {
        var (x, ece) = TwoRelations(400, 1);
        var cv = TwoStepModel.CrossValidate(x, ece, Folds.KFold(x.Rows, 5, seed: 3), LinearOptions);
        Assert.NotNull(cv.OneStep);
        Assert.True(cv.Regression.Rmse < 0.5 * cv.OneStep!.Pooled.Rmse, $"two-step RMSE {cv.Regression.Rmse:F3} vs one-step {cv.OneStep.Pooled.Rmse:F3}");
        Assert.True(cv.Regression.R2 > 0.95, $"R² {cv.Regression.R2:F3}");
        Assert.True(cv.Classification.Accuracy > 0.97, $"accuracy {cv.Classification.Accuracy:F3}");
        Assert.Equal(5, cv.FoldHighClassF1.Length);
        Assert.All(cv.FoldHighClassF1, f => Assert.InRange(f, 0.8, 1.0));
        Assert.InRange(cv.HighClassAveragePrecision, 0.9, 1.0);
    }

    [Fact]
    public void Routing_SendsEachRowToTheRegressorOfItsPredictedClass()
    {
        var (x, ece) = TwoRelations(300, 2, noise: 0.0);
        var model = TwoStepModel.Fit(x, ece, LinearOptions);
        Assert.Equal(["ECe < 2", "ECe ≥ 2"], model.Labels);
        var q = FeatureTable.FromColumns([new double[] { 0.5, 0.5, 0.1 }, new double[] { 0.1, 0.95, 0.99 }], ["x1", "x2"]);
        var p = model.Predict(q);
        Assert.Equal([0, 1, 1], p.ClassIndex);
        Assert.Equal(0.2 + 1.5 * 0.5, p.Ece[0], 6);
        Assert.Equal(2.5 + 10 * 0.5, p.Ece[1], 6);
        Assert.Equal(2.5 + 10 * 0.1, p.Ece[2], 6);
        Assert.True(p.ProbabilityHigh[1] > 0.9 && p.ProbabilityHigh[0] < 0.1);
        // probability-weighted: Σ P_k ŷ_k with each class's regressor
        var weighted = TwoStepModel.Fit(x, ece, LinearOptions with { Combination = TwoStepCombination.ProbabilityWeighted }).Predict(q);
        var low = model.Regressors[0].Predict(q); var high = model.Regressors[1].Predict(q);
        for (int i = 0; i < 3; i++)
            Assert.Equal(weighted.Probabilities[i, 0] * low[i] + weighted.Probabilities[i, 1] * high[i], weighted.Ece[i], 9);
    }

    [Fact]
    public void BestF1Cut_IsTheHandComputedOne()
    {
        // top-3 predicted positive: TP 2, FP 1, FN 0 → F1 0.8 (the best); cut midway between 0.3 and 0.2
        Assert.Equal(0.25, TwoStepModel.BestF1Cut([0.9, 0.8, 0.3, 0.2, 0.1], [1, 0, 1, 0, 0]), 12);
        Assert.Equal(0.5, TwoStepModel.BestF1Cut([0.9, 0.1], [0, 0]), 12);
    }

    [Fact]
    public void ThresholdMoving_RaisesMinorityRecall()
    {
        // 6 % saline, overlapping classes: an unweighted logistic model at P ≥ 0.5 misses many
        var rng = new Random(5);
        int n = 800;
        var x1 = new double[n]; var x2 = new double[n]; var ece = new double[n];
        for (int i = 0; i < n; i++)
        {
            x1[i] = rng.NextDouble(); x2[i] = rng.NextDouble();
            double logit = -7.5 + 5 * x2[i] + 2 * x1[i] + 1.5 * (rng.NextDouble() - 0.5);
            bool saline = rng.NextDouble() < 1 / (1 + Math.Exp(-logit));
            ece[i] = saline ? 2.2 + 3 * x1[i] : 0.3 + x1[i];
        }
        var x = FeatureTable.FromColumns([x1, x2], ["x1", "x2"]);
        var folds = Folds.KFold(n, 5, seed: 7);
        var fixedCut = TwoStepModel.CrossValidate(x, ece, folds, LinearOptions, compareOneStep: false);
        var moved = TwoStepModel.CrossValidate(x, ece, folds, LinearOptions with { MoveThreshold = true }, compareOneStep: false);
        int high = ece.Count(v => v >= 2);
        Assert.InRange(high, 20, 90);
        Assert.True(moved.HighClassRecall > fixedCut.HighClassRecall + 0.1, $"recall moved {moved.HighClassRecall:F3} vs fixed {fixedCut.HighClassRecall:F3}");
        Assert.All(moved.FoldCuts, c => Assert.True(c < 0.5, $"cut {c}"));
        Assert.All(fixedCut.FoldCuts, c => Assert.Equal(0.5, c));
    }

    [Fact]
    public void Seeded_RunsAreReproducible()
    {
        var (x, ece) = TwoRelations(150, 4, noise: 0.2);
        var rf = new TwoStepOptions
        {
            Classifier = new("RF", (a, b) => RandomForest.FitClassification(a, b, new RandomForestOptions { Trees = 20, Seed = 11, BalancedClassWeights = true })),
            Regressor = new("RF", (a, b) => RandomForest.FitRegression(a, b, new RandomForestOptions { Trees = 20, Seed = 11 })),
            MoveThreshold = true, Seed = 9,
        };
        var folds = Folds.KFold(x.Rows, 3, seed: 1);
        var a = TwoStepModel.CrossValidate(x, ece, folds, rf, compareOneStep: false);
        var b = TwoStepModel.CrossValidate(x, ece, folds, rf, compareOneStep: false);
        Assert.Equal(a.OutOfFold.Ece, b.OutOfFold.Ece);
        Assert.Equal(a.FoldCuts, b.FoldCuts);
        var c = TwoStepModel.CrossValidate(x, ece, Folds.KFold(x.Rows, 3, seed: 2), rf, compareOneStep: false);
        Assert.NotEqual(a.OutOfFold.Ece, c.OutOfFold.Ece);
    }

    [Fact]
    public void FaoClasses_AndMultiClassRouting()
    {
        Assert.Equal([0, 1, 1, 2, 3, 4, -1], SalinityClasses.Classify([1.99, 2, 3.9, 4, 15.9, 16, double.NaN], SalinityClasses.FaoBoundaries));
        Assert.Equal("moderately saline", SalinityClasses.Fao(5));
        Assert.Equal(["ECe < 2", "2 ≤ ECe < 4", "4 ≤ ECe < 8", "8 ≤ ECe < 16", "ECe ≥ 16"], SalinityClasses.Labels(SalinityClasses.FaoBoundaries));
        Assert.Throws<ArgumentException>(() => SalinityClasses.Labels([4, 2]));

        // three classes from x2 terciles, each with its own line; the top class has only 3 samples above 16 → pooled
        var rng = new Random(8);
        int n = 300;
        var x1 = new double[n]; var x2 = new double[n]; var ece = new double[n];
        for (int i = 0; i < n; i++)
        {
            x1[i] = rng.NextDouble(); x2[i] = rng.NextDouble();
            ece[i] = x2[i] < 1 / 3.0 ? 0.5 + x1[i] : x2[i] < 2 / 3.0 ? 2.2 + 1.5 * x1[i] : 4.5 + 3 * x1[i];
        }
        ece[0] = 17; ece[1] = 18; ece[2] = 20;
        var x = FeatureTable.FromColumns([x1, x2], ["x1", "x2"]);
        var model = TwoStepModel.Fit(x, ece, LinearOptions with { Boundaries = SalinityClasses.FaoBoundaries });
        Assert.Equal(5, model.Labels.Count);
        Assert.Equal(3, model.ClassSizes[4]);
        Assert.Contains(4, model.PooledClasses);
        Assert.Contains(3, model.PooledClasses);   // no sample in 8–16
        Assert.True(double.IsNaN(model.ProbabilityCut));
        var q = FeatureTable.FromColumns([new double[] { 0.5, 0.5, 0.5 }, new double[] { 0.1, 0.5, 0.9 }], ["x1", "x2"]);
        var p = model.Predict(q);
        Assert.Equal([0, 1, 2], p.ClassIndex);
        Assert.Equal(4.5 + 1.5, p.Ece[2], 1);
    }

    [Fact]
    public void ThresholdSearch_FindsTheBreakAndSkipsEmptySides()
    {
        var (x, ece) = TwoRelations(300, 6);
        var curve = TwoStepThresholdSearch.Run(x, ece, [1.0, 2.0, 6.0, 50.0], Folds.KFold(x.Rows, 4, seed: 2), LinearOptions);
        Assert.Equal(2.0, curve.Best.Threshold);
        Assert.NotNull(curve.Points[3].Skipped);
        Assert.True(double.IsNaN(curve.Points[3].Rmse));
        Assert.True(curve.Best.Rmse < curve.Points[0].Rmse && curve.Best.Rmse < curve.Points[2].Rmse);
        Assert.True(curve.Best.Rmse < curve.OneStepRmse);
        Assert.Equal(4, curve.Best.FoldRmse.Length);
    }

    private static TwoStepOptions ForestOptions(int trees, CutSource source) => new()
    {
        Classifier = new("RF", (a, b) => RandomForest.FitClassification(a, b, new RandomForestOptions { Trees = trees, Seed = 11, BalancedClassWeights = true })),
        Regressor = new("RF", (a, b) => RandomForest.FitRegression(a, b, new RandomForestOptions { Trees = trees, Seed = 11 })),
        MoveThreshold = true, Seed = 9, CutSource = source,
    };

    [Fact]
    public void Readouts_AreTheSeparateCrossValidationsOfTheSameModels()
    {
        var (x, ece) = TwoRelations(240, 12, noise: 0.4);
        var folds = Folds.KFold(x.Rows, 4, seed: 5);
        var o = ForestOptions(25, CutSource.InnerFolds);
        var r = TwoStepModel.CrossValidateReadouts(x, ece, folds, o);
        var moved = TwoStepModel.CrossValidate(x, ece, folds, o);
        var fixedCut = TwoStepModel.CrossValidate(x, ece, folds, o with { MoveThreshold = false }, compareOneStep: false);
        var weighted = TwoStepModel.CrossValidate(x, ece, folds, o with { Combination = TwoStepCombination.ProbabilityWeighted }, false);
        Assert.Equal(moved.OutOfFold.Ece, r.Model.OutOfFold.Ece);
        Assert.Equal(moved.FoldCuts, r.Model.FoldCuts);
        Assert.Equal(moved.OneStep!.Pooled.Rmse, r.Model.OneStep!.Pooled.Rmse);
        Assert.Equal(fixedCut.OutOfFold.Ece, r.FixedCut.OutOfFold.Ece);
        Assert.Equal(fixedCut.OutOfFold.ClassIndex, r.FixedCut.OutOfFold.ClassIndex);
        Assert.All(r.FixedCut.FoldCuts, c => Assert.Equal(0.5, c));
        for (int i = 0; i < ece.Length; i++) Assert.Equal(weighted.OutOfFold.Ece[i], r.ProbabilityWeighted.OutOfFold.Ece[i], 12);
        Assert.NotEqual(r.Model.OutOfFold.Ece, r.ProbabilityWeighted.OutOfFold.Ece);
    }

    [Fact]
    public void OutOfBagCut_ComesFromTheForestsOwnHeldOutVotes_AndOtherClassifiersFallBackToInnerFolds()
    {
        var (x, ece) = TwoRelations(300, 13, noise: 0.6);
        var oob = TwoStepModel.Fit(x, ece, ForestOptions(60, CutSource.OutOfBag));
        var forest = Assert.IsType<RandomForestClassification>(oob.Classifier);
        int col = forest.Classes.ToList().IndexOf("ECe ≥ 2");
        var cls = SalinityClasses.Classify(ece, [2.0]);
        var seen = Enumerable.Range(0, ece.Length).Where(i => !double.IsNaN(forest.OobProbabilities[i, 0])).ToArray();
        Assert.True(seen.Length > 290);
        Assert.Equal(TwoStepModel.BestF1Cut(seen.Select(i => forest.OobProbabilities[i, col]).ToArray(), seen.Select(i => cls[i]).ToArray()),
            oob.ProbabilityCut, 12);
        var inner = TwoStepModel.Fit(x, ece, ForestOptions(60, CutSource.InnerFolds));
        Assert.NotEqual(inner.ProbabilityCut, oob.ProbabilityCut);
        Assert.Equal(inner.Classifier.PredictProbabilities(x), oob.Classifier.PredictProbabilities(x));   // the same forest; only the cut differs
        // a logistic classifier has no out-of-bag votes: the inner folds decide, as with CutSource.InnerFolds
        var a = TwoStepModel.Fit(x, ece, LinearOptions with { MoveThreshold = true, CutSource = CutSource.OutOfBag });
        var b = TwoStepModel.Fit(x, ece, LinearOptions with { MoveThreshold = true });
        Assert.Equal(b.ProbabilityCut, a.ProbabilityCut);
    }

    [Fact]
    public void ThresholdSearch_ReusesTheMainRunAtItsThreshold_WithTheSameCurve()
    {
        var (x, ece) = TwoRelations(300, 6);
        var folds = Folds.KFold(x.Rows, 4, seed: 2);
        var main = TwoStepModel.CrossValidate(x, ece, folds, LinearOptions);
        var fresh = TwoStepThresholdSearch.Run(x, ece, [1.0, 2.0, 6.0], folds, LinearOptions);
        var reused = TwoStepThresholdSearch.Run(x, ece, [1.0, 2.0, 6.0], folds, LinearOptions, atOptionsThreshold: main);
        Assert.Equal(fresh.Points.Select(p => p.Rmse), reused.Points.Select(p => p.Rmse));
        Assert.Equal(fresh.OneStepRmse, reused.OneStepRmse, 12);
        var other = TwoStepModel.CrossValidate(x, ece, folds, LinearOptions with { Threshold = 6 }, compareOneStep: false);
        var e = Assert.Throws<ArgumentException>(() => TwoStepThresholdSearch.Run(x, ece, [2.0], folds, LinearOptions, atOptionsThreshold: other));
        Assert.Contains("split at 2 dS/m", e.Message);
    }

    [Fact]
    public void OneClassOnly_IsAClearError()
    {
        var x = FeatureTable.FromColumns([new double[] { 1, 2, 3 }], ["a"]);
        var e = Assert.Throws<ArgumentException>(() => TwoStepModel.Fit(x, [0.5, 0.6, 0.7], LinearOptions));
        Assert.Contains("one class", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoStepModel.Fit(x, [0.5, 3, 4], LinearOptions with { ProbabilityCut = 0 }));
    }
}
