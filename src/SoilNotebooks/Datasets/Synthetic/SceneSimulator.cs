using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoilNotebooks.IO;
using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>STAC Item flavour written by the simulator.</summary>
public enum StacStyle
{
    /// <summary>Earth Search v1 (<c>sentinel-2-l2a</c>): asset keys blue … swir22, scl; s2:processing_baseline, earthsearch:boa_offset_applied.</summary>
    EarthSearch,
    /// <summary>Copernicus Data Space: asset keys B02_10m … B12_20m, SCL_20m; processing:version.</summary>
    Cdse,
}

/// <summary>Options of the scene simulator.</summary>
/// <param name="Seed">Random seed (every draw derives from it).</param>
/// <param name="Size">Grid side at 10 m, pixels, even, 16–20000 (default 256).</param>
/// <param name="Dates">Sentinel-2 acquisitions, 1–400 (default 24).</param>
/// <param name="Epsg">UTM CRS EPSG code (default 32633, WGS 84 / UTM 33N).</param>
/// <param name="OriginX">Upper-left easting, m (default 500000).</param>
/// <param name="OriginY">Upper-left northing, m (default 5000000, ≈ 45.1° N).</param>
/// <param name="Start">First acquisition date (default 2021-09-05).</param>
/// <param name="SpanDays">Time span of the acquisitions, days (default 730).</param>
/// <param name="ParcelSizePixels">Typical parcel side, pixels (default 40 = 400 m).</param>
/// <param name="Style">STAC flavour (default Earth Search).</param>
/// <param name="ProcessingBaseline">Processing baseline written to the Items (default "05.10"; ≥ 04.00 adds 1000 to the DNs unless the offset is marked applied).</param>
/// <param name="BoaOffsetApplied">Earth Search flag: DNs already harmonised (no +1000), default false.</param>
/// <param name="Sentinel1">Also write paired Sentinel-1 VV/VH scenes (default true).</param>
/// <param name="ClayQuantiles">Clay distribution of the area: the clay field's rank mapped through these quantiles (null: the
/// default clamp(25 + 10 z₁, 5, 60) %).</param>
/// <param name="ClearDateShare">Share of dates with cloud cover U(0, 3 %), 0–1 (default 0.35); the rest as in the remarks.</param>
public sealed record SceneSimulatorOptions(int Seed = 42, int Size = 256, int Dates = 24, int Epsg = 32633, double OriginX = 500000, double OriginY = 5000000,
    DateTime? Start = null, int SpanDays = 730, int ParcelSizePixels = 40, StacStyle Style = StacStyle.EarthSearch, string ProcessingBaseline = "05.10",
    bool BoaOffsetApplied = false, bool Sentinel1 = true, PiecewiseQuantile? ClayQuantiles = null, double ClearDateShare = 0.35)
{
    /// <summary>Checks every parameter.</summary>
    public SceneSimulatorOptions Validate()
    {
        Check.InRange(Size, 16, 20000);
        if (Size % 2 != 0) throw new ArgumentOutOfRangeException(nameof(Size), $"Size must be even so the 20 m bands tile the 10 m grid (got {Size}).");
        Check.InRange(Dates, 1, 400); Check.InRange(SpanDays, 1, 20000); Check.InRange(ClearDateShare, 0, 1); Check.InRange(ParcelSizePixels, 4, 5000);
        S2Radiometry.FromBaseline(ProcessingBaseline, BoaOffsetApplied);
        return this;
    }
}

/// <summary>Crop type of a simulated parcel.</summary>
public enum SimulatedCrop : byte
{
    /// <summary>Winter cereal (sown October, harvested July, stubble then ploughed).</summary>
    WinterCereal = 0,
    /// <summary>Summer crop (maize: tilled April, sown May, harvested early October).</summary>
    SummerCrop = 1,
    /// <summary>Permanent grassland (never bare).</summary>
    Grassland = 2,
    /// <summary>Fallow (mostly bare, sparse weeds).</summary>
    Fallow = 3,
    /// <summary>Water body (SCL 6).</summary>
    Water = 4,
}

/// <summary>A simulated soil sample: location (stack CRS, pixel centre), pixel and the true soil properties there.</summary>
/// <param name="Id">Sample id ("S0001" …).</param>
/// <param name="X">Easting, m.</param>
/// <param name="Y">Northing, m.</param>
/// <param name="Column">Pixel column.</param>
/// <param name="Row">Pixel row.</param>
/// <param name="ClayPercent">True clay, %.</param>
/// <param name="SocPercent">True SOC, %.</param>
/// <param name="Crop">Crop type of the parcel.</param>
public sealed record SimulatedSample(string Id, double X, double Y, int Column, int Row, float ClayPercent, float SocPercent, SimulatedCrop Crop);

