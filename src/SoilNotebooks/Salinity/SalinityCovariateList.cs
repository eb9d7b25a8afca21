using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Salinity;

/// <summary>How a covariate of the salinity twin relates to its EC 1:5 (see <see cref="LucasSalinityTwinModel"/>).</summary>
public enum EcLink
{
    /// <summary>The covariate is a term of the EC formula.</summary>
    GeneratesEc,
    /// <summary>The covariate is computed from the generated EC (salinity stress on the canopy, salt crust).</summary>
    RespondsToEc,
    /// <summary>Not in the EC formula; any association is through covariates it shares inputs with (e.g. MAT with aridity).</summary>
    NotInEcFormula,
    /// <summary>Computed per cross-validation fold from the training targets (Getis-Ord Gi* of ECe).</summary>
    PerFold,
}

/// <summary>One covariate of the salinity analysis.</summary>
/// <param name="Name">Column name in the feature table.</param>
/// <param name="Group">Climate, Terrain, Soil, Land cover, Vegetation (yearly NDVI), Thermal (yearly LST), Spectral index or Spatial.</param>
/// <param name="Unit">Unit ("–" when dimensionless).</param>
/// <param name="Description">What it is and how the twin makes it.</param>
/// <param name="Link">Its relation to the twin's EC.</param>
public sealed record SalinityCovariate(string Name, string Group, string Unit, string Description, EcLink Link);

/// <summary>One group of <see cref="SalinityCovariateList.All"/>, for a summary table.</summary>
/// <param name="Group">The group (poster Fig. 3).</param>
/// <param name="Count">Number of covariates in it.</param>
/// <param name="Covariates">Their names, comma-separated.</param>
/// <param name="GenerateEc">Those that are terms of the twin's EC formula.</param>
/// <param name="RespondToEc">Those computed from the twin's EC.</param>
public sealed record SalinityCovariateGroup(string Group, int Count, string Covariates, string GenerateEc, string RespondToEc);

/// <summary>
/// The 42 covariates of Zarif et al.'s salinity model (poster Fig. 3: climate, terrain, soil, land cover, yearly LST and
/// NDVI, CReSI, GiZ) as the twin provides them. The poster shows the groups, not a list; the members here are a plausible
/// reading (yearly NDVI and LST of 2012–2018, the soil properties LUCAS measures, the usual terrain and climate layers).
/// Coordinates are not covariates (the poster does not list them). <see cref="PerPoint"/> (41) is what
/// <see cref="SalinityData.Covariates"/> and <see cref="SalinityData.CovariatesAt"/> return; GiZ is added per fold by
/// <see cref="SpatialCovariates.GetisOrdFolds"/>.
/// </summary>
public static class SalinityCovariateList
{
    private static readonly (SalinityCovariate Covariate, Func<LucasTopsoilPoint, SalinityCovariates, double>? Get)[] Entries = Build();

    /// <summary>All 42 covariates, GiZ last.</summary>
    public static IReadOnlyList<SalinityCovariate> All { get; } = Entries.Select(e => e.Covariate).ToArray();

    /// <summary>The 41 covariates computed per point or cell (all but GiZ), in column order.</summary>
    public static IReadOnlyList<SalinityCovariate> PerPoint { get; } = Entries.Where(e => e.Get is not null).Select(e => e.Covariate).ToArray();

    /// <summary>The names of the covariates that generate EC in the twin (<see cref="EcLink.GeneratesEc"/>).</summary>
    public static IReadOnlyList<string> EcDrivers { get; } = All.Where(c => c.Link == EcLink.GeneratesEc).Select(c => c.Name).ToArray();

    /// <summary>The covariates by group, in list order, with the members that generate EC and that respond to it.</summary>
    public static IReadOnlyList<SalinityCovariateGroup> Groups() =>
        All.GroupBy(c => c.Group).Select(g => new SalinityCovariateGroup(g.Key, g.Count(), Names(g, null),
            Names(g, EcLink.GeneratesEc), Names(g, EcLink.RespondsToEc))).ToArray();

    private static string Names(IEnumerable<SalinityCovariate> covariates, EcLink? link)
    {
        var names = covariates.Where(c => link is null || c.Link == link).Select(c => c.Name).ToArray();
        return names.Length == 0 ? "–" : string.Join(", ", names);
    }

