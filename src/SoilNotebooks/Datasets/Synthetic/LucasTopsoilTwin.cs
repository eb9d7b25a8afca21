using SoilNotebooks.Scenes;
using System.Globalization;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>Options of the LUCAS topsoil twin.</summary>
/// <param name="Points">Number of points (default 5000; LUCAS 2009 has about 20,000; ≥ 10).</param>
/// <param name="Seed">Random seed.</param>
/// <param name="SalinityCovariates">Also write the salinity analysis' extra covariates (NDVI, LST, PET, TWI) and name the file lucas_salinity_twin.csv.</param>
public sealed record LucasTwinOptions(int Points = 5000, int Seed = Defaults.Seed, bool SalinityCovariates = false)
{
    /// <summary>Throws when an option is out of range.</summary>
    public void Validate() => Check.InRange(Points, 10, 2_000_000, nameof(Points));
}

/// <summary>One LUCAS-like topsoil point (0–20 cm) with its covariates.</summary>
/// <param name="PointId">Point id.</param>
/// <param name="LatitudeDegrees">Latitude, EPSG:4326.</param>
/// <param name="LongitudeDegrees">Longitude, EPSG:4326.</param>
/// <param name="ClayPercent">Clay (&lt;2 µm), %.</param>
/// <param name="SiltPercent">Silt, %.</param>
/// <param name="SandPercent">Sand, %; clay + silt + sand = 100.</param>
/// <param name="OrganicCarbonGramsPerKg">Organic carbon, g/kg (LUCAS "OC").</param>
/// <param name="PhWater">pH in water.</param>
/// <param name="PhCaCl2">pH in 0.01 M CaCl2.</param>
/// <param name="Ec15MilliSiemensPerMeter">Electrical conductivity of a 1:5 soil:water extract, mS/m (LUCAS "EC").</param>
/// <param name="CaCO3GramsPerKg">Carbonates, g/kg.</param>
/// <param name="BulkDensityGramsPerCm3">Bulk density, g/cm³.</param>
/// <param name="ElevationMeters">Elevation, m.</param>
/// <param name="SlopeDegrees">Slope, degrees.</param>
/// <param name="LandCover">Cropland, Grassland, Woodland, Shrubland or Bareland.</param>
/// <param name="ParentMaterial">One of <see cref="LucasTopsoilTwin.ParentMaterials"/>.</param>
/// <param name="MeanAnnualTemperatureCelsius">Mean annual air temperature, °C.</param>
/// <param name="AnnualPrecipitationMm">Annual precipitation, mm.</param>
/// <param name="AridityIndex">P/PET (dimensionless; &lt; 0.65 dry).</param>
public sealed record LucasTopsoilPoint(
    int PointId, double LatitudeDegrees, double LongitudeDegrees, double ClayPercent, double SiltPercent, double SandPercent,
    double OrganicCarbonGramsPerKg, double PhWater, double PhCaCl2, double Ec15MilliSiemensPerMeter, double CaCO3GramsPerKg,
    double BulkDensityGramsPerCm3, double ElevationMeters, double SlopeDegrees, string LandCover, string ParentMaterial,
    double MeanAnnualTemperatureCelsius, double AnnualPrecipitationMm, double AridityIndex)
{
    /// <summary>Salinity covariates (present when generated with <see cref="LucasTwinOptions.SalinityCovariates"/>).</summary>
    public SalinityCovariates? Salinity { get; init; }

    /// <summary>Earth-observation covariates of the CUP4Soil covariate sets (Sentinel-1 means, bare-soil frequency, composites).</summary>
    public EoCovariates? Eo { get; init; }
}

