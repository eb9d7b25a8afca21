using System.Globalization;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>Options of the CRNS/ERA5 twin.</summary>
/// <param name="Sites">Number of COSMOS-like sites (default 52, the sites the analysis used; 1–2000).</param>
/// <param name="Start">First day (default 2015-01-01).</param>
/// <param name="Days">Number of days (default 2192 = 2015–2020; 30–20000).</param>
/// <param name="Seed">Random seed.</param>
public sealed record CrnsTwinOptions(int Sites = 52, DateOnly? Start = null, int Days = 2192, int Seed = Defaults.Seed)
{
    /// <summary>The first day.</summary>
    public DateOnly FirstDay => Start ?? new DateOnly(2015, 1, 1);

    /// <summary>
    /// A year whose April–September is a drought like 2018 in central Europe (Peters et al. 2020): wet-day
    /// probabilities × 0.35 and PET × 1.3 in those months. Null (default): no drought, the twin as before.
    /// </summary>
    public int? DroughtYear { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        Check.InRange(Sites, 1, 2000, nameof(Sites));
        Check.InRange(Days, 30, 20000, nameof(Days));
    }
}

/// <summary>Static properties of a CRNS site.</summary>
/// <param name="SiteId">Site id, e.g. "S01".</param>
/// <param name="LatitudeDegrees">Latitude, EPSG:4326.</param>
/// <param name="LongitudeDegrees">Longitude, EPSG:4326.</param>
/// <param name="ElevationMeters">Elevation, m.</param>
/// <param name="LandCover">Cropland, Grassland or Forest.</param>
/// <param name="ClayPercent">Clay, %.</param>
/// <param name="SandPercent">Sand, %.</param>
/// <param name="BulkDensityGramsPerCm3">Bulk density, g/cm³.</param>
/// <param name="Porosity">Porosity = 1 − BD/2.65, m³/m³.</param>
/// <param name="WiltingPoint">Residual water content, m³/m³.</param>
public sealed record CrnsSite(string SiteId, double LatitudeDegrees, double LongitudeDegrees, double ElevationMeters, string LandCover,
    double ClayPercent, double SandPercent, double BulkDensityGramsPerCm3, double Porosity, double WiltingPoint);

/// <summary>One site-day of the twin (NaN where a product has no value that day).</summary>
/// <param name="SiteId">Site id.</param>
/// <param name="Date">Day.</param>
/// <param name="PrecipitationMm">Station precipitation, mm/day.</param>
/// <param name="AirTemperatureCelsius">Daily mean air temperature, °C.</param>
/// <param name="PotentialEvapotranspirationMm">PET, mm/day.</param>
/// <param name="Ndvi">NDVI (8-day composite held daily).</param>
/// <param name="LandSurfaceTemperatureCelsius">Daytime LST, °C (NaN on cloudy days).</param>
/// <param name="SurfaceSoilMoisturePercent">Sentinel-1-like surface soil moisture, % of saturation (NaN without overpass).</param>
/// <param name="Era5Swvl1">ERA5-Land-like volumetric soil water 0–7 cm, m³/m³.</param>
/// <param name="Era5Swvl2">ERA5-Land-like volumetric soil water 7–28 cm, m³/m³.</param>
/// <param name="Era5PrecipitationMm">ERA5-Land-like precipitation, mm/day.</param>
/// <param name="CrnsSoilMoisture">CRNS footprint soil moisture, m³/m³ (NaN on gaps).</param>
/// <param name="TrueSurfaceMoisture">Hidden truth: 0–5 cm layer, m³/m³.</param>
/// <param name="TrueRootZoneMoisture">Hidden truth: 5–50 cm layer, m³/m³.</param>
public sealed record CrnsDay(string SiteId, DateOnly Date, double PrecipitationMm, double AirTemperatureCelsius, double PotentialEvapotranspirationMm,
    double Ndvi, double LandSurfaceTemperatureCelsius, double SurfaceSoilMoisturePercent, double Era5Swvl1, double Era5Swvl2,
    double Era5PrecipitationMm, double CrnsSoilMoisture, double TrueSurfaceMoisture, double TrueRootZoneMoisture);

