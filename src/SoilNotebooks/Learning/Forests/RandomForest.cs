using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Forests;

/// <summary>
/// Random forests (Breiman 2001) of CART trees as ranger grows them (Wright &amp; Ziegler 2017): regression
/// (variance splits, leaf means), classification (Gini splits, leaf class proportions averaged over trees)
/// and the quantile regression forest (Meinshausen 2006). Trees grow in parallel; each tree's random stream
/// is derived from the seed and its index, so a seeded fit is identical for any thread count.
/// </summary>
public static class RandomForest
{
    /// <summary>Fits a regression forest with named defaults (see <see cref="RandomForestOptions"/>).</summary>
    /// <param name="x">Training features (finite).</param>
    /// <param name="y">Training target, one finite value per row, not constant.</param>
    /// <param name="trees">Number of trees (default 500).</param>
    /// <param name="mtry">Features tried per split (default ⌊√p⌋).</param>
    /// <param name="minNodeSize">Nodes of this size or smaller are not split (default 5).</param>
    /// <param name="seed">Random seed (default 42).</param>
    /// <param name="threads">Worker threads (0 = all processors).</param>
    public static RandomForestRegression FitRegression(FeatureTable x, IReadOnlyList<double> y, int trees = Defaults.Trees, int? mtry = null,
        int? minNodeSize = null, int seed = Defaults.Seed, int threads = Defaults.Threads) =>
        FitRegression(x, y, Named(trees, mtry, minNodeSize, seed, threads));

    /// <summary>Fits a regression forest.</summary>
    public static RandomForestRegression FitRegression(FeatureTable x, IReadOnlyList<double> y, RandomForestOptions options)
    {
        var (d, s) = Prepare(x, y, options);
        return new RandomForestRegression(d, s, options);
    }

    /// <summary>
    /// Fits a quantile regression forest (Meinshausen 2006): a regression forest that also keeps, for every
    /// leaf, its in-bag training rows, so conditional quantiles can be read from the weighted training targets.
    /// </summary>
    public static QuantileRegressionForest FitQuantile(FeatureTable x, IReadOnlyList<double> y, int trees = Defaults.Trees, int? mtry = null,
        int? minNodeSize = null, int seed = Defaults.Seed, int threads = Defaults.Threads) =>
        FitQuantile(x, y, Named(trees, mtry, minNodeSize, seed, threads));

    /// <summary>Fits a quantile regression forest.</summary>
    public static QuantileRegressionForest FitQuantile(FeatureTable x, IReadOnlyList<double> y, RandomForestOptions options)
    {
        var (d, s) = Prepare(x, y, options);
        return new QuantileRegressionForest(d, s, options);
    }

    /// <summary>Fits a classification forest with named defaults (min node size 1).</summary>
    public static RandomForestClassification FitClassification(FeatureTable x, IReadOnlyList<string> labels, int trees = Defaults.Trees, int? mtry = null,
        int? minNodeSize = null, int seed = Defaults.Seed, int threads = Defaults.Threads) =>
        FitClassification(x, labels, Named(trees, mtry, minNodeSize, seed, threads));

    /// <summary>Fits a classification forest. Labels are strings (numbers are sorted numerically).</summary>
    public static RandomForestClassification FitClassification(FeatureTable x, IReadOnlyList<string> labels, RandomForestOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        var cl = ClassLabels.ForFit(labels, x.Rows, "features and target");
        var d = new TrainingData(x, cl.Index.Select(c => (double)c).ToArray(), cl.Index, cl.Classes.Count,
            cl.RowWeights(options.ClassWeights, options.BalancedClassWeights), options.MaxBins ?? 0);
        var s = options.ToSettings(TreeTask.Classification, x.Columns);
        return new RandomForestClassification(d, s, options, cl.Classes);
    }

    private static RandomForestOptions Named(int trees, int? mtry, int? minNodeSize, int seed, int threads) =>
        new() { Trees = trees, Mtry = mtry, MinNodeSize = minNodeSize, Seed = seed, Threads = threads };