    /// <summary>The value of per-point covariate <paramref name="name"/> of a salinity-twin point.</summary>
    /// <exception cref="ArgumentException">The point has no salinity covariates, or the name is not a per-point covariate.</exception>
    public static double Value(LucasTopsoilPoint point, string name)
    {
        ArgumentNullException.ThrowIfNull(point);
        var s = point.Salinity ?? throw new ArgumentException($"Point {point.PointId} has no salinity covariates (use the salinity twin).", nameof(point));
        foreach (var (c, get) in Entries)
            if (get is not null && c.Name == name) return get(point, s);
        throw new ArgumentException($"'{name}' is not a per-point salinity covariate; they are {string.Join(", ", PerPoint.Select(c => c.Name))}.", nameof(name));
    }

    /// <summary>
    /// The canopy response salinity index of a salinity-twin point from its B02, B03, B04, B08
    /// (<see cref="CanopyResponseSalinityIndex.Compute(double, double, double, double)"/>); 0 where that is NaN (G·B ≥ NIR·R,
    /// a bright salt crust: no canopy response), so the covariate is finite everywhere.
    /// </summary>
    public static double Cresi(SalinityCovariates s)
    {
        ArgumentNullException.ThrowIfNull(s);
        double v = CanopyResponseSalinityIndex.Compute(s.ReflectanceB02, s.ReflectanceB03, s.ReflectanceB04, s.ReflectanceB08);
        return double.IsNaN(v) ? 0 : v;
    }

    /// <summary>The 41 per-point covariates of <paramref name="points"/> as a feature table (column-major floats, filled in parallel).</summary>
    internal static FeatureTable Table(IReadOnlyList<LucasTopsoilPoint> points) => Table(points.Count, i => points[i]);

    /// <summary>
    /// The 41 per-point covariates of the samples <paramref name="sample"/>(0 … n − 1), filled in parallel chunks without keeping
    /// the samples (a 1 km map of Europe has millions of cells: only the float table is held).
    /// </summary>
    internal static FeatureTable Table(int n, Func<int, LucasTopsoilPoint> sample)
    {
        var getters = Entries.Where(e => e.Get is not null).Select(e => e.Get!).ToArray();
        var data = new float[(long)n * getters.Length > int.MaxValue
            ? throw new ArgumentException($"{n} samples × {getters.Length} covariates exceed one table; evaluate the cells in chunks.", nameof(n))
            : n * getters.Length];
        Parallel.For(0, (n + 4095) / 4096, chunk =>
        {
            int end = Math.Min(n, (chunk + 1) * 4096);
            for (int i = chunk * 4096; i < end; i++)
            {
                var p = sample(i);
                var s = p.Salinity ?? throw new ArgumentException($"Point {p.PointId} has no salinity covariates (use the salinity twin).");
                for (int j = 0; j < getters.Length; j++) data[j * n + i] = (float)getters[j](p, s);
            }
        });
        return FeatureTable.FromColumnMajor(data, n, PerPoint.Select(c => c.Name).ToArray());
    }

