using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Crns;

/// <summary>Skill of the emulator at one site (test period).</summary>
/// <param name="SiteId">Site.</param>
/// <param name="LandCover">Land cover.</param>
/// <param name="TrainDays">Training days (with CRNS and predictors).</param>
/// <param name="TestDays">Test days.</param>
/// <param name="PearsonR">r on the test days.</param>
/// <param name="RmseCm3PerCm3">RMSE, m³/m³.</param>
/// <param name="Kge">KGE.</param>
public sealed record EmulatorSiteSkill(string SiteId, string LandCover, int TrainDays, int TestDays, double PearsonR, double RmseCm3PerCm3, double Kge);

/// <summary>The emulator of step 4.</summary>
/// <param name="PerSite">Per-site 1D forests: trained on the first 2.4 years, scored on the rest.</param>
/// <param name="Focus">The Merzenhausen-like site's test-period prediction (the first cropland site).</param>
/// <param name="LeaveSiteOut">One forest across sites, out-of-site predictions (leave-one-site-out).</param>
/// <param name="LeaveSiteOutPerSite">Leave-site-out skill per held-out site.</param>
/// <param name="Importance">Permutation importance of the across-site forest (all rows).</param>
/// <param name="AcrossSites">The across-site forest fitted on every site's rows (dynamic and static predictors), the one
/// a map applies (step 7); null when not kept.</param>
public sealed record EmulatorResult(IReadOnlyList<EmulatorSiteSkill> PerSite, Prediction Focus, Prediction LeaveSiteOut,
    IReadOnlyList<EmulatorSiteSkill> LeaveSiteOutPerSite, IReadOnlyList<FeatureImportance> Importance, RandomForestRegression? AcrossSites = null);

/// <summary>
/// The emulator of Schmidt et al. 2023: a random forest (Breiman 2001) from remote-sensing predictors to CRNS θ.
/// Daily predictors (observations carried forward to the day until the next one): SSM, SWI, NDVI, LST, precipitation
/// (day and 7-day sum), potential evapotranspiration; across sites also elevation (terrain), clay and sand.
/// </summary>
public static class CrnsEmulator
{
    /// <summary>Dynamic predictors of the per-site forest.</summary>
    public static IReadOnlyList<string> DynamicPredictors { get; } = ["ssm", "swi", "ndvi", "lst", "precip", "precip_7d", "pet"];

    /// <summary>Static predictors added across sites.</summary>
    public static IReadOnlyList<string> StaticPredictors { get; } = ["elevation", "clay", "sand"];

    /// <summary>The predictor rows of a site (days with CRNS and every predictor finite): features and target.</summary>
    public static (double[][] X, double[] Y, int[] Days) Rows(CrnsSiteSeries s, bool withStatic)
    {
        ArgumentNullException.ThrowIfNull(s);
        double[]? statics = withStatic ? [s.Site.ElevationMeters, s.Site.ClayPercent, s.Site.SandPercent] : null;
        var (x, days) = PredictorRows(s.Products[CrnsProducts.Names[0]], s.Products[CrnsProducts.Names[1]], s.Days.Select(d => d.Ndvi).ToArray(),
            s.Days.Select(d => d.LandSurfaceTemperatureCelsius).ToArray(), s.Days.Select(d => d.PrecipitationMm).ToArray(),
            s.Days.Select(d => d.PotentialEvapotranspirationMm).ToArray(), statics, s.Crns);
        return (x, days.Select(i => s.Crns[i]).ToArray(), days);
    }

