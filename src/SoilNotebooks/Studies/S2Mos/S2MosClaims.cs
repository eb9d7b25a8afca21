using System.Globalization;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>One claim of the paper, what this run shows, and whether they agree.</summary>
/// <param name="Claim">The paper's claim.</param>
/// <param name="Paper">The paper's numbers.</param>
/// <param name="ThisRun">This run's numbers.</param>
/// <param name="Agrees">"yes", "partly (…)", "no", "not comparable" or "not assessed (model X flagged: …)".</param>
/// <param name="Differences">The score differences a model comparison rests on, with 95 % paired-bootstrap intervals.</param>
public sealed record S2MosClaim(string Claim, string Paper, string ThisRun, string Agrees, IReadOnlyList<Difference> Differences);

/// <summary>
/// The paper's claims (Tziolas et al. 2020 §§3–4) assessed on one run. Model comparisons rest on R² differences with
/// 95 % paired-bootstrap intervals (1000 resamples of the test set, seed + 2; <see cref="PairedBootstrap"/>) and never on
/// a model the degenerate-model guard flags (<see cref="ModelHealth"/>).
/// </summary>
public static class S2MosClaims
{
    /// <summary>Assesses every claim on the models, the interpretation, the map and the bare-soil share of a run.</summary>
    public static IReadOnlyList<S2MosClaim> Assess(S2MosModels models, S2MosInterpretation interpretation, FieldSamples field,
        BareShare bare, int seed)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(interpretation);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(bare);
        var boot = PairedBootstrap.Run(models.Runs.Select(r => r.Prediction).ToArray(),
            new PairedBootstrapOptions { Seed = seed + 2 });
        var health = models.Runs.Select(r => r.Health).ToArray();
        string R2(string f) => F(models[f].Metrics.R2);
        string R2s(params string[] figs) => string.Join(", ", figs.Select(f => $"{f} {R2(f)}"));
        S2MosClaim Ranked(string claim, string paper, string thisRun, params Difference[] d) =>
            new(claim, paper, thisRun, Verdict.Of(d, health).Text, d);
        S2MosClaim Plain(string claim, string paper, string thisRun, string agrees) => new(claim, paper, thisRun, agrees, []);
        double Gain(string a, string b) => models[a].Metrics.R2 - models[b].Metrics.R2;
        Difference GainOfGains(string label, string a1, string a0, string b1, string b0) =>
            boot.Contrast(label, s => (s(a1) - s(a0)) - (s(b1) - s(b0)));

