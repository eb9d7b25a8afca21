using SoilNotebooks.Compositing;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Studies.Cup4Soil;

/// <summary>
/// A simulated Champagne region (WGS 84 / UTM 31N, EPSG:32631, near Reims, 49.3° N 4.0° E): five years of Sentinel-1/2
/// scenes from <see cref="SceneSimulator"/> (2018–2022), and on the 20 m mapping grid the covariates with the real
/// products' schema and units, plus the true soil properties.
/// </summary>
/// <remarks>
/// <para>Soil: SOC (g/kg) is the scene simulator's SOC field (%, × 10) averaged to 20 m, so the same field darkens the
/// simulated reflectance. pH (water) = 8.1 on chalk, 7.0 on loess, 7.6 on alluvium, − 0.25 (SOC % − 1.5), − 0.01 (clay
/// − 25), + 0.2 z (a smooth field), clamped to 5.5–8.6. Bulk density (g/cm³) = 1.62 − 0.11 SOC % − 0.002 (clay − 25) −
/// 0.08 on grassland + 0.04 z′, clamped to 1.0–1.75.</para>
/// <para>Terrain (Copernicus DEM GLO-30 schema: elevation in m above EGM2008): 150 + 40 z_relief − 12 z_SOC m, so
/// valleys hold more organic carbon, as in real catenas; slope and wetness index by <see cref="Terrain"/>.</para>
/// <para>Land cover: CORINE codes 211 (non-irrigated arable land: winter cereal, summer crop, fallow), 231 (pastures),
/// 512 (water bodies). Parent material: the LUCAS twin's groups (JRC ESDB schema reduced to eight groups), here 1
/// Alluvium (lowest 12 % of the terrain), 2 Loess (a smooth field's top 25 %), 5 CalcareousRock (the Champagne chalk)
/// elsewhere. Sentinel-1: temporal mean and SD of the paired VV and VH backscatter, dB.</para>
/// </remarks>
public sealed class Cup4SoilRegion : IDisposable
{
    /// <summary>The region's CRS (WGS 84 / UTM zone 31N).</summary>
    public const int Epsg = 32631;
    /// <summary>CORINE code of non-irrigated arable land.</summary>
    public const int CorineArable = 211;
    /// <summary>CORINE code of pastures.</summary>
    public const int CorinePasture = 231;
    /// <summary>CORINE code of water bodies.</summary>
    public const int CorineWater = 512;

    /// <summary>CORINE classes of the twin.</summary>
    public static RasterClasses CorineClasses { get; } = RasterClasses.Of(
        new RasterClass(CorineArable, "211 Non-irrigated arable land", "#ffffa8"),
        new RasterClass(CorinePasture, "231 Pastures", "#e6e64d"),
        new RasterClass(CorineWater, "512 Water bodies", "#80f2e6"));

    /// <summary>Parent-material classes of the twin (codes: index + 1 in the LUCAS twin's list).</summary>
    public static RasterClasses ParentMaterialClasses { get; } = RasterClasses.Of(
        new RasterClass(1, "Alluvium", "#6baed6"), new RasterClass(2, "Loess", "#fdd49e"),
        new RasterClass(5, "CalcareousRock (chalk)", "#f0f0f0"));

    private Cup4SoilRegion(SceneStack stack, RasterGrid grid) { Stack = stack; Grid = grid; }

