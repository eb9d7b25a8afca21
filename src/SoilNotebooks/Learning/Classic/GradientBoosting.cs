using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Classic;

/// <summary>Options of gradient-boosted trees with scikit-learn 1.2's defaults.</summary>
public sealed record GradientBoostingOptions
{
    /// <summary>Boosting stages (default 100).</summary>
    public int Estimators { get; init; } = 100;

    /// <summary>Shrinkage applied to each tree, in (0, 1] (default 0.1).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Depth of each tree (default 3).</summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>A node needs at least this many rows to be split (default 2).</summary>
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>Each child keeps at least this many rows (default 1).</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Fraction of rows (without replacement) per stage, in (0, 1]; below 1 gives stochastic gradient boosting (default 1).</summary>
    public double Subsample { get; init; } = 1.0;

    /// <summary>Features tried per split; null = all.</summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Seed.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    internal GrowSettings Settings(int p)
    {
        Check.Positive(Estimators, "estimators");
        Check.Fraction(LearningRate, "learningRate");
        Check.Positive(MaxDepth, "maxDepth");
        Check.Fraction(Subsample, "subsample");
        if (MinSamplesSplit < 2) throw new ArgumentOutOfRangeException(nameof(MinSamplesSplit), MinSamplesSplit, $"minSamplesSplit must be ≥ 2 (got {MinSamplesSplit}).");
        Check.Positive(MinSamplesLeaf, "minSamplesLeaf");
        int m = MaxFeatures ?? p;
        if (m < 1 || m > p) throw new ArgumentOutOfRangeException(nameof(MaxFeatures), m, $"maxFeatures = {m} must be between 1 and the number of features ({p}).");
        return new GrowSettings(TreeTask.Regression, m, MinSamplesSplit - 1, MinSamplesLeaf, MaxDepth, Replace: false, SampleFraction: Subsample, Seed, SplitRule.Best, TrackImportance: false);
    }
}

/// <summary>
/// Gradient-boosted regression trees (Friedman 2001, Annals of Statistics 29:1189–1232), as scikit-learn's
/// GradientBoostingRegressor / GradientBoostingClassifier: squared-error loss (initial value the mean; each
/// tree fits the residuals), binomial deviance (initial log-odds; one Newton step per leaf,
/// Σr / Σp(1−p)) and multinomial deviance (K trees per stage; leaf value (K−1)/K · Σr / Σ|r|(1−|r|)).
/// </summary>
public static class GradientBoosting
{
    /// <summary>Fits a boosted regressor (squared error).</summary>
    public static GradientBoostingRegression FitRegression(FeatureTable x, IReadOnlyList<double> y, GradientBoostingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new GradientBoostingOptions();
        var yy = RandomForest.ValidateTarget(y, x.Rows);
        var settings = options.Settings(x.Columns);
        var d = new TrainingData(x, yy, null, 0, null);
        var builder = new TreeBuilder(d, settings);
        int n = x.Rows;
        double init = yy.Average();
        var f = Enumerable.Repeat(init, n).ToArray();
        var r = new double[n];
        var trees = new Tree[options.Estimators];
        for (int m = 0; m < options.Estimators; m++)
        {
            for (int i = 0; i < n; i++) r[i] = yy[i] - f[i];
            var t = builder.Grow(m, r);
            trees[m] = t;
            for (int i = 0; i < n; i++) f[i] += options.LearningRate * t.Value[t.Leaf(x.Data, n, i)];
        }
        return new GradientBoostingRegression(init, options.LearningRate, trees, x.Names);
    }

