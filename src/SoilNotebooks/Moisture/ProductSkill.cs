using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Moisture;

/// <summary>Skill of a soil-moisture product against a reference (CRNS) over one group (a site, a season).</summary>
/// <param name="Product">Product name.</param>
/// <param name="Group">Site id, season or "all".</param>
/// <param name="Pairs">Days where both are finite.</param>
/// <param name="PearsonR">Pearson r.</param>
/// <param name="BiasCm3PerCm3">Mean (product − reference), cm³/cm³.</param>
/// <param name="UbRmseCm3PerCm3">Unbiased RMSE √(RMSE² − bias²) (Entekhabi et al. 2010, J. Hydrometeorol. 11, 832), cm³/cm³.</param>
/// <param name="Kge">Kling–Gupta efficiency (Gupta et al. 2009, J. Hydrol. 377, 80).</param>
public sealed record ProductSkill(string Product, string Group, int Pairs, double PearsonR, double BiasCm3PerCm3, double UbRmseCm3PerCm3, double Kge);

/// <summary>Product skill metrics (r, bias, ubRMSE, KGE) per site and per meteorological season, on the pairs both finite.</summary>
public static class ProductSkillMetrics
{
    /// <summary>The meteorological season of a date: DJF, MAM, JJA, SON.</summary>
    public static string Season(DateOnly date) => date.Month switch { 12 or 1 or 2 => "DJF", 3 or 4 or 5 => "MAM", 6 or 7 or 8 => "JJA", _ => "SON" };

    /// <summary>Seasons in calendar order.</summary>
    public static IReadOnlyList<string> Seasons { get; } = ["DJF", "MAM", "JJA", "SON"];

    /// <summary>The metrics of one group (NaN metrics with fewer than 3 pairs).</summary>
    public static ProductSkill Compute(string product, string group, IReadOnlyList<double> reference, IReadOnlyList<double> estimate)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(estimate);
        Check.SameLength(reference.Count, estimate.Count, "reference and estimate");
        var idx = Enumerable.Range(0, reference.Count).Where(i => double.IsFinite(reference[i]) && double.IsFinite(estimate[i])).ToArray();
        if (idx.Length < 3) return new ProductSkill(product, group, idx.Length, double.NaN, double.NaN, double.NaN, double.NaN);
        var m = RegressionMetrics.Compute(idx.Select(i => reference[i]).ToArray(), idx.Select(i => estimate[i]).ToArray());
        return new ProductSkill(product, group, idx.Length, m.PearsonR, m.Bias, m.UnbiasedRmse, m.Kge);
    }

    /// <summary>Metrics per group label (e.g. a site id or <see cref="Season"/> per day), groups in first-seen order.</summary>
    public static IReadOnlyList<ProductSkill> ByGroup(string product, IReadOnlyList<string> groups, IReadOnlyList<double> reference, IReadOnlyList<double> estimate)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Check.SameLength(groups.Count, reference.Count, "groups and reference");
        return groups.Distinct().Select(g =>
        {
            var rows = Enumerable.Range(0, groups.Count).Where(i => groups[i] == g).ToArray();
            return Compute(product, g, rows.Select(i => reference[i]).ToArray(), rows.Select(i => estimate[i]).ToArray());
        }).ToArray();
    }

    /// <summary>The median of a metric over groups, ignoring NaN.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        return v.Length == 0 ? double.NaN : Statistics.Quantiles.Median(v);
    }
}