/// <summary>What the simulator wrote, with the true soil fields (for checking predicted against true maps).</summary>
public sealed record SimulatedScenes
{
    /// <summary>Output folder.</summary>
    public required string Folder { get; init; }
    /// <summary>10 m grid of the stack and of the truth rasters.</summary>
    public required RasterGrid Grid { get; init; }
    /// <summary>Sentinel-2 STAC Item files, by date.</summary>
    public required IReadOnlyList<string> S2Items { get; init; }
    /// <summary>Sentinel-1 STAC Item files.</summary>
    public required IReadOnlyList<string> S1Items { get; init; }
    /// <summary>Sentinel-2 acquisition times.</summary>
    public required IReadOnlyList<DateTime> Dates { get; init; }
    /// <summary>Scene cloud cover written to each Item, percent.</summary>
    public required IReadOnlyList<double> CloudCoverPercent { get; init; }
    /// <summary>Sun elevation written to each Item, degrees.</summary>
    public required IReadOnlyList<double> SunElevationDegrees { get; init; }
    /// <summary>True topsoil clay, % (row-major over <see cref="Grid"/>); also in truth/clay.tif.</summary>
    public required float[] ClayPercent { get; init; }
    /// <summary>True soil organic carbon, %; truth/soc.tif.</summary>
    public required float[] SocPercent { get; init; }
    /// <summary>Mean volumetric soil moisture, m³/m³; truth/moisture_mean.tif.</summary>
    public required float[] MoistureMean { get; init; }
    /// <summary>Parcel id per pixel; truth/parcels.tif band 1.</summary>
    public required int[] ParcelId { get; init; }
    /// <summary>Crop type per pixel; truth/parcels.tif band 2.</summary>
    public required SimulatedCrop[] Crop { get; init; }
    /// <summary>Files of the truth rasters by name (clay, soc, moisture_mean, parcels).</summary>
    public required IReadOnlyDictionary<string, string> TruthFiles { get; init; }

    /// <summary>
    /// Draws <paramref name="count"/> distinct sample pixels (seeded, without replacement) on arable parcels (winter cereal,
    /// summer crop, fallow: the parcels that get bare), with their true clay and SOC — the labelled points of an S2MoS-style
    /// experiment. Coordinates are pixel centres in the stack CRS.
    /// </summary>
    public IReadOnlyList<SimulatedSample> SamplePoints(int count, int seed)
    {
        var candidates = Enumerable.Range(0, ClayPercent.Length).Where(i => Crop[i] is SimulatedCrop.WinterCereal or SimulatedCrop.SummerCrop or SimulatedCrop.Fallow).ToArray();
        if (candidates.Length == 0)
            throw new InvalidOperationException("The simulated area has no arable parcel (winter cereal, summer crop or fallow) to sample; simulate a larger area or smaller parcels.");
        if (count < 1 || count > candidates.Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"count must be between 1 and the {candidates.Length} arable pixels (got {count}).");
        var rng = new Random(seed);
        for (int i = 0; i < count; i++) { int j = i + rng.Next(candidates.Length - i); (candidates[i], candidates[j]) = (candidates[j], candidates[i]); }
        return candidates.Take(count).Select((p, k) =>
        {
            int c = p % Grid.Width, r = p / Grid.Width;
            var (x, y) = Grid.Transform.PixelToWorld(c + 0.5, r + 0.5);
            return new SimulatedSample($"S{k + 1:0000}", x, y, c, r, ClayPercent[p], SocPercent[p], Crop[p]);
        }).ToArray();
    }

    /// <summary>Writes samples as CSV (id, x, y, col, row, clay, soc, crop), atomically.</summary>
    public static void WriteSamples(string path, IEnumerable<SimulatedSample> samples) =>
        Tabular.CsvTable.WriteCsv(path, ["id", "x", "y", "col", "row", "clay", "soc", "crop"], samples.Select(s => (IReadOnlyList<string>)
        [
            s.Id, Tabular.CsvTable.Format(s.X), Tabular.CsvTable.Format(s.Y), s.Column.ToString(CultureInfo.InvariantCulture), s.Row.ToString(CultureInfo.InvariantCulture),
            Tabular.CsvTable.Format(Math.Round(s.ClayPercent, 3)), Tabular.CsvTable.Format(Math.Round(s.SocPercent, 4)), s.Crop.ToString(),
        ]));
}

