namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>Options of the twin's ERA5-Land-like field (the pseudoproxy world).</summary>
/// <param name="CellDegrees">Grid cell size, degrees of latitude and longitude (default 1°; 0.1–10).</param>
/// <param name="MarginDegrees">How far the grid reaches beyond the sites' bounding box, degrees (default 1°; 0–20).</param>
/// <param name="Seed">Seed of the field: its soils, climate, weather and observation noise (independent of the site twin's).</param>
public sealed record CrnsFieldOptions(double CellDegrees = 1.0, double MarginDegrees = 1.0, int Seed = Defaults.Seed)
{
    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        Check.InRange(CellDegrees, 0.1, 10, nameof(CellDegrees));
        Check.InRange(MarginDegrees, 0, 20, nameof(MarginDegrees));
    }
}

/// <summary>One location of the field: a site's location or a land grid cell (its centre).</summary>
/// <param name="Index">Index into <see cref="CrnsField.Units"/> and <see cref="CrnsField.Series"/>.</param>
/// <param name="Id">"S01" for a site, "r3c7" for a cell.</param>
/// <param name="LatitudeDegrees">Latitude (EPSG:4326).</param>
/// <param name="LongitudeDegrees">Longitude.</param>
/// <param name="SiteId">The site's id, or null for a grid cell.</param>
/// <param name="ContainsSite">For a cell: a site lies inside it (such a cell is not scored off-site). True for sites.</param>
/// <param name="Row">Grid row (0 = north), −1 for a site.</param>
/// <param name="Column">Grid column (0 = west), −1 for a site.</param>
/// <param name="ElevationMeters">Elevation, m.</param>
/// <param name="LandCover">Cropland, Grassland or Forest.</param>
/// <param name="ClayPercent">Clay, %.</param>
/// <param name="SandPercent">Sand, %.</param>
/// <param name="Porosity">Porosity, m³/m³.</param>
/// <param name="MeanAirTemperatureCelsius">Mean of the daily air temperature over the period, °C (a climate covariate).</param>
/// <param name="AnnualPrecipitationMm">Mean annual precipitation over the period, mm/year (a climate covariate).</param>
/// <param name="AridityIndex">Total PET over total precipitation (a climate covariate; &gt; 1 is water-limited).</param>
public sealed record CrnsFieldUnit(int Index, string Id, double LatitudeDegrees, double LongitudeDegrees, string? SiteId, bool ContainsSite,
    int Row, int Column, double ElevationMeters, string LandCover, double ClayPercent, double SandPercent, double Porosity,
    double MeanAirTemperatureCelsius, double AnnualPrecipitationMm, double AridityIndex)
{
    /// <summary>Whether this is a site's location (a pseudo-observation).</summary>
    public bool IsSite => SiteId is not null;
}

/// <summary>The daily series of one field unit (NaN where a predictor has no value that day).</summary>
/// <param name="Era5LandCm3PerCm3">The ERA5-Land-like soil moisture, m³/m³: the truth of the pseudoproxy experiment.</param>
/// <param name="SsmPercent">Sentinel-1-like surface soil moisture, % of saturation (every 2–4 days, NaN otherwise).</param>
/// <param name="Ndvi">NDVI.</param>
/// <param name="LstCelsius">Daytime LST, °C (NaN on days with more than 1 mm of rain).</param>
/// <param name="PrecipitationMm">Observed (satellite-like) precipitation, mm/day.</param>
/// <param name="PetMm">Potential evapotranspiration, mm/day.</param>
public sealed record CrnsFieldSeries(double[] Era5LandCm3PerCm3, double[] SsmPercent, double[] Ndvi, double[] LstCelsius, double[] PrecipitationMm,
    double[] PetMm);

