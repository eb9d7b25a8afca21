using System.Net;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Sampling;
using SoilNotebooks.Learning.Validation;

namespace SoilNotebooks.Interactive;

/// <summary>HTML and text formatters for the domain library's result records (metric tables, comparisons, grid searches).</summary>
internal static class DomainFormatters
{
    /// <summary>Registers them (called once by <see cref="KernelExtension.Register"/>).</summary>
    internal static void Register()
    {
        Both<IntervalMetrics>(m => new Table(["n", "PICP", "mean width", "median width"], [[m.N, m.Picp, m.MeanWidth, m.MedianWidth]]) { Caption = "Prediction intervals" });
        Formatter.Register<ClassificationMetrics>(ClassificationHtml, "text/html");
        Formatter.Register<ClassificationMetrics>(m => ClassificationTable(m).ToString() + "\n" + Confusion(m).ToString(), "text/plain");
        Both<IEnumerable<ClassifierComparisonRow>>(rows => new Table(["learner", "accuracy", "macro F1", "weighted F1", "macro precision", "macro recall", "seconds"],
            rows.Select(r => new object?[] { r.Learner, r.Metrics.Accuracy, r.Metrics.MacroF1, r.Metrics.WeightedF1, r.Metrics.MacroPrecision, r.Metrics.MacroRecall, r.Seconds })) { Caption = "Classifiers compared" });
        Both<IEnumerable<RegressorComparisonRow>>(rows => new Table(["learner", "RMSE", "R²", "RPIQ", "MAE", "bias", "seconds"],
            rows.Select(r => new object?[] { r.Learner, r.Cv.Pooled.Rmse, r.Cv.Pooled.R2, r.Cv.Pooled.Rpiq, r.Cv.Pooled.Mae, r.Cv.Pooled.Bias, r.Seconds })) { Caption = "Regressors compared (cross-validated, pooled)" });
        Both<GridSearchResult<ForestGridPoint>>(g => new Table(["mtry", "min node size", "trees", "RMSE", "R²", "RPIQ", "best"],
            g.Points.Select(p => new object?[] { p.Parameters.Mtry, p.Parameters.MinNodeSize, p.Parameters.Trees, p.Cv.Pooled.Rmse, p.Cv.Pooled.R2, p.Cv.Pooled.Rpiq, ReferenceEquals(p, g.Best) ? "◀" : "" }))
            { Caption = "Random-forest grid search (k-fold CV)", MaxRows = 100 });
        Both<IEnumerable<SoilNotebooks.Datasets.DatasetSummary>>(ds => new Table(["id", "title", "kind", "embedded", "licence", "synthetic twin", "files", "present", "verified", "mismatched"],
            ds.Select(d => new object?[] { d.Id, d.Title, d.Kind, d.Embedded ? "yes" : "no", d.LicenseSpdx, d.SyntheticTwin ?? "", d.Files, d.Present, d.Verified, d.Mismatched }))
            { Caption = "Datasets (data-manifests/)", MaxRows = 100 });
        Both<IEnumerable<SoilNotebooks.Datasets.FileCheck>>(fs => new Table(["file", "state", "sha256 (first 12)"],
            fs.Select(f => new object?[] { f.Path, f.State.ToString(), f.ActualSha256 is { } h ? h[..Math.Min(12, h.Length)] : "" }))
            { Caption = "Files checked against the manifest", MaxRows = 100 });
        PredictionFormatters.Register();
    }

    /// <summary>Registers the HTML and the plain-text formatter of a type shown as a <see cref="Table"/>.</summary>
    internal static void Both<T>(Func<T, Table> table)
    {
        Formatter.Register<T>(v => table(v).ToHtml(), "text/html");
        Formatter.Register<T>(v => table(v).ToString(), "text/plain");
    }

    private static Table ClassificationTable(ClassificationMetrics m) =>
        new(["class", "precision", "recall", "F1", "support"],
            m.PerClass.Select(c => new object?[] { c.Class, c.Precision, c.Recall, c.F1, c.Support })
             .Append(["macro avg", m.MacroPrecision, m.MacroRecall, m.MacroF1, m.N])
             .Append(["weighted avg", m.WeightedPrecision, m.WeightedRecall, m.WeightedF1, m.N]))
        { Caption = $"Accuracy {Table.FormatNumber(m.Accuracy, 4)}, balanced accuracy {Table.FormatNumber(m.BalancedAccuracy, 4)}, Cohen's κ {Table.FormatNumber(m.CohenKappa, 4)} (n = {m.N})" };

    private static Table Confusion(ClassificationMetrics m) =>
        new(["observed \\ predicted", .. m.Classes],
            m.Classes.Select((c, i) => new object?[] { c }.Concat(Enumerable.Range(0, m.Classes.Count).Select(j => (object?)m.ConfusionMatrix[i, j])).ToArray()))
        { Caption = "Confusion matrix" };

    private static string ClassificationHtml(ClassificationMetrics m) =>
        new StringBuilder("<div class=\"soilnb-classification\">").Append(ClassificationTable(m).ToHtml()).Append(Confusion(m).ToHtml()).Append("</div>").ToString();
}