/// <summary>
/// Earth-observation covariates at a point, as in the CUP4Soil covariate sets: "simple radar products from
/// Sentinel-1", the SCMaP bare-soil frequency, the mean bare-soil reflectance composite (MEAN) and the soil
/// reflectance composite (SRC). Composites are null where the soil is (almost) never bare (frequency &lt; 0.05).
/// </summary>
/// <param name="S1VvDb">Mean Sentinel-1 VV backscatter, dB.</param>
/// <param name="S1VhDb">Mean Sentinel-1 VH backscatter, dB.</param>
/// <param name="BareSoilFrequency">Share of valid Sentinel-2 observations that are bare soil (0–1).</param>
/// <param name="MeanComposite">MEAN composite, reflectance 0–1 in <see cref="SentinelChannels.Optical"/> order, or null.</param>
/// <param name="SoilReflectanceComposite">SRC composite (drier, purer soil), reflectance 0–1, or null.</param>
public sealed record EoCovariates(double S1VvDb, double S1VhDb, double BareSoilFrequency, IReadOnlyList<double>? MeanComposite, IReadOnlyList<double>? SoilReflectanceComposite);

/// <summary>Extra covariates of the salinity analysis (Zarif et al.: 42 covariates; these four stand in for them).</summary>
/// <param name="NdviMean">Annual mean NDVI.</param>
/// <param name="LandSurfaceTemperatureCelsius">Annual mean daytime land-surface temperature, °C.</param>
/// <param name="PotentialEvapotranspirationMm">Annual potential evapotranspiration, mm.</param>
/// <param name="TopographicWetnessIndex">Topographic wetness index ln(a/tanβ).</param>
public sealed record SalinityCovariates(double NdviMean, double LandSurfaceTemperatureCelsius, double PotentialEvapotranspirationMm, double TopographicWetnessIndex);

/// <summary>A generated LUCAS twin.</summary>
public sealed record LucasTwinData(LucasTwinOptions Options, IReadOnlyList<LucasTopsoilPoint> Points)
{
    /// <summary>The file name written by <see cref="Write"/>.</summary>
    public string FileName => Options.SalinityCovariates ? "lucas_salinity_twin.csv" : "lucas_topsoil_twin.csv";

    /// <summary>Column names of the written file (LUCAS 2018 names for soil properties).</summary>
    public IReadOnlyList<string> Columns => Options.SalinityCovariates
        ? [.. LucasTopsoilTwin.BaseColumns, .. LucasTopsoilTwin.EoColumns, .. LucasTopsoilTwin.SalinityColumns]
        : [.. LucasTopsoilTwin.BaseColumns, .. LucasTopsoilTwin.EoColumns];

    /// <summary>Writes the CSV atomically into <paramref name="folder"/>.</summary>
    public IReadOnlyList<string> Write(string folder) => TwinFiles.WriteAll(folder,
    [
        (FileName, w =>
        {
            w.WriteLine(string.Join(',', Columns));
            foreach (var p in Points)
            {
                var cells = new List<string>
                {
                    p.PointId.ToString(CultureInfo.InvariantCulture), TwinFiles.F(p.LatitudeDegrees, 5), TwinFiles.F(p.LongitudeDegrees, 5),
                    TwinFiles.F(p.ClayPercent, 1), TwinFiles.F(p.SiltPercent, 1), TwinFiles.F(p.SandPercent, 1), TwinFiles.F(p.OrganicCarbonGramsPerKg, 1),
                    TwinFiles.F(p.PhWater, 2), TwinFiles.F(p.PhCaCl2, 2), TwinFiles.F(p.Ec15MilliSiemensPerMeter, 2), TwinFiles.F(p.CaCO3GramsPerKg, 1),
                    TwinFiles.F(p.BulkDensityGramsPerCm3, 3), TwinFiles.F(p.ElevationMeters, 0), TwinFiles.F(p.SlopeDegrees, 2), p.LandCover, p.ParentMaterial,
                    TwinFiles.F(p.MeanAnnualTemperatureCelsius, 2), TwinFiles.F(p.AnnualPrecipitationMm, 0), TwinFiles.F(p.AridityIndex, 3),
                };
                var eo = p.Eo ?? throw new InvalidOperationException($"Point {p.PointId} has no EO covariates.");
                cells.AddRange([TwinFiles.F(eo.S1VvDb, 2), TwinFiles.F(eo.S1VhDb, 2), TwinFiles.F(eo.BareSoilFrequency, 3)]);
                for (int k = 0; k < 10; k++) cells.Add(eo.MeanComposite is { } mc ? TwinFiles.F(mc[k], 4) : "NaN");
                for (int k = 0; k < 10; k++) cells.Add(eo.SoilReflectanceComposite is { } sc ? TwinFiles.F(sc[k], 4) : "NaN");
                if (p.Salinity is { } s)
                    cells.AddRange([TwinFiles.F(s.NdviMean, 3), TwinFiles.F(s.LandSurfaceTemperatureCelsius, 2), TwinFiles.F(s.PotentialEvapotranspirationMm, 0), TwinFiles.F(s.TopographicWetnessIndex, 2)]);
                w.WriteLine(string.Join(',', cells));
            }
        }),
    ]);
}