        double rmseGainRf = 1 - models["9C"].Metrics.Rmse / models["9B"].Metrics.Rmse;
        double rmseGainAnn = 1 - models["9C"].Metrics.Rmse / models["9A"].Metrics.Rmse;
        var yCal = models.Split.Calibration.Target(models.Target).Values;
        double q1 = Quantiles.Of(yCal, 0.25), q3 = Quantiles.Of(yCal, 0.75);
        double hiBias = MeanResidual(models, "9C", y => y > q3), loBias = MeanResidual(models, "9C", y => y < q1);
        var rows = interpretation.Rows;
        double lowFilter = rows.Count > 0 ? rows[0].MeanClayPercent : double.NaN;
        double highFilter = rows.Count > 0 ? rows[^1].MeanClayPercent : double.NaN;
        var map = field.Metrics;
        return
        [
            Ranked("CNN beats RF beats ANN (with coordinates, Fig. 9 A–C)", "R² 0.60 > 0.55 > 0.44", R2s("9C", "9B", "9A"),
                boot.Gain("9C", "9B"), boot.Gain("9B", "9A")),
            Plain("CNN lowers RMSE relative to RF and ANN", "−4.5 % (RF), −6.5 % (ANN)",
                $"{F(-100 * rmseGainRf, "+0.0;−0.0")} % (RF), {F(-100 * rmseGainAnn, "+0.0;−0.0")} % (ANN)",
                YesNo(rmseGainRf > 0 && rmseGainAnn > 0)),
            Ranked("Coordinates help every model (Fig. 9 A–C vs D–F)", "CNN 0.60 vs 0.53, RF 0.55 vs 0.38, ANN 0.44 vs 0.41",
                $"CNN {R2("9C")} vs {R2("9F")}, RF {R2("9B")} vs {R2("9E")}, ANN {R2("9A")} vs {R2("9D")}",
                boot.Gain("9C", "9F"), boot.Gain("9B", "9E"), boot.Gain("9A", "9D")),
            Ranked("Coordinates help RF most", "RF +0.17, CNN +0.07, ANN +0.03",
                $"RF {F(Gain("9B", "9E"), "+0.00;-0.00")}, CNN {F(Gain("9C", "9F"), "+0.00;-0.00")}, " +
                $"ANN {F(Gain("9A", "9D"), "+0.00;-0.00")}",
                GainOfGains("RF gain − CNN gain", "9B", "9E", "9C", "9F"), GainOfGains("RF gain − ANN gain", "9B", "9E", "9A", "9D")),
            Ranked("SAR helps the CNN (Appendix B)", "full CNN best",
                $"with SAR {R2s("9C")}, without {R2s("B.1")}; no coordinates: {R2s("9F")} vs {R2s("B.2")}",
                boot.Gain("9C", "B.1"), boot.Gain("9F", "B.2")),
            Ranked("CNN beats RF and ANN on all time steps (Appendix A)", "full CNN best", R2s("9C", "A.1", "A.2"),
                boot.Gain("9C", "A.1"), boot.Gain("9C", "A.2")),
            Plain("High clay is under-predicted (Appendix B, §3.5)", "tendency to under-predict",
                $"mean residual of 9C above Q3: {F(hiBias, "0.0")} %, below Q1: {F(loBias, "+0.0;-0.0")} %",
                YesNo(hiBias < 0 && hiBias < loBias)),
            Plain("Filters separate low, medium and high clay (Figs. 10–11)", "low ≈ min–Q1 … high ≈ Q3+",
                $"filter mean clay {F(lowFilter, "0.0")}–{F(highFilter, "0.0")} % (Q1 {F(q1, "0.0")}, Q3 {F(q3, "0.0")})",
                lowFilter < q1 && highFilter > q3 ? "yes" : highFilter - lowFilter > q3 - q1 ? "partly" : "no"),
            Plain("High-clay filters: darker B12, higher latitude (§4.2)", "B12 absorption and latitude rise with clay",
                $"r(clay, B12) {F(interpretation.CorrB12)}, r(clay, latitude) {F(interpretation.CorrLatitude)} across filters",
                new[] { interpretation.CorrB12 < 0, interpretation.CorrLatitude > 0 }.Count(b => b) switch
                { 2 => "yes", 0 => "no", _ => "partly" }),
            Plain("Bare-soil fraction over the test area's fields", $"{F(S2MosPaper.BareFieldPercent)} %",
                $"{bare.Fraction.ToString("P1", CultureInfo.InvariantCulture)} (depends on the simulated crop calendars)",
                "not comparable"),
            Plain("Map of the unseen area vs 52 field samples (Fig. 13)",
                $"R² {F(S2MosPaper.MapR2)}, RMSE {F(S2MosPaper.MapRmsePercent, "0.0")} %",
                $"R² {F(map.R2)}, RMSE {F(map.Rmse, "0.0")} %, r {F(map.PearsonR)}",
                map.R2 >= 0.4 ? "yes" : map.PearsonR > 0.3 ? "partly (pattern, not level)" : "no"),
        ];
    }

    private static double MeanResidual(S2MosModels models, string figure, Func<double, bool> select)
    {
        var y = models.Observed;
        var p = models[figure].Predicted;
        var idx = Enumerable.Range(0, y.Length).Where(i => select(y[i])).ToArray();
        return idx.Length == 0 ? double.NaN : idx.Average(i => p[i] - y[i]);
    }

    private static string YesNo(bool b) => b ? "yes" : "no";

    private static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);
}