    internal static double[] ValidateTarget(IReadOnlyList<double> y, int rows)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count == 0) throw new ArgumentException("The target column is empty.");
        Check.SameLength(rows, y.Count, "features and target");
        var a = y.ToArray();
        for (int i = 0; i < a.Length; i++)
            if (!double.IsFinite(a[i])) throw new ArgumentException($"Target value at row {i + 1} is missing or not finite ({a[i]}); drop rows without a target before fitting.");
        if (a.All(v => v == a[0])) throw new ArgumentException($"The target is constant (every row is {a[0]}); there is nothing to learn.");
        return a;
    }

    private static (TrainingData, GrowSettings) Prepare(FeatureTable x, IReadOnlyList<double> y, RandomForestOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        var yy = ValidateTarget(y, x.Rows);
        var s = options.ToSettings(TreeTask.Regression, x.Columns);
        return (new TrainingData(x, yy, null, 0, null, options.MaxBins ?? 0), s);
    }
}

/// <summary>A variable's importance, in the units of the forest's loss (see <see cref="ForestImportance"/>).</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Impurity">Mean impurity decrease per tree (NaN when not computed).</param>
/// <param name="Permutation">Mean out-of-bag error increase when permuted (NaN when not computed).</param>
public sealed record FeatureImportance(string Feature, double Impurity, double Permutation);

/// <summary>A fitted regression forest: predictions, out-of-bag predictions and error, importance.</summary>
public class RandomForestRegression : IRegressor
{
    internal readonly ForestCore Core;
    private readonly int _threads;

    /// <summary>The options the forest was fitted with.</summary>
    public RandomForestOptions Options { get; }

    /// <summary>Resolved features tried per split.</summary>
    public int Mtry { get; }

    /// <summary>Resolved minimum node size.</summary>
    public int MinNodeSize { get; }

    /// <summary>Feature names, in training order (prediction tables must have the same).</summary>
    public IReadOnlyList<string> FeatureNames => Core.FeatureNames;

    /// <summary>Number of trees.</summary>
    public int TreeCount => Core.Trees.Length;

    /// <summary>Training targets.</summary>
    public IReadOnlyList<double> TrainingTarget { get; }

    /// <summary>Out-of-bag prediction per training row (NaN for a row that was in-bag in every tree).</summary>
    public double[] OobPredictions { get; }

    /// <summary>Out-of-bag metrics over rows with an OOB prediction (ranger's prediction.error is <c>OobMetrics.Rmse²</c>).</summary>
    public RegressionMetrics? OobMetrics { get; }

    /// <summary>Out-of-bag mean squared error (ranger's prediction.error).</summary>
    public double OobMse => OobMetrics is null ? double.NaN : OobMetrics.Rmse * OobMetrics.Rmse;

    /// <summary>Impurity importance per feature (sum-of-squares decrease, mean over trees), or null when not requested.</summary>
    public double[]? ImpurityImportance { get; }

    /// <summary>Permutation importance per feature (OOB MSE increase, mean over trees), or null when not requested.</summary>
    public double[]? PermutationImportance { get; }

    /// <summary>Seconds spent growing the trees.</summary>
    public double FitSeconds { get; }

