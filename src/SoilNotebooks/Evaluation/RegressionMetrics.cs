namespace SoilNotebooks.Evaluation;

/// <summary>
/// Goodness-of-fit of predictions against observations, as the S2MoS paper reports them (§2.3.5):
/// RMSE, R² (coefficient of determination, 1 − SSres/SStot, which equals the MEC / Nash–Sutcliffe
/// efficiency), RPIQ = IQR(observed) / RMSE, plus MAE, bias and Pearson r.
/// </summary>
/// <param name="N">Number of pairs.</param>
/// <param name="Rmse">Root mean squared error, in the target's unit.</param>
/// <param name="Mae">Mean absolute error, in the target's unit.</param>
/// <param name="Bias">Mean of (predicted − observed), in the target's unit.</param>
/// <param name="R2">1 − Σ(o−p)² / Σ(o−ō)².</param>
/// <param name="Rpiq">(Q3 − Q1 of observed) / RMSE; quartiles by linear interpolation (type 7).</param>
/// <param name="PearsonR">Pearson correlation of observed and predicted.</param>
public sealed record RegressionMetrics(int N, double Rmse, double Mae, double Bias, double R2, double Rpiq, double PearsonR)
{
    /// <summary>Computes the metrics. Both arrays must have equal length ≥ 2 and finite values.</summary>
    public static RegressionMetrics Compute(IReadOnlyList<double> observed, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(predicted);
        Check.SameLength(observed.Count, predicted.Count, "observed and predicted");
        int n = observed.Count;
        if (n < 2) throw new ArgumentException($"At least 2 observation/prediction pairs are needed (got {n}).");
        double so = 0, sp = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(observed[i]) || !double.IsFinite(predicted[i]))
                throw new ArgumentException($"Pair {i} is not finite (observed {observed[i]}, predicted {predicted[i]}).");
            so += observed[i]; sp += predicted[i];
        }
        double mo = so / n, mp = sp / n;
        double sse = 0, sae = 0, sbias = 0, sto = 0, stp = 0, sop = 0;
        for (int i = 0; i < n; i++)
        {
            double e = predicted[i] - observed[i];
            sse += e * e; sae += Math.Abs(e); sbias += e;
            double a = observed[i] - mo, b = predicted[i] - mp;
            sto += a * a; stp += b * b; sop += a * b;
        }
        double rmse = Math.Sqrt(sse / n);
        var sorted = observed.ToArray();
        Array.Sort(sorted);
        double iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        return new RegressionMetrics(n, rmse, sae / n, sbias / n,
            sto > 0 ? 1 - sse / sto : double.NaN,
            rmse > 0 ? iqr / rmse : double.PositiveInfinity,
            sto > 0 && stp > 0 ? sop / Math.Sqrt(sto * stp) : double.NaN);
    }

    /// <summary>Quantile of sorted data by linear interpolation between order statistics (R type 7, NumPy default).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) throw new ArgumentException("Quantile of an empty sample is undefined.");
        Check.InRange(p, 0, 1);
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
