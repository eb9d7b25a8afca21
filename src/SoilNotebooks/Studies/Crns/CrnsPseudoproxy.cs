using System.Globalization;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Moisture;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Crns;

/// <summary>Options of the pseudoproxy experiment.</summary>
/// <param name="Seeds">Field realisations (seed slot k uses seed + 1000·k for the field and the forest; default 3).</param>
/// <param name="Trees">Trees of the forest.</param>
/// <param name="Seed">Base seed.</param>
/// <param name="CellDegrees">Grid cell size of the ERA5-Land-like field, degrees (default 1°).</param>
/// <param name="DayStride">Every how many days a grid cell is scored (default 4; the forest trains on every site day).</param>
/// <param name="SpinUpDays">Days at the start that are neither trained on nor scored (default 90: the SWI and the water
/// balance settle).</param>
public sealed record PseudoproxyOptions(int Seeds = 3, int Trees = Defaults.Trees, int Seed = Defaults.Seed, double CellDegrees = 1.0,
    int DayStride = 4, int SpinUpDays = 90)
{
    /// <summary>Distance bins, km: [0, 100), [100, 200), [200, 300), [300, 500), [500, ∞).</summary>
    public IReadOnlyList<double> DistanceEdgesKm { get; init; } = [0, 100, 200, 300, 500, double.PositiveInfinity];

    /// <summary>Climate-dissimilarity bins (standardised units, see <see cref="CrnsPseudoproxy.ClimateDissimilarity"/>):
    /// [0, 0.25), [0.25, 0.5), [0.5, 1), [1, ∞).</summary>
    public IReadOnlyList<double> DissimilarityEdges { get; init; } = [0, 0.25, 0.5, 1, double.PositiveInfinity];

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        Check.InRange(Seeds, 1, 100, nameof(Seeds));
        Check.InRange(Trees, 1, 100_000, nameof(Trees));
        Check.InRange(DayStride, 1, 365, nameof(DayStride));
        Check.InRange(SpinUpDays, 0, 3650, nameof(SpinUpDays));
        CrnsPseudoproxy.CheckEdges(DistanceEdgesKm, nameof(DistanceEdgesKm));
        CrnsPseudoproxy.CheckEdges(DissimilarityEdges, nameof(DissimilarityEdges));
    }
}

/// <summary>The skill at one off-site grid cell in one field realisation.</summary>
/// <param name="Seed">The realisation's seed.</param>
/// <param name="CellId">Cell id ("r3c7").</param>
/// <param name="LatitudeDegrees">Cell centre latitude.</param>
/// <param name="LongitudeDegrees">Cell centre longitude.</param>
/// <param name="DistanceKm">Great-circle distance to the nearest training site, km.</param>
/// <param name="Dissimilarity">Climate dissimilarity to the nearest training site in climate space (standardised).</param>
/// <param name="Days">Days scored.</param>
/// <param name="PearsonR">Emulator r against the ERA5-Land-like truth.</param>
/// <param name="RmseCm3PerCm3">Emulator RMSE, m³/m³.</param>
/// <param name="UbRmseCm3PerCm3">Emulator ubRMSE, m³/m³.</param>
/// <param name="Kge">Emulator KGE.</param>
/// <param name="NearestSiteR">r of the nearest site's pseudo-observations taken as the cell's (the no-model baseline).</param>
/// <param name="NearestSiteRmseCm3PerCm3">RMSE of that baseline.</param>
/// <param name="NearestSiteKge">KGE of that baseline.</param>
public sealed record PseudoproxyCell(int Seed, string CellId, double LatitudeDegrees, double LongitudeDegrees, double DistanceKm,
    double Dissimilarity, int Days, double PearsonR, double RmseCm3PerCm3, double UbRmseCm3PerCm3, double Kge, double NearestSiteR,
    double NearestSiteRmseCm3PerCm3, double NearestSiteKge);

