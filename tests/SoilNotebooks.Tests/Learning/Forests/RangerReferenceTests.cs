using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Learning.Forests;

/// <summary>
/// Our forests against ranger 0.14 with the same hyper-parameters (Reference/ranger_reference.R):
/// test-set R² within 0.01, 90 % quantile-forest interval coverage within 0.03, classification accuracy
/// within 0.04 (ranger's own seed-to-seed sd is 0.011 there).
/// </summary>
public class RangerReferenceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("SOC_target")]
    [InlineData("pH_target")]
    [InlineData("Clay_target")]
    public void Bb250_PredefinedFolds_R2AndCoverageMatchRanger(string target)
    {
        var t = ForestTestData.Bb250();
        var x = FeatureTable.FromCsv(t, ForestTestData.BbCovariates);
        var y = t.GetDoubles(target);
        var fold = t.GetDoubles("Fold").Select(v => (int)v).ToArray();
        var pred = new double[y.Length]; var lo = new double[y.Length]; var hi = new double[y.Length];
        foreach (var k in fold.Distinct().Order())
        {
            var tr = Enumerable.Range(0, y.Length).Where(i => fold[i] != k).ToArray();
            var te = Enumerable.Range(0, y.Length).Where(i => fold[i] == k).ToArray();
            var qrf = RandomForest.FitQuantile(x.SelectRows(tr), tr.Select(i => y[i]).ToArray(),
                new RandomForestOptions { Trees = 1000, Mtry = 4, MinNodeSize = 5, Seed = 7 + k, Threads = 2 });
            var xt = x.SelectRows(te);
            var p = qrf.Predict(xt);
            var q = qrf.PredictQuantiles(xt, [0.05, 0.95]);
            for (int m = 0; m < te.Length; m++) { pred[te[m]] = p[m]; lo[te[m]] = q[m, 0]; hi[te[m]] = q[m, 1]; }
        }
        var r2 = RegressionMetrics.Compute(y, pred).R2;
        var picp = IntervalMetrics.Compute(y, lo, hi).Picp;
        output.WriteLine($"{target}: R2 {r2:F4} (ranger {ForestTestData.Ranger("BB.250", target, "cv_r2"):F4}), PICP90 {picp:F4} (ranger {ForestTestData.Ranger("BB.250", target, "cv_picp90"):F4})");
        Assert.InRange(r2, ForestTestData.Ranger("BB.250", target, "cv_r2") - 0.01, ForestTestData.Ranger("BB.250", target, "cv_r2") + 0.01);
        Assert.InRange(picp, ForestTestData.Ranger("BB.250", target, "cv_picp90") - 0.03, ForestTestData.Ranger("BB.250", target, "cv_picp90") + 0.03);
    }

    [Fact]
    public void Synthetic_TestR2AndCoverageMatchRanger()
    {
        var (xtr, ytr, xte, yte) = ForestTestData.Synthetic();
        var qrf = RandomForest.FitQuantile(xtr, ytr, new RandomForestOptions { Trees = 1000, Mtry = 4, MinNodeSize = 5, Seed = 3, Threads = 2 });
        var r2 = RegressionMetrics.Compute(yte, qrf.Predict(xte)).R2;
        var iv = qrf.PredictInterval(xte, 0.9);
        var picp = IntervalMetrics.Compute(yte, iv.Lower, iv.Upper).Picp;
        output.WriteLine($"synthetic: R2 {r2:F4}, PICP90 {picp:F4}");
        Assert.InRange(r2, ForestTestData.Ranger("synthetic", "y", "test_r2") - 0.01, ForestTestData.Ranger("synthetic", "y", "test_r2") + 0.01);
        Assert.InRange(picp, ForestTestData.Ranger("synthetic", "y", "test_picp90") - 0.03, ForestTestData.Ranger("synthetic", "y", "test_picp90") + 0.03);
    }

    [Fact]
    public void SyntheticClassification_AccuracyMatchesRanger()
    {
        var (xtr, ytr, xte, yte) = ForestTestData.SyntheticClasses();
        var rf = RandomForest.FitClassification(xtr, ytr, new RandomForestOptions { Trees = 500, Seed = 5, Threads = 2 });
        var pred = rf.Predict(xte);
        double acc = pred.Zip(yte).Count(p => p.First == p.Second) / (double)yte.Length;
        double reference = ForestTestData.Ranger("synthetic_classification", "class", "test_accuracy");
        output.WriteLine($"classification accuracy {acc:F4} (ranger {reference:F4}), OOB error {rf.OobError:F4}");
        Assert.InRange(acc, reference - 0.04, reference + 0.04);
        Assert.InRange(rf.OobError, 0.15, 0.45);
    }
}
