using System.Globalization;
using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>
/// Charts of a <see cref="Prediction"/>: observed against predicted (square axes, 1:1 line, n, RMSE, R², RPIQ and
/// bias on the chart) and, when it has intervals, the interval chart (samples ranked by the prediction, one bar per
/// interval, the prediction as a line and the observed values as points).
/// </summary>
public static class PredictionCharts
{
    /// <summary>Colour of the interval bars.</summary>
    public const string IntervalColor = "#9ecae1";

    /// <summary>Colour of the prediction (median) line.</summary>
    public const string PredictionColor = "#08519c";

    /// <summary>Colour of the observed points.</summary>
    public const string ObservedColor = "#d62728";

    /// <summary>
    /// What <c>display(prediction)</c> shows: <see cref="ObservedVsPredicted"/>, side by side with
    /// <see cref="Intervals"/> when the prediction has intervals.
    /// </summary>
    public static Chart Of(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var scatter = ObservedVsPredicted(prediction);
        return prediction.HasIntervals
            ? Chart.Grid(2, scatter, Intervals(prediction)).WithTitle(prediction.Model).WithSize(null, 460)
            : scatter;
    }

    /// <summary>
    /// Observed against predicted for the samples with a known observed value: square axes over the same range,
    /// the 1:1 line, and n, RMSE, R², RPIQ and bias in the panel; titled with the model's name.
    /// </summary>
    public static Chart ObservedVsPredicted(Prediction prediction, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var known = KnownFinite(prediction);
        if (known.Length < 2)
            throw new ArgumentException($"{prediction.Model}: fewer than 2 samples with an observed value and a " +
                "finite prediction; nothing to plot against the 1:1 line.");
        return Chart.ObservedVsPredicted(known.Select(i => prediction.Observed[i]).ToArray(),
            known.Select(i => prediction.Predicted[i]).ToArray(), title ?? prediction.Model, prediction.Unit,
            prediction.Target);
    }

    /// <summary>
    /// The interval chart: samples ranked by their prediction (for a quantile forest, the median); a vertical bar
    /// from lower to upper bound per sample, the prediction as a line and the observed values as points; the title
    /// gives the coverage (PICP) against the nominal level.
    /// </summary>
    public static Chart Intervals(Prediction prediction, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var iv = prediction.Interval
            ?? throw new ArgumentException($"{prediction.Model} has no prediction intervals to chart.");
        var order = Enumerable.Range(0, prediction.Count).Where(i => double.IsFinite(prediction.Predicted[i]))
            .OrderBy(i => prediction.Predicted[i]).ToArray();
        var rank = order.Select((_, k) => (double)k + 1).ToArray();
        var barX = rank.SelectMany(k => new[] { k, k, double.NaN }).ToArray();
        var barY = order.SelectMany(i => new[] { iv.Lower[i], iv.Upper[i], double.NaN }).ToArray();
        var observed = order.Select(i => prediction.Observed[i]).ToArray();
        string nominal = iv.Level.ToString("0.00", CultureInfo.InvariantCulture);
        string coverage = prediction.KnownCount > 0 && prediction.Intervals is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"PICP {m.Picp:0.00} (nominal {nominal})")
            : $"nominal {nominal}";
        string unit = prediction.Unit.Length > 0 ? $" ({prediction.Unit})" : "";
        return new Chart
        {
            Traces =
            [
                new ScatterTrace(barX, barY)
                    { Mode = "lines", LineColor = IntervalColor, LineWidth = 2, Name = $"{iv.Level:P0} interval" },
                new ScatterTrace(rank, order.Select(i => prediction.Predicted[i]).ToArray())
                    { Mode = "lines", LineColor = PredictionColor, LineWidth = 2, Name = "prediction" },
                new ScatterTrace(rank, observed)
                    { Marker = new Marker(Size: 4, Color: ObservedColor), Name = "observed" },
            ],
            Title = title ?? $"{prediction.Target}: {coverage}",
            XAxis = new Axis($"Samples ranked by {prediction.Model} prediction"),
            YAxis = new Axis($"{prediction.Target}{unit}"),
            ShowLegend = false,
        };
    }

    private static int[] KnownFinite(Prediction p) =>
        p.KnownRows().Where(i => double.IsFinite(p.Predicted[i])).ToArray();
}