    /// <summary>
    /// The predictor rows of any daily series (a site, a grid cell): SSM and SWI (volumetric, NaN between observations)
    /// and LST carried forward to the day until the next observation, NDVI, precipitation of the day and the 7-day sum
    /// (the day and the six before), PET, then the <paramref name="statics"/> (elevation, clay, sand) when given. Days
    /// where any predictor (or the <paramref name="target"/>, when given) is not finite are left out.
    /// </summary>
    /// <returns>The rows and their day indices.</returns>
    public static (double[][] X, int[] Days) PredictorRows(IReadOnlyList<double> ssm, IReadOnlyList<double> swi, IReadOnlyList<double> ndvi,
        IReadOnlyList<double> lst, IReadOnlyList<double> precipitation, IReadOnlyList<double> pet, IReadOnlyList<double>? statics = null,
        IReadOnlyList<double>? target = null)
    {
        ArgumentNullException.ThrowIfNull(ssm); ArgumentNullException.ThrowIfNull(swi); ArgumentNullException.ThrowIfNull(ndvi);
        ArgumentNullException.ThrowIfNull(lst); ArgumentNullException.ThrowIfNull(precipitation); ArgumentNullException.ThrowIfNull(pet);
        int n = ssm.Count;
        foreach (var (len, name) in new[] { (swi.Count, "swi"), (ndvi.Count, "ndvi"), (lst.Count, "lst"), (precipitation.Count, "precipitation"),
            (pet.Count, "pet"), (target?.Count ?? n, "target") })
            Check.SameLength(n, len, $"ssm and {name}");
        if (statics is not null && statics.Count != StaticPredictors.Count)
            throw new ArgumentException($"statics must hold {string.Join(", ", StaticPredictors)} (got {statics.Count} values).", nameof(statics));
        var cs = CarryForward(ssm); var cw = CarryForward(swi); var cl = CarryForward(lst);
        var x = new List<double[]>(); var days = new List<int>();
        for (int i = 0; i < n; i++)
        {
            double p7 = 0; for (int k = Math.Max(0, i - 6); k <= i; k++) p7 += precipitation[k];
            double[] dyn = [cs[i], cw[i], ndvi[i], cl[i], precipitation[i], p7, pet[i]];
            double[] row = statics is null ? dyn : [.. dyn, .. statics];
            if ((target is not null && !double.IsFinite(target[i])) || !row.All(double.IsFinite)) continue;
            x.Add(row); days.Add(i);
        }
        return (x.ToArray(), days.ToArray());
    }

    /// <summary>Share of the rows each tree of an across-site forest draws (with replacement; ranger's sample.fraction).</summary>
    public const double AcrossSiteSampleFraction = 0.25;

    /// <summary>Histogram bins of an across-site forest's split search (exact splits below this many distinct values).</summary>
    public const int AcrossSiteMaxBins = 256;

    /// <summary>
    /// The forest across sites (leave-site-out CV, importance, the map's forest, the pseudoproxy's): <paramref name="trees"/>
    /// trees, each on a bootstrap of a quarter of the rows with histogram splits of at most 256 bins. A departure from
    /// ranger's defaults (a bootstrap of every row, exact splits) made for time: across 52 sites × 6 years there are
    /// ≈ 110,000 daily rows, strongly autocorrelated within a site, and a quarter of them per tree loses no skill — on the
    /// full-mode twin, leave-site-out over 11 held-out sites with 100 trees: r 0.9371 (every row, exact) against 0.9375
    /// (a quarter, 256 bins), RMSE 0.0270 both, at 63 against 17 ms per tree. Per-site forests (≈ 800 rows) keep the defaults.
    /// </summary>
    public static RandomForestOptions AcrossSiteOptions(int trees = Defaults.Trees, int seed = Defaults.Seed) =>
        new() { Trees = trees, Seed = seed, SampleFraction = AcrossSiteSampleFraction, MaxBins = AcrossSiteMaxBins };

    /// <summary>Predictor names of the across-site forest: <see cref="DynamicPredictors"/> then <see cref="StaticPredictors"/>.</summary>
    public static IReadOnlyList<string> AllPredictors { get; } = [.. DynamicPredictors, .. StaticPredictors];

