using SoilNotebooks.Statistics;

namespace SoilNotebooks.Evaluation;

/// <summary>The score a paired bootstrap compares.</summary>
public enum BootstrapScore
{
    /// <summary>Coefficient of determination 1 − SSres/SStot (higher is better).</summary>
    R2,
    /// <summary>Root mean squared error (lower is better; a gain is RMSE(b) − RMSE(a)).</summary>
    Rmse,
}

/// <summary>Options of <see cref="PairedBootstrap.Run(IReadOnlyList{Prediction}, PairedBootstrapOptions)"/>.</summary>
public sealed record PairedBootstrapOptions
{
    /// <summary>Default number of resamples (Efron &amp; Tibshirani 1993 suggest ≥ 1000 for percentile
    /// intervals).</summary>
    public const int DefaultResamples = 1000;

    /// <summary>Default seed.</summary>
    public const int DefaultSeed = Defaults.Seed;

    /// <summary>Default interval level, 0.95 (2.5 % and 97.5 % quantiles).</summary>
    public const double DefaultLevel = 0.95;

    /// <summary>Number of resamples of the test points (≥ 10).</summary>
    public int Resamples { get; init; } = DefaultResamples;

    /// <summary>
    /// Seed of <c>new Random(Seed)</c>, which draws the resample indices row by row (resample 1's n indices, then
    /// resample 2's, …). The S2MoS notebook passes its seed + 2.
    /// </summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Level of the percentile interval in (0, 1), e.g. 0.95.</summary>
    public double Level { get; init; } = DefaultLevel;

    /// <summary>The score compared (default R²).</summary>
    public BootstrapScore Score { get; init; } = BootstrapScore.R2;
}

/// <summary>
/// Paired bootstrap of a test set (Efron &amp; Tibshirani 1993, §§ 6, 13): the test points are resampled with
/// replacement; every model is scored on the same resample, so a difference of scores keeps the pairing and its
/// percentile interval (2.5 % and 97.5 % quantiles, type 7, for the default 95 %) shows whether it is clear of the
/// noise of a test set of this size. Build it once with <see cref="Run(IReadOnlyList{Prediction}, int, int)"/>,
/// then ask for differences with <see cref="Gain"/> or <see cref="Contrast"/>.
/// </summary>
public sealed class PairedBootstrap
{
    private readonly Dictionary<string, double> _score;
    private readonly Dictionary<string, double[]> _resampled;

    private PairedBootstrap(IReadOnlyList<string> models, Dictionary<string, double> score,
        Dictionary<string, double[]> resampled, PairedBootstrapOptions options, int n)
    {
        Models = models; _score = score; _resampled = resampled; Options = options; TestPoints = n;
    }

    /// <summary>The model names, in the order given.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>The options used.</summary>
    public PairedBootstrapOptions Options { get; }

    /// <summary>Number of test points.</summary>
    public int TestPoints { get; }

    /// <summary>Paired bootstrap with default options and the given resamples and seed.</summary>
    /// <param name="predictions">Predictions of the models on the same test samples (same ids, same observed).</param>
    /// <param name="resamples">Number of resamples (default 1000).</param>
    /// <param name="seed">Seed of the resampling (default 42).</param>
    public static PairedBootstrap Run(IReadOnlyList<Prediction> predictions,
        int resamples = PairedBootstrapOptions.DefaultResamples, int seed = PairedBootstrapOptions.DefaultSeed) =>
        Run(predictions, new PairedBootstrapOptions { Resamples = resamples, Seed = seed });

