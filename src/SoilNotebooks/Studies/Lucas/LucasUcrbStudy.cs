using System.Globalization;
using SoilNotebooks.Datasets;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Salinity;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Lucas;

/// <summary>Options of <see cref="LucasUcrbStudy.Run"/>.</summary>
public sealed record LucasUcrbOptions
{
    /// <summary>
    /// The 1:2 → ECe method of <see cref="EcConversions"/> (default <see cref="LucasUcrbStudy.DefaultConversion"/>,
    /// Hogg &amp; Henry 1984 fine texture; see there why not the catalogue's medium-texture default).
    /// </summary>
    public string Conversion { get; init; } = LucasUcrbStudy.DefaultConversion;

    /// <summary>
    /// Keep horizons whose upper depth is below this (cm; default 30, the LUCAS-like topsoil analogue: LUCAS samples
    /// 0–20 cm). <see cref="double.PositiveInfinity"/> keeps every horizon.
    /// </summary>
    public double MaxTopDepthCm { get; init; } = LucasUcrbStudy.TopsoilMaxTopDepthCm;

    /// <summary>Folds, grouped by profile (≥ 2; default <see cref="Defaults.Folds"/>).</summary>
    public int Folds { get; init; } = Defaults.Folds;

    /// <summary>Seed of the grouped fold assignment (default 42).</summary>
    public int Seed { get; init; } = Defaults.Seed;
}

/// <summary>One line of <see cref="LucasUcrbResult.Summary"/>.</summary>
/// <param name="Quantity">What is counted or scored.</param>
/// <param name="Value">The value, formatted.</param>
/// <param name="Note">How it was obtained.</param>
public sealed record UcrbSummaryRow(string Quantity, string Value, string Note);