/// <summary>An ERA5-Land-like soil-moisture field on a grid around the twin's sites, with remote-sensing-like predictors.</summary>
/// <param name="Options">Field options.</param>
/// <param name="Dates">Days (the site twin's period).</param>
/// <param name="Units">The sites' locations first (in the twin's site order), then the land cells row by row.</param>
/// <param name="Series">Daily series, one per unit (same order).</param>
/// <param name="Rows">Grid rows.</param>
/// <param name="Columns">Grid columns.</param>
/// <param name="NorthDegrees">Latitude of the grid's northern edge.</param>
/// <param name="WestDegrees">Longitude of the grid's western edge.</param>
public sealed record CrnsField(CrnsFieldOptions Options, IReadOnlyList<DateOnly> Dates, IReadOnlyList<CrnsFieldUnit> Units,
    IReadOnlyList<CrnsFieldSeries> Series, int Rows, int Columns, double NorthDegrees, double WestDegrees)
{
    /// <summary>The units at the sites' locations (the pseudo-observations).</summary>
    public IReadOnlyList<CrnsFieldUnit> Sites => Units.Where(u => u.IsSite).ToArray();

    /// <summary>The land grid cells.</summary>
    public IReadOnlyList<CrnsFieldUnit> Cells => Units.Where(u => !u.IsSite).ToArray();

    /// <summary>The grid cell (row, column) holding a point, or (−1, −1) outside the grid.</summary>
    public (int Row, int Column) CellOf(double latitudeDegrees, double longitudeDegrees)
    {
        double c = Options.CellDegrees;
        int row = (int)Math.Floor((NorthDegrees - latitudeDegrees) / c), col = (int)Math.Floor((longitudeDegrees - WestDegrees) / c);
        return row >= 0 && row < Rows && col >= 0 && col < Columns ? (row, col) : (-1, -1);
    }
}

/// <summary>
/// A seeded stationary Gaussian field that changes from day to day: z_t(x) = √(1/K) Σₖ (a_k(t) cos(ωₖ·x) + c_k(t) sin(ωₖ·x)),
/// ωₖ ~ N(0, I/ℓ²), the coefficients AR(1) in time with lag-one correlation ρ and N(0, 1) margins. Each day's z has mean 0,
/// variance exactly 1 and spatial covariance ≈ exp(−|h|²/(2ℓ²)) (random Fourier features, Rahimi &amp; Recht 2007).
/// </summary>
internal sealed class DailyFourierField
{
    private readonly float[] _cos, _sin;
    private readonly double[] _a, _c;
    private readonly int _k, _n;
    private readonly double _rho, _innovation, _scale;

    public DailyFourierField(IReadOnlyList<(double X, double Y)> pointsKm, double lengthScaleKm, double rho, int features, Random rng)
    {
        _k = features; _n = pointsKm.Count; _rho = rho; _innovation = Math.Sqrt(1 - rho * rho); _scale = Math.Sqrt(1.0 / features);
        _cos = new float[_n * _k]; _sin = new float[_n * _k];
        var wx = new double[_k]; var wy = new double[_k];
        for (int k = 0; k < _k; k++) { wx[k] = Gaussian.Next(rng) / lengthScaleKm; wy[k] = Gaussian.Next(rng) / lengthScaleKm; }
        for (int u = 0; u < _n; u++)
            for (int k = 0; k < _k; k++)
            {
                double phase = wx[k] * pointsKm[u].X + wy[k] * pointsKm[u].Y;
                _cos[u * _k + k] = (float)Math.Cos(phase); _sin[u * _k + k] = (float)Math.Sin(phase);
            }
        _a = new double[_k]; _c = new double[_k];
        for (int k = 0; k < _k; k++) { _a[k] = Gaussian.Next(rng); _c[k] = Gaussian.Next(rng); }
    }

