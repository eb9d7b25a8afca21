using System.Net;
using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Interactive;

/// <summary>
/// Formatters of the prediction value and of model comparison: a prediction displays as its charts
/// (<see cref="PredictionCharts.Of"/>), differences, seed spreads, health checks and descriptive statistics as
/// tables (units in the headers), a verdict as its text.
/// </summary>
internal static class PredictionFormatters
{
    /// <summary>Registers them (called by <see cref="DomainFormatters.Register"/>).</summary>
    internal static void Register()
    {
        Formatter.Register<Prediction>(p => ChartHtml.Fragment(PredictionCharts.Of(p).ToPlotlyJson(),
            PredictionCharts.Of(p).Height), "text/html");
        Formatter.Register<Prediction>(p => p.ToString(), "text/plain");
        DomainFormatters.Both<IEnumerable<Prediction>>(ps => MetricsTable(ps.ToArray()));
        Formatter.Register<Verdict>(v => $"<span class=\"soilnb-verdict\">{WebUtility.HtmlEncode(v.Text)}</span>",
            "text/html");
        Formatter.Register<Verdict>(v => v.Text, "text/plain");
        DomainFormatters.Both<IEnumerable<Difference>>(ds => DifferenceTable(ds.ToArray()));
        DomainFormatters.Both<Difference>(d => DifferenceTable([d]));
        DomainFormatters.Both<IEnumerable<SeedSpreadDifference>>(ds => SpreadTable(ds.ToArray()));
        DomainFormatters.Both<SeedSpreadDifference>(d => SpreadTable([d]));
        DomainFormatters.Both<IEnumerable<ModelHealth>>(hs => HealthTable(hs.ToArray()));
        DomainFormatters.Both<ModelHealth>(h => HealthTable([h]));
        DomainFormatters.Both<IEnumerable<DescriptiveStatistics>>(ds => DescribeTable(ds.ToArray()));
        DomainFormatters.Both<DescriptiveStatistics>(d => DescribeTable([d]));
    }

    /// <summary>
    /// Several predictions as one metrics table: model, target, n, RMSE, R², RPIQ, MAE, bias and, for those with
    /// intervals, the nominal level, PICP and mean width.
    /// </summary>
    internal static Table MetricsTable(IReadOnlyList<Prediction> ps) =>
        new(["model", "target", "n", "RMSE", "R²", "RPIQ", "MAE", "bias", "interval level", "PICP", "mean width"],
            ps.Select(p =>
            {
                var m = p.Metrics;
                var iv = p.Intervals;
                return new object?[] { p.Model, p.TargetWithUnit, m.N, m.Rmse, m.R2, m.Rpiq, m.Mae, m.Bias,
                    p.Interval?.Level, iv?.Picp, iv?.MeanWidth };
            }))
        { Caption = "Predictions (metrics over the samples with an observed value)" };

    /// <summary>Differences with their intervals and whether each is clear of zero.</summary>
    internal static Table DifferenceTable(IReadOnlyList<Difference> ds) =>
        new(["difference", "value", "lower", "upper", "right direction", "clear of noise"],
            ds.Select(d => new object?[] { d.Label, d.Value, d.Lower, d.Upper, YesNo(d.RightDirection),
                YesNo(d.ClearOfNoise) }))
        { Caption = "Score differences with bootstrap intervals (positive = the claim's direction)" };

    /// <summary>Differences over seeds: mean, SD, range and whether the direction holds in every seed.</summary>
    internal static Table SpreadTable(IReadOnlyList<SeedSpreadDifference> ds) =>
        new(["difference", "seeds", "mean", "SD", "min", "max", "right direction in every seed",
                "clear of noise in every seed"],
            ds.Select(d => new object?[] { d.Label, d.Seeds, d.Mean, d.Sd, d.Min, d.Max,
                YesNo(d.RightDirectionInEverySeed), YesNo(d.ClearOfNoiseInEverySeed) }))
        { Caption = "Score differences over seeds" };

    /// <summary>One row per model: healthy or flagged, with the reasons.</summary>
    internal static Table HealthTable(IReadOnlyList<ModelHealth> hs) =>
        new(["model", "status", "reasons"],
            hs.Select(h => new object?[] { h.Model, h.IsFlagged ? "flagged" : "healthy", h.IsFlagged ? h.Reason : "" }))
        { Caption = "Degenerate-model check" };

    /// <summary>
    /// Table-2-style rows; when every row has the same variable and unit, the headers carry them ("Min (%)"),
    /// else a variable column does.
    /// </summary>
    internal static Table DescribeTable(IReadOnlyList<DescriptiveStatistics> ds)
    {
        bool same = ds.Select(d => d.VariableWithUnit).Distinct().Count() <= 1;
        string u = same && ds.Count > 0 && ds[0].Unit.Length > 0 ? $" ({ds[0].Unit})" : "";
        string[] stats = ["min", "Q1", "median", "Q3", "max", "mean", "SD"];
        var headers = (same ? ["data", "n"] : new[] { "data", "variable", "n" }).Concat(stats.Select(s => s + u))
            .ToArray();
        var rows = ds.Select(d => (same ? [d.Data, d.N] : new object?[] { d.Data, d.VariableWithUnit, d.N })
            .Concat([d.Min, d.Q1, d.Median, d.Q3, d.Max, d.Mean, d.Sd]).ToArray());
        return new Table(headers, rows)
        { Caption = same && ds.Count > 0 ? $"{ds[0].VariableWithUnit}: summary statistics" : "Summary statistics" };
    }

    private static string YesNo(bool b) => b ? "yes" : "no";
}
