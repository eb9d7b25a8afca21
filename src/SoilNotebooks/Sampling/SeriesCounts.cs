using System.Globalization;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Sampling;

/// <summary>Observations and samples of one calendar year.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Observations">Observations dated in the year.</param>
/// <param name="Samples">Samples with at least one observation in the year.</param>
public sealed record YearCount(int Year, int Observations, int Samples)
{
    /// <summary>"2017: 21,334 / 4,507" (observations / samples).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}: {Observations:N0} / {Samples:N0}");
}

/// <summary>
/// The distribution of observations per sample, in the terms of Tziolas et al. (2020) §3.1: total, median, the share with
/// at least two, more than 25 and fewer than four observations, and the counts per year (their Fig. 6).
/// </summary>
/// <param name="Source">What was counted ("point twin", "paper (LUCAS)").</param>
/// <param name="Samples">Samples.</param>
/// <param name="Observations">Observations over all samples.</param>
/// <param name="Mean">Mean observations per sample.</param>
/// <param name="Median">Median observations per sample (null where not published).</param>
/// <param name="ShareAtLeastTwo">Share of samples with ≥ 2 observations.</param>
/// <param name="ShareAbove25">Share with more than 25.</param>
/// <param name="ShareBelow4">Share with fewer than 4.</param>
/// <param name="Years">Observations and samples per calendar year.</param>
public sealed record ObservationCountSummary(string Source, int Samples, int Observations, double Mean, double? Median,
    double ShareAtLeastTwo, double ShareAbove25, double ShareBelow4, IReadOnlyList<YearCount> Years);

/// <summary>Counting verbs on a <see cref="SampleSeries"/>.</summary>
public static class SeriesCounts
{
    /// <summary>The count distribution and the yearly counts of <paramref name="series"/>.</summary>
    public static ObservationCountSummary CountSummary(this SampleSeries series, string source)
    {
        ArgumentNullException.ThrowIfNull(series);
        var counts = series.ObservationCounts().Select(c => (double)c).ToArray();
        int n = counts.Length;
        var years = new SortedDictionary<int, (int Obs, HashSet<int> Samples)>();
        for (int i = 0; i < series.Count; i++)
            for (int k = 0; k < series.ObservationCount(i); k++)
            {
                int y = series.Date(i, k).Year;
                if (!years.TryGetValue(y, out var e)) years[y] = e = (0, []);
                e.Samples.Add(i);
                years[y] = (e.Obs + 1, e.Samples);
            }
        double Share(Func<double, bool> p) => n == 0 ? double.NaN : counts.Count(p) / (double)n;
        return new ObservationCountSummary(source, n, series.TotalObservations, n == 0 ? double.NaN : counts.Average(),
            n == 0 ? double.NaN : Quantiles.Of(counts, 0.5), Share(c => c >= 2), Share(c => c > 25), Share(c => c < 4),
            years.Select(kv => new YearCount(kv.Key, kv.Value.Obs, kv.Value.Samples.Count)).ToArray());
    }
}

/// <summary>One cell of a correlogram: Pearson's r of a per-sample feature with the target.</summary>
/// <param name="Feature">Channel or covariate name.</param>
/// <param name="R">Pearson's r with the target.</param>
public sealed record FeatureCorrelation(string Feature, double R);

/// <summary>Correlograms of a <see cref="SampleSeries"/> (Tziolas et al. 2020, Fig. 3).</summary>
public static class SeriesCorrelations
{
    /// <summary>
    /// Pearson's r of <paramref name="target"/> with each channel's per-sample reduction (default the median of the
    /// observations) and with each covariate, in the order given.
    /// </summary>
    public static IReadOnlyList<FeatureCorrelation> Correlogram(this SampleSeries series, string target,
        IReadOnlyList<string> channels, IReadOnlyList<string>? covariates = null, SeriesReduction reduction = SeriesReduction.Median)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(channels);
        var y = series.Variable(target).Values;
        return [.. channels.Select(c => new FeatureCorrelation(c, Correlation.Pearson(series.Reduce(c, reduction), y))),
            .. (covariates ?? []).Select(c => new FeatureCorrelation(c, Correlation.Pearson(series.Variable(c).Values, y)))];
    }
}