    private static (SalinityCovariate, Func<LucasTopsoilPoint, SalinityCovariates, double>?)[] Build()
    {
        const string Climate = "Climate", Terrain = "Terrain", Soil = "Soil", Land = "Land cover";
        var g = EcLink.GeneratesEc; var r = EcLink.RespondsToEc; var n = EcLink.NotInEcFormula;
        var list = new List<(SalinityCovariate, Func<LucasTopsoilPoint, SalinityCovariates, double>?)>
        {
            (new("MAT", Climate, "°C", "Mean annual air temperature", n), (p, _) => p.MeanAnnualTemperatureCelsius),
            (new("MAP", Climate, "mm", "Annual precipitation", n), (p, _) => p.AnnualPrecipitationMm),
            (new("PET", Climate, "mm", "Annual potential evapotranspiration, max(350, 300 + 45·MAT)", n), (_, s) => s.PotentialEvapotranspirationMm),
            (new("AridityIndex", Climate, "–", "MAP/PET (< 0.65 dry); EC rises by 1.1·max(0, 0.9 − AI) in ln", g), (p, _) => p.AridityIndex),
            (new("PrecipSeasonality", Climate, "%", "Coefficient of variation of monthly precipitation (Mediterranean high)", n), (_, s) => s.PrecipitationSeasonalityPercent),
            (new("TmaxWarm", Climate, "°C", "Mean daily maximum of the warmest month", n), (_, s) => s.MaxTemperatureWarmestMonthCelsius),
            (new("Elev", Terrain, "m", "Elevation; coastal lowlands (with DistCoast) raise EC", g), (p, _) => p.ElevationMeters),
            (new("Slope", Terrain, "°", "Slope", n), (p, _) => p.SlopeDegrees),
            (new("TWI", Terrain, "–", "Topographic wetness index ln(a/tanβ) (enters EC only through WTD)", n), (_, s) => s.TopographicWetnessIndex),
            (new("Northness", Terrain, "–", "cos(aspect); a control that enters no formula", n), (_, s) => s.Northness),
            (new("DistCoast", Terrain, "km", "Distance to the sea coast; EC + 0.7·e^(−d/5)·e^(−elev/20) in ln", g), (_, s) => s.DistanceToCoastKm),
            (new("WTD", Terrain, "m", "Depth to the water table; EC + 0.9·e^(−WTD/1.5) in ln (capillary rise)", g), (_, s) => s.WaterTableDepthMeters),
            (new("Clay", Soil, "%", "Clay; EC + 0.01·(clay − 20) in ln", g), (p, _) => p.ClayPercent),
            (new("Silt", Soil, "%", "Silt", n), (p, _) => p.SiltPercent),
            (new("Sand", Soil, "%", "Sand", n), (p, _) => p.SandPercent),
            (new("OC", Soil, "g/kg", "Organic carbon", n), (p, _) => p.OrganicCarbonGramsPerKg),
            (new("pH_H2O", Soil, "pH", "pH in water (calcareous soils near 8)", n), (p, _) => p.PhWater),
            (new("pH_CaCl2", Soil, "pH", "pH in 0.01 M CaCl2", n), (p, _) => p.PhCaCl2),
            (new("CaCO3", Soil, "g/kg", "Carbonates; EC + 0.35 in ln where calcareous", g), (p, _) => p.CaCO3GramsPerKg),
            (new("BD", Soil, "g/cm³", "Bulk density (Adams 1973)", n), (p, _) => p.BulkDensityGramsPerCm3),
        };
        foreach (var lc in LucasTopsoilTwin.LandCovers)
            list.Add((new("LC_" + lc, Land, "0/1", $"Land cover is {lc}" + (lc == "Cropland" ? "; EC + 0.25 in ln" : ""), lc == "Cropland" ? g : n),
                (p, _) => string.Equals(p.LandCover, lc, StringComparison.Ordinal) ? 1 : 0));
        list.Add((new("Irrigated", Land, "0–1", "Irrigated share (cropland); EC + 0.8·share·max(0, 1 − AI) in ln", g), (_, s) => s.IrrigatedShare));
        var years = LucasSalinityTwinModel.Years;
        for (int k = 0; k < years.Count; k++)
        {
            int kk = k;
            list.Add((new($"NDVI_{years[k]}", "Vegetation (yearly)", "–", $"Annual mean NDVI {years[k]}; lowered by salinity stress", r), (_, s) => s.NdviByYear[kk]));
        }
        for (int k = 0; k < years.Count; k++)
        {
            int kk = k;
            list.Add((new($"LST_{years[k]}", "Thermal (yearly)", "°C", $"Annual mean daytime land-surface temperature {years[k]}", n), (_, s) => s.LstByYearCelsius[kk]));
        }
        list.Add((new("CReSI", "Spectral index", "–", "Canopy response salinity index (Scudiero et al. 2014) of summer-2018 Sentinel-2-like B02, B03, B04, B08; "
            + "falls with EC (stressed canopy, salt crust)", r), (_, s) => Cresi(s)));
        list.Add((new(SpatialCovariates.DefaultName, "Spatial", "z", "Getis-Ord Gi* z of ECe from the fold's training points (8 nearest neighbours)", EcLink.PerFold), null));
        return list.ToArray();
    }
}