/// <summary>Skill in one bin (of distance or of climate dissimilarity): per seed the median over the bin's cells, then the
/// mean and sample SD of those medians over seeds.</summary>
/// <param name="Axis">"distance (km)" or "climate dissimilarity".</param>
/// <param name="Bin">Label, e.g. "100–200" (lower edge inclusive, upper exclusive).</param>
/// <param name="Seeds">Seeds with at least 3 cells in the bin.</param>
/// <param name="Cells">Cells per seed (mean).</param>
/// <param name="PearsonR">Emulator r: mean over seeds of the median.</param>
/// <param name="PearsonRSd">Its SD over seeds.</param>
/// <param name="RmseCm3PerCm3">Emulator RMSE, m³/m³ (mean over seeds of the median).</param>
/// <param name="RmseSd">Its SD over seeds.</param>
/// <param name="UbRmseCm3PerCm3">Emulator ubRMSE, m³/m³.</param>
/// <param name="Kge">Emulator KGE.</param>
/// <param name="KgeSd">Its SD over seeds.</param>
/// <param name="NearestSiteR">Baseline r (nearest site's series).</param>
/// <param name="NearestSiteKge">Baseline KGE.</param>
public sealed record PseudoproxyBin(string Axis, string Bin, int Seeds, double Cells, double PearsonR, double PearsonRSd,
    double RmseCm3PerCm3, double RmseSd, double UbRmseCm3PerCm3, double Kge, double KgeSd, double NearestSiteR, double NearestSiteKge);

/// <summary>One field realisation of the experiment.</summary>
/// <param name="Seed">Its seed.</param>
/// <param name="TrainingSites">Sites whose pseudo-observations trained the forest.</param>
/// <param name="TrainingRows">Site days the forest trained on.</param>
/// <param name="SiteCellsExcluded">Grid cells holding a site, left out of the scoring.</param>
/// <param name="SwiTDays">T of the SWI at every location: the median over sites of T fitted against the pseudo-observations.</param>
/// <param name="Cells">Per off-site cell skill.</param>
public sealed record PseudoproxyRun(int Seed, int TrainingSites, int TrainingRows, int SiteCellsExcluded, double SwiTDays, IReadOnlyList<PseudoproxyCell> Cells);

/// <summary>The pseudoproxy experiment over all seeds.</summary>
/// <param name="Options">Options.</param>
/// <param name="Runs">One run per field realisation.</param>
/// <param name="ByDistance">Skill by distance to the nearest training site.</param>
/// <param name="ByDissimilarity">Skill by climate dissimilarity.</param>
/// <param name="Overall">All off-site cells in one bin.</param>
public sealed record PseudoproxyResult(PseudoproxyOptions Options, IReadOnlyList<PseudoproxyRun> Runs, IReadOnlyList<PseudoproxyBin> ByDistance,
    IReadOnlyList<PseudoproxyBin> ByDissimilarity, PseudoproxyBin Overall)
{
    /// <summary>Per seed, Spearman's ρ between a cell's distance to the nearest site and its emulator r.</summary>
    public IReadOnlyList<double> SpearmanDistanceR => Runs.Select(r => Statistics.Correlation.Spearman(
        r.Cells.Select(c => c.DistanceKm).ToArray(), r.Cells.Select(c => c.PearsonR).ToArray())).ToArray();

    /// <summary>Per seed, Spearman's ρ between a cell's climate dissimilarity and its emulator r.</summary>
    public IReadOnlyList<double> SpearmanDissimilarityR => Runs.Select(r => Statistics.Correlation.Spearman(
        r.Cells.Select(c => c.Dissimilarity).ToArray(), r.Cells.Select(c => c.PearsonR).ToArray())).ToArray();
}