    /// <summary>Fits a boosted classifier (binomial deviance for 2 classes, multinomial for more).</summary>
    public static GradientBoostingClassification FitClassification(FeatureTable x, IReadOnlyList<string> labels, GradientBoostingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new GradientBoostingOptions();
        var cl = ClassLabels.ForFit(labels, x.Rows);
        int K = cl.Classes.Count, n = x.Rows;
        var settings = options.Settings(x.Columns);
        var d = new TrainingData(x, cl.Index.Select(c => (double)c).ToArray(), null, 0, null);
        var builder = new TreeBuilder(d, settings);
        const double eps = 1.1920928955078125e-07; // float32 epsilon, as scikit-learn clips priors
        var prior = new double[K];
        foreach (var c in cl.Index) prior[c]++;
        for (int c = 0; c < K; c++) prior[c] = Math.Clamp(prior[c] / n, eps, 1 - eps);
        int outputs = K == 2 ? 1 : K;
        var init = K == 2 ? [Math.Log(prior[1] / (1 - prior[1]))] : prior.Select(v => Math.Log(v)).ToArray();
        var f = new double[outputs][];
        for (int k = 0; k < outputs; k++) f[k] = Enumerable.Repeat(init[k], n).ToArray();
        var trees = new Tree[options.Estimators * outputs];
        var r = new double[n];
        var prob = new double[outputs][];
        for (int k = 0; k < outputs; k++) prob[k] = new double[n];
        var num = new Dictionary<int, double>();
        var den = new Dictionary<int, double>();
        var leafOf = new int[n];
        for (int m = 0; m < options.Estimators; m++)
        {
            // current probabilities
            if (K == 2) for (int i = 0; i < n; i++) prob[0][i] = 1 / (1 + Math.Exp(-f[0][i]));
            else
                for (int i = 0; i < n; i++)
                {
                    double mx = double.NegativeInfinity;
                    for (int k = 0; k < K; k++) mx = Math.Max(mx, f[k][i]);
                    double s = 0;
                    for (int k = 0; k < K; k++) { prob[k][i] = Math.Exp(f[k][i] - mx); s += prob[k][i]; }
                    for (int k = 0; k < K; k++) prob[k][i] /= s;
                }
            for (int k = 0; k < outputs; k++)
            {
                int target = K == 2 ? 1 : k;
                for (int i = 0; i < n; i++) r[i] = (cl.Index[i] == target ? 1 : 0) - prob[k][i];
                var t = builder.Grow(m * outputs + k, r);
                // Newton step per leaf over the stage's in-bag rows
                num.Clear(); den.Clear();
                for (int i = 0; i < n; i++)
                {
                    int leaf = t.Leaf(x.Data, n, i);
                    leafOf[i] = leaf;
                    if (t.Inbag[i] == 0) continue;
                    num[leaf] = num.GetValueOrDefault(leaf) + r[i];
                    double h = K == 2 ? prob[0][i] * (1 - prob[0][i]) : Math.Abs(r[i]) * (1 - Math.Abs(r[i]));
                    den[leaf] = den.GetValueOrDefault(leaf) + h;
                }
                foreach (var (leaf, nu) in num)
                {
                    double de = den[leaf];
                    double v = Math.Abs(de) < 1e-150 ? 0 : nu / de;
                    t.Value[leaf] = K == 2 ? v : v * (K - 1) / K;
                }
                trees[m * outputs + k] = t;
                for (int i = 0; i < n; i++) f[k][i] += options.LearningRate * t.Value[leafOf[i]];
            }
        }
        return new GradientBoostingClassification(init, options.LearningRate, trees, outputs, x.Names, cl.Classes);
    }
}

/// <summary>A fitted boosted regressor: F(x) = init + ν Σ_m tree_m(x).</summary>
public sealed class GradientBoostingRegression : IRegressor
{
    private readonly double _init, _lr;
    private readonly Tree[] _trees;

    /// <summary>Feature names in training order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of stages.</summary>
    public int Stages => _trees.Length;

    internal GradientBoostingRegression(double init, double lr, Tree[] trees, IReadOnlyList<string> names) { _init = init; _lr = lr; _trees = trees; FeatureNames = names; }

    /// <inheritdoc />
    public double[] Predict(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != FeatureNames.Count) throw new ArgumentException($"The table has {x.Columns} features; the model was trained on {FeatureNames.Count}.");
        var f = Enumerable.Repeat(_init, x.Rows).ToArray();
        foreach (var t in _trees)
            for (int i = 0; i < x.Rows; i++) f[i] += _lr * t.Value[t.Leaf(x.Data, x.Rows, i)];
        return f;
    }
}

/// <summary>A fitted boosted classifier.</summary>
public sealed class GradientBoostingClassification : IClassifier
{
    private readonly double[] _init;
    private readonly double _lr;
    private readonly Tree[] _trees;
    private readonly int _outputs;

    /// <inheritdoc />
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Feature names in training order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    internal GradientBoostingClassification(double[] init, double lr, Tree[] trees, int outputs, IReadOnlyList<string> names, IReadOnlyList<string> classes)
    { _init = init; _lr = lr; _trees = trees; _outputs = outputs; FeatureNames = names; Classes = classes; }

    /// <summary>Raw scores [row, output] (log-odds of the second class for two classes).</summary>
    public double[,] DecisionFunction(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != FeatureNames.Count) throw new ArgumentException($"The table has {x.Columns} features; the model was trained on {FeatureNames.Count}.");
        var f = new double[x.Rows, _outputs];
        for (int i = 0; i < x.Rows; i++) for (int k = 0; k < _outputs; k++) f[i, k] = _init[k];
        for (int m = 0; m < _trees.Length; m++)
        {
            var t = _trees[m]; int k = m % _outputs;
            for (int i = 0; i < x.Rows; i++) f[i, k] += _lr * t.Value[t.Leaf(x.Data, x.Rows, i)];
        }
        return f;
    }

    /// <inheritdoc />
    public double[,] PredictProbabilities(FeatureTable x)
    {
        var f = DecisionFunction(x);
        int K = Classes.Count;
        var p = new double[x.Rows, K];
        for (int i = 0; i < x.Rows; i++)
        {
            if (K == 2) { double s = 1 / (1 + Math.Exp(-f[i, 0])); p[i, 0] = 1 - s; p[i, 1] = s; continue; }
            double mx = double.NegativeInfinity;
            for (int k = 0; k < K; k++) mx = Math.Max(mx, f[i, k]);
            double z = 0;
            for (int k = 0; k < K; k++) { p[i, k] = Math.Exp(f[i, k] - mx); z += p[i, k]; }
            for (int k = 0; k < K; k++) p[i, k] /= z;
        }
        return p;
    }
}
