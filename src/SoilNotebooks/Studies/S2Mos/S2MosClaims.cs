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
/// <param name="Differences">The score differences a model comparison rests on, with 95 % paired-bootstrap intervals (first seed).</param>
/// <param name="SeedSpread">The same differences in every training seed, with their mean, SD, min and max (empty for one seed).</param>
public sealed record S2MosClaim(string Claim, string Paper, string ThisRun, string Agrees, IReadOnlyList<Difference> Differences,
    IReadOnlyList<SeedSpreadDifference> SeedSpread);

/// <summary>
/// The paper's claims (Tziolas et al. 2020 §§3–4) assessed on one run. Model comparisons rest on R² differences with
/// 95 % paired-bootstrap intervals (1000 resamples of the test set, seed + 2; <see cref="PairedBootstrap"/>), over every
/// training seed of the run (<see cref="Evaluation.SeedSpread"/>: "yes" only when clear of noise in every seed), and never
/// on a model the degenerate-model guard flags in any seed (<see cref="ModelHealth"/>) — also the claims that rest on one
/// model's residuals or filters. "High clay is under-predicted" is compared with the model-free regression-to-the-mean
/// baseline (<see cref="RegressionToTheMean"/>); the B12 claim is tested on raw B12 and on the band depth 1 − B12/B11.
/// </summary>
public static class S2MosClaims
{
    /// <summary>Assesses every claim on the models, the interpretation, the maps and the bare-soil share of a run.</summary>
    /// <param name="models">The trained variants (every seed).</param>
    /// <param name="interpretation">The filters of the first seed's 9C CNN.</param>
    /// <param name="field">The 52 field samples of the test area's map.</param>
    /// <param name="bare">Bare-soil share of the test area.</param>
    /// <param name="seed">The run's seed (bootstrap seed + 2).</param>
    /// <param name="control">Field samples of the in-domain control area's map, when mapped.</param>
    public static IReadOnlyList<S2MosClaim> Assess(S2MosModels models, S2MosInterpretation interpretation, FieldSamples field,
        BareShare bare, int seed, FieldSamples? control = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(interpretation);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(bare);
        var options = new PairedBootstrapOptions { Seed = seed + 2 };
        var boot = PairedBootstrap.Run(models.Runs.Select(r => r.Prediction).ToArray(), options);
        var spread = models.Seeds > 1 ? Evaluation.SeedSpread.Run(Enumerable.Range(0, models.Seeds)
            .Select(k => (IReadOnlyList<Prediction>)models.RunsOfSeed(k).Select(r => r.Prediction).ToArray()).ToArray(), options) : null;
        var health = models.AllHealth;
        string R2(string f) => F(models[f].Metrics.R2);
        string R2s(params string[] figs) => string.Join(", ", figs.Select(f => $"{f} {R2(f)}"));
        S2MosClaim Ranked(string claim, string paper, string thisRun, params (string Label, Func<PairedBootstrap, Difference> Of)[] d)
        {
            var first = d.Select(x => x.Of(boot)).ToArray();
            if (spread is null) return new(claim, paper, thisRun, Verdict.Of(first, health).Text, first, []);
            var perSeed = d.Select(x => new SeedSpreadDifference(x.Label, spread.PerSeed.Select(x.Of).ToArray())).ToArray();
            return new(claim, paper, thisRun, Evaluation.SeedSpread.VerdictOf(perSeed, health).Text, first, perSeed);
        }
        (string, Func<PairedBootstrap, Difference>) Gain(string a, string b) => ($"{a} − {b}", x => x.Gain(a, b));
        (string, Func<PairedBootstrap, Difference>) GainOfGains(string label, string a1, string a0, string b1, string b0) =>
            (label, x => x.Contrast(label, s => (s(a1) - s(a0)) - (s(b1) - s(b0))));
        S2MosClaim Plain(string claim, string paper, string thisRun, string agrees, params string[] restsOn)
        {
            var flagged = health.FirstOrDefault(h => h.IsFlagged && restsOn.Contains(h.Model));
            return new(claim, paper, thisRun, flagged is null ? agrees : Verdict.NotAssessed(flagged).Text, [], []);
        }
        double GainR2(string a, string b) => models[a].Metrics.R2 - models[b].Metrics.R2;

        double rmseGainRf = 1 - models["9C"].Metrics.Rmse / models["9B"].Metrics.Rmse;
        double rmseGainAnn = 1 - models["9C"].Metrics.Rmse / models["9A"].Metrics.Rmse;
        var yCal = models.Split.Calibration.Target(models.Target).Values;
        double q1 = Quantiles.Of(yCal, 0.25), q3 = Quantiles.Of(yCal, 0.75);
        var hi = RegressionToTheMean.Of(models["9C"].Prediction, y => y > q3);
        var lo = RegressionToTheMean.Of(models["9C"].Prediction, y => y < q1);
        var rows = interpretation.Rows;
        double lowFilter = rows.Count > 0 ? rows[0].MeanClayPercent : double.NaN;
        double highFilter = rows.Count > 0 ? rows[^1].MeanClayPercent : double.NaN;
        var map = field.Metrics;
        string controlText = control is null ? "" : $"; in-domain control area: R² {F(control.Metrics.R2)}, r {F(control.Metrics.PearsonR)}";
        // correlations across fewer than four filters are no evidence either way
        string? fewFilters = rows.Count < MinFilters ? $"no (only {rows.Count} filters fire: too few to order)" : null;
        bool b12Raw = interpretation.CorrB12 < 0, b12Depth = interpretation.CorrB12Depth > 0, north = interpretation.CorrLatitude > 0;
        return
        [
            Ranked("CNN beats RF beats ANN (with coordinates, Fig. 9 A–C)", "R² 0.60 > 0.55 > 0.44", R2s("9C", "9B", "9A"),
                Gain("9C", "9B"), Gain("9B", "9A")),
            Plain("CNN lowers RMSE relative to RF and ANN", "−4.5 % (RF), −6.5 % (ANN)",
                $"{F(-100 * rmseGainRf, "+0.0;−0.0")} % (RF), {F(-100 * rmseGainAnn, "+0.0;−0.0")} % (ANN)",
                YesNo(rmseGainRf > 0 && rmseGainAnn > 0), "9C", "9B", "9A"),
            Ranked("Coordinates help every model (Fig. 9 A–C vs D–F)", "CNN 0.60 vs 0.53, RF 0.55 vs 0.38, ANN 0.44 vs 0.41",
                $"CNN {R2("9C")} vs {R2("9F")}, RF {R2("9B")} vs {R2("9E")}, ANN {R2("9A")} vs {R2("9D")}",
                Gain("9C", "9F"), Gain("9B", "9E"), Gain("9A", "9D")),
            Ranked("Coordinates help RF most", "RF +0.17, CNN +0.07, ANN +0.03",
                $"RF {F(GainR2("9B", "9E"), "+0.00;-0.00;0.00")}, CNN {F(GainR2("9C", "9F"), "+0.00;-0.00;0.00")}, " +
                $"ANN {F(GainR2("9A", "9D"), "+0.00;-0.00;0.00")}",
                GainOfGains("RF gain − CNN gain", "9B", "9E", "9C", "9F"), GainOfGains("RF gain − ANN gain", "9B", "9E", "9A", "9D")),
            Ranked("SAR helps the CNN (Appendix B)", "full CNN best",
                $"with SAR {R2s("9C")}, without {R2s("B.1")}; no coordinates: {R2s("9F")} vs {R2s("B.2")}",
                Gain("9C", "B.1"), Gain("9F", "B.2")),
            Ranked("CNN beats RF and ANN on all time steps (Appendix A)", "full CNN best", R2s("9C", "A.1", "A.2"),
                Gain("9C", "A.1"), Gain("9C", "A.2")),
            Plain("High clay is under-predicted beyond regression to the mean (Appendix B, §3.5)", "tendency to under-predict",
                $"9C mean residual above Q3 {F(hi.ModelResidual, "+0.0;-0.0;0.0")} % vs {F(hi.BaselineResidual, "+0.0;-0.0;0.0")} % for any " +
                $"calibrated predictor with r = {F(hi.PearsonR)}; below Q1 {F(lo.ModelResidual, "+0.0;-0.0;0.0")} % vs " +
                $"{F(lo.BaselineResidual, "+0.0;-0.0;0.0")} %",
                hi.ModelResidual >= 0 ? "no" : hi.Excess < -1 ? "yes" : "no (only regression to the mean)", "9C"),
            Plain("Filters separate low, medium and high clay (Figs. 10–11)", "low ≈ min–Q1 … high ≈ Q3+",
                $"filter mean clay {F(lowFilter, "0.0")}–{F(highFilter, "0.0")} % (Q1 {F(q1, "0.0")}, Q3 {F(q3, "0.0")})",
                fewFilters ?? (lowFilter < q1 && highFilter > q3 ? "yes" : highFilter - lowFilter > q3 - q1 ? "partly" : "no"), "9C"),
            Plain("High-clay filters: deeper B12 absorption, higher latitude (§4.2 ii–iii)", "B12 absorption and latitude rise with clay",
                $"across filters r(clay, B12) {F(interpretation.CorrB12)}, r(clay, 1 − B12/B11) {F(interpretation.CorrB12Depth)}, " +
                $"r(clay, B04) {F(interpretation.CorrB4)}, r(clay, latitude) {F(interpretation.CorrLatitude)}",
                fewFilters ?? (b12Depth && north ? "yes" : b12Depth || north
                    ? $"partly ({(b12Depth ? "band depth" : b12Raw ? "raw B12 only, not its depth" : "latitude")})" : "no"), "9C"),
            Plain("VV is more sensitive to clay than VH (§4.2 iv)", "VV tracks the average clay more than VH",
                $"across filters r(clay, VV) {F(interpretation.CorrVv)}, r(clay, VH) {F(interpretation.CorrVh)}",
                fewFilters ?? (double.IsNaN(interpretation.CorrVv) ? "no"
                    : YesNo(Math.Abs(interpretation.CorrVv) > Math.Abs(interpretation.CorrVh))), "9C"),
            Plain("Bare-soil fraction over the test area's fields", $"{F(S2MosPaper.BareFieldPercent)} %",
                $"{bare.Fraction.ToString("P1", CultureInfo.InvariantCulture)} (depends on the simulated crop calendars)",
                "not comparable"),
            Plain("Map of the unseen area vs 52 field samples (Fig. 13)",
                $"R² {F(S2MosPaper.MapR2)}, RMSE {F(S2MosPaper.MapRmsePercent, "0.0")} %",
                $"R² {F(map.R2)}, RMSE {F(map.Rmse, "0.0")} %, r {F(map.PearsonR)}{controlText}",
                map.R2 >= 0.4 ? "yes" : map.PearsonR > 0.3 ? "partly (pattern, not level)" : "no", "9C"),
        ];
    }

    /// <summary>Fewest active filters for the filter claims (correlations across fewer filters are not evidence).</summary>
    public const int MinFilters = 4;

    private static string YesNo(bool b) => b ? "yes" : "no";

    private static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);
}
