using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Salinity;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Salinity;

/// <summary>Fold-aware Getis-Ord covariates: honest per fold, and the leaky variant that inflates the scores.</summary>
public class SpatialCovariateTests
{
    private static readonly TwoStepOptions Linear = new()
    {
        Classifier = new("Logistic", (x, y) => LogisticRegression.Fit(x, y, new LogisticRegressionOptions { Standardize = true })),
        Regressor = new("Linear", (x, y) => LinearRegression.Fit(x, y)),
    };

    [Fact]
    public void SplitCovariate_IsGiForTrainingRows_AndTrainingOnlyForTestRows()
    {
        var rng = new Random(2);
        int n = 80;
        var xs = Enumerable.Range(0, n).Select(_ => 100 * rng.NextDouble()).ToArray();
        var ys = Enumerable.Range(0, n).Select(_ => 100 * rng.NextDouble()).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var train = Enumerable.Range(0, n).Where(i => i % 5 != 0).ToArray(); var test = Enumerable.Range(0, n).Where(i => i % 5 == 0).ToArray();
        var w = SpatialWeights.KNearest(6);
        var z = GetisOrd.SplitCovariate(xs, ys, v, train, w);
        double[] P(double[] a, int[] r) => r.Select(i => a[i]).ToArray();
        var gi = GetisOrd.ForTraining(P(xs, train), P(ys, train), P(v, train), w, includeSelf: false).Z;
        var q = GetisOrd.Compute(P(xs, train), P(ys, train), P(v, train), P(xs, test), P(ys, test), w).Z;
        Assert.Equal(gi, P(z, train));
        Assert.Equal(q, P(z, test));
        var v2 = v.ToArray(); foreach (var i in test) v2[i] += 100;
        Assert.Equal(z, GetisOrd.SplitCovariate(xs, ys, v2, train, w));          // test targets never enter
        Assert.NotEqual(GetisOrd.SplitCovariate(xs, ys, v, train, w, leaky: true), GetisOrd.SplitCovariate(xs, ys, v2, train, w, leaky: true));
    }

    [Fact]
    public void LeakyGiStar_InflatesTheScores_OnTargetsWithNoSpatialStructure()
    {
        // ECe independent of location and of the covariate: an honest Gi column carries nothing, the leaky Gi*
        // (the test row's own ECe in its sum) does
        var rng = new Random(4);
        int n = 400;
        var xs = Enumerable.Range(0, n).Select(_ => 100 * rng.NextDouble()).ToArray();
        var ys = Enumerable.Range(0, n).Select(_ => 100 * rng.NextDouble()).ToArray();
        var noise = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var ece = Enumerable.Range(0, n).Select(_ => Math.Exp(1.2 * (rng.NextDouble() - 0.5)) * 1.6).ToArray();
        var x = FeatureTable.FromColumns([noise], ["noise"]);
        var folds = Folds.KFold(n, 5, seed: 1);
        var w = SpatialWeights.KNearest(4);
        var honest = TwoStepModel.CrossValidate(SpatialCovariates.GetisOrdFolds(x, xs, ys, ece, w), ece, folds, Linear);
        var leaky = TwoStepModel.CrossValidate(SpatialCovariates.GetisOrdFolds(x, xs, ys, ece, w, leaky: true), ece, folds, Linear);
        Assert.True(honest.OneStep!.Pooled.R2 < 0.05, $"honest one-step R² {honest.OneStep.Pooled.R2:F3}");
        Assert.True(leaky.OneStep!.Pooled.R2 > honest.OneStep.Pooled.R2 + 0.1, $"leaky {leaky.OneStep.Pooled.R2:F3} vs honest {honest.OneStep.Pooled.R2:F3}");
        Assert.True(leaky.Regression.Rmse < honest.Regression.Rmse);
    }

    [Fact]
    public void LucasCovariates_HaveNamedColumnsAndNoTarget()
    {
        var twin = LucasTopsoilTwin.Generate(new LucasTwinOptions(300, 42, SalinityCovariates: true));
        var x = twin.Points.Covariates();
        Assert.Equal(300, x.Rows);
        Assert.DoesNotContain("EC", x.Names);
        foreach (var c in new[] { "Clay", "NDVI_2018", "LST_2012", "PET", "TWI", "CReSI", "WTD", "LC_Cropland" }) Assert.Contains(c, x.Names);
        Assert.DoesNotContain("lat", x.Names);   // the poster lists no coordinates among its covariates
        var lc = x.Names.Select((nm, j) => (nm, j)).Where(t => t.nm.StartsWith("LC_", StringComparison.Ordinal)).Select(t => t.j).ToArray();
        for (int i = 0; i < x.Rows; i++) Assert.Equal(1f, lc.Sum(j => x[i, j]));
        Assert.Equal(twin.Points[7].ClayPercent, x[7, x.IndexOf("Clay")], 3);
        var e = Assert.Throws<ArgumentException>(() => SpatialCovariates.WithColumn(x, "Clay", new double[300]));
        Assert.Contains("Clay", e.Message);
    }

    [Fact]
    public void UsageSketch_RunsOnTheTwin()
    {
        var twin = LucasTopsoilTwin.Generate(new LucasTwinOptions(300, 42, SalinityCovariates: true));
        var ece = twin.Points.Ec15().ToEce(EcConversions.DefaultOneToFive).EceDeciSiemensPerMeter;
        var x = twin.Points.Covariates();
        var lon = twin.Points.Select(p => p.LongitudeDegrees).ToArray(); var lat = twin.Points.Select(p => p.LatitudeDegrees).ToArray();
        var tables = SpatialCovariates.GetisOrdFolds(x, lon, lat, ece, SpatialWeights.KNearest(8, DistanceMetric.GreatCircleKm));
        var cv = TwoStepModel.CrossValidate(tables, ece, Folds.KFold(x.Rows, 3), Linear with { MoveThreshold = true });
        Assert.True(double.IsFinite(cv.Regression.Rmse) && double.IsFinite(cv.OneStep!.Pooled.Rmse));
        Assert.InRange(cv.Classification.PerClass[^1].F1, 0.0, 1.0);
        Assert.True(cv.HighClassAveragePrecision > ece.Count(v => v >= 2) / (double)ece.Length, "PR-AUC above the no-skill line");
    }
}
