using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Tests.Evaluation;

/// <summary>The model-free baseline of "high values are under-predicted".</summary>
public class RegressionToTheMeanTests
{
    [Fact]
    public void ACalibratedNoisyPredictor_UnderPredictsHighValuesOnlyAsTheBaselineSays()
    {
        // y = p + e with p, e ~ N(0, 1): E[y | p] = p (calibrated), r = 1/√2; above Q3 it "under-predicts" by regression alone
        var rng = new Random(5);
        double N() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var p = Enumerable.Range(0, 20000).Select(_ => N()).ToArray();
        var y = p.Select(v => 50 + 10 * (v + N())).ToArray();
        var pred = new Prediction(Enumerable.Range(0, y.Length).Select(i => $"s{i}").ToArray(), y, p.Select(v => 50 + 10 * v).ToArray(), "m");
        double q3 = SoilNotebooks.Statistics.Quantiles.Of(y, 0.75);
        var hi = RegressionToTheMean.Of(pred, v => v > q3);
        Assert.True(hi.ModelResidual < -5, $"{hi}");
        Assert.Equal(hi.BaselineResidual, hi.ModelResidual, 0.6);
        Assert.InRange(Math.Abs(hi.Excess), 0, 0.6);
    }

    [Fact]
    public void AShrunkenPredictor_UnderPredictsBeyondTheBaseline()
    {
        // p = ȳ + 0.5 (y − ȳ): r = 1, so a calibrated predictor with that r would have no residual at all
        var y = Enumerable.Range(0, 200).Select(i => (double)i).ToArray();
        var pred = new Prediction(y.Select(v => $"s{v}").ToArray(), y, y.Select(v => 99.5 + 0.5 * (v - 99.5)).ToArray(), "m");
        var hi = RegressionToTheMean.Of(pred, v => v > 150);
        Assert.Equal(0, hi.BaselineResidual, 9);
        Assert.True(hi.Excess < -20, $"{hi}");
        Assert.Equal(49, hi.Samples);
    }
}