/// <summary>
/// Seeded simulator of Sentinel-2 L2A (ten bands + SCL) and Sentinel-1 (VV/VH) time series over agricultural parcels, written
/// as real GeoTIFFs with STAC Items in a UTM CRS, so the whole pipeline (loading, masking, compositing, extraction) runs on
/// it exactly as on downloaded scenes.
/// </summary>
/// <remarks>
/// <para><b>Soil fields.</b> z₁ … z₄ are standardised autocorrelated Gaussian fields (<see cref="RandomFields"/>, σ = Size/8 px).
/// clay = clamp(25 + 10 z₁, 5, 60) %, or z₁'s rank mapped through <see cref="SceneSimulatorOptions.ClayQuantiles"/>;
/// SOC = clamp(1.5 + 0.6 (0.4 z₁ + 0.917 z₂), 0.3, 5) %; iron index 0.5 z₄; mean moisture θ̄ from clay and z₃
/// (<see cref="SoilSceneModel.MeanMoisture"/>).</para>
/// <para><b>Parcels.</b> Voronoi cells of jittered seeds on a grid of spacing ParcelSizePixels; crop types drawn with probabilities
/// winter cereal 0.35, summer crop 0.30, grassland 0.15, fallow 0.15, water 0.05 (at most one water parcel); each parcel
/// shifts its calendar by U(−12, 12) days.</para>
/// <para><b>Calendars.</b> Green-vegetation cover f_v(doy) and residue cover f_r(doy) are piecewise-linear, cyclic per crop
/// (keyframes in <see cref="Calendar"/>); the bare-soil fraction is 1 − f_v − f_r. Tillage (doy 260 winter cereal, 100 summer
/// crop, 120 fallow) resets roughness s = 1 + 1.5 exp(−Δt/40 d) cm.</para>
/// <para><b>Surface</b>: the point twin's model, <see cref="SoilSceneModel"/> — dry spectrum per pixel
/// (<see cref="SoilSpectrum.Dry"/>), moisture θ per date (a date anomaly shared by the area plus a pixel one), roughness from
/// the days since tillage, the residue and green covers of the calendar, reflectance + N(0, 0.004²) per band.</para>
/// <para><b>Clouds.</b> Per date a cover c: with probability 0.35 U(0, 0.03), 0.50 U(0.05, 0.5), 0.15 U(0.5, 0.95). Cloud where a
/// field (σ = 10 px) exceeds its (1 − c) quantile (SCL 9 when 0.5 above it, else 8), reflectance 0.35 + 0.25 (z − t) (SWIR × 0.7);
/// thin cirrus (SCL 10) where a second field exceeds its (1 − 0.2 c) quantile, +0.05; shadows (SCL 3) = cloud mask shifted by
/// (+10, +6) px, reflectance × 0.35. Snow (SCL 11) on 40 % of Dec–Feb dates over 40 % of the area. Clear pixels: SCL 4 if
/// NDVI &gt; 0.35, else 5; water parcels SCL 6. eo:cloud_cover = percentage of SCL 8, 9, 10.</para>
/// <para><b>Sun elevation</b> at 10:30 local solar time: sin e = sin φ sin δ + cos φ cos δ cos(−22.5°), δ = 23.44° sin(2π (284 + doy)/365).</para>
/// <para><b>Encoding.</b> DN = round(10000 ρ) + 1000 for baseline ≥ 04.00 without applied offset, clamped to [1, 65535] (0 = no data);
/// 10 m bands on the 10 m grid, 20 m bands (B05–B07, B8A, B11, B12) as 2 × 2 means on the 20 m grid, SCL at 20 m (top-left pixel).</para>
/// <para><b>Sentinel-1.</b> For 75 % of dates a pair at Δ ∈ {−1 d (17:00), 0 (17:00), +1 d (05:30)}, plus 2 unpaired dates.
/// VV/VH from <see cref="SoilSceneModel.Backscatter"/> (moisture, roughness, residue, green cover, noise in dB); water −24 / −30 dB.
/// Stored linear (Float32).</para>
/// </remarks>
public static class SceneSimulator
{
    private static readonly float[] SoilBase = [0.09f, 0.12f, 0.16f, 0.19f, 0.21f, 0.22f, 0.24f, 0.25f, 0.30f, 0.28f];
    private static readonly float[] SnowR = [0.85f, 0.85f, 0.82f, 0.80f, 0.78f, 0.75f, 0.72f, 0.70f, 0.12f, 0.08f];
    private static readonly float[] WaterR = [0.05f, 0.06f, 0.04f, 0.03f, 0.02f, 0.02f, 0.015f, 0.015f, 0.005f, 0.003f];

    /// <summary>Crop calendars: keyframes (day of year, green cover f_v, residue cover f_r), interpolated linearly and cyclically.</summary>
    public static IReadOnlyDictionary<SimulatedCrop, (int Doy, float Fv, float Fr)[]> Calendar { get; } = new Dictionary<SimulatedCrop, (int, float, float)[]>
    {
        [SimulatedCrop.WinterCereal] = [(1, 0.25f, 0), (60, 0.30f, 0), (120, 0.90f, 0), (165, 0.85f, 0), (190, 0.05f, 0.60f), (230, 0.05f, 0.50f), (260, 0, 0.02f), (285, 0, 0), (320, 0.15f, 0), (365, 0.25f, 0)],
        [SimulatedCrop.SummerCrop] = [(1, 0, 0.30f), (90, 0.02f, 0.25f), (100, 0, 0.02f), (130, 0, 0), (170, 0.40f, 0), (210, 0.90f, 0), (250, 0.80f, 0), (275, 0.05f, 0.55f), (320, 0.08f, 0.40f), (365, 0, 0.30f)],
        [SimulatedCrop.Grassland] = [(1, 0.60f, 0.05f), (120, 0.85f, 0), (200, 0.80f, 0.05f), (300, 0.70f, 0.05f), (365, 0.60f, 0.05f)],
        [SimulatedCrop.Fallow] = [(1, 0.05f, 0), (120, 0, 0), (200, 0.12f, 0), (300, 0.08f, 0), (365, 0.05f, 0)],
        [SimulatedCrop.Water] = [(1, 0, 0), (365, 0, 0)],
    };