/// <summary>
/// The slides' pseudoproxy experiment (next step 2), in the twin: ERA5-Land-like soil moisture at the site locations is
/// taken as pseudo-observations, the emulator (the across-site random forest on the remote-sensing predictors and
/// elevation, clay and sand, <see cref="CrnsEmulator"/>) is trained on them and applied at every land grid cell that holds
/// no site, and its estimate is scored against the ERA5-Land-like truth there (r, RMSE, ubRMSE, KGE per cell over the
/// scored days), as a function of the distance to the nearest training site and of the climate dissimilarity. The nearest
/// site's pseudo-observations taken as the cell's are the baseline a map without a model would give.
/// </summary>
/// <remarks>
/// What the twin can and cannot show: the ERA5-Land-like truth and the predictors come from one water balance
/// (<see cref="CrnsEra5Twin.Field"/>), so the relation the forest learns is built in, with the same form everywhere;
/// skill off-site then falls where the soils, the climate or the smooth model offset differ from the training sites'.
/// A real experiment would pair real Sentinel-1, MODIS and precipitation products with real ERA5-Land, whose relation is
/// looser and not the same everywhere.
/// </remarks>
public static class CrnsPseudoproxy
{
    /// <summary>Earth's mean radius, km (IUGG).</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance by the haversine formula, km.</summary>
    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        double r = Math.PI / 180, dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r;
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * r) * Math.Cos(lat2 * r) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Distance from a point to the nearest of <paramref name="sites"/>, km, and that site's index.</summary>
    public static (double Km, int Index) NearestSite(double lat, double lon, IReadOnlyList<(double Lat, double Lon)> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        if (sites.Count == 0) throw new ArgumentException("At least one site is needed.", nameof(sites));
        double best = double.PositiveInfinity; int index = -1;
        for (int i = 0; i < sites.Count; i++)
        {
            double d = HaversineKm(lat, lon, sites[i].Lat, sites[i].Lon);
            if (d < best) { best = d; index = i; }
        }
        return (best, index);
    }

    /// <summary>The climate covariates of a unit: mean air temperature (°C), mean annual precipitation (mm/year), aridity (PET/P).</summary>
    public static double[] ClimateCovariates(CrnsFieldUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return [unit.MeanAirTemperatureCelsius, unit.AnnualPrecipitationMm, unit.AridityIndex];
    }

    /// <summary>
    /// Climate dissimilarity of each target to the training set: the Euclidean distance, in covariates standardised by the
    /// training sites' mean and sample SD (as the dissimilarity index of Meyer &amp; Pebesma 2021 standardises), to the
    /// nearest training site in that space. 0 for a target with the climate of a training site.
    /// </summary>
    /// <param name="training">Covariates of the training sites (rows), at least two.</param>
    /// <param name="targets">Covariates of the targets.</param>
    public static double[] ClimateDissimilarity(IReadOnlyList<double[]> training, IReadOnlyList<double[]> targets)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(targets);
        if (training.Count < 2) throw new ArgumentException($"At least two training sites are needed (got {training.Count}).", nameof(training));
        int k = training[0].Length;
        var mean = new double[k]; var sd = new double[k];
        for (int j = 0; j < k; j++)
        {
            var col = training.Select(r => r[j]).ToArray();
            mean[j] = col.Average();
            double s = Statistics.Moments.StandardDeviation(col);
            sd[j] = s > 0 ? s : 1;
        }
        return targets.Select(t =>
        {
            Check.SameLength(k, t.Length, "target and training covariates");
            double best = double.PositiveInfinity;
            foreach (var r in training)
            {
                double d2 = 0;
                for (int j = 0; j < k; j++) { double d = (t[j] - r[j]) / sd[j]; d2 += d * d; }
                best = Math.Min(best, d2);
            }
            return Math.Sqrt(best);
        }).ToArray();
    }

    /// <summary>The bin of a value: i with edges[i] ≤ value &lt; edges[i + 1], or −1 outside (or NaN).</summary>
    public static int BinOf(double value, IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        for (int i = 0; i + 1 < edges.Count; i++)
            if (value >= edges[i] && value < edges[i + 1]) return i;
        return -1;
    }

    /// <summary>"100–200", "500+" for bin i of the edges.</summary>
    public static string BinLabel(IReadOnlyList<double> edges, int i)
    {
        ArgumentNullException.ThrowIfNull(edges);
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        return double.IsPositiveInfinity(edges[i + 1]) ? $"{F(edges[i])}+" : $"{F(edges[i])}–{F(edges[i + 1])}";
    }

    internal static void CheckEdges(IReadOnlyList<double>? edges, string name)
    {
        if (edges is null || edges.Count < 2) throw new ArgumentException($"{name} needs at least two edges.", name);
        for (int i = 1; i < edges.Count; i++)
            if (!(edges[i] > edges[i - 1])) throw new ArgumentException($"{name} must increase (got {string.Join(", ", edges)}).", name);
    }

    /// <summary>The grid cells that may be scored: land cells holding no site (a site's cell never scores the site's own pseudo-observations).</summary>
    public static IReadOnlyList<CrnsFieldUnit> OffSiteCells(CrnsField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Units.Where(u => !u.IsSite && !u.ContainsSite).ToArray();
    }

    /// <summary>The daily SSM (volumetric: % of saturation × porosity) and SWI of a unit, NaN between observations.</summary>
    public static (double[] Ssm, double[] Swi) SurfaceSeries(CrnsField field, CrnsFieldUnit unit, double swiTDays)
    {
        var ssm = Ssm(field, unit);
        return (ssm, SoilWaterIndex.Filter(Days(field), ssm, swiTDays));
    }

    private static double[] Ssm(CrnsField field, CrnsFieldUnit unit)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(unit);
        return field.Series[unit.Index].SsmPercent.Select(v => v / 100 * unit.Porosity).ToArray();
    }

    /// <summary>The emulator's predictor rows of a unit (<see cref="CrnsEmulator.PredictorRows"/>, static predictors included).</summary>
    public static (double[][] X, int[] Days) Rows(CrnsField field, CrnsFieldUnit unit, double swiTDays, IReadOnlyList<double>? target = null)
    {
        var (ssm, swi) = SurfaceSeries(field, unit, swiTDays);
        var s = field.Series[unit.Index];
        return CrnsEmulator.PredictorRows(ssm, swi, s.Ndvi, s.LstCelsius, s.PrecipitationMm, s.PetMm,
            [unit.ElevationMeters, unit.ClayPercent, unit.SandPercent], target);
    }

    /// <summary>One realisation: trains on the sites' pseudo-observations of <paramref name="field"/> and scores every off-site cell.</summary>
    public static PseudoproxyRun Score(CrnsField field, int trees = Defaults.Trees, int seed = Defaults.Seed, int dayStride = 4, int spinUpDays = 90)
    {
        ArgumentNullException.ThrowIfNull(field);
        Check.InRange(dayStride, 1, 365, nameof(dayStride));
        var sites = field.Sites;
        var days = Days(field);
        var fits = sites.Select(u => SoilWaterIndex.FitT(days, Ssm(field, u), field.Series[u.Index].Era5LandCm3PerCm3).TDays).ToArray();
        double tDays = ProductSkillMetrics.Median(fits);
        var x = new List<double[]>(); var y = new List<double>();
        foreach (var u in sites)
        {
            var truth = field.Series[u.Index].Era5LandCm3PerCm3;
            var (rows, idx) = Rows(field, u, tDays, truth);
            for (int i = 0; i < rows.Length; i++)
                if (idx[i] >= spinUpDays) { x.Add(rows[i]); y.Add(truth[idx[i]]); }
        }
        if (y.Count < 30) throw new InvalidOperationException($"Only {y.Count} site days with every predictor: too few to train the emulator.");
        var forest = RandomForest.FitRegression(FeatureTable.FromRows(x, CrnsEmulator.AllPredictors), y, CrnsEmulator.AcrossSiteOptions(trees, seed));

        var sitePoints = sites.Select(u => (u.LatitudeDegrees, u.LongitudeDegrees)).ToArray();
        var siteClimate = sites.Select(ClimateCovariates).ToArray();
        var cells = OffSiteCells(field);
        var dissimilarity = ClimateDissimilarity(siteClimate, cells.Select(ClimateCovariates).ToArray());
        var scored = new List<PseudoproxyCell>();
        for (int c = 0; c < cells.Count; c++)
        {
            var u = cells[c];
            var truth = field.Series[u.Index].Era5LandCm3PerCm3;
            var (rows, idx) = Rows(field, u, tDays);
            var keep = Enumerable.Range(0, rows.Length).Where(i => idx[i] >= spinUpDays && (idx[i] - spinUpDays) % dayStride == 0).ToArray();
            if (keep.Length < 10) continue;
            var pred = forest.Predict(FeatureTable.FromRows(keep.Select(i => rows[i]).ToArray(), CrnsEmulator.AllPredictors));
            var obs = keep.Select(i => truth[idx[i]]).ToArray();
            var (km, nearest) = NearestSite(u.LatitudeDegrees, u.LongitudeDegrees, sitePoints);
            var baseline = keep.Select(i => field.Series[sites[nearest].Index].Era5LandCm3PerCm3[idx[i]]).ToArray();
            var m = RegressionMetrics.Compute(obs, pred);
            var b = RegressionMetrics.Compute(obs, baseline);
            scored.Add(new PseudoproxyCell(seed, u.Id, u.LatitudeDegrees, u.LongitudeDegrees, km, dissimilarity[c], keep.Length,
                m.PearsonR, m.Rmse, m.UnbiasedRmse, m.Kge, b.PearsonR, b.Rmse, b.Kge));
        }
        int siteCells = field.Cells.Count(u => u.ContainsSite);
        return new PseudoproxyRun(seed, sites.Count, y.Count, siteCells, tDays, scored);
    }

    /// <summary>
    /// The experiment: per seed slot k a new field realisation (<see cref="CrnsEra5Twin.Field"/> with seed + 1000·k around
    /// the twin's sites, over the twin's period) and a forest with the same seed; then skill by distance and by climate
    /// dissimilarity with its spread over seeds.
    /// </summary>
    public static PseudoproxyResult Run(CrnsTwinData twin, PseudoproxyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var o = options ?? new PseudoproxyOptions();
        o.Validate();
        if (twin.Sites.Count < 2) throw new ArgumentException("The pseudoproxy experiment needs at least two sites.", nameof(twin));
        var runs = Enumerable.Range(0, o.Seeds).Select(k =>
        {
            int seed = o.Seed + 1000 * k;
            var field = CrnsEra5Twin.Field(twin, new CrnsFieldOptions(o.CellDegrees, Seed: seed));
            return Score(field, o.Trees, seed, o.DayStride, o.SpinUpDays);
        }).ToArray();
        return Summarise(o, runs);
    }

    /// <summary>Bins the runs' cells by distance and by dissimilarity (per seed the median of each bin, then mean and SD over seeds).</summary>
    public static PseudoproxyResult Summarise(PseudoproxyOptions options, IReadOnlyList<PseudoproxyRun> runs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runs);
        const string distance = "distance (km)", climate = "climate dissimilarity";
        IReadOnlyList<PseudoproxyBin> By(string axis, IReadOnlyList<double> edges, Func<PseudoproxyCell, double> f) =>
            Enumerable.Range(0, edges.Count - 1).Select(i => Bin(axis, BinLabel(edges, i),
                runs.Select(r => r.Cells.Where(c => BinOf(f(c), edges) == i).ToArray()).ToArray())).ToArray();
        return new PseudoproxyResult(options, runs, By(distance, options.DistanceEdgesKm, c => c.DistanceKm),
            By(climate, options.DissimilarityEdges, c => c.Dissimilarity),
            Bin("all off-site cells", "all", runs.Select(r => r.Cells.ToArray()).ToArray()));
    }

    private static PseudoproxyBin Bin(string axis, string label, PseudoproxyCell[][] perSeed)
    {
        var ok = perSeed.Where(c => c.Length >= 3).ToArray();
        double Mean(Func<PseudoproxyCell, double> f) => ok.Length == 0 ? double.NaN : ok.Average(c => ProductSkillMetrics.Median(c.Select(f)));
        double Sd(Func<PseudoproxyCell, double> f) => ok.Length < 2 ? double.NaN
            : Statistics.Moments.StandardDeviation(ok.Select(c => ProductSkillMetrics.Median(c.Select(f))).ToArray());
        return new PseudoproxyBin(axis, label, ok.Length, perSeed.Length == 0 ? 0 : perSeed.Average(c => (double)c.Length),
            Mean(c => c.PearsonR), Sd(c => c.PearsonR), Mean(c => c.RmseCm3PerCm3), Sd(c => c.RmseCm3PerCm3), Mean(c => c.UbRmseCm3PerCm3),
            Mean(c => c.Kge), Sd(c => c.Kge), Mean(c => c.NearestSiteR), Mean(c => c.NearestSiteKge));
    }

    private static double[] Days(CrnsField field) => field.Dates.Select(d => (double)d.DayNumber).ToArray();
}
