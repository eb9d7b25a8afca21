using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Tests.Evaluation;

/// <summary>
/// The verbs reproduce the S2MoS notebook's quick-mode claim table (seed 42) to the last digit: the test-set
/// predictions of that run (Reference/s2mos_quick_seed42_predictions.csv) and the differences and verdicts its
/// hand-written cell 33 gave (Reference/s2mos_quick_seed42_claims.json, from results.json at commit 00cb32c). The
/// guard flags the collapsed B.2 network of that run (issue 13 point 4), so "SAR helps" is then not assessed.
/// </summary>
public class S2MosQuickComparisonTests
{
    private static string RefPath(string file) =>
        Path.Combine(AppContext.BaseDirectory, "Evaluation", "Reference", file);

    private static Prediction[] Predictions()
    {
        var lines = File.ReadAllLines(RefPath("s2mos_quick_seed42_predictions.csv"));
        var head = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var ids = rows.Select(r => r[0]).ToArray();
        double[] Column(int j) => rows.Select(r => double.Parse(r[j], CultureInfo.InvariantCulture)).ToArray();
        var observed = Column(1);
        return Enumerable.Range(2, head.Length - 2)
            .Select(j => new Prediction(ids, observed, Column(j), head[j], "Clay", "%")).ToArray();
    }

    /// <summary>The differences of each claim, as the notebook labelled and defined them.</summary>
    private static Difference Of(PairedBootstrap b, string label) => label switch
    {
        "RF gain − CNN gain" => b.Contrast(label, s => (s("9B") - s("9E")) - (s("9C") - s("9F"))),
        "RF gain − ANN gain" => b.Contrast(label, s => (s("9B") - s("9E")) - (s("9A") - s("9D"))),
        _ => b.Gain(label.Split(" − ")[0], label.Split(" − ")[1]),
    };

    [Fact]
    public void DifferencesAndVerdictsEqualTheNotebooks()
    {
        var boot = PairedBootstrap.Run(Predictions(), seed: 42 + 2);
        var claims = JsonDocument.Parse(File.ReadAllText(RefPath("s2mos_quick_seed42_claims.json"))).RootElement
            .GetProperty("claims").EnumerateArray().ToArray();
        Assert.Equal(5, claims.Length);
        foreach (var c in claims)
        {
            var ds = c.GetProperty("differences").EnumerateArray().Select(e =>
            {
                var d = Of(boot, e.GetProperty("label").GetString()!);
                Assert.Equal(e.GetProperty("r2").GetDouble(), d.Value);
                Assert.Equal(e.GetProperty("lower95").GetDouble(), d.Lower);
                Assert.Equal(e.GetProperty("upper95").GetDouble(), d.Upper);
                return d;
            }).ToArray();
            Assert.Equal(c.GetProperty("agrees").GetString(), Verdict.Of(ds).Text);
        }
    }

    [Fact]
    public void TheCollapsedNetworkOfThatRunIsFlaggedAndItsClaimNotAssessed()
    {
        var predictions = Predictions();
        var health = predictions.Select(ModelHealth.Assess).ToArray();
        var flagged = Assert.Single(health, h => h.IsFlagged);
        Assert.Equal("B.2", flagged.Model);
        Assert.Equal("near-constant", Assert.Single(flagged.Flags).Code);
        var boot = PairedBootstrap.Run(predictions, seed: 44);
        var sar = Verdict.Of([boot.Gain("9C", "B.1"), boot.Gain("9F", "B.2")], health);
        Assert.Equal(VerdictKind.NotAssessed, sar.Kind);
        Assert.StartsWith("not assessed (model B.2 flagged: near-constant predictions (SD 0.541", sar.Text);
        Assert.NotEqual(VerdictKind.NotAssessed, Verdict.Of([boot.Gain("9C", "B.1")], health).Kind);
    }
}
