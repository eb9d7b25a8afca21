using System.Globalization;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>
/// One year of the paper's Fig. 6 beside a run's. The totals are not comparable when the run has fewer points than the
/// paper's 6136, so each is also given per point: bare observations per point and the share of points with one that year.
/// </summary>
/// <param name="Year">Calendar year.</param>
/// <param name="PaperPixels">Bare-soil pixels the paper counted that year (Fig. 6).</param>
/// <param name="PaperPoints">Points with at least one (Fig. 6).</param>
/// <param name="RunObservations">The run's bare observations dated that year.</param>
/// <param name="RunPoints">The run's points with at least one.</param>
/// <param name="PaperPerPoint">Paper pixels per point of its 6136.</param>
/// <param name="RunPerPoint">Run observations per point of its sample.</param>
/// <param name="PaperShareOfPoints">Share of the paper's points observed that year (0–1).</param>
/// <param name="RunShareOfPoints">Share of the run's points observed that year.</param>
public sealed record YearCountRow(int Year, int PaperPixels, int PaperPoints, int RunObservations, int RunPoints,
    double PaperPerPoint, double RunPerPoint, double PaperShareOfPoints, double RunShareOfPoints);

/// <summary>One count statistic of the paper's §3.1 beside the run's, formatted for reading (counts with thousands
/// separators, means to one decimal, shares in percent; the numbers themselves are in the two summaries).</summary>
/// <param name="Statistic">What is counted.</param>
/// <param name="Paper">The paper's value as published ("≈ 25 %" for "about a quarter"; "not published" where it gives
/// none).</param>
/// <param name="Run">The run's value.</param>
public sealed record CountStatisticRow(string Statistic, string Paper, string Run);

/// <summary>The observation counts of §3.1 and Fig. 6 of Tziolas et al. (2020) beside a run's (<see cref="SeriesCounts.CountSummary"/>).</summary>
public static class S2MosCounts
{
    /// <summary>
    /// Fig. 6 year by year: the paper's pixels and points beside <paramref name="run"/>'s observations and points, in totals
    /// and per point; years of either side (a year only one side has shows 0 for the other).
    /// </summary>
    public static IReadOnlyList<YearCountRow> Yearly(ObservationCountSummary run) => Yearly(S2MosPaper.ObservationCounts, run);

    /// <summary>The yearly comparison of any two count summaries (<paramref name="paper"/> first).</summary>
    public static IReadOnlyList<YearCountRow> Yearly(ObservationCountSummary paper, ObservationCountSummary run)
    {
        ArgumentNullException.ThrowIfNull(paper); ArgumentNullException.ThrowIfNull(run);
        var years = paper.Years.Select(y => y.Year).Union(run.Years.Select(y => y.Year)).Order();
        return years.Select(y =>
        {
            var p = paper.Years.FirstOrDefault(c => c.Year == y) ?? new YearCount(y, 0, 0);
            var r = run.Years.FirstOrDefault(c => c.Year == y) ?? new YearCount(y, 0, 0);
            return new YearCountRow(y, p.Observations, p.Samples, r.Observations, r.Samples, Per(p.Observations, paper.Samples),
                Per(r.Observations, run.Samples), Per(p.Samples, paper.Samples), Per(r.Samples, run.Samples));
        }).ToArray();
    }

    /// <summary>
    /// The count statistics of §3.1 beside <paramref name="run"/>'s: points, bare observations, observations per point
    /// (mean, median — not published), and the shares of points with at least two, more than 25 and fewer than four.
    /// </summary>
    public static IReadOnlyList<CountStatisticRow> Section31(ObservationCountSummary run) => Section31(S2MosPaper.ObservationCounts, run);

    /// <summary>The §3.1 statistics of any two count summaries (<paramref name="paper"/> first).</summary>
    public static IReadOnlyList<CountStatisticRow> Section31(ObservationCountSummary paper, ObservationCountSummary run)
    {
        ArgumentNullException.ThrowIfNull(paper); ArgumentNullException.ThrowIfNull(run);
        static string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        static string M(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("0.0", CultureInfo.InvariantCulture) : "not published";
        static string P(double v) => (100 * v).ToString("0.#", CultureInfo.InvariantCulture) + " %";
        bool isPaper = ReferenceEquals(paper, S2MosPaper.ObservationCounts);
        return
        [
            new("points", N(paper.Samples), N(run.Samples)),
            new("bare-soil observations", N(paper.Observations), N(run.Observations)),
            new("observations per point, mean", M(paper.Mean), M(run.Mean)),
            new("observations per point, median", M(paper.Median), M(run.Median)),
            new("points with ≥ 2 observations", P(paper.ShareAtLeastTwo), P(run.ShareAtLeastTwo)),
            new("points with > 25 observations", (isPaper ? "≈ " : "") + P(paper.ShareAbove25), P(run.ShareAbove25)),
            new("points with < 4 observations", (isPaper ? "≈ " : "") + P(paper.ShareBelow4), P(run.ShareBelow4)),
        ];
    }

    private static double Per(int count, int points) => points == 0 ? double.NaN : (double)count / points;
}
