namespace SoilNotebooks.Sampling;

/// <summary>Screening verbs on a <see cref="SampleSeries"/>: observations by calendar month, samples by spectral outliers.</summary>
public static class SeriesScreening
{
    /// <summary>
    /// The same samples keeping only observations dated in <paramref name="months"/> (1–12), e.g. October to March for the
    /// S2MoS Greek composite (Tziolas et al. 2020 §2.1.2). Samples left without observations stay, with none.
    /// </summary>
    public static SampleSeries InMonths(this SampleSeries series, IReadOnlyList<int> months)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(months);
        foreach (var m in months) Check.InRange(m, 1, 12, nameof(months));
        var set = months.ToHashSet();
        return series.WhereObservations((_, date, _) => set.Contains(date.Month));
    }

    /// <summary>
    /// The samples whose per-sample median (<paramref name="reduction"/>) of every channel in <paramref name="channels"/> lies
    /// within <paramref name="sds"/> standard deviations (n − 1, over the samples) of that channel's mean — the S2MoS outlier
    /// rule ("reflectance values more than three standard deviations away from the mean", §2.1.2, which removed 140 points).
    /// </summary>
    public static SampleSeries WithoutSpectralOutliers(this SampleSeries series, IReadOnlyList<string> channels, double sds = 3,
        SeriesReduction reduction = SeriesReduction.Median)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(channels);
        Check.Positive(sds, nameof(sds));
        var keep = Enumerable.Repeat(true, series.Count).ToArray();
        foreach (var c in channels)
        {
            var v = series.Reduce(c, reduction);
            var finite = v.Where(double.IsFinite).ToArray();
            if (finite.Length < 2) continue;
            double mean = finite.Average(), sd = Statistics.Moments.StandardDeviation(finite);
            for (int i = 0; i < v.Length; i++) if (double.IsFinite(v[i]) && Math.Abs(v[i] - mean) > sds * sd) keep[i] = false;
        }
        return series.Select(Enumerable.Range(0, series.Count).Where(i => keep[i]).ToArray());
    }
}