/// <summary>
/// The LUCAS-like topsoil twin: points across Europe (EPSG:4326) with clay, silt, sand, organic carbon,
/// pH (H2O, CaCl2), EC 1:5, CaCO3 and bulk density, and covariates (elevation, slope, land cover, parent
/// material, climate). Stands in for LUCAS 2009/2015/2018 (ESDAC licence: no redistribution), CORINE, the
/// JRC parent-material rasters and the Copernicus DEM in the CUP4Soil and salinity notebooks.
/// </summary>
/// <remarks>
/// Spatial structure comes from smooth trends (latitude, longitude, mountain ranges as Gaussian bumps) plus
/// Gaussian-random-field-like terms from random Fourier features (<see cref="RandomFourierField"/>; length
/// scales 40–400 km). Formulas (N = standard normal, G_ℓ = a field with length scale ℓ km):
/// <list type="bullet">
/// <item>Elevation (m) = softplus₆₀(100 + Σ mountain bumps·(1 + 0.35·G₁₂₀) + 120·G₄₀ + 60·G₄₀₀), softplus₆₀(u) = 60·ln(1 + e^(u/60)); slope (°) = exp(ln(0.5 + elev/180) + 0.6·N), ≤ 45.</item>
/// <item>MAT (°C) = 17.5 − 0.62·(φ − 40) − 0.006·elev − 0.05·max(0, λ − 10) + 0.6·G₄₀₀; MAP (mm) = 650 − 10·(λ − 10) + 0.45·elev − 25·max(0, 43 − φ) + 120·G₄₀₀ + 60·G₁₂₀ ∈ [250, 3000];
/// PET = max(350, 300 + 45·MAT) mm; aridity index = MAP/PET.</item>
/// <item>Land cover and parent material: arg-max of rule scores (slope, elevation, climate, regions such as the loess
/// belt, the glaciated north, the Mediterranean limestones) plus smooth fields and Gumbel noise.</item>
/// <item>Texture: additive log-ratios ln(clay/sand) = parent-material mean + 0.5·G₈₀ + 0.35·N and ln(silt/sand) = mean + 0.4·G₈₀′ + 0.3·N,
/// back-transformed so clay + silt + sand = 100; clay ≥ 1.</item>
/// <item>CaCO3: calcareous with probability logistic(−2.2 + 3.2·[calcareous rock] + 1.0·[loess/alluvium] + 1.5·max(0, 1 − AI));
/// then lognormal, median 80 g/kg; else 0.</item>
/// <item>pH(H2O): calcareous 7.9 + 0.25·N; otherwise 6.6 − 0.9·(AI − 1) − 0.6·[woodland] − 0.5·[acid parent material] + 0.3·[cropland] + 0.3·G₁₂₀ + 0.35·N ∈ [3.5, 8.3]; pH(CaCl2) = pH(H2O) − 0.55 + 0.1·N.</item>
/// <item>OC (g/kg) = exp(ln 12 + 0.75·[grass] + 1.1·[wood] + 0.4·[shrub] − 0.05·(MAT − 10) + 0.35·ln(MAP/700) + 0.008·(clay − 20) + 0.25·G₁₂₀ + 0.45·N);
/// 2 % peat-like points (more in the wet north) 150–500 g/kg.</item>
/// <item>Bulk density (g/cm³): Adams (1973) mixing, BD = 100 / (OM/0.244 + (100 − OM)/BDₘ), OM = 0.1724·OC(g/kg) %,
/// BDₘ = 1.62 − 0.0035·(clay − 20) − 0.08·[wood] + 0.06·N.</item>
/// <item>EC 1:5 (mS/m) = exp(ln 9 + 1.1·max(0, 0.9 − AI) + 0.35·[calcareous] + 0.25·[cropland] + 0.01·(clay − 20) + salinity hot spots
/// (Hungarian plain, Ebro, Guadalquivir, Po delta, Romanian plain) + 0.3·G₈₀ + 0.5·N).</item>
/// </list>
/// EO covariates (CUP4Soil covariate sets): Sentinel-1 VV mean = land-cover level (cropland −11, grassland −10, woodland −7.5 dB)
/// + 12·(θ̄ − 0.2) + 0.04·slope + 0.7·N, VH = VV − 6.5 (woodland − 5) + 0.6·N; bare-soil frequency ≈ 0.35 in cropland, ≈ 0.02 in
/// grassland, 0 in woodland; where ≥ 0.05, the dry soil spectrum of <see cref="SoilSpectrum"/> (clay, SOC, iron, carbonate) gives
/// MEAN = (0.88·R⁰·e^(−kθ̄)·0.92 + 0.12·residue)·e^(0.04·N) (moist, residue-mixed average) and SRC = R⁰·e^(−0.5kθ̄)·0.96·e^(0.015·N)
/// (drier, purer soil), θ̄ = 0.12 + 0.08·min(2, AI) + 0.001·(clay − 20) + 0.03·N.
/// Imitated statistics (approximate, LUCAS 2009/2015 reports): cropland about 45 % of points, grassland about 22 %,
/// woodland about 25 %; median OC around 20 g/kg overall and 12–15 g/kg in cropland; pH(H2O) spanning 3.5–8.5 with
/// a calcareous mode near 8; median EC 1:5 around 10–15 mS/m with a few per cent above 50 mS/m. The test suite pins
/// the ranges it checks.
/// </remarks>
public static class LucasTopsoilTwin
{
    /// <summary>Dataset id of the topsoil twin.</summary>
    public const string DatasetId = "lucas-topsoil-twin";

