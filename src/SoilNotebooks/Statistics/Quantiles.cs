namespace SoilNotebooks.Statistics;

/// <summary>
/// Quantiles of a sample. <see cref="OfSorted"/> takes data that are ALREADY sorted ascending (it does not sort or
/// check the order, so it is O(1)); <see cref="Of"/> copies and sorts first.
/// </summary>
public static class Quantiles
{
    /// <summary>Quantile of sorted data by linear interpolation between order statistics (R type 7, NumPy default).</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) throw new ArgumentException("Quantile of an empty sample is undefined.");
        Check.InRange(p, 0, 1);
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Quantile <paramref name="p"/> of unsorted values (R type 7): copies, sorts, then <see cref="OfSorted"/>.</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, p);
    }

    /// <summary>Median of unsorted values (R type 7, the mean of the two middle values for an even count).</summary>
    public static double Median(IEnumerable<double> values) => Of(values, 0.5);
}
