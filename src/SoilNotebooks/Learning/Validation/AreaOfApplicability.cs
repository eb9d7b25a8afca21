using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Validation;

/// <summary>Options of <see cref="AreaOfApplicability.Fit(FeatureTable, AreaOfApplicabilityOptions)"/>.</summary>
public sealed record AreaOfApplicabilityOptions
{
    /// <summary>Weight per feature (same order as the table's columns), e.g. the model's permutation importance;
    /// negative weights count as 0. Null (default): every feature weighs 1.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>Cross-validation folds of the training rows: a training row's dissimilarity is then measured to the rows
    /// of other folds only, as the model saw it in CV (CAST). Null (default): to every other training row.</summary>
    public FoldAssignment? Folds { get; init; }
}

/// <summary>
/// The dissimilarity index (DI) and area of applicability (AOA) of Meyer &amp; Pebesma (2021), Methods Ecol. Evol.
/// 12:1620–1633, as CAST's <c>trainDI</c>/<c>aoa</c> compute them: features are standardised with the training means and
/// SDs and multiplied by their weights; the DI of a location is its Euclidean distance to the nearest training row divided
/// by the mean distance between all pairs of training rows. The threshold is the upper whisker of the training rows' DI
/// (75 % quantile + 1.5 IQR, type 7, capped at their maximum), where each training row's DI is measured to the rows
/// outside its own CV fold. A location with DI above the threshold is outside the AOA.
/// </summary>
public sealed class AreaOfApplicability
{
    private readonly float[][] _train;   // standardised, weighted training rows (single precision: DI to ~1e-7)
    private readonly double[] _mean, _scale;

    private AreaOfApplicability(IReadOnlyList<string> names, float[][] train, double[] mean, double[] scale,
        double meanDistance, double[] trainingDi, double threshold)
    {
        FeatureNames = names; _train = train; _mean = mean; _scale = scale;
        MeanTrainingDistance = meanDistance; TrainingDi = trainingDi; Threshold = threshold;
    }

    /// <summary>Feature names, in the order new tables must have.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Mean weighted distance between all pairs of training rows (the DI's denominator).</summary>
    public double MeanTrainingDistance { get; }

    /// <summary>DI of every training row (to the rows outside its CV fold, or to every other row without folds).</summary>
    public IReadOnlyList<double> TrainingDi { get; }

    /// <summary>DI above which a location is outside the AOA.</summary>
    public double Threshold { get; }

    /// <summary>Fits the AOA on training features with equal weights and no folds.</summary>
    public static AreaOfApplicability Fit(FeatureTable train) => Fit(train, new AreaOfApplicabilityOptions());

    /// <summary>Fits the AOA on training features with weights and CV folds.</summary>
    public static AreaOfApplicability Fit(FeatureTable train, AreaOfApplicabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        int n = train.Rows, m = train.Columns;
        if (n < 3) throw new ArgumentException($"The area of applicability needs at least 3 training rows (got {n}).");
        if (options.Weights is { } w0 && w0.Count != m)
            throw new ArgumentException($"{w0.Count} weights for {m} features; give one weight per feature column.");
        if (options.Folds is { } f0 && f0.Rows != n)
            throw new ArgumentException($"The folds cover {f0.Rows} rows; the training table has {n}.");
        var mean = new double[m]; var scale = new double[m];
        for (int j = 0; j < m; j++)
        {
            var col = train.Column(j);
            if (col.Any(v => !float.IsFinite(v)))
                throw new ArgumentException($"Training feature '{train.Names[j]}' has a missing value; drop such rows first.");
            double mu = col.Average(v => (double)v), sd = Statistics.Moments.StandardDeviation(col.Select(v => (double)v).ToArray());
            double wj = options.Weights is { } w ? Math.Max(0, w[j]) : 1;
            mean[j] = mu;
            scale[j] = sd > 0 ? wj / sd : 0;    // a constant feature carries no distance
        }
        var rows = new float[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new float[m];
            for (int j = 0; j < m; j++) rows[i][j] = (float)((train[i, j] - mean[j]) * scale[j]);
        }
        double sum = 0; long pairs = 0;
        for (int i = 0; i < n; i++)
            for (int k = i + 1; k < n; k++) { sum += Math.Sqrt(Distance2(rows[i], rows[k])); pairs++; }
        double dbar = sum / pairs;
        if (!(dbar > 0)) throw new ArgumentException("Every training row has the same weighted features (mean distance 0); " +
            "the dissimilarity index is undefined. Check the weights (all zero?) and the features.");
        var di = new double[n];
        var fold = options.Folds?.Fold;
        for (int i = 0; i < n; i++)
        {
            double best = double.PositiveInfinity;
            for (int k = 0; k < n; k++)
            {
                if (k == i || (fold is not null && fold[k] == fold[i])) continue;
                best = Math.Min(best, Distance2(rows[i], rows[k]));
            }
            di[i] = Math.Sqrt(best) / dbar;
        }
        var finite = di.Where(double.IsFinite).ToArray();
        double q1 = Statistics.Quantiles.Of(finite, 0.25), q3 = Statistics.Quantiles.Of(finite, 0.75);
        double threshold = Math.Min(finite.Max(), q3 + 1.5 * (q3 - q1));
        return new AreaOfApplicability(train.Names, rows, mean, scale, dbar, di, threshold);
    }

    /// <summary>DI of every row of <paramref name="x"/> (NaN where a feature is missing).</summary>
    public double[] Dissimilarity(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!x.Names.SequenceEqual(FeatureNames))
            throw new ArgumentException($"The table's columns ({string.Join(", ", x.Names)}) differ from the training " +
                $"features ({string.Join(", ", FeatureNames)}).");
        int m = FeatureNames.Count;
        var result = new double[x.Rows];
        Parallel.For(0, x.Rows, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var q = new float[m];
            for (int j = 0; j < m; j++) q[j] = (float)((x[i, j] - _mean[j]) * _scale[j]);
            if (q.Any(v => !float.IsFinite(v))) { result[i] = double.NaN; return; }
            double best = double.PositiveInfinity;
            foreach (var t in _train) best = Math.Min(best, Distance2(q, t));
            result[i] = Math.Sqrt(best) / MeanTrainingDistance;
        });
        return result;
    }

    /// <summary>True where the DI is at most the threshold (inside the AOA); false for NaN.</summary>
    public bool[] Inside(IReadOnlyList<double> di)
    {
        ArgumentNullException.ThrowIfNull(di);
        return di.Select(d => d <= Threshold).ToArray();
    }

    private static double Distance2(float[] a, float[] b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++) { double e = a[j] - b[j]; s += e * e; }
        return s;
    }
}
