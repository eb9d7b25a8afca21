using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Sampling;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Classic;

/// <summary>A named way to fit a classifier (one row of a learner comparison).</summary>
/// <param name="Name">Display name.</param>
/// <param name="Fit">Fits on features and labels.</param>
public sealed record ClassifierSpec(string Name, Func<FeatureTable, IReadOnlyList<string>, IClassifier> Fit);

/// <summary>A named way to fit a regressor.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Fit">Fits on features and targets.</param>
public sealed record RegressorSpec(string Name, Func<FeatureTable, IReadOnlyList<double>, IRegressor> Fit);

/// <summary>One learner's cross-validated classification scores.</summary>
/// <param name="Learner">Learner name.</param>
/// <param name="Metrics">Metrics of the pooled out-of-fold predictions.</param>
/// <param name="Predicted">Out-of-fold label per row.</param>
/// <param name="Seconds">Wall time of all folds.</param>
public sealed record ClassifierComparisonRow(string Learner, ClassificationMetrics Metrics, string[] Predicted, double Seconds);

/// <summary>One learner's cross-validated regression scores.</summary>
public sealed record RegressorComparisonRow(string Learner, CrossValidationResult Cv, double Seconds);

/// <summary>
/// The learners of the salinity study (Zarif et al.: seven classifiers compared by precision, recall, F1, a neural
/// network among them) — random forest, neural network (MLP, from the neural stage), decision tree, gradient-boosted
/// trees, logistic regression, k-nearest neighbours and Gaussian naive Bayes here — and a cross-validated comparison
/// on one table. Extra trees remain among the regressors (as classifiers they nearly duplicated the random forest).
/// </summary>
public static class LearnerCatalog
{
    /// <summary>Name of the neural-network classifier in <see cref="Classifiers"/>.</summary>
    public const string NeuralNetwork = MlpClassifierModel.ModelName;

    /// <summary>
    /// Seven classifiers with scikit-learn-like defaults: RF (500 trees), a neural network (<see cref="MlpClassifier"/>:
    /// 100 ReLU units, Adam, α = 1e-4, standardised features; its fitted model reports <see
    /// cref="MlpClassifierModel.Health"/>), a decision tree, gradient boosting (100 stages, depth 3), logistic regression
    /// (L2, C = 1, standardised features), 5-nearest neighbours (standardised) and Gaussian naive Bayes. With
    /// <paramref name="balanced"/>, learners that support class weights use n/(K·n_k) and naive Bayes takes equal
    /// priors. <paramref name="trees"/> sets the size of the forest (default <see cref="Defaults.Trees"/>; fewer for
    /// quick runs).
    /// </summary>
    public static IReadOnlyList<ClassifierSpec> Classifiers(int seed = Defaults.Seed, bool balanced = false, int threads = Defaults.Threads,
        int trees = Defaults.Trees) =>
    [
        new("Random forest", (x, y) => RandomForest.FitClassification(x, y, new RandomForestOptions { Seed = seed, Threads = threads, BalancedClassWeights = balanced, Trees = trees })),
        new(NeuralNetwork, (x, y) => MlpClassifier.Fit(x, y, new MlpClassifierOptions { Seed = seed, BalancedClassWeights = balanced })),
        new("Decision tree", (x, y) => DecisionTree.FitClassification(x, y, new DecisionTreeOptions { Seed = seed, BalancedClassWeights = balanced, MaxDepth = 8 })),
        new("Gradient boosting", (x, y) => GradientBoosting.FitClassification(x, y, new GradientBoostingOptions { Seed = seed })),
        new("Logistic regression", (x, y) => LogisticRegression.Fit(x, y, new LogisticRegressionOptions { Standardize = true, BalancedClassWeights = balanced })),
        new("k-nearest neighbours", (x, y) => KNearestNeighbors.FitClassification(x, y, new KNearestNeighborsOptions { Standardize = true })),
        new("Gaussian naive Bayes", (x, y) => GaussianNaiveBayes.Fit(x, y, new GaussianNaiveBayesOptions { EqualPriors = balanced })),
    ];

    /// <summary>Regressors with the same defaults (RF, extra trees, decision tree, gradient boosting, kNN); <paramref name="trees"/> per forest.</summary>
    public static IReadOnlyList<RegressorSpec> Regressors(int seed = Defaults.Seed, int threads = Defaults.Threads, int trees = Defaults.Trees) =>
    [
        new("Random forest", (x, y) => RandomForest.FitRegression(x, y, new RandomForestOptions { Seed = seed, Threads = threads, Trees = trees })),
        new("Extra trees", (x, y) => ExtraTrees.FitRegression(x, y, new ExtraTreesOptions { Seed = seed, Threads = threads, Trees = trees })),
        new("Decision tree", (x, y) => DecisionTree.FitRegression(x, y, new DecisionTreeOptions { Seed = seed, MaxDepth = 8 })),
        new("Gradient boosting", (x, y) => GradientBoosting.FitRegression(x, y, new GradientBoostingOptions { Seed = seed })),
        new("k-nearest neighbours", (x, y) => KNearestNeighbors.FitRegression(x, y, new KNearestNeighborsOptions { Standardize = true })),
    ];

    /// <summary>Cross-validates each classifier on the same folds; one row per learner.</summary>
    public static IReadOnlyList<ClassifierComparisonRow> CompareClassifiers(FeatureTable x, IReadOnlyList<string> labels, FoldAssignment folds, IEnumerable<ClassifierSpec> learners)
    {
        ArgumentNullException.ThrowIfNull(x);
        Check.SameLength(x.Rows, labels.Count, "features and labels");
        var rows = new List<ClassifierComparisonRow>();
        var tables = new FoldTables(x, folds, "labels");
        foreach (var spec in learners)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var (pred, m) = CrossValidation.Classification(labels, folds, (tr, te) =>
                spec.Fit(tables.Of(te).Train, tr.Select(i => labels[i]).ToArray()).Predict(tables.Of(te).Test));
            rows.Add(new ClassifierComparisonRow(spec.Name, m, pred, sw.Elapsed.TotalSeconds));
        }
        return rows;
    }

    /// <summary>Cross-validates each regressor on the same folds; one row per learner.</summary>
    public static IReadOnlyList<RegressorComparisonRow> CompareRegressors(FeatureTable x, IReadOnlyList<double> y, FoldAssignment folds, IEnumerable<RegressorSpec> learners)
    {
        ArgumentNullException.ThrowIfNull(x);
        Check.SameLength(x.Rows, y.Count, "features and target");
        var rows = new List<RegressorComparisonRow>();
        var tables = new FoldTables(x, folds);
        foreach (var spec in learners)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var cv = CrossValidation.Regression(y, folds, (tr, te) => spec.Fit(tables.Of(te).Train, tr.Select(i => y[i]).ToArray()).Predict(tables.Of(te).Test));
            rows.Add(new RegressorComparisonRow(spec.Name, cv, sw.Elapsed.TotalSeconds));
        }
        return rows;
    }
}
