using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Tests.Evaluation;

/// <summary>The prediction value: validation, metrics and intervals one call away, subsets.</summary>
public class PredictionTests
{
    private static Prediction Sample(IntervalBounds? iv = null) => new(["a", "b", "c", "d", "e"],
        [10, 20, 30, 40, double.NaN], [12, 18, 33, 39, 25], "RF", "Clay", "%", iv);

    [Fact]
    public void MetricsUseOnlyTheKnownObservations()
    {
        var p = Sample();
        Assert.Equal(4, p.KnownCount);
        var m = p.Metrics;
        // errors +2, −2, +3, −1 → SSE 18, RMSE √4.5; SStot = 500 → R² 1 − 18/500 = 0.964
        Assert.Equal(4, m.N);
        Assert.Equal(Math.Sqrt(4.5), m.Rmse, 12);
        Assert.Equal(0.964, m.R2, 12);
        // quartiles of 10, 20, 30, 40 (type 7): 17.5 and 32.5 → IQR 15
        Assert.Equal(15 / Math.Sqrt(4.5), m.Rpiq, 12);
        Assert.Equal("Clay (%)", p.TargetWithUnit);
        Assert.Same(m, p.Metrics);
    }

    [Fact]
    public void IntervalsGiveCoverageAndWidth()
    {
        var iv = new IntervalBounds(0.9, [9, 19, 31, 41, 20], [11, 22, 34, 42, 30]);
        var p = Sample(iv);
        Assert.True(p.HasIntervals);
        var c = p.Intervals!;
        // 10 ∈ [9, 11], 20 ∈ [19, 22], 30 ∉ [31, 34], 40 ∉ [41, 42]; the unknown 5th row is left out
        Assert.Equal(4, c.N);
        Assert.Equal(0.5, c.Picp, 12);
        Assert.Equal((2 + 3 + 3 + 1) / 4.0, c.MeanWidth, 12);
        Assert.Null(Sample().Intervals);
    }

    [Fact]
    public void SubsetsKeepLabelsAndIntervals()
    {
        var p = Sample(new IntervalBounds(0.8, [0, 1, 2, 3, 4], [5, 6, 7, 8, 9]));
        var s = p.Select(["d", "a"]);
        Assert.Equal(["d", "a"], s.Ids);
        Assert.Equal([40.0, 10.0], s.Observed);
        Assert.Equal([39.0, 12.0], s.Predicted);
        Assert.Equal([3.0, 0.0], s.Interval!.Lower);
        Assert.Equal(0.8, s.Interval.Level);
        Assert.Equal("RF", s.Model);
        Assert.Equal(["b"], p.Rows([1]).Ids);
        Assert.Throws<KeyNotFoundException>(() => p.Select(["zz"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Rows([5]));
    }

    [Fact]
    public void InvalidInputIsRefusedWithAMessage()
    {
        var dup = Assert.Throws<ArgumentException>(() => new Prediction(["a", "a"], [1, 2], [1, 2]));
        Assert.Contains("unique", dup.Message);
        Assert.Throws<ArgumentException>(() => new Prediction(["a", "b"], [1, 2], [1]));
        Assert.Throws<ArgumentException>(() => new Prediction(["a"], [double.PositiveInfinity], [1]));
        Assert.Throws<ArgumentException>(() => new IntervalBounds(0.9, [2], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalBounds(1.0, [1], [2]));
        Assert.Throws<ArgumentException>(() => Prediction.Of([1, 2, 3], [1, 2, 3], interval: new IntervalBounds(0.9,
            [1], [2])));
    }

    [Fact]
    public void NonFinitePredictionsAreKeptButRefuseMetrics()
    {
        var p = Prediction.Of([1, 2, 3], [1, double.NaN, 3], "diverged");
        var e = Assert.Throws<InvalidOperationException>(() => p.Metrics);
        Assert.Contains("not finite", e.Message);
        Assert.Contains("diverged", p.ToString());
    }

    [Fact]
    public void QuantilesAreAddressedByProbability()
    {
        var q = new Dictionary<double, IReadOnlyList<double>> { [0.05] = [1.0, 2.0], [0.95] = [3.0, 4.0] };
        var p = new Prediction(["x", "y"], [2, 3], [2, 3], quantiles: q);
        Assert.Equal([0.05, 0.95], p.QuantileLevels);
        Assert.Equal([4.0], p.Rows([1]).Quantile(0.95));
        Assert.Throws<KeyNotFoundException>(() => p.Quantile(0.5));
    }

    [Fact]
    public void ToStringSummarises()
    {
        var s = Sample(new IntervalBounds(0.9, [9, 19, 31, 41, 20], [11, 22, 34, 42, 30])).ToString();
        Assert.StartsWith("RF — Clay (%): n = 4, RMSE 2.121, R² 0.964", s);
        Assert.Contains("PICP 0.50 (nominal 0.90)", s);
    }
}

/// <summary>The example of docs/stages.md ("Prediction values and model comparison") compiles and runs.</summary>
public class PredictionDocsExampleTests
{
    [Fact]
    public void TheDocsComparisonExampleRuns()
    {
        var r = new Random(4);
        var y = Enumerable.Range(0, 40).Select(_ => r.NextDouble() * 50).ToArray();
        var cnn = Prediction.Of(y, y.Select(v => v + r.NextDouble() * 6 - 3).ToArray(), "CNN", "Clay", "%");
        var rf = Prediction.Of(y, y.Select(v => v + r.NextDouble() * 12 - 6).ToArray(), "RF", "Clay", "%");
        var ann = Prediction.Of(y, y.Select(_ => 25.0 + r.NextDouble() * 0.1).ToArray(), "ANN", "Clay", "%");
        int seed = 42;
        var boot = PairedBootstrap.Run([cnn, rf, ann], seed: seed + 2);
        var health = new[] { cnn, rf, ann }.Select(ModelHealth.Assess).ToArray();
        var verdict = Verdict.Of([boot.Gain("CNN", "RF"), boot.Gain("RF", "ANN")], health);
        Assert.StartsWith("not assessed (model ANN flagged: near-constant predictions", verdict.Text);
        Assert.Equal("yes", Verdict.Of([boot.Gain("CNN", "RF")], health).Text);
        Assert.Equal(cnn, cnn.WithModel("CNN"));
        Assert.NotEqual(cnn, rf);
    }
}