    private static readonly Dictionary<SimulatedCrop, int> TillageDoy = new() { [SimulatedCrop.WinterCereal] = 260, [SimulatedCrop.SummerCrop] = 100, [SimulatedCrop.Fallow] = 120 };

    /// <summary>Simulates the default stack (256² px, 24 dates) into <paramref name="folder"/>.</summary>
    public static SimulatedScenes Simulate(string folder, int seed) => Simulate(folder, new SceneSimulatorOptions(Seed: seed));

    /// <summary>Simulates a stack into <paramref name="folder"/> (S2/&lt;id&gt;/…, S1/&lt;id&gt;/…, truth/…); every file is written atomically.</summary>
    public static SimulatedScenes Simulate(string folder, SceneSimulatorOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options = (options ?? new SceneSimulatorOptions()).Validate();
        var rng = new Random(options.Seed);
        int n = options.Size, N = n * n;
        var crs = Crs.FromEpsg(options.Epsg);
        var grid = new RasterGrid(n, n, GeoTransform.NorthUp(options.OriginX, options.OriginY, 10), crs);
        var grid20 = new RasterGrid(n / 2, n / 2, GeoTransform.NorthUp(options.OriginX, options.OriginY, 20), crs);
        Directory.CreateDirectory(folder);

        // soil fields (the soil–reflectance–SAR model is the point twin's: SoilSceneModel)
        var dryBuf = new double[10]; var surf = new double[10];
        double corr = Math.Max(2, n / 8.0);
        var z1 = RandomFields.Gaussian(n, n, corr, rng);
        var z2 = RandomFields.Gaussian(n, n, corr, rng);
        var z3 = RandomFields.Gaussian(n, n, corr, rng);
        var soilRng = new Random(options.Seed ^ 0x50115);   // a stream of its own: clouds and dates stay those of the seed
        var z4 = RandomFields.Gaussian(n, n, corr, soilRng);
        var clay = new float[N]; var soc = new float[N]; var mMean = new float[N];
        var byRank = options.ClayQuantiles?.ByRank(z1.Select(v => (double)v).ToArray());
        var dry = new double[N * 10]; var roughOffset = new float[N];
        for (int i = 0; i < N; i++)
        {
            clay[i] = byRank is null ? Math.Clamp(25 + 10 * z1[i], 5, 60) : (float)byRank[i];
            soc[i] = Math.Clamp(1.5f + 0.6f * (0.4f * z1[i] + 0.917f * z2[i]), 0.3f, 5f);
            mMean[i] = (float)SoilSceneModel.MeanMoisture(clay[i], z3[i]);
            roughOffset[i] = (float)SoilSceneModel.RoughnessOffset(clay[i], RandomFields.Normal(soilRng));
            SoilSpectrum.Dry(clay[i], soc[i], 0.5 * z4[i], 0, Math.Exp(0.18 * RandomFields.Normal(soilRng)), 0.01, soilRng, dryBuf);
            Array.Copy(dryBuf, 0, dry, i * 10, 10);
        }

        // parcels (Voronoi of jittered seeds)
        int sp = options.ParcelSizePixels, gx = Math.Max(1, (n + sp - 1) / sp);
        var seeds = new List<(double X, double Y)>();
        for (int a = 0; a < gx; a++) for (int b = 0; b < gx; b++) seeds.Add(((a + 0.2 + 0.6 * rng.NextDouble()) * sp, (b + 0.2 + 0.6 * rng.NextDouble()) * sp));
        var crops = new SimulatedCrop[seeds.Count]; var shift = new int[seeds.Count];
        bool water = false;
        for (int k = 0; k < seeds.Count; k++)
        {
            double u = rng.NextDouble();
            crops[k] = u < 0.35 ? SimulatedCrop.WinterCereal : u < 0.65 ? SimulatedCrop.SummerCrop : u < 0.80 ? SimulatedCrop.Grassland : u < 0.95 ? SimulatedCrop.Fallow : water ? SimulatedCrop.Fallow : SimulatedCrop.Water;
            if (crops[k] == SimulatedCrop.Water) water = true;
            shift[k] = rng.Next(-12, 13);
        }
        var parcel = new int[N]; var crop = new SimulatedCrop[N];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                int best = 0; double bd = double.MaxValue;
                int ca = Math.Min(gx - 1, c / sp), rb = Math.Min(gx - 1, r / sp);
                for (int a = Math.Max(0, ca - 2); a <= Math.Min(gx - 1, ca + 2); a++)
                    for (int b = Math.Max(0, rb - 2); b <= Math.Min(gx - 1, rb + 2); b++)
                    {
                        int k = a * gx + b; double dx = seeds[k].X - (c + 0.5), dy = seeds[k].Y - (r + 0.5), d = dx * dx + dy * dy;
                        if (d < bd) { bd = d; best = k; }
                    }
                parcel[r * n + c] = best; crop[r * n + c] = crops[best];
            }