/// <summary>
/// The two-step pipeline of the LUCAS salinity notebook on the real USGS Upper Colorado River Basin table
/// (<see cref="LucasUcrbStudy.Run"/>): which horizons and covariates were used, the out-of-fold classifier scores of
/// the saline class and the two-step against one-step regression, with folds grouped by profile.
/// </summary>
/// <param name="Conversion">The EC 1:2 → ECe conversion of the used horizons.</param>
/// <param name="AllHorizons">Horizons in the table.</param>
/// <param name="AllProfiles">Profiles (pedon keys) in the table.</param>
/// <param name="Horizons">Horizons used (upper depth below <see cref="MaxTopDepthCm"/>).</param>
/// <param name="Profiles">Profiles with at least one used horizon.</param>
/// <param name="MaxTopDepthCm">The depth filter (cm; +∞ for all horizons).</param>
/// <param name="Covariates">Names of the feature columns.</param>
/// <param name="Profile">Pedon key per used horizon (the fold groups).</param>
/// <param name="Folds">The grouped fold assignment.</param>
/// <param name="Cv">The two-step cross-validation, with the one-step regression on the same folds.</param>
/// <param name="Regression">Two-step and one-step rows (RMSE, MAE, R², RMSE by observed side of 2 dS/m).</param>
public sealed record LucasUcrbResult(EcConversionBatch Conversion, int AllHorizons, int AllProfiles, int Horizons, int Profiles,
    double MaxTopDepthCm, IReadOnlyList<string> Covariates, IReadOnlyList<string> Profile, FoldAssignment Folds, TwoStepCrossValidation Cv,
    IReadOnlyList<SalinityRegressionRow> Regression)
{
    /// <summary>Horizons with ECe ≥ 2 dS/m.</summary>
    public int Saline => Conversion.EceDeciSiemensPerMeter.Count(v => v >= LucasSalinityPaper.Threshold);

    /// <summary>Share of used horizons with ECe ≥ 2 dS/m.</summary>
    public double SalineShare => (double)Saline / Horizons;

    /// <summary>Scores of the saline class in the pooled out-of-fold routing (the moved cut when the options move it).</summary>
    public ClassScores SalineClass => Cv.Classification.PerClass[^1];

    /// <summary>PR-AUC (average precision) of the out-of-fold P(saline).</summary>
    public double PrAuc => Cv.HighClassAveragePrecision;

    /// <summary>The two-step row of <see cref="Regression"/>.</summary>
    public SalinityRegressionRow TwoStep => Regression.First(r => r.Model == "two-step");

    /// <summary>The one-step row of <see cref="Regression"/>.</summary>
    public SalinityRegressionRow OneStep => Regression.First(r => r.Model == "one-step");

    /// <summary>The counts and scores as table rows.</summary>
    public IReadOnlyList<UcrbSummaryRow> Summary()
    {
        string depth = double.IsPositiveInfinity(MaxTopDepthCm) ? "all horizons" : F($"upper depth < {MaxTopDepthCm:0} cm");
        return
        [
            new("horizons (profiles) in the table", F($"{AllHorizons} ({AllProfiles})"), "USGS UCRB, NCSS laboratory EC 1:2"),
            new("horizons (profiles) used", F($"{Horizons} ({Profiles})"), depth),
            new("conversion", Conversion.Method.Id, Conversion.Method.Formula),
            new("outside the method's range", F($"{Conversion.OutOfRangeCount}"), "flagged, computed anyway"),
            new("ECe ≥ 2 dS/m", F($"{Saline} ({SalineShare:P1})"), "saline class"),
            new("covariates", F($"{Covariates.Count}"), "site covariates of the table + horizon mid-depth; no coordinates"),
            new("folds", F($"{Folds.K}"), "grouped by profile: no profile in two folds"),
            new("saline precision / recall / F1", F($"{SalineClass.Precision:0.000} / {SalineClass.Recall:0.000} / {SalineClass.F1:0.000}"),
                "pooled out-of-fold"),
            new("saline PR-AUC", F($"{PrAuc:0.000}"), F($"chance level {SalineShare:0.000}")),
            new("RMSE two-step / one-step", F($"{TwoStep.Rmse:0.000} / {OneStep.Rmse:0.000}"), "dS/m, out-of-fold"),
            new("R² two-step / one-step", F($"{TwoStep.R2:0.000} / {OneStep.R2:0.000}"), "out-of-fold"),
        ];
    }

    /// <summary>The entry of results.json (key <c>real_ucrb</c>): counts, conversion, classifier and both regressions.</summary>
    public IReadOnlyDictionary<string, object?> Result()
    {
        static Dictionary<string, double> Reg(SalinityRegressionRow r) => new()
            { ["rmse"] = r.Rmse, ["mae"] = r.Mae, ["r2"] = r.R2, ["rmse_below_2"] = r.RmseBelow, ["rmse_at_or_above_2"] = r.RmseAtOrAbove };
        return new Dictionary<string, object?>
        {
            ["dataset"] = UcrbSalinity.DatasetId,
            ["horizons_all"] = AllHorizons, ["profiles_all"] = AllProfiles,
            ["horizons"] = Horizons, ["profiles"] = Profiles,
            ["max_top_depth_cm"] = double.IsPositiveInfinity(MaxTopDepthCm) ? null : MaxTopDepthCm,
            ["conversion"] = new Dictionary<string, object?>
            {
                ["method"] = Conversion.Method.Id, ["formula"] = Conversion.Method.Formula, ["out_of_range"] = Conversion.OutOfRangeCount,
            },
            ["saline"] = Saline, ["saline_share"] = SalineShare,
            ["covariates"] = Covariates.ToArray(),
            ["folds"] = Folds.K, ["folds_grouped_by"] = "profile (Pedon_key)",
            ["classifier"] = new Dictionary<string, double>
            {
                ["precision"] = SalineClass.Precision, ["recall"] = SalineClass.Recall, ["f1"] = SalineClass.F1, ["pr_auc"] = PrAuc,
                ["mean_cut"] = Cv.FoldCuts.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(),
            },
            ["regression"] = new Dictionary<string, object> { ["two_step"] = Reg(TwoStep), ["one_step"] = Reg(OneStep) },
        };
    }

    /// <summary>The claims-table row of the real-data step (the poster has no UCRB result; this is ours).</summary>
    public LucasSalinityClaim Claim() => new("7",
        "a two-step model (classification at 2 dS/m, then one regressor per class) predicts ECe (poster Fig. 5 b)",
        F($"real UCRB horizons ({Horizons} from {Profiles} profiles, {Conversion.Method.Id}, folds by profile): saline F1 {SalineClass.F1:0.000}, ") +
        F($"PR-AUC {PrAuc:0.000}; RMSE two-step {TwoStep.Rmse:0.000} vs one-step {OneStep.Rmse:0.000} dS/m, R² {TwoStep.R2:0.000} vs {OneStep.R2:0.000}"),
        "partly (real data, not LUCAS)",
        "real EC and real site covariates, but a US basin with an EC 1:2 extract, site-level covariates shared by a profile's horizons " +
        "and no Gi*; it tests the pipeline on real salinity, not the poster's European numbers");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Step 7 of the LUCAS salinity notebook: the two-step pipeline (Zarif et al., poster) on the real USGS Upper Colorado
/// River Basin table (Nauman et al. 2019, Water Resources Research 55; EC of a 1:2 extract).
/// </summary>
/// <remarks>
/// <para><b>Conversion.</b> <see cref="DefaultConversion"/>, Hogg &amp; Henry (1984) for fine texture,
/// ECe = 2.16·EC1:2 + 0.03. The catalogue's default 1:2 method (<see cref="EcConversions.DefaultOneToTwo"/>, medium
/// texture, 2.35·EC1:2 − 0.36) has a negative intercept: below EC1:2 = 0.27 dS/m it gives an ECe smaller than the
/// extract's and below 0.15 dS/m a negative one: 43 % and 18 % of all UCRB horizons, 49 % and 19 % of the topsoil ones
/// (median EC1:2 0.31 dS/m, topsoil 0.27).
/// The fine-texture line is valid for every EC ≥ 0 and puts 2 dS/m at EC1:2 = 0.91, next to the medium line's 1.00;
/// the coarse line (2.79·EC1:2 + 0.71) would put it at 0.46. Saline topsoil horizons: 323 (fine), 314 (medium), 486 (coarse). The table has no texture, so no per-horizon texture
/// class can be chosen; the UCRB's saline soils are largely weathered from marine shales (Mancos), fine-textured.
/// A linear conversion only rescales the one-step errors (its R² does not change: forests are equivariant to an affine
/// target); the two-step model changes with it through which horizons count as saline.</para>
/// <para><b>Covariates.</b> Every covariate column of the table (<see cref="UcrbSalinityTable.CovariateNames"/>, by name:
/// Landsat band ratios, climate, terrain, NLCD and GAP codes) plus the horizon mid-depth. Left out: the target,
/// identifiers (DID, Sample_ID, Pedon_key), the coordinates (LONG_dec, LAT_dec, coords.x1/x2: with profiles in
/// separate folds they would let the forest interpolate between neighbouring profiles, which the poster's covariates
/// do only through GiZ, and that is step 4's leakage question), the coordinate-precision proxies latnchar/longnchar
/// (properties of the record, not the soil) and Hzn_depth (a thickness attribute, replaced by the explicit mid-depth).
/// The site covariates are the same for every horizon of a profile; depth is what tells them apart.</para>
/// <para><b>Depth.</b> Horizons with an upper depth below 30 cm (<see cref="TopsoilMaxTopDepthCm"/>) are the analogue
/// of the LUCAS 0–20 cm topsoil; <see cref="LucasUcrbOptions.MaxTopDepthCm"/> = +∞ uses every horizon.</para>
/// <para><b>Folds.</b> <see cref="Folds.Grouped"/> by Pedon_key: the horizons of one profile share site
/// covariates and similar EC, so splitting them between training and test would score interpolation within a
/// profile.</para>
/// </remarks>
public static class LucasUcrbStudy
{
    /// <summary>The conversion used: Hogg &amp; Henry (1984), fine texture (valid for every EC ≥ 0; see the remarks).</summary>
    public const string DefaultConversion = "hogg-henry-1984-fine";

    /// <summary>Default depth filter: horizons whose upper depth is below 30 cm (the topsoil analogue of LUCAS 0–20 cm).</summary>
    public const double TopsoilMaxTopDepthCm = 30;

    /// <summary>Name of the added depth covariate: (top + bottom) / 2, cm.</summary>
    public const string MidDepth = "mid_depth_cm";

    /// <summary>
    /// Loads nothing itself: selects the horizons, converts EC 1:2 → ECe, builds the covariates, assigns folds grouped by
    /// profile and cross-validates the two-step model (with the one-step regression on the same folds).
    /// </summary>
    /// <param name="table">The UCRB table (<see cref="UcrbSalinity.Load"/>).</param>
    /// <param name="twoStep">The two-step options (the notebook's: balanced RF classifier, moved cut, RF regressors).</param>
    /// <param name="options">Conversion, depth filter, folds and seed (defaults: <see cref="LucasUcrbOptions"/>).</param>
    /// <exception cref="ArgumentException">No horizon passes the depth filter, an unknown or non-1:2 method, or too few profiles for the folds.</exception>
    public static LucasUcrbResult Run(UcrbSalinityTable table, TwoStepOptions twoStep, LucasUcrbOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(twoStep);
        options ??= new LucasUcrbOptions();
        Check.Positive(options.Folds, "Folds");
        if (!(options.MaxTopDepthCm > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.MaxTopDepthCm,
            $"MaxTopDepthCm must be > 0 cm (+∞ for every horizon; got {options.MaxTopDepthCm}).");
        var method = EcConversions.Get(options.Conversion);
        if (method.Extract != ExtractRatio.OneToTwo)
            throw new ArgumentException($"Method '{method.Id}' converts a 1:5 extract; the UCRB table has EC 1:2 (use a 1:2 method, e.g. " +
                $"'{DefaultConversion}').", nameof(options));
        var used = table.Horizons.Where(h => h.TopDepthCm < options.MaxTopDepthCm).ToArray();
        if (used.Length == 0) throw new ArgumentException($"No horizon has an upper depth below {options.MaxTopDepthCm} cm.", nameof(options));
        var profile = used.Select(h => h.PedonKey).ToArray();
        int profiles = profile.Distinct(StringComparer.Ordinal).Count();
        if (profiles < options.Folds)
            throw new ArgumentException($"{profiles} profiles cannot fill {options.Folds} folds grouped by profile.", nameof(options));
        var subset = table with { Horizons = used };
        var conversion = subset.Ec12().ToEce(method.Id);
        var x = Covariates(subset);
        var folds = Folds.Grouped(profile, options.Folds, options.Seed);
        var cv = TwoStepModel.CrossValidate(x, conversion.EceDeciSiemensPerMeter, folds, twoStep, compareOneStep: true);
        return new LucasUcrbResult(conversion, table.Horizons.Count, table.ProfileCount, used.Length, profiles, options.MaxTopDepthCm,
            x.Names.ToArray(), profile, folds, cv, LucasSalinityStudy.RegressionRows(cv));
    }

    /// <summary>
    /// The feature table of the study: every covariate column of the table by name, then <see cref="MidDepth"/>
    /// (identifiers, target, coordinates and record metadata are not covariate columns of the loader; see the remarks
    /// of <see cref="LucasUcrbStudy"/>).
    /// </summary>
    public static FeatureTable Covariates(UcrbSalinityTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = table.CovariateNames.Where(n => !ExcludedCovariates.Contains(n)).ToList();
        var cols = names.Select(n => table.Horizons.Select(h => h.Covariates[n]).ToArray()).ToList();
        names.Add(MidDepth);
        cols.Add(table.Horizons.Select(h => (h.TopDepthCm + h.BottomDepthCm) / 2).ToArray());
        return FeatureTable.FromColumns(cols, names);
    }

    /// <summary>
    /// Columns never used as covariates even if a loader lists them: identifiers, target, coordinates and
    /// coordinate-precision proxies (the loader already keeps them out of <see cref="UcrbSalinityTable.CovariateNames"/>).
    /// </summary>
    public static IReadOnlySet<string> ExcludedCovariates { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "DID", "ec_12pre", "Sample_ID", "Pedon_key", "LONG_dec", "LAT_dec", "coords.x1", "coords.x2", "latnchar", "longnchar",
        "depth_t", "depth_b", "Hzn_depth",
    };
}
