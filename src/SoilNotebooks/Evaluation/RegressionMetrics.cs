using SoilNotebooks.Statistics;
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
    /// <summary>Model efficiency coefficient (Nash &amp; Sutcliffe 1970) = 1 − Σ(o−p)²/Σ(o−ō)²; identical to <see cref="R2"/>.</summary>
    public double Mec => R2;

    /// <summary>Mean squared error, in the target's unit squared.</summary>
    public double Mse => Rmse * Rmse;

    /// <summary>Ratio of performance to deviation: SD(observed, n − 1 denominator) / RMSE (Williams 1987).</summary>
    public double Rpd { get; init; } = double.NaN;

    /// <summary>
    /// Lin's concordance correlation coefficient (Lin 1989): 2 s_op / (s_o² + s_p² + (ō − p̄)²) with
    /// population (1/n) moments.
    /// </summary>
    public double Ccc { get; init; } = double.NaN;

    /// <summary>
    /// Kling–Gupta efficiency (Gupta et al. 2009): 1 − √((r − 1)² + (α − 1)² + (β − 1)²) with r Pearson,
    /// α = σ_p/σ_o (population SDs), β = p̄/ō. NaN when ō = 0.
    /// </summary>
    public double Kge { get; init; } = double.NaN;

    /// <summary>Unbiased (bias-corrected) RMSE: √(RMSE² − bias²), the SD (1/n) of the errors.</summary>
    public double UnbiasedRmse { get; init; } = double.NaN;

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
        double iqr = Quantiles.OfSorted(sorted, 0.75) - Quantiles.OfSorted(sorted, 0.25);
        double r = sto > 0 && stp > 0 ? sop / Math.Sqrt(sto * stp) : double.NaN;
        double bias = sbias / n;
        double so2 = sto / n, sp2 = stp / n, sop1 = sop / n;
        double alpha = so2 > 0 ? Math.Sqrt(sp2 / so2) : double.NaN;
        double beta = mo != 0 ? mp / mo : double.NaN;
        double ccDen = so2 + sp2 + (mo - mp) * (mo - mp);
        return new RegressionMetrics(n, rmse, sae / n, bias,
            sto > 0 ? 1 - sse / sto : double.NaN,
            rmse > 0 ? iqr / rmse : double.PositiveInfinity,
            r)
        {
            Rpd = rmse > 0 ? Math.Sqrt(sto / (n - 1)) / rmse : double.PositiveInfinity,
            Ccc = ccDen > 0 ? 2 * sop1 / ccDen : double.NaN,
            Kge = 1 - Math.Sqrt((r - 1) * (r - 1) + (alpha - 1) * (alpha - 1) + (beta - 1) * (beta - 1)),
            UnbiasedRmse = Math.Sqrt(Math.Max(0, sse / n - bias * bias)),
        };
    }
}