/// <summary>A generated CRNS/ERA5 twin.</summary>
public sealed record CrnsTwinData(CrnsTwinOptions Options, IReadOnlyList<CrnsSite> Sites, IReadOnlyList<CrnsDay> Days)
{
    /// <summary>Writes sites.csv and daily.csv atomically into <paramref name="folder"/>.</summary>
    public IReadOnlyList<string> Write(string folder) => TwinFiles.WriteAll(folder,
    [
        ("sites.csv", w =>
        {
            w.WriteLine("site,lat,lon,elevation_m,land_cover,clay_pct,sand_pct,bulk_density_gcm3,porosity,wilting_point");
            foreach (var s in Sites)
                w.WriteLine(string.Join(',', s.SiteId, TwinFiles.F(s.LatitudeDegrees, 5), TwinFiles.F(s.LongitudeDegrees, 5), TwinFiles.F(s.ElevationMeters, 0),
                    s.LandCover, TwinFiles.F(s.ClayPercent, 1), TwinFiles.F(s.SandPercent, 1), TwinFiles.F(s.BulkDensityGramsPerCm3, 3),
                    TwinFiles.F(s.Porosity, 3), TwinFiles.F(s.WiltingPoint, 3)));
        }),
        ("daily.csv", w =>
        {
            w.WriteLine("site,date,precip_mm,tair_c,pet_mm,ndvi,lst_c,ssm_pct,era5_swvl1,era5_swvl2,era5_precip_mm,crns_sm,true_sm_surface,true_sm_rootzone");
            foreach (var d in Days)
                w.WriteLine(string.Join(',', d.SiteId, d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), TwinFiles.F(d.PrecipitationMm, 2),
                    TwinFiles.F(d.AirTemperatureCelsius, 2), TwinFiles.F(d.PotentialEvapotranspirationMm, 2), TwinFiles.F(d.Ndvi, 3),
                    TwinFiles.F(d.LandSurfaceTemperatureCelsius, 2), TwinFiles.F(d.SurfaceSoilMoisturePercent, 1), TwinFiles.F(d.Era5Swvl1, 4),
                    TwinFiles.F(d.Era5Swvl2, 4), TwinFiles.F(d.Era5PrecipitationMm, 2), TwinFiles.F(d.CrnsSoilMoisture, 4),
                    TwinFiles.F(d.TrueSurfaceMoisture, 4), TwinFiles.F(d.TrueRootZoneMoisture, 4)));
        }),
    ]);
}

/// <summary>
/// The CRNS/ERA5 twin: daily series at COSMOS-Europe-like sites with a hidden two-layer water balance, a
/// CRNS observation of the footprint, an ERA5-Land-like model world, a Sentinel-1-like surface soil moisture
/// and remote-sensing predictors. Stands in for COSMOS-Europe, ERA5-Land and the surface products
/// (SWI, ESA CCI, SMAP) in the CRNS profile soil-moisture notebook (Schmidt et al. 2023).
/// </summary>
/// <remarks>
/// Weather: wet-day occurrence is a two-state Markov chain (P(wet|dry) = 0.22 + 0.08·cos(2π(doy−15)/365),
/// P(wet|wet) = 0.62), amounts exponential with mean 4–9 mm (site); air temperature MAT + 9·cos(2π(doy−200)/365)
/// + AR(1) noise; PET = max(0.1, 0.12·(T + 5)) mm/day (crude Hargreaves-like). Water balance (daily, mm):
/// surface layer 50 mm thick receives rain, loses PET·0.35·f(θ), drains k₁·(θ₁ − θ_fc)+ into a 450 mm root zone which
/// loses PET·0.65·crop factor·f(θ) and drains to depth; θ bounded by wilting point and porosity
/// (porosity = 1 − BD/2.65, field capacity 0.18 + 0.25·clay/100 + 0.1·(1 − sand/100)).
/// CRNS = 0.45·θ₁ + 0.55·θ₂ + N(0, 0.012²) (footprint weighting dominated by the top 20 cm; Köhli et al. 2015), 4 % gaps;
/// ERA5-Land-like swvl1 = 0.75·θ₁ + 0.25·θ₂ + bias (site, N(0.04, 0.03²)) + AR(1) noise, swvl2 = exponential
/// filter of swvl1 with T = 12 days (Wagner et al. 1999) + bias; surface soil moisture (% saturation) every
/// 2–4 days = 100·θ₁/porosity + N(0, 8²). NDVI and LST follow land cover and season.
/// Imitated ranges: COSMOS-Europe daily soil moisture mostly 0.05–0.55 m³/m³ with site means 0.15–0.40 (Bogena et al. 2022);
/// ERA5-Land swvl1 0.05–0.5 m³/m³ with a positive wet bias against in-situ data.
/// </remarks>
public static partial class CrnsEra5Twin
{
    /// <summary>Dataset id.</summary>
    public const string DatasetId = "crns-era5-twin";