    /// <summary>Dataset id of the salinity twin (same generator with the salinity covariates).</summary>
    public const string SalinityDatasetId = "lucas-salinity-twin";

    /// <summary>Land-cover classes (LUCAS LC0 level, reduced).</summary>
    public static IReadOnlyList<string> LandCovers { get; } = ["Cropland", "Grassland", "Woodland", "Shrubland", "Bareland"];

    /// <summary>Parent-material groups (a reduction of the ESDB parent-material classes).</summary>
    public static IReadOnlyList<string> ParentMaterials { get; } =
        ["Alluvium", "Loess", "GlacialTill", "AeolianSand", "CalcareousRock", "SiliceousSedimentary", "AcidCrystalline", "BasicVolcanic"];

    /// <summary>The base CSV columns.</summary>
    public static IReadOnlyList<string> BaseColumns { get; } =
        ["POINTID", "TH_LAT", "TH_LONG", "Clay", "Silt", "Sand", "OC", "pH_H2O", "pH_CaCl2", "EC", "CaCO3", "BD", "Elev", "Slope", "LC", "ParentMaterial", "MAT", "MAP", "AridityIndex"];

    /// <summary>The Earth-observation covariate columns (CUP4Soil sets): S1_VV, S1_VH (dB), BareFreq, MEAN_B02…MEAN_B12, SRC_B02…SRC_B12 (reflectance; NaN where never bare).</summary>
    public static IReadOnlyList<string> EoColumns { get; } =
        ["S1_VV", "S1_VH", "BareFreq", .. SentinelChannels.Optical.Select(b => "MEAN_" + b), .. SentinelChannels.Optical.Select(b => "SRC_" + b)];

    /// <summary>The extra salinity columns.</summary>
    public static IReadOnlyList<string> SalinityColumns { get; } = ["NDVI", "LST", "PET", "TWI"];

    // mean clay, silt, sand (%) per parent material
    private static readonly (double Clay, double Silt, double Sand)[] Texture =
        [(30, 45, 25), (18, 68, 14), (14, 32, 54), (5, 12, 83), (32, 38, 30), (22, 38, 40), (14, 30, 56), (28, 36, 36)];