    internal RandomForestRegression(TrainingData d, GrowSettings s, RandomForestOptions options)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Core = ForestCore.Grow(d, s, options.Trees, options.Threads);
        FitSeconds = sw.Elapsed.TotalSeconds;
        _threads = options.Threads;
        Options = options; Mtry = s.Mtry; MinNodeSize = s.MinNodeSize;
        TrainingTarget = d.Y;
        OobPredictions = Core.OobMean(d.X, _threads);
        var ok = Enumerable.Range(0, d.N).Where(i => !double.IsNaN(OobPredictions[i])).ToArray();
        OobMetrics = ok.Length >= 2 ? RegressionMetrics.Compute(ok.Select(i => d.Y[i]).ToArray(), ok.Select(i => OobPredictions[i]).ToArray()) : null;
        if (options.Importance != ForestImportance.None) ImpurityImportance = Core.ImpurityImportance();
        if (options.Importance == ForestImportance.Permutation)
            PermutationImportance = Core.PermutationImportance(d.X, d.Y, null, options.Seed, _threads);
    }

    /// <summary>A forest read from a file (<see cref="ForestFile"/>): the trees, options and out-of-bag results it was saved with.</summary>
    internal RandomForestRegression(ForestCore core, RandomForestOptions options, int mtry, int minNodeSize, double[] y,
        double[] oob, double[]? impurity, double[]? permutation, double fitSeconds)
    {
        Core = core; Options = options; _threads = options.Threads; Mtry = mtry; MinNodeSize = minNodeSize;
        TrainingTarget = y; OobPredictions = oob; FitSeconds = fitSeconds;
        ImpurityImportance = impurity; PermutationImportance = permutation;
        var ok = Enumerable.Range(0, y.Length).Where(i => !double.IsNaN(oob[i])).ToArray();
        OobMetrics = ok.Length >= 2 ? RegressionMetrics.Compute(ok.Select(i => y[i]).ToArray(), ok.Select(i => oob[i]).ToArray()) : null;
    }

    /// <summary>
    /// Saves the fitted forest to <paramref name="path"/> in the versioned SoilNotebooks forest format
    /// (<see cref="ForestFile"/>, <c>docs/forest-format.md</c>), atomically; a quantile forest keeps its leaf data.
    /// </summary>
    /// <param name="path">Destination file.</param>
    /// <param name="target">Name of the target, kept in the file's header (optional).</param>
    public void Save(string path, string? target = null) => ForestFile.Save(this, path, target);

    /// <summary>Reads a regression or quantile forest saved with <see cref="Save"/> (a quantile forest comes back as
    /// a <see cref="QuantileRegressionForest"/>); predictions are bit-identical to the saved forest's.</summary>
    /// <param name="path">The forest file.</param>
    /// <param name="threads">Worker threads for predictions (null: the threads it was fitted with).</param>
    /// <exception cref="InvalidDataException">Not a forest file, another format version, corrupt or truncated, or a
    /// classification forest.</exception>
    public static RandomForestRegression Load(string path, int? threads = null) => ForestFile.LoadRegression(path, threads);

    /// <summary>Mean prediction of the trees for each row of <paramref name="x"/>.</summary>
    public double[] Predict(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireFeatures(x);
        return Core.PredictMean(x, _threads);
    }

    /// <summary>
    /// Predictions of the forests made of this forest's first <paramref name="treeCounts"/>[j] trees, one array per count.
    /// Tree t is grown from the random stream (seed, t) whatever the number of trees, so each is identical to the
    /// prediction of a forest grown with that many trees and the same options: a grid over tree counts grows once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or above <see cref="TreeCount"/>.</exception>
    public double[][] PredictNested(FeatureTable x, IReadOnlyList<int> treeCounts)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(treeCounts);
        RequireFeatures(x);
        foreach (var c in treeCounts)
            if (c < 1 || c > TreeCount)
                throw new ArgumentOutOfRangeException(nameof(treeCounts), c, $"Tree counts must be 1 … {TreeCount} (the trees grown).");
        var sorted = treeCounts.Distinct().Order().ToArray();
        var nested = Core.PredictMeanNested(x, sorted, _threads);
        return treeCounts.Select(c => nested[Array.IndexOf(sorted, c)]).ToArray();
    }

    internal void RequireFeatures(FeatureTable x)
    {
        if (x.Columns != Core.P)
            throw new ArgumentException($"The prediction table has {x.Columns} features; the forest was trained on {Core.P} ({string.Join(", ", Core.FeatureNames)}).");
        for (int j = 0; j < Core.P; j++)
            if (x.Names[j] != Core.FeatureNames[j])
                throw new ArgumentException($"Prediction feature {j + 1} is '{x.Names[j]}'; the forest was trained with '{Core.FeatureNames[j]}' in that position.");
    }

    /// <summary>Importance table (one row per feature, by decreasing permutation or impurity importance).</summary>
    public IReadOnlyList<FeatureImportance> Importances()
    {
        var rows = FeatureNames.Select((f, j) => new FeatureImportance(f,
            ImpurityImportance?[j] ?? double.NaN, PermutationImportance?[j] ?? double.NaN)).ToList();
        return PermutationImportance is not null ? rows.OrderByDescending(r => r.Permutation).ToList()
            : rows.OrderByDescending(r => r.Impurity).ToList();
    }
}

/// <summary>A fitted classification forest: class probabilities, votes, out-of-bag predictions and error.</summary>
public sealed class RandomForestClassification : IClassifier
{
    internal readonly ForestCore Core;
    private readonly int _threads;

    /// <summary>Class labels; column k of probability matrices is class k.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The options the forest was fitted with.</summary>
    public RandomForestOptions Options { get; }

