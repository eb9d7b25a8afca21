using SoilNotebooks.Moisture;

namespace SoilNotebooks.Tests.Moisture;

/// <summary>The exponential filter against hand-computed cases (gaps, NaN, first value) and the T fit; product skill metrics.</summary>
public class SoilWaterIndexTests
{
    [Fact]
    public void Filter_HandComputed_WithGapAndNaN()
    {
        // T = 2 d. t0: SWI = 1, K = 1. t1 (Δt 1): K = 1/(1 + e^−0.5) = 0.6224593, SWI = 1 + K(0 − 1) = 0.3775407.
        // t3: NaN → NaN, state kept. t4 (Δt 3 since t1): K = 0.6224593/(0.6224593 + e^−1.5) = 0.7361247,
        // SWI = 0.3775407 + K(1 − 0.3775407) = 0.8357484.
        var swi = SoilWaterIndex.Filter([0.0, 1, 3, 4], [1.0, 0, double.NaN, 1], 2);
        Assert.Equal(1, swi[0], 12);
        Assert.Equal(0.3775406688, swi[1], 9);
        Assert.True(double.IsNaN(swi[2]));
        Assert.Equal(0.8357483724, swi[3], 9);
    }

    [Fact]
    public void Filter_StartsAtFirstValidValue_AndUsesRealTimestamps()
    {
        var swi = SoilWaterIndex.Filter([0.0, 1, 2], [double.NaN, 0.3, 0.1], 5);
        Assert.True(double.IsNaN(swi[0]));
        Assert.Equal(0.3, swi[1], 12);
        double k = 1 / (1 + Math.Exp(-0.2));
        Assert.Equal(0.3 + k * (0.1 - 0.3), swi[2], 12);
        // the same observations on DateTime stamps with a 10-day gap weigh the new value more than a 1-day step
        var t0 = new DateTime(2020, 1, 1);
        var oneDay = SoilWaterIndex.Filter([t0, t0.AddDays(1)], [0.1, 0.5], 10);
        var tenDays = SoilWaterIndex.Filter([t0, t0.AddDays(10)], [0.1, 0.5], 10);
        Assert.True(tenDays[1] > oneDay[1]);
        Assert.Equal(0.1 + 1 / (1 + Math.Exp(-1.0)) * 0.4, tenDays[1], 12);
        Assert.Throws<ArgumentException>(() => SoilWaterIndex.Filter([0.0, 0], [1.0, 2], 5));   // times must increase
        Assert.Throws<ArgumentOutOfRangeException>(() => SoilWaterIndex.Filter([0.0, 1], [1.0, 2], 0));
    }

    [Fact]
    public void Filter_EqualStepsGainConvergesTo1MinusExp()
    {
        var t = Enumerable.Range(0, 400).Select(i => (double)i).ToArray();
        var v = t.Select(i => i % 2 == 0 ? 1.0 : 0.0).ToArray();
        var s = SoilWaterIndex.Filter(t, v, 3);
        double k = 1 - Math.Exp(-1.0 / 3);   // stationary gain
        Assert.Equal(s[398] + k * (v[399] - s[398]), s[399], 9);
    }

    [Fact]
    public void FitT_RecoversTheTOfAFilteredReference()
    {
        var rng = new Random(5);
        var times = Enumerable.Range(0, 600).Select(i => new DateTime(2018, 1, 1).AddDays(i)).ToArray();
        var ssm = times.Select(_ => rng.NextDouble() < 0.6 ? double.NaN : 0.1 + 0.3 * rng.NextDouble()).ToArray();
        var reference = SoilWaterIndex.Filter(times, ssm, 12);
        var fit = SoilWaterIndex.FitT(times, ssm, reference);
        Assert.Equal(12, fit.TDays);
        Assert.Equal(1, fit.PearsonR, 9);
        Assert.Equal(ssm.Count(double.IsFinite), fit.Pairs);
    }

    [Fact]
    public void ProductSkill_HandCase()
    {
        var s = ProductSkillMetrics.Compute("p", "all", [0.1, 0.2, 0.3, double.NaN], [0.15, 0.25, 0.35, 0.4]);
        Assert.Equal(3, s.Pairs);
        Assert.Equal(1, s.PearsonR, 9);
        Assert.Equal(0.05, s.BiasCm3PerCm3, 12);
        Assert.Equal(0, s.UbRmseCm3PerCm3, 6);
        Assert.Equal(0.75, s.Kge, 9);   // r = 1, α = 1, β = 0.25/0.2 = 1.25
        Assert.True(double.IsNaN(ProductSkillMetrics.Compute("p", "x", [0.1, double.NaN], [0.2, 0.3]).PearsonR));
        Assert.Equal("JJA", ProductSkillMetrics.Season(new DateOnly(2018, 8, 1)));
        Assert.Equal("DJF", ProductSkillMetrics.Season(new DateOnly(2018, 12, 1)));
        var g = ProductSkillMetrics.ByGroup("p", ["a", "a", "a", "b", "b", "b"], [0.1, 0.2, 0.3, 0.1, 0.2, 0.3], [0.1, 0.2, 0.3, 0.3, 0.2, 0.1]);
        Assert.Equal(1, g[0].PearsonR, 9);
        Assert.Equal(-1, g[1].PearsonR, 9);
        Assert.Equal(2, ProductSkillMetrics.Median([1, 3, double.NaN]));
    }
}