    private static readonly (double Lat, double Lon, double Height, double Sigma)[] Mountains =
    [
        (46.5, 10.0, 1500, 1.5), (42.7, 0.5, 1200, 0.8), (47.5, 24.5, 800, 1.8), (63.0, 13.0, 700, 2.0), (40.0, -4.0, 600, 3.5),
        (45.3, 2.8, 700, 1.0), (42.5, 13.2, 800, 1.2), (42.5, 22.0, 800, 2.0), (57.0, -4.5, 400, 1.0), (49.5, 14.0, 400, 1.5),
    ];

    private static readonly (double Lat, double Lon, double Strength, double Sigma)[] SalineSpots =
        [(46.8, 20.0, 1.2, 1.0), (41.6, -0.8, 1.0, 0.8), (37.3, -5.8, 0.8, 0.8), (45.0, 12.2, 0.7, 0.5), (44.5, 27.0, 0.8, 1.0)];

    /// <summary>Generates the topsoil twin with default options except those given.</summary>
    public static LucasTwinData Generate(int points = 5000, int seed = Defaults.Seed) => Generate(new LucasTwinOptions(points, seed));

    /// <summary>Generates the twin (deterministic for the options).</summary>
    public static LucasTwinData Generate(LucasTwinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int seed = options.Seed;
        var rng = new Random(seed);
        var coords = EuropeGeometry.SamplePoints(options.Points, rng);
        var g40 = new RandomFourierField(40, seed ^ 0x40);
        var g80a = new RandomFourierField(80, seed ^ 0x80a);
        var g80b = new RandomFourierField(80, seed ^ 0x80b);
        var g80c = new RandomFourierField(80, seed ^ 0x80c);
        var g120 = new RandomFourierField(120, seed ^ 0x120);
        var g120b = new RandomFourierField(120, seed ^ 0x121);
        var g400 = new RandomFourierField(400, seed ^ 0x400);
        var gIron = new RandomFourierField(300, seed ^ 0x1e0);
        var dry = new double[10];
        var pmFields = Enumerable.Range(0, ParentMaterials.Count).Select(k => new RandomFourierField(80, seed ^ (0x7000 + k))).ToArray();
        var lcFields = Enumerable.Range(0, LandCovers.Count).Select(k => new RandomFourierField(60, seed ^ (0x6000 + k))).ToArray();
        var result = new LucasTopsoilPoint[options.Points];
        for (int i = 0; i < result.Length; i++)
        {
            var (lat, lon) = coords[i];
            var (x, y) = EuropeGeometry.ToKilometres(lat, lon);
            double cosLat = Math.Cos(lat * Math.PI / 180);
            double Bump(double bLat, double bLon, double sigma)
            {
                double dLat = lat - bLat, dLon = (lon - bLon) * cosLat;
                return Math.Exp(-(dLat * dLat + dLon * dLon) / (2 * sigma * sigma));
            }
            double mountains = Mountains.Sum(m => m.Height * Bump(m.Lat, m.Lon, m.Sigma));
            double elevBase = 100 + mountains * (1 + 0.35 * g120.At(x, y)) + 120 * g40.At(x, y) + 60 * g400.At(x, y);
            double elev = 60 * Math.Log(1 + Math.Exp(elevBase / 60)); // softplus keeps lowlands above sea level
            double slope = Math.Min(45, Math.Exp(Math.Log(0.5 + elev / 180) + 0.6 * Gaussian.Next(rng)));
            double mat = 17.5 - 0.62 * (lat - 40) - 0.006 * elev - 0.05 * Math.Max(0, lon - 10) + 0.6 * g400.At(x + 500, y);
            double map = Math.Clamp(650 - 10 * (lon - 10) + 0.45 * elev - 25 * Math.Max(0, 43 - lat) + 120 * g400.At(x, y + 700) + 60 * g120.At(x + 300, y), 250, 3000);
            double pet = Math.Max(350, 300 + 45 * mat);
            double ai = map / pet;

            // land cover
            var lcScore = new double[LandCovers.Count];
            lcScore[0] = 1.75 - 0.09 * slope - 0.0012 * elev - 0.6 * Math.Max(0, lat - 58) / 4;
            lcScore[1] = 0.3 + 0.2 * Math.Min(2, ai) + 0.02 * slope;
            lcScore[2] = 0.25 + 0.05 * slope + 0.0005 * elev + 0.8 * Math.Max(0, lat - 56) / 4;
            lcScore[3] = -0.6 + 2.0 * Math.Max(0, 0.8 - ai) + 0.02 * slope;
            lcScore[4] = -2.6 + 0.0008 * elev;
            int lc = ArgMax(lcScore, k => 0.5 * lcFields[k].At(x, y) + 0.45 * Gaussian.NextGumbel(rng));

            // parent material
            var pmScore = new double[ParentMaterials.Count];
            pmScore[0] = 1.2 * Math.Exp(-slope / 1.5) * Math.Exp(-elev / 200);
            pmScore[1] = 1.6 * Math.Exp(-Math.Pow((lat - 50.5) / 1.4, 2)) * (lon is > -1 and < 30 ? 1 : 0.2) + 0.5 * Bump(45.5, 20.5, 1.5);
            pmScore[2] = 2.0 / (1 + Math.Exp(-(lat - 53.0) / 0.8)) * (lon > 4 || lat > 54 ? 1 : 0.5) + 1.2 * (elev > 1500 ? 1 : 0);
            pmScore[3] = 1.3 * Math.Exp(-Math.Pow((lat - 52.8) / 1.0, 2)) * (lon is > 3 and < 24 ? 1 : 0.1);
            pmScore[4] = 1.3 / (1 + Math.Exp(-(45 - lat) / 1.5)) + 0.6 * Bump(47.0, 6.5, 1.2) + 0.5 * Bump(48.8, 2.5, 1.0);
            pmScore[5] = 0.75;
            pmScore[6] = 1.4 * (lat > 59 ? 1 : 0) + 1.0 * (lon < -6 ? 1 : 0) + 1.1 * Bump(45.3, 2.8, 0.9) + 0.9 * Bump(49.5, 14.0, 1.3) + 0.0004 * elev;
            pmScore[7] = 0.1 + 0.9 * Bump(45.5, 2.9, 0.6) + 0.8 * Bump(41.2, 14.3, 0.8) + 0.6 * Bump(50.5, 7.0, 0.5);
            int pm = ArgMax(pmScore, k => 0.55 * pmFields[k].At(x, y) + 0.25 * Gaussian.NextGumbel(rng));

            // texture by additive log-ratio
            var t = Texture[pm];
            double eta1 = Math.Log(t.Clay / t.Sand) + 0.5 * g80a.At(x, y) + 0.35 * Gaussian.Next(rng);
            double eta2 = Math.Log(t.Silt / t.Sand) + 0.4 * g80b.At(x, y) + 0.3 * Gaussian.Next(rng);
            double den = 1 + Math.Exp(eta1) + Math.Exp(eta2);
            double clay = Math.Max(1, Math.Round(100 * Math.Exp(eta1) / den, 1));
            double silt = Math.Round(Math.Min(100 - clay, 100 * Math.Exp(eta2) / den), 1);
            double sand = Math.Round(100 - clay - silt, 1);

            // carbonates and pH
            double pCalc = 1 / (1 + Math.Exp(-(-2.2 + 3.2 * (pm == 4 ? 1 : 0) + 1.0 * (pm is 0 or 1 ? 1 : 0) + 1.5 * Math.Max(0, 1 - ai))));
            bool calcareous = rng.NextDouble() < pCalc;
            double caco3 = calcareous ? Math.Clamp(Math.Exp(Math.Log(80) + 0.9 * Gaussian.Next(rng)), 1, 900) : 0;
            double phW = calcareous
                ? Math.Clamp(7.9 + 0.25 * Gaussian.Next(rng), 7.0, 9.3)
                : Math.Clamp(6.6 - 0.9 * (ai - 1) - 0.6 * (lc == 2 ? 1 : 0) - 0.5 * (pm is 2 or 3 or 6 ? 1 : 0) + 0.3 * (lc == 0 ? 1 : 0)
                             + 0.3 * g120b.At(x, y) + 0.35 * Gaussian.Next(rng), 3.5, 8.3);
            double phCa = Math.Clamp(phW - 0.55 + 0.1 * Gaussian.Next(rng), 3.0, 8.8);

            // organic carbon
            double peatP = 0.01 + 0.05 * Math.Max(0, Math.Min(1, (lat - 53) / 8)) * Math.Min(1.5, ai);
            double oc = rng.NextDouble() < peatP
                ? 150 + 350 * rng.NextDouble()
                : Math.Clamp(Math.Exp(Math.Log(12) + 0.75 * (lc == 1 ? 1 : 0) + 1.1 * (lc == 2 ? 1 : 0) + 0.4 * (lc == 3 ? 1 : 0) - 0.05 * (mat - 10)
                                      + 0.35 * Math.Log(map / 700) + 0.008 * (clay - 20) + 0.25 * g120.At(x - 200, y) + 0.45 * Gaussian.Next(rng)), 1, 560);

            // bulk density (Adams 1973)
            double om = 0.1724 * oc;
            double bdMin = Math.Clamp(1.62 - 0.0035 * (clay - 20) - 0.08 * (lc == 2 ? 1 : 0) + 0.06 * Gaussian.Next(rng), 1.0, 1.9);
            double bd = 100 / (om / 0.244 + (100 - om) / bdMin);

            // EC 1:5
            double hot = SalineSpots.Sum(s => s.Strength * Bump(s.Lat, s.Lon, s.Sigma));
            double ec = Math.Clamp(Math.Exp(Math.Log(9) + 1.1 * Math.Max(0, 0.9 - ai) + 0.35 * (calcareous ? 1 : 0) + 0.25 * (lc == 0 ? 1 : 0)
                                            + 0.01 * (clay - 20) + hot + 0.3 * g80c.At(x, y) + 0.5 * Gaussian.Next(rng)), 0.5, 3000);

            // CUP4Soil-style EO covariates: Sentinel-1 means, bare-soil frequency, MEAN and SRC composites
            double mBar = Math.Clamp(0.12 + 0.08 * Math.Min(2, ai) + 0.001 * (clay - 20) + 0.03 * Gaussian.Next(rng), 0.04, 0.4);
            double vv = lc switch { 0 => -11.0, 1 => -10.0, 2 => -7.5, 3 => -9.5, _ => -13.0 } + 12 * (mBar - 0.2) + 0.04 * slope + 0.7 * Gaussian.Next(rng);
            double vh = vv - (lc == 2 ? 5.0 : 6.5) + 0.6 * Gaussian.Next(rng);
            double bareFreq = lc switch
            {
                0 => Math.Clamp(0.35 + 0.12 * Gaussian.Next(rng), 0.05, 0.8),
                1 => Math.Clamp(0.02 + 0.02 * Gaussian.Next(rng), 0, 0.1),
                3 => Math.Clamp(0.15 + 0.08 * Gaussian.Next(rng), 0, 0.5),
                4 => Math.Clamp(0.8 + 0.1 * Gaussian.Next(rng), 0.5, 1),
                _ => 0,
            };
            double[]? meanComp = null, srcComp = null;
            if (bareFreq >= 0.05)
            {
                double iron = 0.5 * (0.6 * gIron.At(x, y) + 0.8 * Gaussian.Next(rng)) + 0.4 * (pm is 6 or 7 ? 1 : 0);
                SoilSpectrum.Dry(clay, Math.Min(30, oc / 10), iron, Math.Min(1, caco3 / 300), Math.Exp(0.10 * Gaussian.Next(rng)), 0.03, rng, dry);
                meanComp = new double[10]; srcComp = new double[10];
                double atmMean = Math.Exp(0.04 * Gaussian.Next(rng)), atmSrc = Math.Exp(0.015 * Gaussian.Next(rng));
                for (int k = 0; k < 10; k++)
                {
                    meanComp[k] = Math.Clamp((0.88 * dry[k] * Math.Exp(-SoilSpectrum.WaterK[k] * mBar) * 0.92 + 0.12 * SoilSpectrum.Residue[k]) * atmMean, 0.001, 1);
                    srcComp[k] = Math.Clamp(dry[k] * Math.Exp(-SoilSpectrum.WaterK[k] * 0.5 * mBar) * 0.96 * atmSrc, 0.001, 1);
                }
            }
            var point = new LucasTopsoilPoint(i + 1, lat, lon, clay, silt, sand, oc, phW, phCa, ec, caco3, bd, elev, slope,
                LandCovers[lc], ParentMaterials[pm], mat, map, ai) { Eo = new EoCovariates(vv, vh, bareFreq, meanComp, srcComp) };
            if (options.SalinityCovariates)
            {
                double ndvi = Math.Clamp(0.25 + 0.25 * Math.Min(1.5, ai) + 0.12 * (lc == 2 ? 1 : 0) - 0.15 * (lc == 4 ? 1 : 0) + 0.05 * Gaussian.Next(rng), 0.05, 0.9);
                double lst = mat + 4 + 3 * Math.Max(0, 1 - ai) - 2 * (lc == 2 ? 1 : 0) + 0.8 * Gaussian.Next(rng);
                double twi = Math.Clamp(8 - 1.6 * Math.Log(1 + slope) + 0.8 * Gaussian.Next(rng), 2, 20);
                point = point with { Salinity = new SalinityCovariates(ndvi, lst, pet, twi) };
            }
            result[i] = point;
        }
        return new LucasTwinData(options, result);
    }