    /// <summary>Advances one day (the first call gives the initial state's successor) and writes z into <paramref name="z"/>.</summary>
    public void Next(Random rng, double[] z)
    {
        for (int k = 0; k < _k; k++)
        {
            _a[k] = _rho * _a[k] + _innovation * Gaussian.Next(rng);
            _c[k] = _rho * _c[k] + _innovation * Gaussian.Next(rng);
        }
        for (int u = 0; u < _n; u++)
        {
            double s = 0; int o = u * _k;
            for (int k = 0; k < _k; k++) s += _a[k] * _cos[o + k] + _c[k] * _sin[o + k];
            z[u] = s * _scale;
        }
    }
}

public static partial class CrnsEra5Twin
{
    /// <summary>Share of the ERA5-Land-like value that is the surface layer (0–5 cm); the rest is the root zone.</summary>
    public const double Era5LandSurfaceWeight = 0.25;

    /// <summary>
    /// The twin's ERA5-Land-like soil-moisture field on a grid of <see cref="CrnsFieldOptions.CellDegrees"/> cells over the
    /// sites' bounding box (plus a margin; land cells only, <see cref="EuropeGeometry.IsLand"/> of the centre) and at the
    /// sites' own locations, over the twin's period (its drought year included). Deterministic for the twin's options and
    /// <paramref name="options"/>; the site twin itself is not changed.
    /// </summary>
    /// <remarks>
    /// Every location runs the site twin's water balance (<see cref="WaterBalanceStep"/>) with soils and climate that vary
    /// smoothly in space (random Fourier fields, <see cref="RandomFourierField"/>): elevation (ℓ 150 km), clay and sand
    /// (ℓ 120 km), bulk density (ℓ 100 km), land cover (ℓ 80 km, thirds of a field), rain amount (4–9 mm, ℓ 400 km), a
    /// wetness factor e^(0.35 f − 0.015 (lon − 10°)) (ℓ 600 km; wetter towards the Atlantic, drier inland to the east) and a
    /// Mediterranean dryness m = (46° − lat)/6° in [0, 1] that lowers P(wet) by 0.25 m all year and 0.6 m more in summer;
    /// mean temperature 15.5 − 0.62 (lat − 40) − 0.006 z as in the site twin. Daily weather is
    /// spatially correlated (<see cref="DailyFourierField"/>): rain occurs where Φ(z_occ) &lt; P(wet) (ℓ 250 km, lag-one
    /// ρ 0.5), its amount is exponential through Φ(z_amt) (ℓ 150 km), the temperature anomaly is 2.52 z_T (ℓ 700 km,
    /// ρ 0.7). The ERA5-Land-like value is 0.25 θ₁ + 0.75 θ₂ + b, b = 0.03 + 0.02 f (ℓ 300 km) a smooth model offset (as
    /// ERA5-Land's own soil map would give), clipped to 0.02–0.6. The predictors come from the same water balance: SSM
    /// every 2–4 days = 100 θ₁ / porosity + N(0, 8²) %, NDVI and LST as in the site twin, precipitation × e^(0.3 N(0,1)).
    /// So the predictors' relation to the truth is built into the twin; what varies in space is the soil, the climate and
    /// the offset b, which is what an off-site estimate has to get right.
    /// </remarks>
    public static CrnsField Field(CrnsTwinData twin, CrnsFieldOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var o = options ?? new CrnsFieldOptions();
        o.Validate();
        var t = twin.Options;
        double cell = o.CellDegrees;
        double west = Math.Floor((twin.Sites.Min(s => s.LongitudeDegrees) - o.MarginDegrees) / cell) * cell;
        double east = Math.Ceiling((twin.Sites.Max(s => s.LongitudeDegrees) + o.MarginDegrees) / cell) * cell;
        double south = Math.Floor((twin.Sites.Min(s => s.LatitudeDegrees) - o.MarginDegrees) / cell) * cell;
        double north = Math.Ceiling((twin.Sites.Max(s => s.LatitudeDegrees) + o.MarginDegrees) / cell) * cell;
        int rows = Math.Max(1, (int)Math.Round((north - south) / cell)), cols = Math.Max(1, (int)Math.Round((east - west) / cell));

        var siteCells = new HashSet<(int, int)>();
        foreach (var s in twin.Sites)
            siteCells.Add(((int)Math.Floor((north - s.LatitudeDegrees) / cell), (int)Math.Floor((s.LongitudeDegrees - west) / cell)));
        var places = new List<(string Id, double Lat, double Lon, string? Site, bool Holds, int Row, int Col)>();
        foreach (var s in twin.Sites) places.Add((s.SiteId, s.LatitudeDegrees, s.LongitudeDegrees, s.SiteId, true, -1, -1));
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                double lat = north - (r + 0.5) * cell, lon = west + (c + 0.5) * cell;
                if (EuropeGeometry.IsLand(lon, lat)) places.Add(($"r{r}c{c}", lat, lon, null, siteCells.Contains((r, c)), r, c));
            }
        int n = places.Count;
        var km = places.Select(p => EuropeGeometry.ToKilometres(p.Lat, p.Lon)).ToArray();