    /// <summary>Paired bootstrap of <paramref name="predictions"/> with <paramref name="options"/>.</summary>
    public static PairedBootstrap Run(IReadOnlyList<Prediction> predictions, PairedBootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check.InRange(options.Resamples, 10, 10_000_000, "Resamples");
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0) throw new ArgumentException("A comparison needs at least one prediction (got " +
            "none).");
        return Run(predictions, options, DrawResamples(predictions[0].Count, options.Resamples, options.Seed));
    }

    /// <summary>The bootstrap on given resample indices (for reference tests); options.Resamples is ignored.</summary>
    internal static PairedBootstrap Run(IReadOnlyList<Prediction> predictions, PairedBootstrapOptions options,
        int[][] rows)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(options);
        options = options with { Resamples = rows.Length };
        if (!(options.Level > 0 && options.Level < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.Level,
                $"Level must be in (0, 1) (got {options.Level}).");
        if (predictions.Count == 0) throw new ArgumentException("A comparison needs at least one prediction (got " +
            "none).");
        var first = predictions[0];
        var observed = first.ObservedArray();
        int n = observed.Length;
        if (n < 2) throw new ArgumentException($"The test set has {n} point; at least 2 are needed.");
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(observed[i]))
                throw new ArgumentException($"Sample '{first.Ids[i]}' has no observed value; a bootstrap needs every " +
                    $"test point observed.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in predictions)
        {
            ArgumentNullException.ThrowIfNull(p);
            if (!names.Add(p.Model)) throw new ArgumentException($"Model name '{p.Model}' appears twice; names must " +
                $"be unique.");
            if (p.Count != n || !p.Ids.SequenceEqual(first.Ids, StringComparer.Ordinal)
                || !p.Observed.SequenceEqual(observed))
                throw new ArgumentException($"Model {p.Model} was not scored on the same samples (ids and observed) " +
                    $"as {first.Model}.");
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(p.Predicted[i]))
                    throw new ArgumentException($"Model {p.Model}: prediction of sample '{p.Ids[i]}' is " +
                        $"{p.Predicted[i]}; expected finite.");
        }
        foreach (var r in rows)
            if (r.Length != n || r.Any(i => i < 0 || i >= n))
                throw new ArgumentException($"Every resample must hold {n} row indices in [0, {n - 1}].");
        var score = new Dictionary<string, double>(StringComparer.Ordinal);
        var resampled = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var o = new double[n];
        var q = new double[n];
        foreach (var p in predictions)
        {
            var pred = p.PredictedArray();
            score[p.Model] = Score(observed, pred, options.Score);
            var s = new double[options.Resamples];
            for (int b = 0; b < s.Length; b++)
            {
                var ix = rows[b];
                for (int i = 0; i < n; i++) { o[i] = observed[ix[i]]; q[i] = pred[ix[i]]; }
                s[b] = Score(o, q, options.Score);
            }
            resampled[p.Model] = s;
        }
        return new PairedBootstrap(predictions.Select(p => p.Model).ToArray(), score, resampled, options, n);
    }

    /// <summary>The score of <paramref name="model"/> on the full test set.</summary>
    public double Score(string model) => _score.TryGetValue(model, out var v) ? v : throw Unknown(model);

    /// <summary>The scores of <paramref name="model"/> on the resamples, in resample order.</summary>
    public IReadOnlyList<double> Resampled(string model) => Array.AsReadOnly(ResampledArray(model));

    private double[] ResampledArray(string model) =>
        _resampled.TryGetValue(model, out var v) ? v : throw Unknown(model);

    /// <summary>
    /// How much <paramref name="better"/> improves on <paramref name="than"/>: R²(a) − R²(b), or RMSE(b) − RMSE(a)
    /// for <see cref="BootstrapScore.Rmse"/>; labelled "a − b".
    /// </summary>
    public Difference Gain(string better, string than)
    {
        double sign = Options.Score == BootstrapScore.Rmse ? -1 : 1;
        return Contrast($"{better} − {than}", s => sign * (s(better) - s(than)));
    }

    /// <summary>
    /// Any difference of scores, e.g. the gain of one model minus the gain of another:
    /// <c>Contrast("RF gain − CNN gain", s =&gt; (s("9B") - s("9E")) - (s("9C") - s("9F")))</c>. The function reads
    /// a model's score through its argument; it is evaluated on the full test set and on every resample.
    /// </summary>
    public Difference Contrast(string label, Func<Func<string, double>, double> of)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(of);
        var used = new List<string>();
        double value = of(m => { if (!used.Contains(m)) used.Add(m); return Score(m); });
        var boot = new double[Options.Resamples];
        for (int b = 0; b < boot.Length; b++)
        {
            int k = b;
            boot[b] = of(m => ResampledArray(m)[k]);
        }
        Array.Sort(boot);
        double lowP = Math.Round((1 - Options.Level) / 2, 12), highP = Math.Round(1 - lowP, 12);
        return new Difference(label, value, Quantiles.OfSorted(boot, lowP), Quantiles.OfSorted(boot,
            highP)) { Models = used };
    }

    /// <summary>
    /// The resample indices: <paramref name="resamples"/> rows of <paramref name="n"/> draws of
    /// <c>Random.Next(n)</c> from <c>new Random(seed)</c>, row after row.
    /// </summary>
    public static int[][] DrawResamples(int n, int resamples, int seed)
    {
        Check.Positive(n);
        Check.Positive(resamples);
        var rng = new Random(seed);
        var rows = new int[resamples][];
        for (int b = 0; b < resamples; b++)
        {
            var r = rows[b] = new int[n];
            for (int i = 0; i < n; i++) r[i] = rng.Next(n);
        }
        return rows;
    }

    /// <summary>
    /// R² = 1 − SSres/SStot or RMSE of one sample, summed in the same order as <see cref="RegressionMetrics.Compute"/>
    /// so the values are identical to its <c>R2</c> and <c>Rmse</c>, without its other metrics and checks.
    /// </summary>
    internal static double Score(ReadOnlySpan<double> observed, ReadOnlySpan<double> predicted, BootstrapScore score)
    {
        int n = observed.Length;
        double so = 0;
        for (int i = 0; i < n; i++) so += observed[i];
        double mo = so / n, sse = 0, sto = 0;
        for (int i = 0; i < n; i++)
        {
            double e = predicted[i] - observed[i];
            sse += e * e;
            double a = observed[i] - mo;
            sto += a * a;
        }
        return score == BootstrapScore.Rmse ? Math.Sqrt(sse / n) : sto > 0 ? 1 - sse / sto : double.NaN;
    }

    private KeyNotFoundException Unknown(string model) =>
        new($"No model '{model}' in this comparison; it has {string.Join(", ", Models)}.");
}
