using System.Text.Json;
using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Tests.Evaluation;

/// <summary>
/// The paired bootstrap against NumPy (Reference/bootstrap_reference.py replays the same resample indices), its
/// seeded draw order pinned to the S2MoS notebook's former hand-written code, and the fast score.
/// </summary>
public class PairedBootstrapTests
{
    private const double Tol = 1e-12;
    private static readonly JsonElement Ref = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Evaluation", "Reference", "bootstrap_reference.json"))).RootElement;

    private static double[] D(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static Prediction[] RefPredictions()
    {
        var obs = D(Ref.GetProperty("observed"));
        return new[] { "A", "B", "C" }.Select(m => Prediction.Of(obs, D(Ref.GetProperty("predicted").GetProperty(m)),
            m)).ToArray();
    }

    private static int[][] RefRows() =>
        Ref.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(v =>
            v.GetInt32()).ToArray()).ToArray();

    private static void Same(JsonElement expected, Difference d)
    {
        Assert.Equal(expected.GetProperty("value").GetDouble(), d.Value, Tol);
        Assert.Equal(expected.GetProperty("lower").GetDouble(), d.Lower, Tol);
        Assert.Equal(expected.GetProperty("upper").GetDouble(), d.Upper, Tol);
    }

    [Fact]
    public void R2DifferencesMatchNumPy()
    {
        var boot = PairedBootstrap.Run(RefPredictions(), new PairedBootstrapOptions(), RefRows());
        var r = Ref.GetProperty("r2_differences");
        foreach (var m in new[] { "A", "B", "C" }) Assert.Equal(Ref.GetProperty("r2").GetProperty(m).GetDouble(),
            boot.Score(m), Tol);
        Same(r.GetProperty("A - B"), boot.Gain("A", "B"));
        Same(r.GetProperty("B - C"), boot.Gain("B", "C"));
        var c = boot.Contrast("(A − B) − (B − C)", s => (s("A") - s("B")) - (s("B") - s("C")));
        Same(r.GetProperty("(A - B) - (B - C)"), c);
        Assert.Equal(["A", "B", "C"], c.Models);
    }

    [Fact]
    public void RmseGainMatchesNumPy()
    {
        var boot = PairedBootstrap.Run(RefPredictions(), new PairedBootstrapOptions { Score = BootstrapScore.Rmse },
            RefRows());
        Same(Ref.GetProperty("rmse_gain_A_over_B"), boot.Gain("A", "B"));
    }

    /// <summary>The S2MoS notebook's former cell 33, written out: the verb must give the same numbers.</summary>
    [Fact]
    public void SeededIntervalsEqualTheNotebooksHandWrittenBootstrap()
    {
        var r = new Random(5);
        int n = 60, seed = 42;
        var y = Enumerable.Range(0, n).Select(_ => r.NextDouble() * 50).ToArray();
        var a = y.Select(v => v + r.NextDouble() * 10 - 5).ToArray();
        var b = y.Select(v => v + r.NextDouble() * 20 - 10).ToArray();
        // the notebook's code
        var bootRng = new Random(seed + 2);
        var bootRows = Enumerable.Range(0, 1000).Select(_ => Enumerable.Range(0, n).Select(_ =>
            bootRng.Next(n)).ToArray()).ToArray();
        double[] R2s(double[] p) => bootRows.Select(ix => RegressionMetrics.Compute(ix.Select(i => y[i]).ToArray(),
            ix.Select(i => p[i]).ToArray()).R2).ToArray();
        var ra = R2s(a); var rb = R2s(b);
        var diff = Enumerable.Range(0, 1000).Select(k => ra[k] - rb[k]).OrderBy(v => v).ToArray();
        double value = RegressionMetrics.Compute(y, a).R2 - RegressionMetrics.Compute(y, b).R2;
        // the verb
        var boot = PairedBootstrap.Run([Prediction.Of(y, a, "a"), Prediction.Of(y, b, "b")], resamples: 1000,
            seed: seed + 2);
        var d = boot.Gain("a", "b");
        Assert.Equal(value, d.Value);
        Assert.Equal(SoilNotebooks.Statistics.Quantiles.OfSorted(diff, 0.025), d.Lower);
        Assert.Equal(SoilNotebooks.Statistics.Quantiles.OfSorted(diff, 0.975), d.Upper);
        Assert.Equal(ra, boot.Resampled("a"));
    }

    [Fact]
    public void SameSeedSameIntervalsOtherSeedOtherIntervals()
    {
        var p = RefPredictions();
        var d1 = PairedBootstrap.Run(p, seed: 7).Gain("A", "B");
        var d2 = PairedBootstrap.Run(p, seed: 7).Gain("A", "B");
        var d3 = PairedBootstrap.Run(p, seed: 8).Gain("A", "B");
        Assert.Equal(d1, d2 with { Models = d1.Models });
        Assert.NotEqual(d1.Lower, d3.Lower);
        // pinned: the first resample indices of seed 44 (new Random(44).Next(60), row by row)
        Assert.Equal(new Random(44).Next(60), PairedBootstrap.DrawResamples(60, 2, 44)[0][0]);
    }

    [Fact]
    public void ComparisonsNeedTheSameSamples()
    {
        var a = Prediction.Of([1, 2, 3], [1, 2, 3], "a");
        var b = Prediction.Of([1, 2, 4], [1, 2, 3], "b");
        Assert.Throws<ArgumentException>(() => PairedBootstrap.Run([a, b]));
        Assert.Throws<ArgumentException>(() => PairedBootstrap.Run([a, a]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedBootstrap.Run([a], resamples: 1));
        Assert.Throws<KeyNotFoundException>(() => PairedBootstrap.Run([a]).Gain("a", "zz"));
    }

    [Fact]
    public void FastScoreIsBitwiseTheMetricsR2AndRmse()
    {
        var r = new Random(3);
        var o = Enumerable.Range(0, 97).Select(_ => r.NextDouble() * 30).ToArray();
        var p = o.Select(v => v + r.NextDouble() - 0.5).ToArray();
        var m = RegressionMetrics.Compute(o, p);
        Assert.Equal(m.R2, PairedBootstrap.Score(o, p, BootstrapScore.R2));
        Assert.Equal(m.Rmse, PairedBootstrap.Score(o, p, BootstrapScore.Rmse));
    }
}
