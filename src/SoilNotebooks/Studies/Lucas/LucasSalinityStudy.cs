using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Salinity;
using SoilNotebooks.Statistics;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Lucas;

/// <summary>One classifier of the comparison: high-class (ECe ≥ threshold) scores as mean ± SD over the CV folds.</summary>
/// <param name="Learner">Learner name.</param>
/// <param name="Precision">Mean over folds of the precision of the high class (0 in a fold that predicts no high sample).</param>
/// <param name="PrecisionSd">SD over folds.</param>
/// <param name="Recall">Mean recall of the high class.</param>
/// <param name="RecallSd">SD over folds.</param>
/// <param name="F1">Mean F1 of the high class.</param>
/// <param name="F1Sd">SD over folds.</param>
/// <param name="PrAuc">Mean PR-AUC (average precision of P(high)); folds without a high sample are left out.</param>
/// <param name="PrAucSd">SD over folds.</param>
/// <param name="PooledF1">F1 of the high class on the pooled out-of-fold predictions.</param>
/// <param name="Seconds">Wall time of all folds.</param>
public sealed record SalinityClassifierRow(string Learner, double Precision, double PrecisionSd, double Recall, double RecallSd, double F1, double F1Sd,
    double PrAuc, double PrAucSd, double PooledF1, double Seconds)
{
    /// <summary>
    /// The degenerate-model guard of learners that report one (the neural network, <see cref="MlpClassifierModel.Health"/>):
    /// "healthy", or the folds whose fitted model was flagged and why (e.g. it predicted one class for every training
    /// row); empty for learners without a guard.
    /// </summary>
    public string Health { get; init; } = "";
}

/// <summary>One regression of step 3 (out-of-fold).</summary>
/// <param name="Model">"two-step" or "one-step".</param>
/// <param name="Rmse">RMSE of ECe, dS/m.</param>
/// <param name="Mae">MAE, dS/m.</param>
/// <param name="R2">R² (1 − SSE/SST).</param>
/// <param name="RmseBelow">RMSE over samples observed below the threshold.</param>
/// <param name="RmseAtOrAbove">RMSE over samples observed at or above it (where a two-step model is meant to gain).</param>
/// <param name="N">Samples.</param>
public sealed record SalinityRegressionRow(string Model, double Rmse, double Mae, double R2, double RmseBelow, double RmseAtOrAbove, int N);

/// <summary>One variant of the leakage experiment.</summary>
/// <param name="Variant">"no GiZ", "GiZ honest" (training targets only) or "GiZ leaky" (every target, the test rows' own included).</param>
/// <param name="Rmse">Out-of-fold RMSE of the two-step ECe, dS/m.</param>
/// <param name="Mae">MAE, dS/m.</param>
/// <param name="R2">R².</param>
/// <param name="HighClassF1">F1 of the high class.</param>
/// <param name="PrAuc">PR-AUC of the out-of-fold P(high).</param>
public sealed record LeakageRow(string Variant, double Rmse, double Mae, double R2, double HighClassF1, double PrAuc);

/// <summary>One candidate of the threshold search, flattened for a table.</summary>
/// <param name="Threshold">ECe threshold, dS/m.</param>
/// <param name="HighCount">Samples at or above it.</param>
/// <param name="Rmse">Out-of-fold RMSE (NaN when skipped).</param>
/// <param name="RmseSd">SD of the per-fold RMSE.</param>
/// <param name="Mae">MAE.</param>
/// <param name="R2">R².</param>
/// <param name="HighClassF1">F1 of the high class.</param>
/// <param name="Skipped">Why it was skipped, or empty.</param>
public sealed record ThresholdRow(double Threshold, int HighCount, double Rmse, double RmseSd, double Mae, double R2, double HighClassF1, string Skipped);

/// <summary>One line of the "what was reproduced" table.</summary>
/// <param name="Step">Notebook step.</param>
/// <param name="Poster">The poster's statement.</param>
/// <param name="Ours">What this run gives.</param>
/// <param name="Reproduced">yes / partly / no / not built.</param>
/// <param name="TwinCaveat">What the twin can and cannot show.</param>
public sealed record LucasSalinityClaim(string Step, string Poster, string Ours, string Reproduced, string TwinCaveat);