        // truth rasters
        var truthDir = Path.Combine(folder, "truth");
        var truth = new Dictionary<string, string>
        {
            ["clay"] = Path.Combine(truthDir, "clay.tif"), ["soc"] = Path.Combine(truthDir, "soc.tif"),
            ["moisture_mean"] = Path.Combine(truthDir, "moisture_mean.tif"), ["parcels"] = Path.Combine(truthDir, "parcels.tif"),
        };
        GeoTiff.Write(truth["clay"], grid, [clay], new GeoTiffOptions(Descriptions: ["true topsoil clay, %"]));
        GeoTiff.Write(truth["soc"], grid, [soc], new GeoTiffOptions(Descriptions: ["true soil organic carbon, %"]));
        GeoTiff.Write(truth["moisture_mean"], grid, [mMean], new GeoTiffOptions(Descriptions: ["mean volumetric soil moisture, m3/m3"]));
        GeoTiff.Write(truth["parcels"], grid, [parcel.Select(p => (float)p).ToArray(), crop.Select(c => (float)c).ToArray()],
            new GeoTiffOptions(GdalDataType.Int32, Descriptions: ["parcel id", "crop type: 0 winter cereal, 1 summer crop, 2 grassland, 3 fallow, 4 water"]));

        // geometry in WGS 84 for the Items
        var (minX, minY, maxX, maxY) = grid.Bounds;
        var wgs = Crs.FromEpsg(4326);
        using var toWgs = new CoordinateTransformer(crs, wgs);
        double[] xs = [minX, maxX, maxX, minX], ys = [maxY, maxY, minY, minY];
        toWgs.TransformInPlace(xs, ys);
        var (clon, clat) = toWgs.Transform((minX + maxX) / 2, (minY + maxY) / 2);

