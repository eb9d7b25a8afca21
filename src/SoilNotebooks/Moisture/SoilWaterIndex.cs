namespace SoilNotebooks.Moisture;

/// <summary>A fitted characteristic time.</summary>
/// <param name="TDays">The T that maximises Pearson r between SWI and the reference, days.</param>
/// <param name="PearsonR">r at that T.</param>
/// <param name="Pairs">Time steps where both SWI and the reference are finite.</param>
public sealed record SwiFit(double TDays, double PearsonR, int Pairs);

/// <summary>
/// The soil water index: the recursive exponential filter of Wagner et al. 1999 (Remote Sens. Environ. 70, 191) in the
/// recursive form of Albergel et al. 2008 (HESS 12, 1323, Eqs. 4–6), driven by the real observation times:
/// SWI_n = SWI_(n−1) + K_n (ms_n − SWI_(n−1)), K_n = K_(n−1) / (K_(n−1) + e^(−(t_n − t_(n−1)) / T)), K_1 = 1, SWI_1 = ms_1.
/// </summary>
/// <remarks>
/// NaN handling as pytesmo documents for its <c>exp_filter</c>: a NaN input gives a NaN output and leaves the filter's
/// state (last value, gain and time) as it was, so the next valid observation is weighted by the whole time since the
/// last valid one; the filter starts at the first valid observation (SWI = ms, K = 1). Times need not be equally
/// spaced; they must increase.
/// </remarks>
public static class SoilWaterIndex
{
    /// <summary>Default characteristic time, days (Wagner et al. 1999 found ~20 days a good compromise).</summary>
    public const double DefaultTDays = 20;

    /// <summary>The SWI of <paramref name="values"/> observed at <paramref name="times"/>.</summary>
    public static double[] Filter(IReadOnlyList<DateTime> times, IReadOnlyList<double> values, double tDays = DefaultTDays) =>
        Filter(times.Select(t => t.Ticks / (double)TimeSpan.TicksPerDay).ToArray(), values, tDays);

    /// <summary>The SWI with times in days (any origin).</summary>
    public static double[] Filter(IReadOnlyList<double> timesDays, IReadOnlyList<double> values, double tDays = DefaultTDays)
    {
        ArgumentNullException.ThrowIfNull(timesDays);
        ArgumentNullException.ThrowIfNull(values);
        Check.SameLength(timesDays.Count, values.Count, "times and values");
        Check.Positive(tDays, nameof(tDays));
        var swi = new double[values.Count];
        double last = double.NaN, gain = 1, lastTime = double.NaN;
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0 && !(timesDays[i] > timesDays[i - 1]))
                throw new ArgumentException($"Times must increase (index {i}: {timesDays[i]} after {timesDays[i - 1]}).", nameof(timesDays));
            double v = values[i];
            if (!double.IsFinite(v)) { swi[i] = double.NaN; continue; }
            if (double.IsNaN(last)) { last = v; gain = 1; }
            else
            {
                double ef = Math.Exp(-(timesDays[i] - lastTime) / tDays);
                gain /= gain + ef;
                last += gain * (v - last);
            }
            lastTime = timesDays[i];
            swi[i] = last;
        }
        return swi;
    }

    /// <summary>
    /// Fits T per site: the T (grid <paramref name="minDays"/> … <paramref name="maxDays"/> by <paramref name="stepDays"/>) whose
    /// SWI correlates best (Pearson r) with <paramref name="reference"/> (e.g. CRNS θ) at times where both are finite
    /// (Albergel et al. 2008 chose T_opt by the Nash–Sutcliffe score; r is invariant to the linear rescaling that
    /// products undergo before comparison).
    /// </summary>
    public static SwiFit FitT(IReadOnlyList<DateTime> times, IReadOnlyList<double> values, IReadOnlyList<double> reference,
        double minDays = 1, double maxDays = 100, double stepDays = 1)
    {
        ArgumentNullException.ThrowIfNull(times);
        return FitT(times.Select(t => t.Ticks / (double)TimeSpan.TicksPerDay).ToArray(), values, reference, minDays, maxDays, stepDays);
    }

    /// <summary>Fits T with times in days (any origin); see the overload on dates.</summary>
    public static SwiFit FitT(IReadOnlyList<double> days, IReadOnlyList<double> values, IReadOnlyList<double> reference,
        double minDays = 1, double maxDays = 100, double stepDays = 1)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(values);
        Check.SameLength(values.Count, reference.Count, "values and reference");
        Check.Positive(stepDays, nameof(stepDays));
        SwiFit? best = null;
        for (double t = minDays; t <= maxDays + 1e-9; t += stepDays)
        {
            var swi = Filter(days, values, t);
            var (r, n) = Pearson(swi, reference);
            if (n >= 3 && double.IsFinite(r) && (best is null || r > best.PearsonR)) best = new SwiFit(t, r, n);
        }
        return best ?? throw new ArgumentException("Fewer than 3 time steps where SWI and the reference are both finite.", nameof(reference));
    }

    internal static (double R, int N) Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double sa = 0, sb = 0; int n = 0;
        for (int i = 0; i < a.Count; i++) if (double.IsFinite(a[i]) && double.IsFinite(b[i])) { sa += a[i]; sb += b[i]; n++; }
        if (n < 2) return (double.NaN, n);
        double ma = sa / n, mb = sb / n, sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Count; i++)
            if (double.IsFinite(a[i]) && double.IsFinite(b[i])) { double da = a[i] - ma, db = b[i] - mb; sab += da * db; saa += da * da; sbb += db * db; }
        return (sab / Math.Sqrt(saa * sbb), n);
    }
}