/// <summary>
/// The steps of the LUCAS salinity notebook (Zarif et al., poster) that need more than one call: the per-fold classifier
/// comparison with PR-AUC, the regression table, the leakage contrast, the claims and results.json.
/// </summary>
public static class LucasSalinityStudy
{
    /// <summary>Longitudes and latitudes (EPSG:4326) of the points.</summary>
    public static (double[] Lon, double[] Lat) LonLat(this IReadOnlyList<LucasTopsoilPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return (points.Select(p => p.LongitudeDegrees).ToArray(), points.Select(p => p.LatitudeDegrees).ToArray());
    }

    /// <summary>log10 of ECe for colouring a map (values below 0.01 dS/m are drawn at 0.01).</summary>
    public static double[] Log10(IReadOnlyList<double> ece)
    {
        ArgumentNullException.ThrowIfNull(ece);
        return ece.Select(v => Math.Log10(Math.Max(v, 0.01))).ToArray();
    }

    /// <summary>
    /// The two-step options of the notebook: balanced random-forest classifier and random-forest regressors with
    /// <paramref name="trees"/> trees, seeded, with or without threshold moving (the F1-best cut on the classifier's
    /// out-of-bag probabilities of the training rows, <see cref="CutSource.OutOfBag"/>: held out like inner-CV
    /// probabilities, without five more forests per fit).
    /// </summary>
    public static TwoStepOptions Options(int trees, int seed, bool moveThreshold = true) => new()
    {
        Seed = seed, MoveThreshold = moveThreshold, CutSource = CutSource.OutOfBag,
        Classifier = new("Random forest (balanced)", (x, y) => RandomForest.FitClassification(x, y,
            new RandomForestOptions { Seed = seed, Trees = trees, BalancedClassWeights = true })),
        Regressor = new("Random forest", (x, y) => RandomForest.FitRegression(x, y, new RandomForestOptions { Seed = seed, Trees = trees })),
    };

