namespace SoilNotebooks.Statistics;

/// <summary>Sample moments.</summary>
public static class Moments
{
    /// <summary>
    /// Sample standard deviation with n − 1 in the denominator (Bessel's correction), about the arithmetic mean;
    /// NaN for fewer than two values. Summed in order, so it equals the textbook two-pass formula bit for bit.
    /// </summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2) return double.NaN;
        double sum = 0;
        for (int i = 0; i < values.Count; i++) sum += values[i];
        double mean = sum / values.Count, ss = 0;
        for (int i = 0; i < values.Count; i++) ss += (values[i] - mean) * (values[i] - mean);
        return Math.Sqrt(ss / (values.Count - 1));
    }
}
