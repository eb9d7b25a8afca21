using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Salinity;

/// <summary>The score a threshold search ranks candidates by.</summary>
public enum ThresholdScore
{
    /// <summary>Out-of-fold RMSE of ECe (lower is better; the default).</summary>
    Rmse,
    /// <summary>Out-of-fold MAE of ECe (lower is better).</summary>
    Mae,
    /// <summary>Out-of-fold R² of ECe (higher is better).</summary>
    R2,
    /// <summary>Out-of-fold F1 of the high class (higher is better).</summary>
    HighClassF1,
}

/// <summary>One candidate threshold of the search.</summary>
/// <param name="Threshold">ECe threshold, dS/m.</param>
/// <param name="HighCount">Samples with ECe ≥ threshold.</param>
/// <param name="Rmse">Out-of-fold RMSE of the two-step ECe (NaN when skipped).</param>
/// <param name="Mae">Out-of-fold MAE.</param>
/// <param name="R2">Out-of-fold R².</param>
/// <param name="HighClassF1">Out-of-fold F1 of the high class.</param>
/// <param name="FoldRmse">RMSE per fold (the curve's spread).</param>
/// <param name="Skipped">Why the candidate was not evaluated (null when it was): e.g. too few samples above it.</param>
public sealed record ThresholdCurvePoint(double Threshold, int HighCount, double Rmse, double Mae, double R2, double HighClassF1, double[] FoldRmse, string? Skipped);

/// <summary>The CV curve of a score over candidate thresholds and the best candidate.</summary>
/// <param name="Points">One point per candidate, in the order given.</param>
/// <param name="Score">The ranking score.</param>
/// <param name="Best">The best evaluated candidate.</param>
/// <param name="OneStepRmse">RMSE of the one-step regression on the same folds (the reference line of the curve).</param>
public sealed record ThresholdSearchCurve(IReadOnlyList<ThresholdCurvePoint> Points, ThresholdScore Score, ThresholdCurvePoint Best, double OneStepRmse);

/// <summary>
/// The poster's first future work: which ECe threshold makes the best two-step model. Each candidate is cross-validated
/// on the same folds with <c>TwoStepModel.CrossValidate</c>; a candidate with fewer than
/// <c>minimumPerClass</c> samples on either side is skipped (recorded, not scored).
/// </summary>
public static class TwoStepThresholdSearch
{
    /// <summary>
    /// Runs the search; <paramref name="options"/>' <see cref="TwoStepOptions.Threshold"/> is replaced by each candidate.
    /// <paramref name="atOptionsThreshold"/>, when given, is the cross-validation already made with <paramref name="options"/>
    /// (at its own threshold) on the same <paramref name="x"/>, <paramref name="ece"/> and <paramref name="folds"/>, e.g. a
    /// notebook's main run: that candidate reuses it instead of fitting the same models again (and its one-step regression,
    /// when it has one, is the curve's reference line).
    /// </summary>
    /// <exception cref="ArgumentException">No candidate could be evaluated, or <paramref name="atOptionsThreshold"/> does not
    /// match the data (row count) or the options' two classes.</exception>
    public static ThresholdSearchCurve Run(FeatureTable x, IReadOnlyList<double> ece, IReadOnlyList<double> thresholds, FoldAssignment folds,
        TwoStepOptions? options = null, ThresholdScore score = ThresholdScore.Rmse, int minimumPerClass = 10,
        TwoStepCrossValidation? atOptionsThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(ece); ArgumentNullException.ThrowIfNull(thresholds);
        options ??= new TwoStepOptions();
        if (options.Boundaries is not null) throw new ArgumentException("The threshold search is binary: leave Boundaries null.", nameof(options));
        if (atOptionsThreshold is { } known && (known.Observed.Length != ece.Count
                || !known.OutOfFold.Labels.SequenceEqual(SalinityClasses.Labels([options.Threshold]))))
            throw new ArgumentException($"The reused cross-validation has {known.Observed.Length} rows and classes " +
                $"{string.Join("/", known.OutOfFold.Labels)}; expected {ece.Count} rows split at {options.Threshold} dS/m.", nameof(atOptionsThreshold));
        var points = new List<ThresholdCurvePoint>();
        double oneStep = double.NaN;
        foreach (var t in thresholds)
        {
            int high = ece.Count(v => v >= t), low = ece.Count - high;
            if (Math.Min(high, low) < minimumPerClass)
            {
                points.Add(new ThresholdCurvePoint(t, high, double.NaN, double.NaN, double.NaN, double.NaN, [],
                    $"{Math.Min(high, low)} samples {(high < low ? "at or above" : "below")} {t} dS/m (< {minimumPerClass})"));
                continue;
            }
            var cv = atOptionsThreshold is not null && t == options.Threshold ? atOptionsThreshold
                : TwoStepModel.CrossValidate(x, ece, folds, options with { Threshold = t },
                    compareOneStep: double.IsNaN(oneStep) && atOptionsThreshold?.OneStep is null);
            if (cv.OneStep is { } one) oneStep = one.Pooled.Rmse;
            var foldRmse = Enumerable.Range(0, folds.K).Select(f =>
            {
                var te = folds.TestIndices(f);
                return te.Length == 0 ? double.NaN : Math.Sqrt(te.Average(i => Math.Pow(cv.OutOfFold.Ece[i] - ece[i], 2)));
            }).ToArray();
            points.Add(new ThresholdCurvePoint(t, high, cv.Regression.Rmse, cv.Regression.Mae, cv.Regression.R2,
                cv.Classification.PerClass[^1].F1, foldRmse, null));
        }
        if (atOptionsThreshold?.OneStep is { } reused) oneStep = reused.Pooled.Rmse;
        var scored = points.Where(p => p.Skipped is null).ToArray();
        if (scored.Length == 0) throw new ArgumentException($"No threshold could be evaluated: {string.Join("; ", points.Select(p => p.Skipped))}.", nameof(thresholds));
        var best = score switch
        {
            ThresholdScore.Rmse => scored.MinBy(p => p.Rmse)!,
            ThresholdScore.Mae => scored.MinBy(p => p.Mae)!,
            ThresholdScore.R2 => scored.MaxBy(p => p.R2)!,
            _ => scored.MaxBy(p => p.HighClassF1)!,
        };
        return new ThresholdSearchCurve(points, score, best, oneStep);
    }
}