        var start = options.Start ?? new DateTime(2021, 9, 5, 10, 10, 0, DateTimeKind.Utc);
        var radiometry = S2Radiometry.FromBaseline(options.ProcessingBaseline, options.BoaOffsetApplied);
        var s2Items = new List<string>(); var s1Items = new List<string>(); var dates = new List<DateTime>(); var ccs = new List<double>(); var suns = new List<double>();
        var refl = new float[10][]; for (int b = 0; b < 10; b++) refl[b] = new float[N];
        var scl = new byte[N];
        var vv = new float[N]; var vh = new float[N];
        double step = options.Dates == 1 ? 0 : (double)options.SpanDays / options.Dates;
        string tile = $"{options.Epsg % 100:00}TSIM";
        for (int d = 0; d < options.Dates; d++)
        {
            var date = start.AddDays(Math.Round(d * step + (d == 0 ? 0 : rng.Next(-3, 4))));
            int doy = date.DayOfYear;
            double anomaly = RandomFields.Normal(rng);
            double u = rng.NextDouble();
            double cc = u < options.ClearDateShare ? 0.03 * rng.NextDouble() : u < options.ClearDateShare + 0.5 * (1 - options.ClearDateShare) / 0.65 ? 0.05 + 0.45 * rng.NextDouble() : 0.5 + 0.45 * rng.NextDouble();
            var cloudField = RandomFields.Gaussian(n, n, 10, rng);
            var cirrusField = RandomFields.Gaussian(n, n, 14, rng);
            bool snowDate = (date.Month is 12 or 1 or 2) && rng.NextDouble() < 0.4;
            var snowField = snowDate ? RandomFields.Gaussian(n, n, 16, rng) : null;
            float tCloud = Quantile(cloudField, 1 - cc), tCirrus = Quantile(cirrusField, 1 - 0.2 * cc), tSnow = snowField is null ? 0 : Quantile(snowField, 0.6);
            var noiseRng = new Random(rng.Next());
            int cloudCount = 0;
            for (int r = 0; r < n; r++)
                for (int c = 0; c < n; c++)
                {
                    int i = r * n + c;
                    var cr = crop[i];
                    var (fv, fr) = CoverAt(cr, doy + shift[parcel[i]]);
                    int cdoy = doy + shift[parcel[i]];
                    double theta = SoilSceneModel.Moisture(mMean[i], doy, 0.6 * anomaly + 0.8 * RandomFields.Normal(noiseRng));
                    double rough = SoilSceneModel.Roughness(roughOffset[i], DaysSinceTillage(cr, cdoy), RandomFields.Normal(noiseRng));
                    SoilSceneModel.Surface(dry.AsSpan(i * 10, 10), theta, rough, fr, fv, 1, surf);
                    for (int b = 0; b < 10; b++)
                    {
                        float v = cr == SimulatedCrop.Water ? WaterR[b] : (float)surf[b];
                        refl[b][i] = v + 0.004f * (float)RandomFields.Normal(noiseRng);
                    }
                    byte cls;
                    float ndvi = (refl[6][i] - refl[2][i]) / (refl[6][i] + refl[2][i]);
                    cls = (byte)(cr == SimulatedCrop.Water ? SclClass.Water : ndvi > 0.35f ? SclClass.Vegetation : SclClass.NotVegetated);
                    if (snowField is not null && snowField[i] > tSnow && cr != SimulatedCrop.Water)
                    { cls = (byte)SclClass.Snow; for (int b = 0; b < 10; b++) refl[b][i] = SnowR[b]; }
                    int rs = r - 6, cs = c - 10;     // shadow: cloud shifted by (+10, +6) px
                    if (rs >= 0 && cs >= 0 && cloudField[rs * n + cs] > tCloud && cloudField[i] <= tCloud)
                    { cls = (byte)SclClass.CloudShadow; for (int b = 0; b < 10; b++) refl[b][i] *= 0.35f; }
                    if (cirrusField[i] > tCirrus) { cls = (byte)SclClass.ThinCirrus; for (int b = 0; b < 10; b++) refl[b][i] += 0.05f; }
                    if (cloudField[i] > tCloud)
                    {
                        float z = cloudField[i] - tCloud;
                        cls = (byte)(z > 0.5f ? SclClass.CloudHighProbability : SclClass.CloudMediumProbability);
                        float cv = Math.Min(0.9f, 0.35f + 0.25f * z);
                        for (int b = 0; b < 10; b++) refl[b][i] = b >= 8 ? 0.7f * cv : cv;
                    }
                    if ((SclClass)cls is SclClass.CloudMediumProbability or SclClass.CloudHighProbability or SclClass.ThinCirrus) cloudCount++;
                    scl[i] = cls;
                    if (options.Sentinel1)
                    {
                        var (dbVv, dbVh) = SoilSceneModel.Backscatter(theta, rough, fr, fv, RandomFields.Normal(noiseRng), RandomFields.Normal(noiseRng));
                        double lvv = Math.Pow(10, dbVv / 10), lvh = Math.Pow(10, dbVh / 10);
                        if (cr == SimulatedCrop.Water) { lvv = Math.Pow(10, -2.4); lvh = Math.Pow(10, -3.0); }
                        vv[i] = (float)lvv;
                        vh[i] = (float)lvh;
                    }
                }
            double ccPct = 100.0 * cloudCount / N;
            double sun = SunElevation(clat, doy);
            string platform = d % 2 == 0 ? "sentinel-2a" : "sentinel-2b";
            string id = $"S2{(d % 2 == 0 ? "A" : "B")}_{tile}_{date:yyyyMMdd}_0_L2A";
            var sceneDir = Path.Combine(folder, "S2", id);
            var files = new Dictionary<string, string>();
            foreach (var info in S2Bands.All)
            {
                var g = info.ResolutionMetres == 10 ? grid : grid20;
                var dn = info.ResolutionMetres == 10 ? refl[(int)info.Band] : Block2(refl[(int)info.Band], n);
                var enc = new float[dn.Length];
                for (int i = 0; i < enc.Length; i++) enc[i] = Math.Clamp(MathF.Round(dn[i] * 10000f) - (float)radiometry.DnOffset, 1, 65535);
                var file = $"{info.Id}.tif";
                GeoTiff.Write(Path.Combine(sceneDir, file), g, [enc], new GeoTiffOptions(GdalDataType.UInt16, NoData: 0, Descriptions: [info.Id]));
                files[info.Id] = file;
            }
            var scl20 = new float[N / 4];
            for (int r = 0; r < n / 2; r++) for (int c = 0; c < n / 2; c++) scl20[r * (n / 2) + c] = scl[2 * r * n + 2 * c];
            GeoTiff.Write(Path.Combine(sceneDir, "SCL.tif"), grid20, [scl20], new GeoTiffOptions(GdalDataType.Byte, NoData: 0, Descriptions: ["SCL"]));
            files["SCL"] = "SCL.tif";
            var item = S2Item(options, id, platform, date, ccPct, sun, xs, ys, files);
            var itemPath = Path.Combine(sceneDir, "item.json");
            AtomicFile.WriteAllText(itemPath, item.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            s2Items.Add(itemPath); dates.Add(date); ccs.Add(ccPct); suns.Add(sun);

            if (options.Sentinel1 && rng.NextDouble() < 0.75)
            {
                int off = rng.Next(-1, 2);
                var s1Date = date.Date.AddDays(off).AddHours(off == 1 ? 5.5 : 17);
                s1Items.Add(WriteS1(folder, grid, s1Date, vv, vh, xs, ys));
            }
        }
        if (options.Sentinel1)
        {
            // two unpaired acquisitions, 3 days after the first and last optical dates
            foreach (var extra in new[] { dates[0].Date.AddDays(3).AddHours(17), dates[^1].Date.AddDays(3).AddHours(17) })
                s1Items.Add(WriteS1(folder, grid, extra, vv, vh, xs, ys));
        }
        return new SimulatedScenes
        {
            Folder = folder, Grid = grid, S2Items = s2Items, S1Items = s1Items, Dates = dates, CloudCoverPercent = ccs, SunElevationDegrees = suns,
            ClayPercent = clay, SocPercent = soc, MoistureMean = mMean, ParcelId = parcel, Crop = crop, TruthFiles = truth,
        };
    }