    /// <summary>Trains and scores the emulator (per site, then leave-site-out) with <paramref name="trees"/> trees.</summary>
    public static EmulatorResult Run(ProductComparison comparison, int trees = Defaults.Trees, int seed = Defaults.Seed,
        double trainingYears = CrnsPaper.EmulatorTrainingYears)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var forest = new RandomForestOptions { Trees = trees, Seed = seed };
        var perSite = new List<EmulatorSiteSkill>();
        Prediction? focus = null;
        var focusSite = comparison.Sites.FirstOrDefault(s => s.Site.LandCover == "Cropland") ?? comparison.Sites[0];
        foreach (var s in comparison.Sites)
        {
            var (x, y, days) = Rows(s, withStatic: false);
            int cut = (int)Math.Round(trainingYears * 365.25);
            var train = Enumerable.Range(0, y.Length).Where(i => days[i] < cut).ToArray();
            var test = Enumerable.Range(0, y.Length).Where(i => days[i] >= cut).ToArray();
            if (train.Length < 30 || test.Length < 10) continue;
            var rf = RandomForest.FitRegression(FeatureTable.FromRows(train.Select(i => x[i]).ToArray(), DynamicPredictors),
                train.Select(i => y[i]).ToArray(), forest);
            var pred = rf.Predict(FeatureTable.FromRows(test.Select(i => x[i]).ToArray(), DynamicPredictors));
            var prediction = new Prediction(test.Select(i => s.Dates[days[i]].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                test.Select(i => y[i]).ToArray(), pred, model: $"RF {s.Site.SiteId}", target: "CRNS θ", unit: "m³/m³");
            var m = prediction.Metrics;
            perSite.Add(new EmulatorSiteSkill(s.Site.SiteId, s.Site.LandCover, train.Length, test.Length, m.PearsonR, m.Rmse, m.Kge));
            if (s == focusSite) focus = prediction;
        }

        var all = comparison.Sites.Select(s => (s, Rows(s, withStatic: true))).ToArray();
        var names = AllPredictors;
        var ax = all.SelectMany(a => a.Item2.X).ToArray();
        var ay = all.SelectMany(a => a.Item2.Y).ToArray();
        var groups = all.SelectMany(a => Enumerable.Repeat(a.s.Site.SiteId, a.Item2.Y.Length)).ToArray();
        var ids = all.SelectMany(a => a.Item2.Days.Select(d => a.s.Site.SiteId + "/" + d)).ToArray();
        var table = FeatureTable.FromRows(ax, names);
        var across = AcrossSiteOptions(trees, seed);
        var loso = ForestCrossValidation.RandomForest(table, ay, Folds.Grouped(groups), across,
            new CrossValidationOptions { Model = "RF leave-site-out", Target = "CRNS θ", Unit = "m³/m³", Ids = ids });
        var losoSites = comparison.Sites.Select(s =>
        {
            var rows = Enumerable.Range(0, groups.Length).Where(i => groups[i] == s.Site.SiteId).ToArray();
            if (rows.Length < 3) return null;
            var m = RegressionMetrics.Compute(rows.Select(i => ay[i]).ToArray(), rows.Select(i => loso.Predicted[i]).ToArray());
            return new EmulatorSiteSkill(s.Site.SiteId, s.Site.LandCover, ay.Length - rows.Length, rows.Length, m.PearsonR, m.Rmse, m.Kge);
        }).OfType<EmulatorSiteSkill>().ToArray();
        var imp = RandomForest.FitRegression(table, ay, across with { Importance = ForestImportance.Permutation });
        return new EmulatorResult(perSite, focus ?? throw new InvalidOperationException("No site had enough days for the per-site emulator."),
            loso, losoSites, imp.Importances(), imp);
    }

    /// <summary>Each value carried forward to the following days until the next finite one (NaN before the first).</summary>
    public static double[] CarryForward(IReadOnlyList<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var r = new double[v.Count]; double last = double.NaN;
        for (int i = 0; i < v.Count; i++) { if (double.IsFinite(v[i])) last = v[i]; r[i] = last; }
        return r;
    }
}
