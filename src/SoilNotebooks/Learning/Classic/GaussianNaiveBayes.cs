using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Classic;

/// <summary>Options of Gaussian naive Bayes (scikit-learn GaussianNB meanings).</summary>
public sealed record GaussianNaiveBayesOptions
{
    /// <summary>Share of the largest feature variance added to every class variance for stability (default 1e-9, as scikit-learn).</summary>
    public double VarianceSmoothing { get; init; } = 1e-9;

    /// <summary>Equal class priors 1/K instead of the class frequencies (scikit-learn priors=[1/K, …]): the naive-Bayes
    /// way to stop a rare class being out-voted by its prior.</summary>
    public bool EqualPriors { get; init; }
}

/// <summary>
/// Gaussian naive Bayes: per class, independent normal features with the class mean and (population) variance plus
/// <see cref="GaussianNaiveBayesOptions.VarianceSmoothing"/> × the largest feature variance; P(class | x) ∝ prior ·
/// Π N(xⱼ; μ, σ²), normalised in log space — the model scikit-learn's GaussianNB fits. Classes in ordinal order.
/// </summary>
public static class GaussianNaiveBayes
{
    /// <summary>Fits on features and class labels (at least two rows).</summary>
    public static GaussianNaiveBayesModel Fit(FeatureTable x, IReadOnlyList<string> labels, GaussianNaiveBayesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(labels);
        options ??= new GaussianNaiveBayesOptions();
        Check.SameLength(x.Rows, labels.Count, "features and labels");
        if (x.Rows < 2) throw new ArgumentException($"Naive Bayes needs at least 2 rows; got {x.Rows}.");
        if (!(options.VarianceSmoothing >= 0)) throw new ArgumentOutOfRangeException(nameof(options), options.VarianceSmoothing, "VarianceSmoothing must be ≥ 0.");
        var classes = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = classes.Select((c, k) => (c, k)).ToDictionary(t => t.c, t => t.k, StringComparer.Ordinal);
        int n = x.Rows, p = x.Columns, K = classes.Length;
        double maxVar = 0;
        for (int j = 0; j < p; j++)
        {
            double m = 0, q = 0;
            for (int i = 0; i < n; i++) m += x[i, j];
            m /= n;
            for (int i = 0; i < n; i++) { double d = x[i, j] - m; q += d * d; }
            maxVar = Math.Max(maxVar, q / n);
        }
        double eps = options.VarianceSmoothing * maxVar;
        var mean = new double[K, p]; var variance = new double[K, p]; var count = new int[K];
        for (int i = 0; i < n; i++) { int k = index[labels[i]]; count[k]++; for (int j = 0; j < p; j++) mean[k, j] += x[i, j]; }
        for (int k = 0; k < K; k++) for (int j = 0; j < p; j++) mean[k, j] /= count[k];
        for (int i = 0; i < n; i++) { int k = index[labels[i]]; for (int j = 0; j < p; j++) { double d = x[i, j] - mean[k, j]; variance[k, j] += d * d; } }
        for (int k = 0; k < K; k++) for (int j = 0; j < p; j++) variance[k, j] = variance[k, j] / count[k] + eps;
        var logPrior = count.Select(c => Math.Log(options.EqualPriors ? 1.0 / K : (double)c / n)).ToArray();
        return new GaussianNaiveBayesModel(classes, x.Names, mean, variance, logPrior);
    }
}

/// <summary>A fitted Gaussian naive Bayes model.</summary>
public sealed class GaussianNaiveBayesModel : IClassifier
{
    private readonly double[,] _mean, _var;
    private readonly double[] _logPrior;

    internal GaussianNaiveBayesModel(IReadOnlyList<string> classes, IReadOnlyList<string> names, double[,] mean, double[,] variance, double[] logPrior)
    { Classes = classes; FeatureNames = names; _mean = mean; _var = variance; _logPrior = logPrior; }

    /// <inheritdoc />
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Feature names in training order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc />
    public double[,] PredictProbabilities(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != FeatureNames.Count) throw new ArgumentException($"The table has {x.Columns} features; the model was trained on {FeatureNames.Count}.");
        int K = Classes.Count, p = FeatureNames.Count;
        var res = new double[x.Rows, K];
        var jll = new double[K];
        for (int i = 0; i < x.Rows; i++)
        {
            for (int k = 0; k < K; k++)
            {
                double s = _logPrior[k];
                for (int j = 0; j < p; j++) { double d = x[i, j] - _mean[k, j]; s -= 0.5 * (Math.Log(2 * Math.PI * _var[k, j]) + d * d / _var[k, j]); }
                jll[k] = s;
            }
            double mx = jll.Max(), t = 0;
            for (int k = 0; k < K; k++) { res[i, k] = Math.Exp(jll[k] - mx); t += res[i, k]; }
            for (int k = 0; k < K; k++) res[i, k] /= t;
        }
        return res;
    }
}