    /// <summary>
    /// A simple bare-soil reflectance for clay (%), SOC (%) and volumetric moisture θ (m³/m³), B02…B12 into
    /// <paramref name="destination"/> (10 values): ρ₀(b)·(1 − 0.004 (clay − 25))·exp(−0.2…0.3 (SOC − 1.5))·a_θ, B12 × (1 − 0.003
    /// (clay − 25)). It was the simulator's soil model before the scenes moved to <see cref="SoilSceneModel"/> (the point twin's);
    /// it is kept as a reference spectrum for tests of the threshold search. The notebook's laboratory spectra come from
    /// <see cref="LabSpectrumModel"/>.
    /// </summary>
    public static void SoilReflectance(float clayPercent, float socPercent, float moisture, Span<float> destination)
    {
        if (destination.Length < 10) throw new ArgumentException("The destination needs 10 values.");
        float aClay = 1 - 0.004f * (clayPercent - 25);
        float aTheta = Math.Max(0.3f, 1 - (moisture - 0.15f)), aThetaSwir = Math.Max(0.3f, 1 - 0.8f * (moisture - 0.15f));
        for (int b = 0; b < 10; b++)
        {
            float s = SoilBase[b] * aClay * MathF.Exp((b <= 2 ? -0.30f : -0.20f) * (socPercent - 1.5f)) * aTheta;
            if (b >= 8) s *= aThetaSwir;
            if (b == 9) s *= 1 - 0.003f * (clayPercent - 25);
            destination[b] = s;
        }
    }

    /// <summary>Days since the crop's last tillage on a day of year (winter cereal doy 260, summer crop 100, fallow 120);
    /// <see cref="double.PositiveInfinity"/> for crops that are never tilled.</summary>
    public static double DaysSinceTillage(SimulatedCrop crop, int doy) =>
        TillageDoy.TryGetValue(crop, out var till) ? ((doy - till) % 365 + 365) % 365 : double.PositiveInfinity;

    /// <summary>Green and residue cover of a crop on a day of year (cyclic linear interpolation of <see cref="Calendar"/>).</summary>
    public static (float GreenCover, float ResidueCover) CoverAt(SimulatedCrop crop, int doy)
    {
        var k = Calendar[crop];
        doy = ((doy - 1) % 365 + 365) % 365 + 1;
        for (int j = 0; j < k.Length - 1; j++)
            if (doy >= k[j].Doy && doy <= k[j + 1].Doy)
            {
                float t = k[j + 1].Doy == k[j].Doy ? 0 : (float)(doy - k[j].Doy) / (k[j + 1].Doy - k[j].Doy);
                return (k[j].Fv + t * (k[j + 1].Fv - k[j].Fv), k[j].Fr + t * (k[j + 1].Fr - k[j].Fr));
            }
        return (k[0].Fv, k[0].Fr);
    }

    /// <summary>Sun elevation (degrees) at 10:30 local solar time for a latitude (degrees) and day of year.</summary>
    public static double SunElevation(double latitudeDegrees, int doy)
    {
        double rad = Math.PI / 180, decl = 23.44 * Math.Sin(2 * Math.PI * (284 + doy) / 365.0);
        double s = Math.Sin(latitudeDegrees * rad) * Math.Sin(decl * rad) + Math.Cos(latitudeDegrees * rad) * Math.Cos(decl * rad) * Math.Cos(-22.5 * rad);
        return Math.Asin(s) / rad;
    }

    private static float Quantile(float[] a, double q)
    {
        if (q >= 1) return float.PositiveInfinity;
        var c = (float[])a.Clone(); Array.Sort(c);
        return c[Math.Clamp((int)(q * c.Length), 0, c.Length - 1)];
    }

    private static float[] Block2(float[] a, int n)
    {
        int m = n / 2; var o = new float[m * m];
        for (int r = 0; r < m; r++) for (int c = 0; c < m; c++)
                o[r * m + c] = 0.25f * (a[2 * r * n + 2 * c] + a[2 * r * n + 2 * c + 1] + a[(2 * r + 1) * n + 2 * c] + a[(2 * r + 1) * n + 2 * c + 1]);
        return o;
    }

