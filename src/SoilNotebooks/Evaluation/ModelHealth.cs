using System.Globalization;

namespace SoilNotebooks.Evaluation;

/// <summary>One reason a model is considered degenerate.</summary>
/// <param name="Code">Short code: "non-finite", "near-constant", "dead-filters", "loss-diverged",
/// "loss-not-decreasing".</param>
/// <param name="Reason">What was measured against what threshold, e.g. "SD of predictions 0.02 &lt; 0.1 × SD of
/// observed 12.8".</param>
public sealed record HealthFlag(string Code, string Reason);

/// <summary>Thresholds of <see cref="ModelHealth.Assess(Prediction, ModelHealthOptions?,
/// IReadOnlyList{IReadOnlyList{double}}?, IReadOnlyList{double}?)"/>.</summary>
public sealed record ModelHealthOptions
{
    /// <summary>Default <see cref="MinPredictionSdFraction"/>: 0.1.</summary>
    public const double DefaultMinPredictionSdFraction = 0.1;

    /// <summary>
    /// Default <see cref="MaxDeadFilterShare"/>: 1, every filter dead. Dead ReLU units are common in a working network:
    /// the S2MoS CNNs of the full-mode runs, the best models of those runs, had 10 to 15 of their 16 last-layer filters
    /// dead in a bag, and one live filter still carries the spectral branch. Only a layer with no live filter makes a
    /// dead network (that branch then feeds a constant to the rest of the network). An earlier default, more than 90 %
    /// dead, flagged such a working CNN and with it every claim of the 2026-12-04 full run.
    /// </summary>
    public const double DefaultMaxDeadFilterShare = 1.0;

    /// <summary>Default <see cref="MaxFinalToFirstLoss"/>: 1.0 (the last epoch no better than the first).</summary>
    public const double DefaultMaxFinalToFirstLoss = 1.0;

    /// <summary>
    /// Predictions are near-constant when their SD is below this fraction of the observed SD (both n − 1); such a
    /// model predicts about the mean, as a constant does (R² ≈ 0). In [0, 1].
    /// </summary>
    public double MinPredictionSdFraction { get; init; } = DefaultMinPredictionSdFraction;

    /// <summary>A network is flagged when at least this share of its filters is dead (never active). In (0, 1]; the
    /// default 1 flags only a layer with every filter dead.</summary>
    public double MaxDeadFilterShare { get; init; } = DefaultMaxDeadFilterShare;

    /// <summary>
    /// A loss curve is flagged as not decreasing when its last value is ≥ this multiple of its first value (&gt; 0).
    /// </summary>
    public double MaxFinalToFirstLoss { get; init; } = DefaultMaxFinalToFirstLoss;
}

/// <summary>
/// A degenerate-model guard: flags non-finite predictions, near-constant predictions, a dead-filter share at or above a
/// threshold (by default: every filter dead) and a diverged or non-decreasing training loss, each with a reason.
/// Comparisons must not rest on a flagged model (<see cref="Verdict.Of(IReadOnlyList{Difference}, IEnumerable{ModelHealth})"/>).
/// </summary>
/// <param name="Model">The model's name.</param>
/// <param name="Flags">The flags raised (empty for a healthy model).</param>
public sealed record ModelHealth(string Model, IReadOnlyList<HealthFlag> Flags)
{
    /// <summary>True when at least one flag is raised.</summary>
    public bool IsFlagged => Flags.Count > 0;

    /// <summary>The flags' reasons joined by "; " ("healthy" when none).</summary>
    public string Reason => IsFlagged ? string.Join("; ", Flags.Select(f => f.Reason)) : "healthy";

    /// <summary>"9C: healthy" or "B.2: flagged (…)".</summary>
    public override string ToString() => IsFlagged ? $"{Model}: flagged ({Reason})" : $"{Model}: healthy";

    /// <summary>Checks the predictions of a model with the default thresholds.</summary>
    public static ModelHealth Assess(Prediction prediction) => Assess(prediction, null);

    /// <summary>Checks a model from its predictions and, when given, its loss curves and filter activity.</summary>
    /// <param name="prediction">The model's predictions (observed values known for at least 2 samples).</param>
    /// <param name="options">Thresholds (defaults: <see cref="ModelHealthOptions"/>).</param>
    /// <param name="lossCurves">Training loss per epoch, one curve per trained member (e.g. per bag).</param>
    /// <param name="filterActivity">
    /// Per filter of the last convolution, the share of samples on which it is active (&gt; 0); 0 means dead.
    /// </param>
    public static ModelHealth Assess(Prediction prediction, ModelHealthOptions? options,
        IReadOnlyList<IReadOnlyList<double>>? lossCurves = null, IReadOnlyList<double>? filterActivity = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        options ??= new ModelHealthOptions();
        Check.InRange(options.MinPredictionSdFraction, 0, 1, nameof(options.MinPredictionSdFraction));
        if (!(options.MaxDeadFilterShare > 0 && options.MaxDeadFilterShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDeadFilterShare, "MaxDeadFilterShare must be in (0, 1].");
        Check.Positive(options.MaxFinalToFirstLoss, nameof(options.MaxFinalToFirstLoss));
        var flags = new List<HealthFlag>();
        var pred = prediction.Predicted;
        int bad = pred.Count(v => !double.IsFinite(v));
        if (bad > 0) flags.Add(new("non-finite", F($"{bad} of {pred.Count} predictions are not finite")));
        var known = prediction.KnownRows().Where(i => double.IsFinite(pred[i])).ToArray();
        if (known.Length >= 2)
        {
            double sdP = Sd(known.Select(i => pred[i])), sdO = Sd(known.Select(i => prediction.Observed[i]));
            if (sdP < options.MinPredictionSdFraction * sdO || (sdP == 0 && sdO == 0))
            {
                double k = options.MinPredictionSdFraction;
                var reason = F($"near-constant predictions (SD {sdP:G3} < {k:G3} × observed SD {sdO:G3})");
                flags.Add(new("near-constant", reason));
            }
        }
        if (filterActivity is { Count: > 0 })
        {
            int dead = filterActivity.Count(a => !(a > 0));
            double share = (double)dead / filterActivity.Count;
            if (share >= options.MaxDeadFilterShare)
                flags.Add(new("dead-filters", dead == filterActivity.Count
                    ? F($"{dead} of {filterActivity.Count} filters dead (every filter)")
                    : F($"{dead} of {filterActivity.Count} filters dead ({share:P0} ≥ {options.MaxDeadFilterShare:P0})")));
        }
        if (lossCurves is not null)
            for (int c = 0; c < lossCurves.Count; c++)
                if (LossFlag(lossCurves[c], c, lossCurves.Count, options) is { } f) { flags.Add(f); break; }
        return new ModelHealth(prediction.Model, flags);
    }

    private static HealthFlag? LossFlag(IReadOnlyList<double> loss, int c, int curves, ModelHealthOptions o)
    {
        string which = curves > 1 ? F($"loss of member {c + 1}") : "loss";
        if (loss.Count == 0) return null;
        if (loss.Any(v => !double.IsFinite(v))) return new("loss-diverged", $"{which} diverged (non-finite values)");
        if (loss.Count >= 2 && loss[^1] >= o.MaxFinalToFirstLoss * loss[0])
        {
            double last = loss[^1], first = loss[0], k = o.MaxFinalToFirstLoss;
            return new("loss-not-decreasing",
                F($"{which} did not decrease (last {last:G3} ≥ {k:G3} × first {first:G3})"));
        }
        return null;
    }

    private static double Sd(IEnumerable<double> values) => Statistics.Moments.StandardDeviation(values.ToArray());

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
