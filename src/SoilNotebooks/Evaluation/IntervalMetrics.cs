using SoilNotebooks.Statistics;

namespace SoilNotebooks.Evaluation;

/// <summary>
/// Quality of prediction intervals: prediction-interval coverage probability (PICP, the fraction of
/// observations inside [lower, upper], bounds included) and the mean interval width (in the target's unit).
/// A well-calibrated 90 % interval has PICP ≈ 0.9 (Shrestha &amp; Solomatine 2006).
/// </summary>
/// <param name="N">Number of observations.</param>
/// <param name="Picp">Fraction of observations with lower ≤ observed ≤ upper.</param>
/// <param name="MeanWidth">Mean of (upper − lower).</param>
/// <param name="MedianWidth">Median of (upper − lower).</param>
public sealed record IntervalMetrics(int N, double Picp, double MeanWidth, double MedianWidth)
{
    /// <summary>Computes PICP and widths; arrays of equal length ≥ 1, finite, lower ≤ upper.</summary>
    public static IntervalMetrics Compute(IReadOnlyList<double> observed, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        Check.SameLength(observed.Count, lower.Count, "observed and lower bounds");
        Check.SameLength(observed.Count, upper.Count, "observed and upper bounds");
        int n = observed.Count;
        if (n < 1) throw new ArgumentException("At least one observation is needed for interval metrics.");
        int inside = 0;
        var widths = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(observed[i]) || !double.IsFinite(lower[i]) || !double.IsFinite(upper[i]))
                throw new ArgumentException($"Row {i} is not finite (observed {observed[i]}, interval [{lower[i]}, {upper[i]}]).");
            if (lower[i] > upper[i]) throw new ArgumentException($"Row {i}: lower bound {lower[i]} is above upper bound {upper[i]}.");
            if (observed[i] >= lower[i] && observed[i] <= upper[i]) inside++;
            widths[i] = upper[i] - lower[i];
        }
        Array.Sort(widths);
        return new IntervalMetrics(n, (double)inside / n, widths.Average(), Quantiles.OfSorted(widths, 0.5));
    }
}