    /// <summary>Land-cover classes of the sites.</summary>
    public static IReadOnlyList<string> LandCovers { get; } = ["Cropland", "Grassland", "Forest"];

    /// <summary>Generates the twin with default options except those given.</summary>
    public static CrnsTwinData Generate(int sites = 52, int seed = Defaults.Seed) => Generate(new CrnsTwinOptions(sites, Seed: seed));

    /// <summary>Generates the twin (deterministic for the options).</summary>
    public static CrnsTwinData Generate(CrnsTwinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rng = new Random(options.Seed);
        var coords = EuropeGeometry.SamplePoints(options.Sites, rng);
        var sites = new List<CrnsSite>();
        var days = new List<CrnsDay>(options.Sites * options.Days);
        for (int s = 0; s < options.Sites; s++)
        {
            var (lat, lon) = coords[s];
            string lc = LandCovers[rng.Next(LandCovers.Count)];
            double clay = Math.Clamp(22 + 10 * Gaussian.Next(rng), 3, 60);
            double sand = Math.Clamp(40 + 18 * Gaussian.Next(rng), 5, 100 - clay - 5);
            double bd = Math.Clamp(1.35 + 0.12 * Gaussian.Next(rng) - (lc == "Forest" ? 0.2 : 0), 0.8, 1.7);
            double porosity = 1 - bd / 2.65;
            double wp = 0.03 + 0.25 * clay / 100;
            double fc = Math.Min(porosity - 0.05, 0.18 + 0.25 * clay / 100 + 0.1 * (1 - sand / 100));
            double elev = Math.Max(0, 250 + 300 * Gaussian.Next(rng));
            var site = new CrnsSite($"S{s + 1:D2}", lat, lon, elev, lc, clay, sand, bd, porosity, wp);
            sites.Add(site);

            double mat = 15.5 - 0.62 * (lat - 40) - 0.006 * elev;
            double rainMean = 4 + 5 * rng.NextDouble();
            double era5Bias = 0.04 + 0.03 * Gaussian.Next(rng);
            double cropK = lc == "Forest" ? 1.15 : lc == "Grassland" ? 1.0 : 0.9;
            double th1 = (fc + wp) / 2, th2 = (fc + wp) / 2, tNoise = 0, era5Noise = 0, swvl2 = th2 + era5Bias;
            bool wet = false;
            int nextOverpass = rng.Next(1, 4);
            for (int d = 0; d < options.Days; d++)
            {
                var date = options.FirstDay.AddDays(d);
                double doy = date.DayOfYear;
                bool drought = options.DroughtYear == date.Year && date.Month is >= 4 and <= 9;
                wet = rng.NextDouble() < (wet ? 0.62 : 0.22 + 0.08 * Math.Cos(2 * Math.PI * (doy - 15) / 365)) * (drought ? 0.35 : 1);
                double p = wet ? rainMean * -Math.Log(1 - rng.NextDouble()) : 0;
                tNoise = 0.7 * tNoise + 1.8 * Gaussian.Next(rng);
                double tair = mat + 9 * Math.Cos(2 * Math.PI * (doy - 200) / 365) + tNoise;
                double pet = Math.Max(0.1, 0.12 * (tair + 5)) * (drought ? 1.3 : 1);

                double f1 = WaterBalanceStep(ref th1, ref th2, p, pet, porosity, fc, wp, cropK);

                double crns = rng.NextDouble() < 0.04 ? double.NaN : Math.Clamp(0.45 * th1 + 0.55 * th2 + 0.012 * Gaussian.Next(rng), 0.01, 0.7);
                era5Noise = 0.8 * era5Noise + 0.01 * Gaussian.Next(rng);
                double swvl1 = Math.Clamp(0.75 * th1 + 0.25 * th2 + era5Bias + era5Noise, 0.02, 0.6);
                swvl2 += (swvl1 - swvl2) * (1 - Math.Exp(-1.0 / 12));
                double ssm = double.NaN;
                if (--nextOverpass <= 0)
                {
                    ssm = Math.Clamp(100 * th1 / porosity + 8 * Gaussian.Next(rng), 0, 100);
                    nextOverpass = rng.Next(2, 5);
                }
                double season = Math.Max(0, Math.Cos(2 * Math.PI * (doy - 190) / 365));
                double ndvi = Math.Clamp((lc == "Forest" ? 0.55 : lc == "Grassland" ? 0.45 : 0.3) + (lc == "Cropland" ? 0.45 : 0.25) * season + 0.04 * Gaussian.Next(rng), 0, 0.95);
                double lst = p > 1 ? double.NaN : tair + 3 + 6 * (1 - f1) * season - (lc == "Forest" ? 2 : 0) + 1.5 * Gaussian.Next(rng);
                double era5P = Math.Max(0, p * Math.Exp(0.3 * Gaussian.Next(rng)) + (p == 0 && rng.NextDouble() < 0.2 ? 0.3 * rng.NextDouble() : 0));
                days.Add(new CrnsDay(site.SiteId, date, p, tair, pet, ndvi, lst, ssm, swvl1, swvl2 + 0.01, era5P, crns, th1, th2));
            }
        }
        return new CrnsTwinData(options, sites, days);
    }

