using System.Globalization;

namespace SoilNotebooks.Evaluation;

/// <summary>
/// The prediction value: what one model predicted for a set of samples — ids, observed values (NaN where unknown),
/// predicted values, optional prediction intervals and quantiles, the model's name and the target's name and unit.
/// Immutable and validated; the metrics (<see cref="Metrics"/>, <see cref="Intervals"/>) are one call away and a
/// subset (<see cref="Rows"/>, <see cref="Select"/>) is another prediction value.
/// </summary>
/// <remarks>
/// Predicted values may be non-finite (a diverged model); <see cref="ModelHealth"/> flags them and
/// <see cref="Metrics"/> refuses them with a message saying so.
/// </remarks>
public sealed record Prediction
{
    /// <summary>Model name used when none is given.</summary>
    public const string DefaultModel = "model";

    /// <summary>Target name used when none is given.</summary>
    public const string DefaultTarget = "value";

    private readonly string[] _ids;
    private readonly double[] _observed;
    private readonly double[] _predicted;
    private readonly IReadOnlyDictionary<double, double[]>? _quantiles;
    private RegressionMetrics? _metrics;

    /// <summary>Creates a prediction value (copies every list).</summary>
    /// <param name="ids">Sample ids, unique, one per sample.</param>
    /// <param name="observed">Observed value per sample (target unit); NaN where unknown.</param>
    /// <param name="predicted">Predicted value per sample (target unit).</param>
    /// <param name="model">Model name, e.g. "RF" or "CNN (Fig. 9C)".</param>
    /// <param name="target">Target name without unit, e.g. "Clay".</param>
    /// <param name="unit">Target unit, e.g. "%" ("" for none, e.g. pH).</param>
    /// <param name="interval">Optional prediction intervals, one per sample.</param>
    /// <param name="quantiles">Optional predicted quantiles: probability in (0, 1) → one value per sample.</param>
    public Prediction(IReadOnlyList<string> ids, IReadOnlyList<double> observed, IReadOnlyList<double> predicted,
        string model = DefaultModel, string target = DefaultTarget, string unit = "",
        IntervalBounds? interval = null, IReadOnlyDictionary<double, IReadOnlyList<double>>? quantiles = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(unit);
        Check.SameLength(ids.Count, observed.Count, "ids and observed values");
        Check.SameLength(ids.Count, predicted.Count, "ids and predicted values");
        if (ids.Count == 0) throw new ArgumentException("A prediction needs at least one sample (got none).");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (id is null || !seen.Add(id)) throw new ArgumentException($"Sample ids must be unique and not null " +
                $"(got '{id}' twice).");
        for (int i = 0; i < observed.Count; i++)
            if (double.IsInfinity(observed[i]))
                throw new ArgumentException($"Observed value of sample '{ids[i]}' is {observed[i]}; expected a " +
                    $"finite value or NaN.");
        if (interval is not null) Check.SameLength(ids.Count, interval.Count, "samples and interval bounds");
        if (quantiles is not null)
        {
            foreach (var (p, values) in quantiles)
            {
                if (!(p > 0 && p < 1))
                    throw new ArgumentOutOfRangeException(nameof(quantiles), p,
                        $"Quantile probabilities must be in (0, 1) (got {p}).");
                Check.SameLength(ids.Count, values.Count, $"samples and quantile {p}");
            }
            _quantiles = quantiles.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        }
        _ids = ids.ToArray();
        _observed = observed.ToArray();
        _predicted = predicted.ToArray();
        Model = model; Target = target; Unit = unit; Interval = interval;
    }

    /// <summary>
    /// A prediction with sample ids "0", "1", … (the row numbers), for data without ids.
    /// </summary>
    public static Prediction Of(IReadOnlyList<double> observed, IReadOnlyList<double> predicted,
        string model = DefaultModel,
        string target = DefaultTarget, string unit = "", IntervalBounds? interval = null)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var ids = Enumerable.Range(0, observed.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new Prediction(ids, observed, predicted, model, target, unit, interval);
    }