    private static int ArgMax(double[] score, Func<int, double> noise)
    {
        int best = 0; double bestV = double.NegativeInfinity;
        for (int k = 0; k < score.Length; k++)
        {
            double v = score[k] + noise(k);
            if (v > bestV) { bestV = v; best = k; }
        }
        return best;
    }

    /// <summary>
    /// Reads a LUCAS-twin CSV (the columns of <see cref="BaseColumns"/>, optionally the salinity columns).
    /// </summary>
    /// <exception cref="FormatException">A column is missing or a value is not a number.</exception>
    public static IReadOnlyList<LucasTopsoilPoint> Read(string path)
    {
        var t = CsvTable.Read(path);
        foreach (var c in BaseColumns)
            if (!t.HasColumn(c)) throw new FormatException($"{path}: column '{c}' is missing; expected the LUCAS twin columns {string.Join(", ", BaseColumns)}.");
        bool sal = SalinityColumns.All(t.HasColumn);
        bool eo = EoColumns.All(t.HasColumn);
        var eoCols = eo ? EoColumns.ToDictionary(c => c, c => t.GetDoubles(c, allowMissing: true)) : null;
        var d = BaseColumns.Concat(sal ? SalinityColumns : []).Where(c => c is not ("LC" or "ParentMaterial")).ToDictionary(c => c, c => t.GetDoubles(c));
        var lc = t.GetStrings("LC"); var pm = t.GetStrings("ParentMaterial");
        var pts = new LucasTopsoilPoint[t.RowCount];
        for (int i = 0; i < pts.Length; i++)
        {
            pts[i] = new LucasTopsoilPoint((int)d["POINTID"][i], d["TH_LAT"][i], d["TH_LONG"][i], d["Clay"][i], d["Silt"][i], d["Sand"][i], d["OC"][i],
                d["pH_H2O"][i], d["pH_CaCl2"][i], d["EC"][i], d["CaCO3"][i], d["BD"][i], d["Elev"][i], d["Slope"][i], lc[i], pm[i],
                d["MAT"][i], d["MAP"][i], d["AridityIndex"][i]);
            if (sal) pts[i] = pts[i] with { Salinity = new SalinityCovariates(d["NDVI"][i], d["LST"][i], d["PET"][i], d["TWI"][i]) };
            if (eoCols is not null)
            {
                double[]? Comp(string prefix)
                {
                    var v = SentinelChannels.Optical.Select(b => eoCols[prefix + b][i]).ToArray();
                    return v.Any(double.IsNaN) ? null : v;
                }
                pts[i] = pts[i] with { Eo = new EoCovariates(eoCols["S1_VV"][i], eoCols["S1_VH"][i], eoCols["BareFreq"][i], Comp("MEAN_"), Comp("SRC_")) };
            }
        }
        return pts;
    }
}