    /// <summary>
    /// Cross-validates each classifier on the same folds for ECe ≥ <paramref name="threshold"/>: per fold, precision, recall
    /// and F1 of the high class at P(high) ≥ 0.5 and the average precision (PR-AUC) of P(high); then mean ± SD over folds.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, or no sample is at or above the threshold.</exception>
    public static IReadOnlyList<SalinityClassifierRow> CompareClassifiers(FeatureTable x, IReadOnlyList<double> ece, FoldAssignment folds,
        IEnumerable<ClassifierSpec> learners, double threshold = SalinityClasses.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(ece); ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(learners);
        Check.SameLength(x.Rows, ece.Count, "features and ECe");
        Check.SameLength(x.Rows, folds.Rows, "features and folds");
        var labels = SalinityClasses.Labels([threshold]);
        var high = ece.Select(v => v >= threshold).ToArray();
        if (!high.Any(h => h)) throw new ArgumentException($"No sample has ECe ≥ {threshold} dS/m: nothing to classify.", nameof(ece));
        var y = high.Select(h => labels[h ? 1 : 0]).ToArray();
        var rows = new List<SalinityClassifierRow>();
        foreach (var spec in learners)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var pooled = new bool[ece.Count];
            var (prec, rec, f1, ap) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            var flagged = new List<string>(); bool guarded = false;
            for (int f = 0; f < folds.K; f++)
            {
                var test = folds.TestIndices(f);
                if (test.Length == 0) continue;
                var train = folds.TrainIndices(f);
                var model = spec.Fit(x.SelectRows(train), train.Select(i => y[i]).ToArray());
                if (model is MlpClassifierModel mlp)
                {
                    guarded = true;
                    if (mlp.IsDegenerate) flagged.Add($"fold {f + 1}: {mlp.Health.Reason}");
                }
                var p = model.PredictProbabilities(x.SelectRows(test));
                int col = IndexOf(model.Classes, labels[1]);
                var score = test.Select((_, j) => col < 0 ? 0.0 : p[j, col]).ToArray();
                var obs = test.Select(i => high[i]).ToArray();
                for (int j = 0; j < test.Length; j++) pooled[test[j]] = score[j] >= 0.5;
                var (pr, re, fs) = Scores(obs, score.Select(s => s >= 0.5).ToArray());
                prec.Add(pr); rec.Add(re); f1.Add(fs);
                if (obs.Any(o => o)) ap.Add(PrecisionRecall.AveragePrecision(obs, score));
            }
            rows.Add(new SalinityClassifierRow(spec.Name, Mean(prec), Sd(prec), Mean(rec), Sd(rec), Mean(f1), Sd(f1), Mean(ap), Sd(ap),
                Scores(high, pooled).F1, sw.Elapsed.TotalSeconds)
            {
                Health = !guarded ? "" : flagged.Count == 0 ? "healthy"
                    : $"flagged in {flagged.Count} of {folds.K} folds ({string.Join("; ", flagged)})",
            });
        }
        return rows;
    }

    /// <summary>
    /// Two-step ("two-step"), the one-step regression of the same run when it was cross-validated with it ("one-step"),
    /// and optionally a probability-weighted two-step run ("two-step (P-weighted)"): overall and split by the observed side
    /// of <paramref name="threshold"/>.
    /// </summary>
    public static IReadOnlyList<SalinityRegressionRow> RegressionRows(TwoStepCrossValidation cv, TwoStepCrossValidation? weighted = null,
        double threshold = SalinityClasses.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(cv);
        var rows = new List<SalinityRegressionRow> { Row("two-step", cv.Observed, cv.OutOfFold.Ece, threshold) };
        if (weighted is not null) rows.Add(Row("two-step (P-weighted)", weighted.Observed, weighted.OutOfFold.Ece, threshold));
        if (cv.OneStep is { } one) rows.Add(Row("one-step", cv.Observed, one.Predicted, threshold));
        return rows;
    }

    /// <summary>
    /// The leakage contrast: the two-step model cross-validated with a Getis-Ord Gi* column of ECe (k nearest,
    /// great-circle) computed honestly per fold (training targets only) and leakily (every target, the test rows' own
    /// included), beside <paramref name="withoutGi"/> (the same model without the column; null to leave it out).
    /// </summary>
    public static IReadOnlyList<LeakageRow> Leakage(FeatureTable x, IReadOnlyList<double> lon, IReadOnlyList<double> lat, IReadOnlyList<double> ece,
        FoldAssignment folds, int neighbours, TwoStepOptions options, TwoStepCrossValidation? withoutGi = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var w = SpatialWeights.KNearest(neighbours, DistanceMetric.GreatCircleKm);
        var rows = new List<LeakageRow>();
        if (withoutGi is not null) rows.Add(LeakRow("no GiZ", withoutGi));
        foreach (var leaky in new[] { false, true })
        {
            var cv = TwoStepModel.CrossValidate(SpatialCovariates.GetisOrdFolds(x, lon, lat, ece, w, leaky), ece, folds, options, compareOneStep: false);
            rows.Add(LeakRow(leaky ? "GiZ leaky" : "GiZ honest", cv));
        }
        return rows;
    }

    /// <summary>The threshold curve as table rows (per-fold RMSE reduced to its SD).</summary>
    public static IReadOnlyList<ThresholdRow> ThresholdRows(ThresholdSearchCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return curve.Points.Select(p => new ThresholdRow(p.Threshold, p.HighCount, p.Rmse, p.FoldRmse.Length > 1 ? Sd(p.FoldRmse) : double.NaN,
            p.Mae, p.R2, p.HighClassF1, p.Skipped ?? "")).ToArray();
    }

    /// <summary>Thresholds and out-of-fold RMSE of the curve (NaN where skipped), for a line chart.</summary>
    public static (double[] Threshold, double[] Rmse) RmseCurve(ThresholdSearchCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return (curve.Points.Select(p => p.Threshold).ToArray(), curve.Points.Select(p => p.Rmse).ToArray());
    }

    /// <summary>Scores of the saline (highest) class of two-step runs, named by <c>Name</c> (e.g. "cut 0.5" and "moved cut").</summary>
    public static IReadOnlyList<ClassScores> HighClassScores(params (string Name, TwoStepCrossValidation Cv)[] runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.Select(r => r.Cv.Classification.PerClass[^1] with { Class = r.Name }).ToArray();
    }

    /// <summary>
    /// The step-6 row of the claims (the 1 km map): its grid, land cells, saline share and area (its covariates are the
    /// twin's at every cell); "done (twin)" at 1 km or finer, "pipeline yes" on the coarser quick-mode grid.
    /// </summary>
    public static LucasSalinityClaim MapClaim(SalinityMapSummary map)
    {
        ArgumentNullException.ThrowIfNull(map);
        string km = (map.ResolutionMeters / 1000).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        string saline = (map.SalineShare * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        string area = (map.AreaKm2PerClass.Skip(1).Sum()).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        return new LucasSalinityClaim("6", LucasSalinityPaper.Claims[6].Claim,
            $"{km} km EPSG:3035 grid over EU27 + GB land (Natural Earth 1:50m): {map.LandCells:N0} land cells, {saline} % ({area} km²) " +
            "predicted saline; ECe, class and P(saline) written as COGs",
            map.ResolutionMeters <= 1000 ? "done (twin)" : "pipeline yes (coarser grid in quick mode)",
            "the covariate grid is the twin's: the pattern is the generator's, not Europe's salinity");
    }

    /// <summary>The poster's statements against this run, the 1 km map (<paramref name="map"/>, step 6) included.</summary>
    public static IReadOnlyList<LucasSalinityClaim> Claims(EcConversionBatch conversion, IReadOnlyList<EcConversionSides> sides,
        IReadOnlyList<SalinityClassifierRow> classifiers, IReadOnlyList<SalinityRegressionRow> regression, IReadOnlyList<LeakageRow> leakage,
        ThresholdSearchCurve curve, TwoStepCrossValidation fao, int covariates, SalinityMapSummary map)
    {
        ArgumentNullException.ThrowIfNull(conversion); ArgumentNullException.ThrowIfNull(sides); ArgumentNullException.ThrowIfNull(classifiers);
        ArgumentNullException.ThrowIfNull(regression); ArgumentNullException.ThrowIfNull(leakage); ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(fao);
        const string Built = "the twin's EC is generated from a few of its own covariates (aridity, water-table depth, coast, carbonates, cropland, " +
            "irrigation, clay) plus hot spots and noise, and NDVI and CReSI respond to it, so any skill shows the pipeline recovers a relation built in " +
            "by the generator, not that real LUCAS EC behaves so";
        var ece = conversion.EceDeciSiemensPerMeter;
        int high = ece.Count(v => v >= LucasSalinityPaper.Threshold);
        var valid = sides.Where(s => s.Method != conversion.Method.Id && s.OutOfRange == 0).ToArray();
        int outside = sides.Count(s => s.OutOfRange > 0);
        var best = classifiers.MaxBy(c => c.F1)!;
        var two = regression.First(r => r.Model == "two-step");
        var one = regression.FirstOrDefault(r => r.Model == "one-step");
        var weighted = regression.FirstOrDefault(r => r.Model == "two-step (P-weighted)");
        var honest = leakage.First(r => r.Variant == "GiZ honest"); var leaky = leakage.First(r => r.Variant == "GiZ leaky");
        string F(double v) => v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            new("1", LucasSalinityPaper.Claims[0].Claim,
                $"{conversion.Method.Id} ({conversion.Method.Formula}); {high} of {ece.Length} samples ≥ 2 dS/m; the other methods valid for every " +
                $"sample move {(valid.Length == 0 ? "-" : $"{valid.Min(s => s.Flipped)}–{valid.Max(s => s.Flipped)}")} samples across 2 dS/m " +
                $"({outside} methods are used outside their range for some samples)", "yes (method ours)",
                "the conversion is arithmetic: that the method decides the side of many samples holds for the twin's EC range, not only the twin"),
            new("1", LucasSalinityPaper.Claims[1].Claim, $"{covariates} covariates (twin: climate, terrain, soil, land cover, NDVI and LST 2012–2018, " +
                "CReSI from Sentinel-2-like bands) + GiZ per fold", covariates + 1 == SalinityCovariateList.All.Count ? "yes (list ours)" : "partly",
                "the poster shows groups, not a list: the members are our reading; EC is generated from a few of them (SalinityCovariateList.EcDrivers)"),
            new("2", LucasSalinityPaper.Claims[2].Claim, $"{classifiers.Count} classifiers; best F1 {best.Learner} {F(best.F1)} ± {F(best.F1Sd)}, " +
                $"PR-AUC {F(best.PrAuc)}", "yes (scores are the twin's)", Built),
            new("3", LucasSalinityPaper.Claims[3].Claim, $"two-step RMSE {F(two.Rmse)}, R² {F(two.R2)}" +
                (weighted is null ? "" : $"; P-weighted RMSE {F(weighted.Rmse)}, R² {F(weighted.R2)}") +
                (one is null ? "" : $"; one-step RMSE {F(one.Rmse)}, R² {F(one.R2)}"),
                one is null || two.Rmse < one.Rmse ? "yes (scores are the twin's)" : "pipeline yes; no gain over one-step in the twin", Built),
            new("4", "(not on the poster) GiZ as a covariate: honest per fold or leaky", $"R² honest {F(honest.R2)}, leaky {F(leaky.R2)}",
                "our addition", "the leaky column contains each test sample's own ECe, so its gain is an artefact in any data"),
            new("5", LucasSalinityPaper.Claims[4].Claim, $"best of {curve.Points.Count} thresholds by {curve.Score}: {curve.Best.Threshold} dS/m " +
                $"(RMSE {F(curve.Best.Rmse)}; one-step {F(curve.OneStepRmse)})", "done (twin)", Built),
            new("5", LucasSalinityPaper.Claims[5].Claim, $"FAO classes: macro F1 {F(fao.Classification.MacroF1)}, RMSE {F(fao.Regression.Rmse)}; " +
                $"class sizes {string.Join("/", Enumerable.Range(0, fao.OutOfFold.Labels.Count).Select(k => fao.ObservedClass.Count(c => c == k)))}",
                "done (twin)", "the rare strongly saline classes hold few twin samples"),
            MapClaim(map),
        ];
    }

    /// <summary>The results.json entries of the notebook (after mode, seed and sizes).</summary>
    public static IReadOnlyDictionary<string, object?> Results(EcConversionBatch conversion, IReadOnlyList<EcConversionSides> sides,
        IReadOnlyList<SalinityClassifierRow> classifiers, IReadOnlyList<SalinityRegressionRow> regression, IReadOnlyList<LeakageRow> leakage,
        ThresholdSearchCurve curve, TwoStepCrossValidation fao)
    {
        ArgumentNullException.ThrowIfNull(conversion); ArgumentNullException.ThrowIfNull(sides); ArgumentNullException.ThrowIfNull(classifiers);
        ArgumentNullException.ThrowIfNull(regression); ArgumentNullException.ThrowIfNull(leakage); ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(fao);
        static Dictionary<string, double> Reg(double rmse, double mae, double r2) => new() { ["rmse"] = rmse, ["mae"] = mae, ["r2"] = r2 };
        var ece = conversion.EceDeciSiemensPerMeter;
        LeakageRow L(string v) => leakage.First(r => r.Variant == v);
        return new Dictionary<string, object?>
        {
            ["conversion"] = new Dictionary<string, object?>
            {
                ["method"] = conversion.Method.Id, ["formula"] = conversion.Method.Formula, ["samples"] = ece.Length,
                ["at_or_above_2"] = ece.Count(v => v >= LucasSalinityPaper.Threshold),
                ["samples_flipped"] = sides.ToDictionary(s => s.Method, s => s.Flipped),
            },
            ["classifiers"] = classifiers.Select(c => new Dictionary<string, object>
            {
                ["name"] = c.Learner, ["precision"] = c.Precision, ["precision_sd"] = c.PrecisionSd, ["recall"] = c.Recall, ["recall_sd"] = c.RecallSd,
                ["f1"] = c.F1, ["f1_sd"] = c.F1Sd, ["pr_auc"] = c.PrAuc, ["pr_auc_sd"] = c.PrAucSd, ["pooled_f1"] = c.PooledF1, ["health"] = c.Health,
            }).ToArray(),
            ["regression"] = regression.ToDictionary(r => Key(r.Model), r => Reg(r.Rmse, r.Mae, r.R2)),
            ["leakage"] = new Dictionary<string, object>
            {
                ["variants"] = leakage.ToDictionary(r => Key(r.Variant), r => new Dictionary<string, double>
                    { ["rmse"] = r.Rmse, ["mae"] = r.Mae, ["r2"] = r.R2, ["high_f1"] = r.HighClassF1, ["pr_auc"] = r.PrAuc }),
                ["r2_inflation"] = L("GiZ leaky").R2 - L("GiZ honest").R2,
                ["rmse_reduction"] = L("GiZ honest").Rmse - L("GiZ leaky").Rmse,
            },
            ["threshold_search"] = new Dictionary<string, object>
            {
                ["score"] = curve.Score.ToString(), ["best"] = curve.Best.Threshold, ["one_step_rmse"] = curve.OneStepRmse,
                ["curve"] = curve.Points.Select(p => new Dictionary<string, object?>
                    { ["threshold"] = p.Threshold, ["high_count"] = p.HighCount, ["rmse"] = Finite(p.Rmse), ["r2"] = Finite(p.R2),
                      ["high_f1"] = Finite(p.HighClassF1), ["skipped"] = p.Skipped }).ToArray(),
            },
            ["multiclass"] = new Dictionary<string, object>
            {
                ["boundaries"] = SalinityClasses.FaoBoundaries, ["macro_f1"] = fao.Classification.MacroF1,
                ["regression"] = Reg(fao.Regression.Rmse, fao.Regression.Mae, fao.Regression.R2),
                ["classes"] = fao.Classification.PerClass.Select(c => new Dictionary<string, object?>
                    { ["class"] = c.Class, ["support"] = c.Support, ["f1"] = c.Support == 0 ? null : Finite(c.F1) }).ToArray(),
            },
        };
    }

    private static string Key(string name) =>
        new string(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray()).Trim('_').Replace("__", "_");

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static LeakageRow LeakRow(string name, TwoStepCrossValidation cv) =>
        new(name, cv.Regression.Rmse, cv.Regression.Mae, cv.Regression.R2, cv.Classification.PerClass[^1].F1, cv.HighClassAveragePrecision);

    private static SalinityRegressionRow Row(string model, IReadOnlyList<double> obs, IReadOnlyList<double> pred, double threshold)
    {
        var m = RegressionMetrics.Compute(obs, pred);
        double Rmse(bool above)
        {
            var idx = Enumerable.Range(0, obs.Count).Where(i => (obs[i] >= threshold) == above).ToArray();
            return idx.Length == 0 ? double.NaN : Math.Sqrt(idx.Average(i => Math.Pow(pred[i] - obs[i], 2)));
        }
        return new SalinityRegressionRow(model, m.Rmse, m.Mae, m.R2, Rmse(false), Rmse(true), obs.Count);
    }

    private static int IndexOf(IReadOnlyList<string> classes, string label)
    {
        for (int k = 0; k < classes.Count; k++) if (string.Equals(classes[k], label, StringComparison.Ordinal)) return k;
        return -1;
    }

    /// <summary>Precision, recall and F1 of the positive class; precision and F1 are 0 when nothing is predicted positive
    /// (scikit-learn's zero_division=0), recall is NaN without an observed positive.</summary>
    internal static (double Precision, double Recall, double F1) Scores(IReadOnlyList<bool> observed, IReadOnlyList<bool> predicted)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < observed.Count; i++)
        {
            if (predicted[i] && observed[i]) tp++;
            else if (predicted[i]) fp++;
            else if (observed[i]) fn++;
        }
        double p = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double r = tp + fn == 0 ? double.NaN : (double)tp / (tp + fn);
        double f = 2.0 * tp + fp + fn == 0 ? double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
        return (p, r, f);
    }

    private static double Mean(IReadOnlyList<double> v) => v.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();

    private static double Sd(IReadOnlyList<double> v)
    {
        var f = v.Where(double.IsFinite).ToArray();
        return f.Length < 2 ? double.NaN : Moments.StandardDeviation(f);
    }
}