    /// <summary>Model name.</summary>
    public string Model { get; }

    /// <summary>Target name without unit.</summary>
    public string Target { get; }

    /// <summary>Target unit ("" for none).</summary>
    public string Unit { get; }

    /// <summary>The target with its unit, e.g. "Clay (%)", or the bare name without a unit.</summary>
    public string TargetWithUnit => Unit.Length > 0 ? $"{Target} ({Unit})" : Target;

    /// <summary>Sample ids.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Observed values (NaN where unknown).</summary>
    public IReadOnlyList<double> Observed => _observed;

    /// <summary>Predicted values.</summary>
    public IReadOnlyList<double> Predicted => _predicted;

    /// <summary>Prediction intervals, or null.</summary>
    public IntervalBounds? Interval { get; }

    /// <summary>True when <see cref="Interval"/> is present.</summary>
    public bool HasIntervals => Interval is not null;

    /// <summary>Probabilities of the predicted quantiles, ascending (empty when none).</summary>
    public IReadOnlyList<double> QuantileLevels => _quantiles is null ? [] : _quantiles.Keys.Order().ToArray();

    /// <summary>The predicted quantile <paramref name="p"/> per sample (one of <see cref="QuantileLevels"/>).</summary>
    public IReadOnlyList<double> Quantile(double p) => _quantiles is not null && _quantiles.TryGetValue(p,
        out var q) ? q
        : throw new KeyNotFoundException($"No quantile {p} in this prediction; it has " +
            $"[{string.Join(", ", QuantileLevels)}].");

    /// <summary>Number of samples.</summary>
    public int Count => _ids.Length;

    /// <summary>Number of samples with a known (finite) observed value.</summary>
    public int KnownCount => _observed.Count(double.IsFinite);

    /// <summary>Rows whose observed value is known, ascending.</summary>
    public int[] KnownRows() => Enumerable.Range(0, Count).Where(i => double.IsFinite(_observed[i])).ToArray();

    /// <summary>
    /// Regression metrics (RMSE, R², RPIQ, MAE, bias, r, …; see <see cref="RegressionMetrics"/>) over the samples
    /// with a known observed value. Computed once.
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than 2 known samples, or a non-finite prediction among
    /// them.</exception>
    public RegressionMetrics Metrics => _metrics ??= ComputeMetrics();

    /// <summary>
    /// Coverage (PICP) and width of the intervals over the samples with a known observed value, or null without
    /// intervals (Shrestha &amp; Solomatine 2006).
    /// </summary>
    public IntervalMetrics? Intervals
    {
        get
        {
            if (Interval is null) return null;
            var known = KnownRows();
            return IntervalMetrics.Compute(known.Select(i => _observed[i]).ToArray(),
                known.Select(i => Interval.Lower[i]).ToArray(), known.Select(i => Interval.Upper[i]).ToArray());
        }
    }

