using System.Globalization;

namespace SoilNotebooks.Evaluation;

/// <summary>One named metric value, for metric tables.</summary>
/// <param name="Metric">Short name (e.g. "RMSE").</param>
/// <param name="Value">The value.</param>
/// <param name="Meaning">What it measures, with its unit.</param>
public sealed record MetricRow(string Metric, double Value, string Meaning);

/// <summary>
/// Observed and predicted values of one target with their metrics — the data of an observed-vs-predicted
/// scatter chart (points, the 1:1 line over <see cref="AxisMin"/>..<see cref="AxisMax"/>, and a metrics box).
/// </summary>
/// <param name="Target">Target name (with unit), e.g. "Clay (%)".</param>
/// <param name="Observed">Observed values.</param>
/// <param name="Predicted">Predicted values.</param>
/// <param name="Metrics">Their regression metrics.</param>
/// <param name="Lower">Optional lower interval bound per point (e.g. quantile-forest 5 %).</param>
/// <param name="Upper">Optional upper interval bound per point.</param>
public sealed record ObservedVsPredicted(string Target, double[] Observed, double[] Predicted, RegressionMetrics Metrics,
    double[]? Lower = null, double[]? Upper = null)
{
    /// <summary>Builds the record and computes the metrics.</summary>
    public static ObservedVsPredicted Create(string target, IReadOnlyList<double> observed, IReadOnlyList<double> predicted,
        IReadOnlyList<double>? lower = null, IReadOnlyList<double>? upper = null)
    {
        var m = RegressionMetrics.Compute(observed, predicted);
        if (lower is not null) Check.SameLength(observed.Count, lower.Count, "observed and lower bounds");
        if (upper is not null) Check.SameLength(observed.Count, upper.Count, "observed and upper bounds");
        return new ObservedVsPredicted(target, observed.ToArray(), predicted.ToArray(), m, lower?.ToArray(), upper?.ToArray());
    }

    /// <summary>Lower end of a square chart axis covering observed and predicted values.</summary>
    public double AxisMin => Math.Min(Observed.Min(), Predicted.Min());

    /// <summary>Upper end of a square chart axis covering observed and predicted values.</summary>
    public double AxisMax => Math.Max(Observed.Max(), Predicted.Max());

    /// <summary>The metrics as table rows.</summary>
    public IReadOnlyList<MetricRow> MetricRows() => Metrics.ToRows();

    /// <summary>A one-line summary, e.g. "Clay (%): n = 250, RMSE 4.1, R² 0.69, RPIQ 2.0".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Target}: n = {Metrics.N}, RMSE {Metrics.Rmse:G4}, R² {Metrics.R2:F3}, RPIQ {Metrics.Rpiq:F2}");
}

/// <summary>Table views of metric records.</summary>
public static class MetricTables
{
    /// <summary>All regression metrics as rows (name, value, meaning).</summary>
    public static IReadOnlyList<MetricRow> ToRows(this RegressionMetrics m) =>
    [
        new("n", m.N, "number of observation/prediction pairs"),
        new("RMSE", m.Rmse, "root mean squared error (target unit)"),
        new("MAE", m.Mae, "mean absolute error (target unit)"),
        new("Bias", m.Bias, "mean of predicted − observed (target unit)"),
        new("ubRMSE", m.UnbiasedRmse, "bias-corrected RMSE (target unit)"),
        new("R²", m.R2, "1 − SSres/SStot (= MEC, Nash–Sutcliffe efficiency)"),
        new("r", m.PearsonR, "Pearson correlation"),
        new("RPIQ", m.Rpiq, "interquartile range of observed / RMSE"),
        new("RPD", m.Rpd, "SD of observed / RMSE"),
        new("CCC", m.Ccc, "Lin's concordance correlation coefficient"),
        new("KGE", m.Kge, "Kling–Gupta efficiency"),
    ];

    /// <summary>Headline classification metrics as rows.</summary>
    public static IReadOnlyList<MetricRow> ToRows(this ClassificationMetrics m) =>
    [
        new("n", m.N, "number of observations"),
        new("Accuracy", m.Accuracy, "fraction correctly classified"),
        new("Balanced accuracy", m.BalancedAccuracy, "mean recall over classes"),
        new("Cohen's κ", m.CohenKappa, "agreement beyond chance"),
        new("Macro precision", m.MacroPrecision, "unweighted mean over classes"),
        new("Macro recall", m.MacroRecall, "unweighted mean over classes"),
        new("Macro F1", m.MacroF1, "unweighted mean over classes"),
        new("Weighted F1", m.WeightedF1, "F1 averaged with class support as weights"),
    ];
}