    private static JsonArray Polygon(double[] lon, double[] lat) =>
        new(new JsonArray(Enumerable.Range(0, 5).Select(i => (JsonNode)new JsonArray(lon[i % 4], lat[i % 4])).ToArray()));

    private static JsonObject S2Item(SceneSimulatorOptions o, string id, string platform, DateTime date, double cc, double sun, double[] lon, double[] lat, Dictionary<string, string> files)
    {
        var props = new JsonObject
        {
            ["datetime"] = date.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["platform"] = platform, ["constellation"] = "sentinel-2", ["instruments"] = new JsonArray("msi"),
            ["eo:cloud_cover"] = Math.Round(cc, 4), ["proj:epsg"] = o.Epsg, ["view:sun_elevation"] = Math.Round(sun, 4),
            ["soilnb:simulated"] = true, ["soilnb:seed"] = o.Seed,
        };
        var assets = new JsonObject();
        foreach (var info in S2Bands.All)
        {
            var key = o.Style == StacStyle.EarthSearch ? info.EarthSearchKey : $"{info.Id}_{info.ResolutionMetres}m";
            assets[key] = Asset(files[info.Id], info.Id, info.ResolutionMetres, "uint16", reflectance: true, o);
        }
        assets[o.Style == StacStyle.EarthSearch ? "scl" : "SCL_20m"] = Asset(files["SCL"], "SCL", 20, "uint8", reflectance: false, o);
        if (o.Style == StacStyle.EarthSearch)
        {
            props["s2:processing_baseline"] = o.ProcessingBaseline;
            props["earthsearch:boa_offset_applied"] = o.BoaOffsetApplied;
            props["mgrs:utm_zone"] = o.Epsg % 100;
        }
        else props["processing:version"] = o.ProcessingBaseline;
        return new JsonObject
        {
            ["type"] = "Feature", ["stac_version"] = "1.0.0", ["id"] = id, ["collection"] = "sentinel-2-l2a",
            ["bbox"] = new JsonArray(lon.Min(), lat.Min(), lon.Max(), lat.Max()),
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = Polygon(lon, lat) },
            ["properties"] = props, ["assets"] = assets, ["links"] = new JsonArray(),
        };
    }

    private static JsonObject Asset(string href, string title, int gsd, string dataType, bool reflectance, SceneSimulatorOptions o)
    {
        var band = new JsonObject { ["nodata"] = 0, ["data_type"] = dataType, ["spatial_resolution"] = gsd };
        if (reflectance) { band["scale"] = 0.0001; band["offset"] = -0.1; }
        return new JsonObject
        {
            ["href"] = href, ["type"] = "image/tiff; application=geotiff", ["title"] = title, ["roles"] = new JsonArray("data"),
            ["gsd"] = gsd, ["raster:bands"] = new JsonArray(band),
        };
    }

    private static string WriteS1(string folder, RasterGrid grid, DateTime date, float[] vv, float[] vh, double[] lon, double[] lat)
    {
        string id = $"S1A_IW_GRDH_1SDV_{date:yyyyMMddTHHmmss}_SIM";
        var dir = Path.Combine(folder, "S1", id);
        GeoTiff.Write(Path.Combine(dir, "VV.tif"), grid, [vv], new GeoTiffOptions(NoData: float.NaN, Descriptions: ["VV sigma0, linear"]));
        GeoTiff.Write(Path.Combine(dir, "VH.tif"), grid, [vh], new GeoTiffOptions(NoData: float.NaN, Descriptions: ["VH sigma0, linear"]));
        var item = new JsonObject
        {
            ["type"] = "Feature", ["stac_version"] = "1.0.0", ["id"] = id, ["collection"] = "sentinel-1-grd",
            ["bbox"] = new JsonArray(lon.Min(), lat.Min(), lon.Max(), lat.Max()),
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = Polygon(lon, lat) },
            ["properties"] = new JsonObject
            {
                ["datetime"] = date.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), ["platform"] = "sentinel-1a", ["constellation"] = "sentinel-1",
                ["sar:instrument_mode"] = "IW", ["sar:polarizations"] = new JsonArray("VV", "VH"), ["sar:product_type"] = "GRD",
                ["soilnb:backscatter_unit"] = "linear", ["soilnb:simulated"] = true,
            },
            ["assets"] = new JsonObject
            {
                ["vv"] = new JsonObject { ["href"] = "VV.tif", ["type"] = "image/tiff; application=geotiff", ["roles"] = new JsonArray("data") },
                ["vh"] = new JsonObject { ["href"] = "VH.tif", ["type"] = "image/tiff; application=geotiff", ["roles"] = new JsonArray("data") },
            },
            ["links"] = new JsonArray(),
        };
        var p = Path.Combine(dir, "item.json");
        AtomicFile.WriteAllText(p, item.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return p;
    }
}
