using System.Text.Json;
using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Tests.Evaluation;

/// <summary>Metrics against scikit-learn / SciPy / NumPy values (Reference/metrics_reference.py) to 1e-9.</summary>
public class MetricsReferenceTests
{
    private const double Tol = 1e-9;
    private static readonly JsonElement Ref = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Evaluation", "Reference", "metrics_reference.json"))).RootElement;

    private static double[] D(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
    private static string[] S(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetString()!).ToArray();
    private static double V(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    private static void Near(double expected, double actual) => Assert.True(Math.Abs(expected - actual) <= Tol, $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Regression_MatchesReference()
    {
        var r = Ref.GetProperty("regression");
        var m = RegressionMetrics.Compute(D(r, "observed"), D(r, "predicted"));
        Near(V(r, "rmse"), m.Rmse);
        Near(V(r, "mae"), m.Mae);
        Near(V(r, "bias"), m.Bias);
        Near(V(r, "r2"), m.R2);
        Near(V(r, "r2"), m.Mec);
        Near(V(r, "pearson"), m.PearsonR);
        Near(V(r, "rpiq"), m.Rpiq);
        Near(V(r, "rpd"), m.Rpd);
        Near(V(r, "ccc"), m.Ccc);
        Near(V(r, "kge"), m.Kge);
        Near(V(r, "ubrmse"), m.UnbiasedRmse);
        Assert.Equal(57, m.N);
    }

    [Fact]
    public void Interval_MatchesReference()
    {
        var r = Ref.GetProperty("regression");
        var i = Ref.GetProperty("interval");
        var m = IntervalMetrics.Compute(D(r, "observed"), D(i, "lower"), D(i, "upper"));
        Near(V(i, "picp"), m.Picp);
        Near(V(i, "mean_width"), m.MeanWidth);
        Near(V(i, "median_width"), m.MedianWidth);
        Assert.Throws<ArgumentException>(() => IntervalMetrics.Compute([1.0], [2.0], [1.0]));
    }

    [Fact]
    public void Classification_MatchesReference()
    {
        var c = Ref.GetProperty("classification");
        var classes = S(c, "classes");
        var m = ClassificationMetrics.Compute(S(c, "observed"), S(c, "predicted"), classes);
        Near(V(c, "accuracy"), m.Accuracy);
        Near(V(c, "balanced_accuracy"), m.BalancedAccuracy);
        Near(V(c, "kappa"), m.CohenKappa);
        var p = D(c, "precision"); var rc = D(c, "recall"); var f = D(c, "f1"); var s = D(c, "support");
        for (int k = 0; k < classes.Length; k++)
        {
            Assert.Equal(classes[k], m.PerClass[k].Class);
            Near(p[k], m.PerClass[k].Precision); Near(rc[k], m.PerClass[k].Recall); Near(f[k], m.PerClass[k].F1);
            Assert.Equal((int)s[k], m.PerClass[k].Support);
        }
        var macro = D(c, "macro"); var weighted = D(c, "weighted");
        Near(macro[0], m.MacroPrecision); Near(macro[1], m.MacroRecall); Near(macro[2], m.MacroF1);
        Near(weighted[0], m.WeightedPrecision); Near(weighted[1], m.WeightedRecall); Near(weighted[2], m.WeightedF1);
        var cm = c.GetProperty("confusion").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) Assert.Equal(cm[a][b], m.ConfusionMatrix[a, b]);
        var ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(["a"], ["z"], ["a", "b"]));
        Assert.Contains("'z'", ex.Message);
    }

    [Fact]
    public void RocAuc_MatchesReference()
    {
        var r = Ref.GetProperty("roc");
        var pos = r.GetProperty("positive").EnumerateArray().Select(v => v.GetBoolean()).ToArray();
        var score = D(r, "score");
        Near(V(r, "auc"), Roc.Auc(pos, score));
        Near(V(r, "auc"), Roc.Curve(pos, score).Auc);
        var obs = S(r, "multi_observed");
        var rows = r.GetProperty("multi_proba").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var proba = new double[rows.Length, 3];
        for (int i = 0; i < rows.Length; i++) for (int k = 0; k < 3; k++) proba[i, k] = rows[i][k];
        Near(V(r, "multi_auc_ovr_macro"), Roc.AucOneVsRest(obs, proba, ["high", "low", "mid"]));
        var curve = Roc.Curve(pos, score);
        Assert.Equal(0, curve.FalsePositiveRate[0]);
        Assert.Equal(1, curve.TruePositiveRate[^1]);
        Assert.Throws<ArgumentException>(() => Roc.Auc([true, true], [0.1, 0.2]));
    }

    [Fact]
    public void AveragePrecision_MatchesReference()
    {
        var r = Ref.GetProperty("roc");
        var pos = r.GetProperty("positive").EnumerateArray().Select(v => v.GetBoolean()).ToArray();
        Near(V(r, "average_precision"), PrecisionRecall.AveragePrecision(pos, D(r, "score")));
        // hand case: scores 0.9 (+), 0.8 (−), 0.7 (+): AP = 0.5·1 + 0.5·(2/3)
        Assert.Equal(0.5 + 1.0 / 3, PrecisionRecall.AveragePrecision([true, false, true], [0.9, 0.8, 0.7]), 12);
        Assert.Throws<ArgumentException>(() => PrecisionRecall.AveragePrecision([false, false], [0.1, 0.2]));
    }

    [Fact]
    public void HandComputedSmallCase()
    {
        // o = 1..4, p = o + 1: RMSE 1, bias 1, ubRMSE 0, R² = 1 − 4/5, CCC = 2·1.25/(1.25+1.25+1) = 5/7
        var m = RegressionMetrics.Compute([1.0, 2, 3, 4], [2.0, 3, 4, 5]);
        Near(1, m.Rmse); Near(1, m.Bias); Near(0, m.UnbiasedRmse); Near(0.2, m.R2); Near(5.0 / 7, m.Ccc);
        Near(1, m.PearsonR);
        // KGE: r = 1, α = 1, β = 3.5/2.5
        Near(1 - 0.4, m.Kge);
    }
}