    /// <summary>Resolved features tried per split.</summary>
    public int Mtry { get; }

    /// <summary>Feature names, in training order.</summary>
    public IReadOnlyList<string> FeatureNames => Core.FeatureNames;

    /// <summary>Out-of-bag class proportions [row, class] (NaN rows where a row was never out of bag).</summary>
    public double[,] OobProbabilities { get; }

    /// <summary>Out-of-bag predicted label per training row (null where never out of bag).</summary>
    public string?[] OobPredictions { get; }

    /// <summary>Out-of-bag misclassification rate (ranger's prediction.error).</summary>
    public double OobError { get; }

    /// <summary>Impurity importance (weighted Gini decrease, mean over trees), or null.</summary>
    public double[]? ImpurityImportance { get; }

    /// <summary>Permutation importance (OOB misclassification increase, mean over trees), or null.</summary>
    public double[]? PermutationImportance { get; }

    /// <summary>Seconds spent growing the trees.</summary>
    public double FitSeconds { get; }

    internal RandomForestClassification(TrainingData d, GrowSettings s, RandomForestOptions options, IReadOnlyList<string> classes)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Core = ForestCore.Grow(d, s, options.Trees, options.Threads);
        FitSeconds = sw.Elapsed.TotalSeconds;
        _threads = options.Threads;
        Classes = classes; Options = options; Mtry = s.Mtry;
        OobProbabilities = Core.OobProba(d.X, _threads);
        OobPredictions = new string?[d.N];
        int wrong = 0, seen = 0;
        for (int i = 0; i < d.N; i++)
        {
            if (double.IsNaN(OobProbabilities[i, 0])) continue;
            int arg = ClassifierExtensions.ArgMax(OobProbabilities, i);
            OobPredictions[i] = classes[arg];
            seen++;
            if (arg != d.Class[i]) wrong++;
        }
        OobError = seen > 0 ? (double)wrong / seen : double.NaN;
        if (options.Importance != ForestImportance.None) ImpurityImportance = Core.ImpurityImportance();
        if (options.Importance == ForestImportance.Permutation)
            PermutationImportance = Core.PermutationImportance(d.X, d.Y, d.Class, options.Seed, _threads);
    }

    /// <summary>A forest read from a file (<see cref="ForestFile"/>).</summary>
    internal RandomForestClassification(ForestCore core, RandomForestOptions options, int mtry, IReadOnlyList<string> classes,
        double[,] oobProbabilities, double oobError, double[]? impurity, double[]? permutation, double fitSeconds)
    {
        Core = core; Options = options; _threads = options.Threads; Mtry = mtry; Classes = classes;
        OobProbabilities = oobProbabilities; OobError = oobError; FitSeconds = fitSeconds;
        ImpurityImportance = impurity; PermutationImportance = permutation;
        int n = oobProbabilities.GetLength(0);
        OobPredictions = new string?[n];
        for (int i = 0; i < n; i++)
            if (!double.IsNaN(oobProbabilities[i, 0])) OobPredictions[i] = classes[ClassifierExtensions.ArgMax(oobProbabilities, i)];
    }

    /// <summary>Saves the fitted forest in the versioned SoilNotebooks forest format (<see cref="ForestFile"/>), atomically.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="target">Name of the target, kept in the file's header (optional).</param>
    public void Save(string path, string? target = null) => ForestFile.Save(this, path, target);

    /// <summary>Reads a classification forest saved with <see cref="Save"/>.</summary>
    /// <param name="path">The forest file.</param>
    /// <param name="threads">Worker threads for predictions (null: the threads it was fitted with).</param>
    /// <exception cref="InvalidDataException">Not a forest file, another format version, corrupt or truncated, or a
    /// regression forest.</exception>
    public static RandomForestClassification Load(string path, int? threads = null) => ForestFile.LoadClassification(path, threads);

    /// <summary>Class probabilities [row, class]: the mean over trees of the leaf class proportions.</summary>
    public double[,] PredictProbabilities(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != Core.P) throw new ArgumentException($"The prediction table has {x.Columns} features; the forest was trained on {Core.P}.");
        return Core.PredictProba(x, _threads);
    }

    /// <summary>Most probable class per row (ties go to the first class).</summary>
    public string[] Predict(FeatureTable x) => this.MostProbable(PredictProbabilities(x));
}