        var rng = new Random(o.Seed);
        RandomFourierField F(double lengthKm) => new(lengthKm, rng.Next());
        var (fElev, fClay, fSand, fBd, fLc, fAmt, fWet, fBias) = (F(150), F(120), F(120), F(100), F(80), F(400), F(600), F(300));
        var elev = new double[n]; var clay = new double[n]; var sand = new double[n]; var lc = new string[n];
        var por = new double[n]; var fc = new double[n]; var wp = new double[n]; var cropK = new double[n];
        var mat = new double[n]; var rainMean = new double[n]; var wetFactor = new double[n]; var medDry = new double[n]; var bias = new double[n];
        for (int u = 0; u < n; u++)
        {
            var (x, y) = km[u];
            elev[u] = Math.Max(0, 250 + 300 * fElev.At(x, y));
            clay[u] = Math.Clamp(22 + 10 * fClay.At(x, y), 3, 60);
            sand[u] = Math.Clamp(40 + 18 * fSand.At(x, y), 5, 100 - clay[u] - 5);
            double l = fLc.At(x, y);
            lc[u] = l < -0.43 ? "Forest" : l > 0.43 ? "Cropland" : "Grassland";
            double bd = Math.Clamp(1.35 + 0.12 * fBd.At(x, y) - (lc[u] == "Forest" ? 0.2 : 0), 0.8, 1.7);
            por[u] = 1 - bd / 2.65;
            wp[u] = 0.03 + 0.25 * clay[u] / 100;
            fc[u] = Math.Min(por[u] - 0.05, 0.18 + 0.25 * clay[u] / 100 + 0.1 * (1 - sand[u] / 100));
            cropK[u] = lc[u] == "Forest" ? 1.15 : lc[u] == "Grassland" ? 1.0 : 0.9;
            mat[u] = 15.5 - 0.62 * (places[u].Lat - 40) - 0.006 * elev[u];
            rainMean[u] = 4 + 5 * Gaussian.Cdf(fAmt.At(x, y));
            wetFactor[u] = Math.Exp(0.35 * fWet.At(x, y) - 0.015 * (places[u].Lon - 10));
            medDry[u] = Math.Clamp((46 - places[u].Lat) / 6, 0, 1);
            bias[u] = 0.03 + 0.02 * fBias.At(x, y);
        }

