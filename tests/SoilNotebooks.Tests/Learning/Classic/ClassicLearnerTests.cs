using System.Text.Json;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Sampling;
using SoilNotebooks.Learning.Validation;

using SoilNotebooks.Tests.Learning.Forests;

namespace SoilNotebooks.Tests.Learning.Classic;

/// <summary>The classic learners against scikit-learn 1.2 (Reference/sklearn_reference.py).</summary>
public class ClassicLearnerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly JsonElement Ref = JsonDocument.Parse(File.ReadAllText(ForestTestData.ReferencePath("sklearn_reference.json"))).RootElement;

    private static double[] Vec(string name) => Ref.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
    private static double[,] Mat(string name)
    {
        var rows = Ref.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var m = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++) for (int k = 0; k < rows[0].Length; k++) m[i, k] = rows[i][k];
        return m;
    }

    private static double MaxAbsDiff(double[,] a, double[,] b)
    {
        Assert.Equal(a.GetLength(0), b.GetLength(0)); Assert.Equal(a.GetLength(1), b.GetLength(1));
        double d = 0;
        for (int i = 0; i < a.GetLength(0); i++) for (int k = 0; k < a.GetLength(1); k++) d = Math.Max(d, Math.Abs(a[i, k] - b[i, k]));
        return d;
    }

    private static string[] Binary(string[] y) => y.Select(c => c == "2" ? "high" : "low").ToArray();

    // In small nodes several features can induce the same partition with equal scores; the feature order
    // (random in both libraries) then decides which threshold unseen rows meet. Training-row predictions
    // depend only on the partitions and are compared exactly; test rows by R².
    [Fact]
    public void DecisionTree_MatchesSklearn()
    {
        var (xtr, ytr, xte, yte) = ForestTestData.Synthetic();
        var reg = DecisionTree.FitRegression(xtr, ytr, new DecisionTreeOptions { MaxDepth = 5 });
        var expected = Vec("tree_regression_depth5_train");
        var got = reg.Predict(xtr);
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i], 9);
        Assert.Equal(5, reg.Depth);
        Assert.InRange(RegressionMetrics.Compute(yte, reg.Predict(xte)).R2, Ref.GetProperty("tree_regression_depth5_test_r2").GetDouble() - 0.03, Ref.GetProperty("tree_regression_depth5_test_r2").GetDouble() + 0.03);
        var (ctr, cytr, _, _) = ForestTestData.SyntheticClasses();
        var cls = DecisionTree.FitClassification(ctr, cytr, new DecisionTreeOptions { MaxDepth = 5 });
        Assert.True(MaxAbsDiff(Mat("tree_classification_depth5_train_proba"), cls.PredictProbabilities(ctr)) < 1e-6); // leaf proportions are stored as float
    }

    [Fact]
    public void GradientBoosting_MatchesSklearn()
    {
        var (xtr, ytr, xte, yte) = ForestTestData.Synthetic();
        var reg = GradientBoosting.FitRegression(xtr, ytr, new GradientBoostingOptions { Estimators = 50 });
        var expected = Vec("gbr_50_train");
        var got = reg.Predict(xtr);
        double maxDiff = expected.Zip(got).Max(t => Math.Abs(t.First - t.Second));
        double r2 = RegressionMetrics.Compute(yte, reg.Predict(xte)).R2;
        output.WriteLine($"GBR train max |diff| {maxDiff:E2}; test R2 {r2:F4} (sklearn {Ref.GetProperty("gbr_50_test_r2").GetDouble():F4})");
        Assert.True(maxDiff < 1e-9, $"max diff {maxDiff}");
        Assert.InRange(r2, Ref.GetProperty("gbr_50_test_r2").GetDouble() - 0.01, Ref.GetProperty("gbr_50_test_r2").GetDouble() + 0.01);
        var (ctr, cytr, _, _) = ForestTestData.SyntheticClasses();
        var multi = GradientBoosting.FitClassification(ctr, cytr, new GradientBoostingOptions { Estimators = 30 });
        double dm = MaxAbsDiff(Mat("gbc_multiclass_30_train_proba"), multi.PredictProbabilities(ctr));
        var bin = GradientBoosting.FitClassification(ctr, Binary(cytr), new GradientBoostingOptions { Estimators = 30 });
        double db = MaxAbsDiff(Mat("gbc_binary_30_train_proba"), bin.PredictProbabilities(ctr));
        output.WriteLine($"GBC train max |diff| multiclass {dm:E2}, binary {db:E2}");
        Assert.True(dm < 1e-9, $"multiclass max diff {dm}");
        // Binary deviance residuals take few distinct values, so different splits can tie exactly and the
        // (random) feature order decides; compare the fitted training log-loss instead of row by row.
        double LogLoss(double[,] pr) => -Enumerable.Range(0, pr.GetLength(0)).Average(i => Math.Log(Binary(cytr)[i] == "high" ? pr[i, 0] : pr[i, 1]));
        double ours = LogLoss(bin.PredictProbabilities(ctr)), theirs = LogLoss(Mat("gbc_binary_30_train_proba"));
        output.WriteLine($"GBC binary training log-loss {ours:F5} (sklearn {theirs:F5})");
        Assert.InRange(ours, theirs * 0.98, theirs * 1.02);
        Assert.True(db < 0.1);
    }

    [Fact]
    public void TreeBuilder_TreeDependsOnlyOnItsOwnStream()
    {
        var (xtr, ytr, _, _) = ForestTestData.Synthetic();
        var d = new TrainingData(xtr, ytr, null, 0, null);
        var s = new RandomForestOptions { Mtry = 3 }.ToSettings(TreeTask.Regression, xtr.Columns);
        var fresh = new TreeBuilder(d, s).Grow(5);
        var used = new TreeBuilder(d, s);
        for (int t = 0; t < 5; t++) used.Grow(t);
        Assert.Equal(fresh.Nodes, used.Grow(5).Nodes);
    }

    [Fact]
    public void LogisticRegression_MatchesSklearn()
    {
        var (ctr, cytr, cte, _) = ForestTestData.SyntheticClasses();
        var bin = LogisticRegression.Fit(ctr, Binary(cytr));
        Assert.Equal(["high", "low"], bin.Classes);
        double d1 = MaxAbsDiff(Mat("logreg_binary_proba"), bin.PredictProbabilities(cte));
        var coef = Mat("logreg_binary_coef");
        // reference solved with newton-cg at tol 1e-14
        for (int j = 0; j < 8; j++) Assert.Equal(coef[0, j], bin.Coefficients[0, j], 3);
        Assert.Equal(Vec("logreg_binary_intercept")[0], bin.Intercepts[0], 3);
        var balanced = LogisticRegression.Fit(ctr, Binary(cytr), new LogisticRegressionOptions { C = 0.5, BalancedClassWeights = true });
        double d2 = MaxAbsDiff(Mat("logreg_binary_balanced_proba"), balanced.PredictProbabilities(cte));
        var multi = LogisticRegression.Fit(ctr, cytr, new LogisticRegressionOptions { C = 2.0 });
        double d3 = MaxAbsDiff(Mat("logreg_multinomial_proba"), multi.PredictProbabilities(cte));
        output.WriteLine($"logistic max |diff| binary {d1:E2}, balanced {d2:E2}, multinomial {d3:E2}");
        Assert.True(d1 < 1e-6 && d2 < 1e-6 && d3 < 1e-6);
    }

    [Fact]
    public void KNearestNeighbors_MatchSklearn()
    {
        var (xtr, ytr, xte, _) = ForestTestData.Synthetic();
        var reg = KNearestNeighbors.FitRegression(xtr, ytr);
        var expected = Vec("knn_regression_5");
        var got = reg.Predict(xte);
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i], 9);
        var (ctr, cytr, cte, _) = ForestTestData.SyntheticClasses();
        var cls = KNearestNeighbors.FitClassification(ctr, cytr, new KNearestNeighborsOptions { K = 7, Weighting = NeighborWeighting.Distance });
        Assert.True(MaxAbsDiff(Mat("knn_classification_7_distance_proba"), cls.PredictProbabilities(cte)) < 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => KNearestNeighbors.FitRegression(xtr, ytr, new KNearestNeighborsOptions { K = 1000 }));
    }

    [Fact]
    public void ExtraTreesAndForests_ScoreLikeSklearn()
    {
        var (xtr, ytr, xte, yte) = ForestTestData.Synthetic();
        var et = ExtraTrees.FitRegression(xtr, ytr, new ExtraTreesOptions { Trees = 300, Seed = 1 });
        double r2 = RegressionMetrics.Compute(yte, et.Predict(xte)).R2;
        var (ctr, cytr, cte, cyte) = ForestTestData.SyntheticClasses();
        var etc = ExtraTrees.FitClassification(ctr, cytr, new ExtraTreesOptions { Trees = 300, Seed = 1 });
        double acc = ClassificationMetrics.Compute(cyte, etc.Predict(cte)).Accuracy;
        var rf = RandomForest.FitRegression(xtr, ytr, new RandomForestOptions { Trees = 300, Mtry = 4, MinNodeSize = 1 });
        double rfR2 = RegressionMetrics.Compute(yte, rf.Predict(xte)).R2;
        output.WriteLine($"extra trees R2 {r2:F4} (sklearn {Ref.GetProperty("extra_trees_regression_r2").GetDouble():F4}), accuracy {acc:F4} (sklearn {Ref.GetProperty("extra_trees_classification_accuracy").GetDouble():F4}); RF R2 {rfR2:F4}");
        Assert.InRange(r2, Ref.GetProperty("extra_trees_regression_r2").GetDouble() - 0.02, Ref.GetProperty("extra_trees_regression_r2").GetDouble() + 0.02);
        Assert.InRange(acc, Ref.GetProperty("extra_trees_classification_accuracy").GetDouble() - 0.04, Ref.GetProperty("extra_trees_classification_accuracy").GetDouble() + 0.04);
        Assert.InRange(rfR2, Ref.GetProperty("random_forest_regression_r2_mtry4_leaf").GetDouble() - 0.01, Ref.GetProperty("random_forest_regression_r2_mtry4_leaf").GetDouble() + 0.01);
    }

    [Fact]
    public void LearnerComparison_RunsEveryClassifierOnTheSameFolds()
    {
        var (ctr, cytr, _, _) = ForestTestData.SyntheticClasses();
        var x = ctr.SelectRows(Enumerable.Range(0, 200).ToArray());
        var y = cytr.Take(200).ToArray();
        var folds = Folds.KFold(200, 3, seed: 1);
        var specs = LearnerCatalog.Classifiers(seed: 1, balanced: true, threads: 2)
            .Select(s => s.Name is "Random forest" ? s with
                { Fit = (a, b) => RandomForest.FitClassification(a, b, new RandomForestOptions { Trees = 50, BalancedClassWeights = true }) } : s).ToList();
        var rows = LearnerCatalog.CompareClassifiers(x, y, folds, specs);
        Assert.Equal(7, rows.Count);
        foreach (var r in rows)
        {
            output.WriteLine($"{r.Learner}: accuracy {r.Metrics.Accuracy:F3}, macro F1 {r.Metrics.MacroF1:F3}");
            Assert.InRange(r.Metrics.Accuracy, 0.45, 1.0);
            Assert.Equal(200, r.Predicted.Length);
        }
        var reg = LearnerCatalog.CompareRegressors(x, Enumerable.Range(0, 200).Select(i => (double)x[i, 0] * 3 + x[i, 1]).ToArray(), folds,
            LearnerCatalog.Regressors(seed: 1, threads: 2).Where(s => s.Name is not ("Random forest" or "Extra trees")));
        Assert.All(reg, r => Assert.True(r.Cv.Pooled.R2 > 0.7, $"{r.Learner} R2 {r.Cv.Pooled.R2}"));
    }
}
