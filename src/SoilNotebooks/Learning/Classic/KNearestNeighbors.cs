using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Classic;

/// <summary>How neighbours are weighted.</summary>
public enum NeighborWeighting
{
    /// <summary>Every neighbour counts equally (default).</summary>
    Uniform,
    /// <summary>Neighbours count 1/distance; rows at distance 0 take all the weight.</summary>
    Distance,
}

/// <summary>Options of k-nearest neighbours (Euclidean distance, brute-force search).</summary>
public sealed record KNearestNeighborsOptions
{
    /// <summary>Number of neighbours (≥ 1; default 5).</summary>
    public int K { get; init; } = 5;

    /// <summary>Neighbour weighting (default uniform).</summary>
    public NeighborWeighting Weighting { get; init; } = NeighborWeighting.Uniform;

    /// <summary>Standardise features with the training mean and population SD (default false).</summary>
    public bool Standardize { get; init; }
}

/// <summary>k-nearest-neighbour regression (mean of neighbours' targets) and classification (neighbour vote shares).</summary>
public static class KNearestNeighbors
{
    /// <summary>Stores the training rows for regression.</summary>
    public static KNearestNeighborsModel FitRegression(FeatureTable x, IReadOnlyList<double> y, KNearestNeighborsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var yy = RandomForest.ValidateTarget(y, x.Rows);
        return new KNearestNeighborsModel(x, yy, null, [], options ?? new KNearestNeighborsOptions());
    }

    /// <summary>Stores the training rows for classification.</summary>
    public static KNearestNeighborsModel FitClassification(FeatureTable x, IReadOnlyList<string> labels, KNearestNeighborsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var cl = ClassLabels.From(labels);
        Check.SameLength(x.Rows, cl.Index.Length, "features and labels");
        return new KNearestNeighborsModel(x, null, cl.Index, cl.Classes, options ?? new KNearestNeighborsOptions());
    }
}

/// <summary>A k-nearest-neighbour model (regression when fitted on numbers, classification on labels).</summary>
public sealed class KNearestNeighborsModel : IClassifier, IRegressor
{
    private readonly double[] _x;   // row-major, standardised
    private readonly int _n, _p;
    private readonly double[]? _y;
    private readonly int[]? _cls;
    private readonly double[] _mean, _sd;
    private readonly KNearestNeighborsOptions _o;

    /// <inheritdoc />
    public IReadOnlyList<string> Classes { get; }

    internal KNearestNeighborsModel(FeatureTable x, double[]? y, int[]? cls, IReadOnlyList<string> classes, KNearestNeighborsOptions o)
    {
        Check.Positive(o.K, "k");
        if (o.K > x.Rows) throw new ArgumentOutOfRangeException(nameof(o), o.K, $"k = {o.K} is larger than the number of training rows ({x.Rows}).");
        _n = x.Rows; _p = x.Columns; _y = y; _cls = cls; _o = o; Classes = classes;
        (_mean, _sd) = x.StandardizationMoments(o.Standardize);
        _x = new double[_n * _p];
        for (int i = 0; i < _n; i++) for (int j = 0; j < _p; j++) _x[i * _p + j] = (x[i, j] - _mean[j]) / _sd[j];
    }

    private (int[] idx, double[] dist) Neighbors(FeatureTable q, int row)
    {
        int k = _o.K;
        var qi = new double[_p];
        for (int j = 0; j < _p; j++) qi[j] = (q[row, j] - _mean[j]) / _sd[j];
        var bi = new int[k]; var bd = new double[k];
        int filled = 0;
        for (int i = 0; i < _n; i++)
        {
            double s = 0;
            for (int j = 0; j < _p; j++) { double d = _x[i * _p + j] - qi[j]; s += d * d; }
            if (filled < k || s < bd[filled - 1])
            {
                int pos = filled < k ? filled++ : k - 1;
                while (pos > 0 && bd[pos - 1] > s) { bd[pos] = bd[pos - 1]; bi[pos] = bi[pos - 1]; pos--; }
                bd[pos] = s; bi[pos] = i;
            }
        }
        for (int t = 0; t < k; t++) bd[t] = Math.Sqrt(bd[t]);
        return (bi, bd);
    }

    private double[] Weights(double[] dist)
    {
        var w = new double[dist.Length];
        if (_o.Weighting == NeighborWeighting.Uniform) { Array.Fill(w, 1.0); return w; }
        if (dist.Any(d => d == 0)) { for (int t = 0; t < w.Length; t++) w[t] = dist[t] == 0 ? 1 : 0; return w; }
        for (int t = 0; t < w.Length; t++) w[t] = 1 / dist[t];
        return w;
    }

    private void RequireColumns(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != _p) throw new ArgumentException($"The table has {x.Columns} features; the model was trained on {_p}.");
    }

    /// <summary>Weighted mean of the neighbours' targets (regression models only).</summary>
    public double[] Predict(FeatureTable x)
    {
        if (_y is null) throw new InvalidOperationException("This k-NN model was fitted for classification; use PredictProbabilities or the Predict extension for labels.");
        RequireColumns(x);
        var res = new double[x.Rows];
        Parallel.For(0, x.Rows, i =>
        {
            var (idx, dist) = Neighbors(x, i);
            var w = Weights(dist);
            double s = 0, ws = 0;
            for (int t = 0; t < idx.Length; t++) { s += w[t] * _y[idx[t]]; ws += w[t]; }
            res[i] = s / ws;
        });
        return res;
    }

    /// <inheritdoc />
    public double[,] PredictProbabilities(FeatureTable x)
    {
        if (_cls is null) throw new InvalidOperationException("This k-NN model was fitted for regression; use Predict.");
        RequireColumns(x);
        int K = Classes.Count;
        var res = new double[x.Rows, K];
        Parallel.For(0, x.Rows, i =>
        {
            var (idx, dist) = Neighbors(x, i);
            var w = Weights(dist);
            double ws = w.Sum();
            for (int t = 0; t < idx.Length; t++) res[i, _cls[idx[t]]] += w[t] / ws;
        });
        return res;
    }
}