    /// <summary>The samples at <paramref name="rows"/> (0-based, in that order) as a new prediction value.</summary>
    public Prediction Rows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var r in rows) Check.InRange(r, 0, Count - 1, "row");
        var q = _quantiles?.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)rows.Select(r =>
            kv.Value[r]).ToArray());
        return new Prediction(rows.Select(r => _ids[r]).ToArray(), rows.Select(r => _observed[r]).ToArray(),
            rows.Select(r => _predicted[r]).ToArray(), Model, Target, Unit, Interval?.Rows(rows), q);
    }

    /// <summary>The samples with the given ids (in that order) as a new prediction value.</summary>
    public Prediction Select(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var index = new Dictionary<string, int>(Count, StringComparer.Ordinal);
        for (int i = 0; i < Count; i++) index[_ids[i]] = i;
        return Rows(ids.Select(id => index.TryGetValue(id, out var r) ? r
            : throw new KeyNotFoundException($"No sample '{id}' in the prediction of {Model}.")).ToArray());
    }

    /// <summary>The same prediction under another model name.</summary>
    public Prediction WithModel(string model) => new(_ids, _observed, _predicted, model, Target, Unit, Interval,
        QuantileCopy());

    /// <summary>The same prediction with prediction intervals.</summary>
    public Prediction WithInterval(IntervalBounds interval) =>
        new(_ids, _observed, _predicted, Model, Target, Unit, interval
            ?? throw new ArgumentNullException(nameof(interval)),
            QuantileCopy());

    /// <summary>A one-line summary, e.g. "RF — Clay (%): n = 250, RMSE 4.1, R² 0.69, RPIQ 2.0, PICP 0.90".</summary>
    public override string ToString()
    {
        string head = $"{Model} — {TargetWithUnit}: ";
        if (KnownCount < 2 || KnownRows().Any(i => !double.IsFinite(_predicted[i])))
            return head + string.Create(CultureInfo.InvariantCulture, $"{Count} predictions, {KnownCount} observed");
        var m = Metrics;
        string iv = Intervals is { } c
            ? string.Create(CultureInfo.InvariantCulture, $", PICP {c.Picp:F2} (nominal {Interval!.Level:F2})") : "";
        return head + string.Create(CultureInfo.InvariantCulture,
            $"n = {m.N}, RMSE {m.Rmse:G4}, R² {m.R2:F3}, RPIQ {m.Rpiq:F2}") + iv;
    }

    /// <summary>Observed values as an array (a copy), for code that needs one.</summary>
    public double[] ObservedArray() => (double[])_observed.Clone();

    /// <summary>Predicted values as an array (a copy), for code that needs one.</summary>
    public double[] PredictedArray() => (double[])_predicted.Clone();

    /// <summary>
    /// Value equality: same labels, ids, observed and predicted values (NaN equals NaN), intervals and quantiles.
    /// </summary>
    public bool Equals(Prediction? other) =>
        other is not null && (ReferenceEquals(this, other) || (Model == other.Model && Target == other.Target
            && Unit == other.Unit && _ids.AsSpan().SequenceEqual(other._ids)
            && _observed.AsSpan().SequenceEqual(other._observed)
            && _predicted.AsSpan().SequenceEqual(other._predicted) && SameInterval(Interval, other.Interval)
            && SameQuantiles(_quantiles, other._quantiles)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Model, Target, Unit, Count, _predicted[0]);

    private static bool SameInterval(IntervalBounds? a, IntervalBounds? b) => a is null ? b is null
        : b is not null && a.Level == b.Level && a.Lower.SequenceEqual(b.Lower) && a.Upper.SequenceEqual(b.Upper);

    private static bool SameQuantiles(IReadOnlyDictionary<double, double[]>? a,
        IReadOnlyDictionary<double, double[]>? b) =>
        a is null ? b is null : b is not null && a.Count == b.Count
            && a.All(kv => b.TryGetValue(kv.Key, out var v) && kv.Value.AsSpan().SequenceEqual(v));

    private IReadOnlyDictionary<double, IReadOnlyList<double>>? QuantileCopy() =>
        _quantiles?.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value);

    private RegressionMetrics ComputeMetrics()
    {
        var known = KnownRows();
        if (known.Length < 2)
            throw new InvalidOperationException(
                $"Metrics of {Model} need at least 2 samples with a known observed value (got {known.Length}).");
        var bad = known.Where(i => !double.IsFinite(_predicted[i])).ToArray();
        if (bad.Length > 0)
            throw new InvalidOperationException($"{bad.Length} prediction(s) of {Model} are not finite (first: " +
                $"sample " +
                $"'{_ids[bad[0]]}', {_predicted[bad[0]]}); the model diverged (ModelHealth flags it), so no metrics.");
        return RegressionMetrics.Compute(known.Select(i => _observed[i]).ToArray(), known.Select(i =>
            _predicted[i]).ToArray());
    }
}
