using SoilNotebooks.Rasters;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>Options of the twin's regional 1 km predictor stack.</summary>
/// <param name="CentreLatitude">Latitude of the region's centre, degrees.</param>
/// <param name="CentreLongitude">Longitude of the region's centre, degrees.</param>
/// <param name="SizeKm">Side of the square region, km (1 km pixels; default 40; 2–500).</param>
/// <param name="Seed">Seed of the region's soils, weather and observation noise.</param>
public sealed record CrnsRegionOptions(double CentreLatitude, double CentreLongitude, int SizeKm = 40, int Seed = Defaults.Seed)
{
    /// <summary>First day (default 2015-01-01, as the site twin).</summary>
    public DateOnly? Start { get; init; }

    /// <summary>The first day.</summary>
    public DateOnly FirstDay => Start ?? new DateOnly(2015, 1, 1);

    /// <summary>Number of days (default 1461 = 2015–2018; 30–20000).</summary>
    public int Days { get; init; } = 1461;

    /// <summary>A drought year as in <see cref="CrnsTwinOptions.DroughtYear"/> (null: none).</summary>
    public int? DroughtYear { get; init; }

    /// <summary>Mean elevation of the region, m (default 250).</summary>
    public double CentreElevationMeters { get; init; } = 250;

    /// <summary>The region around a twin site over the twin's period (its drought year included).</summary>
    public static CrnsRegionOptions Around(CrnsSite site, CrnsTwinOptions twin, int sizeKm = 40, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(twin);
        return new CrnsRegionOptions(site.LatitudeDegrees, site.LongitudeDegrees, sizeKm, seed)
        {
            Start = twin.FirstDay, Days = twin.Days, DroughtYear = twin.DroughtYear, CentreElevationMeters = site.ElevationMeters,
        };
    }

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        Check.InRange(CentreLatitude, 30, 72, nameof(CentreLatitude));
        Check.InRange(CentreLongitude, -25, 45, nameof(CentreLongitude));
        Check.InRange(SizeKm, 2, 500, nameof(SizeKm));
        Check.InRange(Days, 30, 20000, nameof(Days));
        Check.InRange(CentreElevationMeters, 0, 4000, nameof(CentreElevationMeters));
    }
}

/// <summary>One day of the regional stack, one value per pixel (row-major; NaN on water pixels and where a predictor has no value).</summary>
/// <param name="Date">Day.</param>
/// <param name="SsmPercent">Sentinel-1-like surface soil moisture, % of saturation (on overpass days only, NaN otherwise).</param>
/// <param name="Ndvi">NDVI.</param>
/// <param name="LstCelsius">Daytime LST, °C (NaN on rainy pixels, more than 1 mm).</param>
/// <param name="PrecipitationMm">Observed precipitation, mm/day.</param>
/// <param name="PetMm">Potential evapotranspiration, mm/day.</param>
/// <param name="TrueThetaCm3PerCm3">Hidden truth: the CRNS-like profile θ = 0.45 θ₁ + 0.55 θ₂ (without sensor noise), m³/m³.</param>
public sealed record CrnsRegionDay(DateOnly Date, float[] SsmPercent, float[] Ndvi, float[] LstCelsius, float[] PrecipitationMm, float[] PetMm,
    float[] TrueThetaCm3PerCm3);

/// <summary>
/// A regional 1 km predictor stack of the CRNS/ERA5 twin: a square region on the ETRS89-LAEA grid (EPSG:3035) with
/// static soils and terrain per pixel and, streamed day by day (<see cref="Days"/>), the remote-sensing-like predictors the
/// emulator takes and the hidden profile θ. Every pixel runs the site twin's water balance
/// (<see cref="CrnsEra5Twin.WaterBalanceStep"/>).
/// </summary>
/// <remarks>
/// Pixels: elevation = region mean + 60 f (ℓ 8 km), clay 22 + 10 f and sand 40 + 18 f (ℓ 4 km), land cover from a field
/// of ℓ 2 km in thirds, bulk density 1.35 + 0.12 f (ℓ 3 km) − 0.2 under forest, about 3 % water pixels (a field of ℓ 2 km
/// above 1.9; nodata). Weather: a regional rain-occurrence score (lag-one ρ 0.5) mixed 0.9 : 0.44 with a local field
/// (ℓ 25 km), amounts exponential through a regional score mixed 0.6 : 0.8 with a local field (ℓ 8 km; convective
/// cells), a regional temperature anomaly AR(1) as the site twin's, the climate (P(wet), Mediterranean summer dryness,
/// temperature) as the ERA5-Land-like field's at the centre; one Sentinel-1 overpass schedule for the region (every 2–4
/// days). The stream holds O(pixels) memory, so a 100 km × 100 km region over six years stays small.
/// </remarks>
public sealed class CrnsRegion
{
    private readonly float[] _elev, _clay, _sand, _por, _fc, _wp, _cropK, _mat;
    private readonly string[] _lc;
    private readonly bool[] _water;
    private readonly (double X, double Y)[] _km;
    private readonly int _weatherSeed;
    private readonly double _rainMean, _wetFactor, _medDry;

