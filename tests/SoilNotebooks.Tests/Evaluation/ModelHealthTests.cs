using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Tests.Evaluation;

/// <summary>The degenerate-model guard flags what it should, with reasons, and not a healthy model.</summary>
public class ModelHealthTests
{
    private static readonly double[] Obs = [10, 14, 18, 25, 31, 40, 12, 22];

    [Fact]
    public void AHealthyModelIsNotFlagged()
    {
        var h = ModelHealth.Assess(Prediction.Of(Obs, Obs.Select(v => 0.8 * v + 4).ToArray(), "good"), null,
            [[1.0, 0.5, 0.3, 0.2]], [0.9, 0.7, 0.4, 0.2]);
        Assert.False(h.IsFlagged, h.Reason);
        Assert.Equal("good: healthy", h.ToString());
    }

    [Fact]
    public void AConstantPredictorIsFlagged()
    {
        double mean = Obs.Average();
        var h = ModelHealth.Assess(Prediction.Of(Obs, Obs.Select(_ => mean).ToArray(), "constant"));
        var f = Assert.Single(h.Flags);
        Assert.Equal("near-constant", f.Code);
        Assert.Contains("SD 0 < 0.1 × observed SD", f.Reason);
        // nearly constant: SD of predictions 5 % of the observed SD
        var near = ModelHealth.Assess(Prediction.Of(Obs, Obs.Select(v => mean + 0.05 * (v - mean)).ToArray(), "B.2"));
        Assert.True(near.IsFlagged);
        Assert.False(ModelHealth.Assess(Prediction.Of(Obs, Obs.Select(v => mean
            + 0.2 * (v - mean)).ToArray())).IsFlagged);
    }

    [Fact]
    public void NonFinitePredictionsDeadFiltersAndBadLossesAreFlagged()
    {
        var nan = ModelHealth.Assess(Prediction.Of(Obs, Obs.Select((v, i) => i == 3 ? double.NaN : v).ToArray()));
        Assert.Equal("non-finite", Assert.Single(nan.Flags).Code);
        var good = Prediction.Of(Obs, Obs, "net");
        double[] mostlyDead = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3];   // 10 of 11 dead: at least 90 %
        var dead = ModelHealth.Assess(good, new ModelHealthOptions { MaxDeadFilterShare = 0.9 }, filterActivity: mostlyDead);
        Assert.Equal("dead-filters", Assert.Single(dead.Flags).Code);
        Assert.Contains("10 of 11 filters dead (91 % ≥ 90 %)", dead.Reason);
        // the default flags only a layer without a live filter: 15 of 16 dead, like a full-mode S2MoS CNN that predicted
        // as well as its other seeds, is a working network; 16 of 16 is a dead one
        Assert.False(ModelHealth.Assess(good, null, filterActivity: [.. new double[15], 0.02]).IsFlagged);
        Assert.False(ModelHealth.Assess(good, null, filterActivity: mostlyDead).IsFlagged);
        var allDead = ModelHealth.Assess(good, null, filterActivity: new double[16]);
        Assert.Equal("16 of 16 filters dead (every filter)", Assert.Single(allDead.Flags).Reason);
        var diverged = ModelHealth.Assess(good, null, [[1.0, 0.5], [1.0, double.NaN]]);
        Assert.Equal("loss-diverged", Assert.Single(diverged.Flags).Code);
        Assert.Contains("member 2", diverged.Reason);
        var flat = ModelHealth.Assess(good, null, [[0.5, 0.6, 0.55]]);
        Assert.Equal("loss-not-decreasing", Assert.Single(flat.Flags).Code);
    }

    [Fact]
    public void ThresholdsAreRangeChecked()
    {
        var p = Prediction.Of(Obs, Obs);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelHealth.Assess(p,
            new ModelHealthOptions { MaxDeadFilterShare = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelHealth.Assess(p,
            new ModelHealthOptions { MaxDeadFilterShare = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelHealth.Assess(p,
            new ModelHealthOptions { MaxFinalToFirstLoss = 0 }));
    }
}