        var occ = new DailyFourierField(km, 250, 0.5, 64, rng);
        var amt = new DailyFourierField(km, 150, 0, 64, rng);
        var tmp = new DailyFourierField(km, 700, 0.7, 32, rng);
        var zOcc = new double[n]; var zAmt = new double[n]; var zTmp = new double[n];
        int days = t.Days;
        var series = Enumerable.Range(0, n).Select(_ => new CrnsFieldSeries(new double[days], new double[days], new double[days], new double[days],
            new double[days], new double[days])).ToArray();
        var th1 = new double[n]; var th2 = new double[n]; var next = new int[n];
        var sumT = new double[n]; var sumP = new double[n]; var sumPet = new double[n];
        for (int u = 0; u < n; u++) { th1[u] = th2[u] = (fc[u] + wp[u]) / 2; next[u] = rng.Next(1, 4); }
        var dates = new DateOnly[days];
        for (int d = 0; d < days; d++)
        {
            var date = t.FirstDay.AddDays(d);
            dates[d] = date;
            double doy = date.DayOfYear;
            bool drought = t.DroughtYear == date.Year && date.Month is >= 4 and <= 9;
            occ.Next(rng, zOcc); amt.Next(rng, zAmt); tmp.Next(rng, zTmp);
            double winterWet = 1 + 0.25 * Math.Cos(2 * Math.PI * (doy - 15) / 365), summer = Math.Max(0, Math.Cos(2 * Math.PI * (doy - 200) / 365));
            double season = Math.Max(0, Math.Cos(2 * Math.PI * (doy - 190) / 365));
            double warm = 9 * Math.Cos(2 * Math.PI * (doy - 200) / 365);
            for (int u = 0; u < n; u++)
            {
                double pWet = Math.Clamp(0.37 * winterWet * wetFactor[u] * (1 - 0.25 * medDry[u] - 0.6 * medDry[u] * summer) * (drought ? 0.35 : 1), 0.01, 0.95);
                double p = Gaussian.Cdf(zOcc[u]) < pWet ? rainMean[u] * -Math.Log(1 - Gaussian.Cdf(zAmt[u]) * (1 - 1e-12)) : 0;
                double tair = mat[u] + warm + 2.52 * zTmp[u];
                double pet = Math.Max(0.1, 0.12 * (tair + 5)) * (drought ? 1.3 : 1);
                double f1 = WaterBalanceStep(ref th1[u], ref th2[u], p, pet, por[u], fc[u], wp[u], cropK[u]);
                var s = series[u];
                s.Era5LandCm3PerCm3[d] = Math.Clamp(Era5LandSurfaceWeight * th1[u] + (1 - Era5LandSurfaceWeight) * th2[u] + bias[u], 0.02, 0.6);
                double ssmNoise = Gaussian.Next(rng);
                if (--next[u] <= 0) { s.SsmPercent[d] = Math.Clamp(100 * th1[u] / por[u] + 8 * ssmNoise, 0, 100); next[u] = rng.Next(2, 5); }
                else s.SsmPercent[d] = double.NaN;
                bool forest = lc[u] == "Forest";
                s.Ndvi[d] = Math.Clamp((forest ? 0.55 : lc[u] == "Grassland" ? 0.45 : 0.3) + (lc[u] == "Cropland" ? 0.45 : 0.25) * season
                    + 0.04 * Gaussian.Next(rng), 0, 0.95);
                double lstNoise = Gaussian.Next(rng);
                s.LstCelsius[d] = p > 1 ? double.NaN : tair + 3 + 6 * (1 - f1) * season - (forest ? 2 : 0) + 1.5 * lstNoise;
                s.PrecipitationMm[d] = p * Math.Exp(0.3 * Gaussian.Next(rng));
                s.PetMm[d] = pet;
                sumT[u] += tair; sumP[u] += p; sumPet[u] += pet;
            }
        }
        double years = days / 365.25;
        var units = Enumerable.Range(0, n).Select(u => new CrnsFieldUnit(u, places[u].Id, places[u].Lat, places[u].Lon, places[u].Site, places[u].Holds,
            places[u].Row, places[u].Col, elev[u], lc[u], clay[u], sand[u], por[u], sumT[u] / days, sumP[u] / years,
            sumP[u] > 0 ? sumPet[u] / sumP[u] : double.PositiveInfinity)).ToArray();
        return new CrnsField(o, dates, units, series, rows, cols, north, west);
    }
}