    /// <summary>The options.</summary>
    public CrnsRegionOptions Options { get; }

    /// <summary>The 1 km grid (EPSG:3035, north-up).</summary>
    public RasterGrid Grid { get; }

    /// <summary>Pixels (width × height).</summary>
    public int PixelCount => _elev.Length;

    /// <summary>Elevation per pixel, m.</summary>
    public IReadOnlyList<float> ElevationMeters => _elev;

    /// <summary>Clay per pixel, %.</summary>
    public IReadOnlyList<float> ClayPercent => _clay;

    /// <summary>Sand per pixel, %.</summary>
    public IReadOnlyList<float> SandPercent => _sand;

    /// <summary>Porosity per pixel, m³/m³ (the SSM's % of saturation times this is volumetric).</summary>
    public IReadOnlyList<float> Porosity => _por;

    /// <summary>Land cover per pixel (Cropland, Grassland, Forest or Water).</summary>
    public IReadOnlyList<string> LandCover => _lc;

    /// <summary>Whether a pixel is water (nodata in every layer).</summary>
    public IReadOnlyList<bool> IsWater => _water;

    /// <summary>Generates the region's static layers (deterministic for the options); the days are streamed by <see cref="Days"/>.</summary>
    public CrnsRegion(CrnsRegionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var laea = Crs.FromEpsg(3035);
        var (e, nn) = CoordinateTransformer.Transform(Crs.FromEpsg(4326), laea, options.CentreLongitude, options.CentreLatitude);
        int size = options.SizeKm;
        double originX = Math.Round(e / 1000) * 1000 - size / 2 * 1000, originY = Math.Round(nn / 1000) * 1000 + (size - size / 2) * 1000;
        Grid = new RasterGrid(size, size, GeoTransform.NorthUp(originX, originY, 1000), laea);
        int n = size * size;
        _km = new (double, double)[n];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++) _km[r * size + c] = ((originX + (c + 0.5) * 1000) / 1000, (originY - (r + 0.5) * 1000) / 1000);

