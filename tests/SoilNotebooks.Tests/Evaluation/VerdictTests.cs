using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Tests.Evaluation;

/// <summary>The verdict rules on constructed differences, single seed and over seeds.</summary>
public class VerdictTests
{
    private static Difference D(double v, double lo, double hi, params string[] models) =>
        new("x", v, lo, hi) { Models = models };

    [Fact]
    public void RulesAreTheNotebooks()
    {
        Assert.Equal("yes", Verdict.Of(D(0.1, 0.01, 0.2), D(0.2, 0.1, 0.3)).Text);
        Assert.Equal("partly (right direction, 1 of 2 clear of noise)", Verdict.Of(D(0.1, -0.01, 0.2), D(0.2, 0.1,
            0.3)).Text);
        Assert.Equal("partly (right direction, 0 of 1 clear of noise)", Verdict.Of(D(0.1, -0.01, 0.2)).Text);
        Assert.Equal("partly (1 of 2 in the right direction)", Verdict.Of(D(-0.1, -0.2, 0.0), D(0.2, 0.1, 0.3)).Text);
        Assert.Equal("no", Verdict.Of(D(-0.1, -0.2, 0.1), D(0, -0.1, 0.1)).Text);
        Assert.Equal(VerdictKind.No, Verdict.Of(D(-0.1, -0.2, 0.1)).Kind);
        // a lower bound of exactly 0 is not clear of zero; a value of exactly 0 is not the right direction
        Assert.Equal("partly (right direction, 0 of 1 clear of noise)", Verdict.Of(D(0.1, 0, 0.2)).Text);
        Assert.Throws<ArgumentException>(() => Verdict.Of());
        Assert.Equal("yes", Verdict.Of([D(0.1, 0.01, 0.2)]).ToString());   // a collection expression resolves too
    }

    [Fact]
    public void AVerdictNeverRestsOnAFlaggedModel()
    {
        var healthy = ModelHealth.Assess(Prediction.Of([1, 2, 3, 4], [1.1, 2.2, 2.9, 4.1], "good"));
        var constant = ModelHealth.Assess(Prediction.Of([1, 2, 3, 4], [2.5, 2.5, 2.5, 2.5], "flat"));
        Assert.False(healthy.IsFlagged);
        Assert.True(constant.IsFlagged);
        var v = Verdict.Of([D(0.3, 0.2, 0.4, "good", "flat")], [healthy, constant]);
        Assert.Equal(VerdictKind.NotAssessed, v.Kind);
        Assert.StartsWith("not assessed (model flat flagged: near-constant predictions", v.Text);
        // a flagged model the differences do not involve does not matter
        Assert.Equal("yes", Verdict.Of([D(0.3, 0.2, 0.4, "good", "other")], [healthy, constant]).Text);
    }

    [Fact]
    public void OverSeedsTheDirectionMustHoldInEverySeed()
    {
        SeedSpreadDifference S(params Difference[] perSeed) => new("x", perSeed);
        var clear = S(D(0.2, 0.1, 0.3, "a"), D(0.3, 0.1, 0.4, "a"), D(0.1, 0.05, 0.2, "a"));
        var rightNotClear = S(D(0.2, -0.1, 0.3, "a"), D(0.3, 0.1, 0.4, "a"), D(0.1, 0.05, 0.2, "a"));
        var flips = S(D(0.2, 0.1, 0.3, "a"), D(-0.3, -0.4, -0.1, "a"), D(0.1, 0.05, 0.2, "a"));
        Assert.Equal("yes (all 3 seeds)", SeedSpread.VerdictOf(clear).Text);
        Assert.Equal("partly (right direction in all 3 seeds, 1 of 2 clear of noise in every seed)",
            SeedSpread.VerdictOf(clear, rightNotClear).Text);
        Assert.Equal("partly (1 of 2 in the right direction in all 3 seeds)", SeedSpread.VerdictOf(clear, flips).Text);
        Assert.Equal("no (direction not stable over 3 seeds)", SeedSpread.VerdictOf(flips).Text);
        Assert.Equal(0.2, clear.Mean, 12);
        Assert.Equal(0.1, clear.Sd, 12);
        Assert.Equal(0.1, clear.Min);
        Assert.Equal(0.3, clear.Max);
        var flat = ModelHealth.Assess(Prediction.Of([1, 2, 3], [2, 2, 2], "a"));
        Assert.Equal(VerdictKind.NotAssessed, SeedSpread.VerdictOf([clear], [flat]).Kind);
    }

    [Fact]
    public void SeedSpreadBootstrapsEachSeed()
    {
        var r = new Random(11);
        var y = Enumerable.Range(0, 50).Select(_ => r.NextDouble() * 40).ToArray();
        IReadOnlyList<Prediction> Seed(int s)
        {
            var q = new Random(s);
            return [Prediction.Of(y, y.Select(v => v + q.NextDouble() * 4 - 2).ToArray(), "good"),
                    Prediction.Of(y, y.Select(v => v + q.NextDouble() * 30 - 15).ToArray(), "poor")];
        }
        var spread = SeedSpread.Run([Seed(1), Seed(2), Seed(3)], new PairedBootstrapOptions { Resamples = 200,
            Seed = 9 });
        var g = spread.Gain("good", "poor");
        Assert.Equal(3, g.Seeds);
        var alone = PairedBootstrap.Run(Seed(2), resamples: 200, seed: 10).Gain("good", "poor");
        Assert.Equal((alone.Value, alone.Lower, alone.Upper), (g.PerSeed[1].Value, g.PerSeed[1].Lower,
            g.PerSeed[1].Upper));
        Assert.Equal("yes (all 3 seeds)", SeedSpread.VerdictOf(g).Text);
        Assert.Contains("over 3 seeds", g.ToString());
        Assert.Throws<ArgumentException>(() => SeedSpread.Run([Seed(1), [Seed(2)[0]]]));
    }
}