    /// <summary>
    /// One day of the twin's two-layer water balance (surface 50 mm, root zone 450 mm, volumetric): rain into the surface
    /// layer, saturation excess (30 % of it) and drainage above field capacity into the root zone, evaporation 0.35·PET·f₁
    /// and transpiration 0.65·k_c·PET·f₂ with f = (θ − θ_wp)/(θ_fc − θ_wp) in [0, 1]. Returns f₁ (the surface stress that
    /// warms the LST).
    /// </summary>
    internal static double WaterBalanceStep(ref double th1, ref double th2, double p, double pet, double porosity, double fc, double wp, double cropK)
    {
        th1 += p / 50;
        double excess1 = Math.Max(0, th1 - porosity);
        th1 -= excess1;
        double drain1 = 0.5 * Math.Max(0, th1 - fc);
        th1 -= drain1;
        double f1 = Math.Clamp((th1 - wp) / (fc - wp), 0, 1);
        th1 = Math.Max(wp * 0.8, th1 - 0.35 * pet * f1 / 50);
        th2 += (drain1 * 50 + excess1 * 50 * 0.3) / 450;
        double drain2 = 0.05 * Math.Max(0, th2 - fc);
        th2 -= drain2;
        double f2 = Math.Clamp((th2 - wp) / (fc - wp), 0, 1);
        th2 = Math.Clamp(th2 - 0.65 * cropK * pet * f2 / 450, wp, porosity);
        return f1;
    }
}