    /// <summary>The five-year Sentinel-1/2 stack on the 20 m grid, SCMaP's sun-zenith filter applied.</summary>
    public SceneStack Stack { get; }
    /// <summary>The 20 m mapping grid.</summary>
    public RasterGrid Grid { get; }
    /// <summary>Elevation (m), slope (degree), wetness index: bands "elevation", "slope", "twi".</summary>
    public Raster Terrain { get; private set; } = null!;
    /// <summary>CORINE land cover, band "land_cover".</summary>
    public Raster LandCover { get; private set; } = null!;
    /// <summary>Parent material, band "parent_material".</summary>
    public Raster ParentMaterial { get; private set; } = null!;
    /// <summary>Sentinel-1 "vv_mean", "vv_sd", "vh_mean", "vh_sd" (dB).</summary>
    public Raster Sentinel1 { get; private set; } = null!;
    /// <summary>True soil properties: "soc" (g/kg), "ph" (pH), "bd" (g/cm³).</summary>
    public Raster Truth { get; private set; } = null!;
    /// <summary>1 on arable land (the SCMaP land-cover mask and the sampling frame), 0 elsewhere; band
    /// "cropland".</summary>
    public Raster Cropland { get; private set; } = null!;

    /// <summary>Simulates the region into <paramref name="folder"/> (scenes under "scenes/").</summary>
    public static Cup4SoilRegion Simulate(string folder, Cup4SoilSizes sizes, int seed = Defaults.Seed,
        double maxSunZenithDegrees = CompositeOptions.ScmapMaxSunZenithDegrees)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(sizes);
        int n10 = sizes.SizePixels10m;
        var sim = SceneSimulator.Simulate(Path.Combine(folder, "scenes"), new SceneSimulatorOptions(Seed: seed,
            Size: n10, Dates: sizes.Dates, Epsg: Epsg, OriginX: 572000, OriginY: 5462000,
            Start: new DateTime(2018, 1, 8, 10, 40, 0, DateTimeKind.Utc), SpanDays: 5 * 365 - 10,
            ParcelSizePixels: 30));
        var stack = SceneStack.Open(Path.Combine(folder, "scenes"),
            CompositeOptions.ScmapStackOptions(maxSunZenithDegrees, resolutionMetres: 20));
        var region = new Cup4SoilRegion(stack, stack.Grid);
        try { region.Build(sim, seed); }
        catch { region.Dispose(); throw; }
        return region;
    }

    private void Build(SimulatedScenes sim, int seed)
    {
        int w = Grid.Width, h = Grid.Height, n = w * h, w10 = sim.Grid.Width;
        float Avg(float[] a, int i)
        {
            int r = i / w * 2, c = i % w * 2;
            return 0.25f * (a[r * w10 + c] + a[r * w10 + c + 1] + a[(r + 1) * w10 + c] + a[(r + 1) * w10 + c + 1]);
        }
        var socPct = new float[n]; var clay = new float[n]; var crop = new SimulatedCrop[n];
        for (int i = 0; i < n; i++)
        {
            socPct[i] = Avg(sim.SocPercent, i); clay[i] = Avg(sim.ClayPercent, i);
            crop[i] = sim.Crop[i / w * 2 * w10 + i % w * 2];
        }
        var rng = new Random(seed ^ 0x5C0F);
        var relief = RandomFields.Gaussian(w, h, Math.Max(3, w / 5.0), rng);
        var pmField = RandomFields.Gaussian(w, h, Math.Max(3, w / 6.0), rng);
        var phField = RandomFields.Gaussian(w, h, Math.Max(2, w / 10.0), rng);
        var bdField = RandomFields.Gaussian(w, h, Math.Max(2, w / 10.0), rng);
        double socMu = socPct.Average(v => (double)v),
            socSd = Math.Sqrt(socPct.Average(v => (v - socMu) * (v - socMu)));
        var dem = new float[n];
        for (int i = 0; i < n; i++)
            dem[i] = (float)(150 + 40 * relief[i] - 12 * (socPct[i] - socMu) / Math.Max(1e-6, socSd));
        var demR = Raster.Create(Grid, ["elevation"], [dem],
            new RasterOptions("m", Title: "Elevation (DEM GLO-30 twin)"));
        Terrain = Raster.MergeBands(demR, Rasters.Terrain.Slope(demR), Rasters.Terrain.WetnessIndex(demR));
        float low = dem.Order().ElementAt((int)(0.12 * n)), loess = pmField.Order().ElementAt((int)(0.75 * n));
        var lc = new float[n]; var pm = new float[n]; var crp = new float[n];
        var soc = new float[n]; var ph = new float[n]; var bd = new float[n];
        for (int i = 0; i < n; i++)
        {
            lc[i] = crop[i] switch
            {
                SimulatedCrop.Grassland => CorinePasture, SimulatedCrop.Water => CorineWater, _ => CorineArable,
            };
            crp[i] = lc[i] == CorineArable ? 1 : 0;
            pm[i] = dem[i] <= low ? 1 : pmField[i] >= loess ? 2 : 5;
            soc[i] = 10 * socPct[i];
            double phBase = pm[i] switch { 1 => 7.6, 2 => 7.0, _ => 8.1 };
            ph[i] = (float)Math.Clamp(phBase - 0.25 * (socPct[i] - 1.5) - 0.01 * (clay[i] - 25) + 0.2 * phField[i],
                5.5, 8.6);
            bd[i] = (float)Math.Clamp(1.62 - 0.11 * socPct[i] - 0.002 * (clay[i] - 25)
                - (lc[i] == CorinePasture ? 0.08 : 0) + 0.04 * bdField[i], 1.0, 1.75);
        }
        LandCover = Raster.Create(Grid, ["land_cover"], [lc],
            new RasterOptions(Classes: CorineClasses, Title: "CORINE land cover (twin)"));
        ParentMaterial = Raster.Create(Grid, ["parent_material"], [pm],
            new RasterOptions(Classes: ParentMaterialClasses, Title: "Parent material (JRC twin)"));
        Cropland = Raster.Create(Grid, ["cropland"], [crp], new RasterOptions("", Title: "Cropland mask (CORINE 211)"));
        Truth = Raster.Create(Grid, ["soc", "ph", "bd"], [soc, ph, bd],
            new RasterOptions(Units: ["g/kg", "pH", "g/cm³"], Title: "True topsoil properties"));
        Sentinel1 = SarStatistics(Stack);
    }

    /// <summary>Temporal mean and SD (n − 1) of the paired Sentinel-1 VV and VH backscatter (dB) per pixel, window by
    /// window.</summary>
    public static Raster SarStatistics(SceneStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var g = stack.Grid; int n = g.Width * g.Height;
        var outp = Enumerable.Range(0, 4).Select(_ => Enumerable.Repeat(float.NaN, n).ToArray()).ToArray();
        foreach (var win in stack.Windows(256))
        {
            var tile = stack.ReadTile(win);
            if (tile.VvDb is null || tile.VhDb is null)
                throw new InvalidDataException(
                    "The stack has no paired Sentinel-1 scenes; the radar covariates need them.");
            int P = win.PixelCount, D = tile.Dates.Count;
            for (int p = 0; p < P; p++)
            {
                int gi = (win.RowOffset + p / win.Width) * g.Width + win.ColumnOffset + p % win.Width;
                for (int k = 0; k < 2; k++)
                {
                    var a = k == 0 ? tile.VvDb : tile.VhDb;
                    double s = 0, ss = 0; int m = 0;
                    for (int d = 0; d < D; d++)
                    {
                        float v = a[d * P + p];
                        if (float.IsFinite(v)) { s += v; ss += v * v; m++; }
                    }
                    if (m == 0) continue;
                    double mu = s / m;
                    outp[2 * k][gi] = (float)mu;
                    outp[2 * k + 1][gi] = m > 1 ? (float)Math.Sqrt(Math.Max(0, (ss - m * mu * mu) / (m - 1)))
                        : float.NaN;
                }
            }
        }
        return Raster.Create(g, ["vv_mean", "vv_sd", "vh_mean", "vh_sd"], outp,
            new RasterOptions("dB", Title: "Sentinel-1 statistics"));
    }

    /// <summary>Closes the stack's files.</summary>
    public void Dispose() => Stack.Dispose();
}