        var rng = new Random(options.Seed);
        RandomFourierField F(double lengthKm) => new(lengthKm, rng.Next());
        var (fElev, fClay, fSand, fLc, fBd, fWater) = (F(8), F(4), F(4), F(2), F(3), F(2));
        _elev = new float[n]; _clay = new float[n]; _sand = new float[n]; _por = new float[n]; _fc = new float[n]; _wp = new float[n];
        _cropK = new float[n]; _mat = new float[n]; _lc = new string[n]; _water = new bool[n];
        for (int i = 0; i < n; i++)
        {
            var (x, y) = _km[i];
            double elev = Math.Max(0, options.CentreElevationMeters + 60 * fElev.At(x, y));
            double clay = Math.Clamp(22 + 10 * fClay.At(x, y), 3, 60), sand = Math.Clamp(40 + 18 * fSand.At(x, y), 5, 100 - clay - 5);
            double l = fLc.At(x, y);
            _water[i] = fWater.At(x, y) > 1.9;
            string lc = _water[i] ? "Water" : l < -0.43 ? "Forest" : l > 0.43 ? "Cropland" : "Grassland";
            double bd = Math.Clamp(1.35 + 0.12 * fBd.At(x, y) - (lc == "Forest" ? 0.2 : 0), 0.8, 1.7);
            double por = 1 - bd / 2.65;
            _elev[i] = (float)elev; _clay[i] = (float)clay; _sand[i] = (float)sand; _lc[i] = lc; _por[i] = (float)por;
            _wp[i] = (float)(0.03 + 0.25 * clay / 100);
            _fc[i] = (float)Math.Min(por - 0.05, 0.18 + 0.25 * clay / 100 + 0.1 * (1 - sand / 100));
            _cropK[i] = lc == "Forest" ? 1.15f : lc == "Grassland" ? 1.0f : 0.9f;
            _mat[i] = (float)(15.5 - 0.62 * (options.CentreLatitude - 40) - 0.006 * elev);
        }
        _rainMean = 4 + 5 * rng.NextDouble();
        _wetFactor = Math.Exp(0.35 * Gaussian.Next(rng) - 0.015 * (options.CentreLongitude - 10));
        _medDry = Math.Clamp((46 - options.CentreLatitude) / 6, 0, 1);
        _weatherSeed = rng.Next();
    }

    /// <summary>
    /// The days of the region in order, one <see cref="CrnsRegionDay"/> each (fresh arrays per day; the same values on
    /// every enumeration).
    /// </summary>
    public IEnumerable<CrnsRegionDay> Days()
    {
        int n = PixelCount;
        var rng = new Random(_weatherSeed);
        var occ = new DailyFourierField(_km, 25, 0.3, 32, rng);
        var amt = new DailyFourierField(_km, 8, 0, 32, rng);
        var zOcc = new double[n]; var zAmt = new double[n];
        var th1 = new double[n]; var th2 = new double[n];
        for (int i = 0; i < n; i++) th1[i] = th2[i] = (_fc[i] + _wp[i]) / 2.0;
        double regOcc = Gaussian.Next(rng), tNoise = 0;
        int next = rng.Next(1, 4);
        for (int d = 0; d < Options.Days; d++)
        {
            var date = Options.FirstDay.AddDays(d);
            double doy = date.DayOfYear;
            bool drought = Options.DroughtYear == date.Year && date.Month is >= 4 and <= 9;
            occ.Next(rng, zOcc); amt.Next(rng, zAmt);
            regOcc = 0.5 * regOcc + Math.Sqrt(0.75) * Gaussian.Next(rng);
            double regAmt = Gaussian.Next(rng);
            tNoise = 0.7 * tNoise + 1.8 * Gaussian.Next(rng);
            bool overpass = --next <= 0;
            if (overpass) next = rng.Next(2, 5);
            double winterWet = 1 + 0.25 * Math.Cos(2 * Math.PI * (doy - 15) / 365), summer = Math.Max(0, Math.Cos(2 * Math.PI * (doy - 200) / 365));
            double season = Math.Max(0, Math.Cos(2 * Math.PI * (doy - 190) / 365));
            double warm = 9 * Math.Cos(2 * Math.PI * (doy - 200) / 365);
            double pWet = Math.Clamp(0.37 * winterWet * _wetFactor * (1 - 0.25 * _medDry - 0.6 * _medDry * summer) * (drought ? 0.35 : 1), 0.01, 0.95);
            var day = new CrnsRegionDay(date, new float[n], new float[n], new float[n], new float[n], new float[n], new float[n]);
            for (int i = 0; i < n; i++)
            {
                double ssmNoise = Gaussian.Next(rng), ndviNoise = Gaussian.Next(rng), lstNoise = Gaussian.Next(rng), pNoise = Gaussian.Next(rng);
                if (_water[i])
                {
                    day.SsmPercent[i] = day.Ndvi[i] = day.LstCelsius[i] = day.PrecipitationMm[i] = day.PetMm[i] = day.TrueThetaCm3PerCm3[i] = float.NaN;
                    continue;
                }
                double p = Gaussian.Cdf(0.9 * regOcc + 0.436 * zOcc[i]) < pWet
                    ? _rainMean * -Math.Log(1 - Gaussian.Cdf(0.6 * regAmt + 0.8 * zAmt[i]) * (1 - 1e-12)) : 0;
                double tair = _mat[i] + warm + tNoise;
                double pet = Math.Max(0.1, 0.12 * (tair + 5)) * (drought ? 1.3 : 1);
                double f1 = CrnsEra5Twin.WaterBalanceStep(ref th1[i], ref th2[i], p, pet, _por[i], _fc[i], _wp[i], _cropK[i]);
                day.TrueThetaCm3PerCm3[i] = (float)(0.45 * th1[i] + 0.55 * th2[i]);
                day.SsmPercent[i] = overpass ? (float)Math.Clamp(100 * th1[i] / _por[i] + 8 * ssmNoise, 0, 100) : float.NaN;
                string lc = _lc[i];
                day.Ndvi[i] = (float)Math.Clamp((lc == "Forest" ? 0.55 : lc == "Grassland" ? 0.45 : 0.3) + (lc == "Cropland" ? 0.45 : 0.25) * season
                    + 0.04 * ndviNoise, 0, 0.95);
                day.LstCelsius[i] = p > 1 ? float.NaN : (float)(tair + 3 + 6 * (1 - f1) * season - (lc == "Forest" ? 2 : 0) + 1.5 * lstNoise);
                day.PrecipitationMm[i] = (float)(p * Math.Exp(0.3 * pNoise));
                day.PetMm[i] = (float)pet;
            }
            yield return day;
        }
    }
}
