using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Studies.Cup4Soil;

/// <summary>
/// LUCAS-like topsoil samples (0–20 cm) in the simulated region: points on cropland with SOC (g/kg), pH in water and
/// bulk density (g/cm³) as a laboratory measures them, i.e. the true 20 m values plus measurement error (SOC × e^N(0,
/// 0.08), pH + N(0, 0.1), BD + N(0, 0.03)). As in LUCAS, one point per visited location, at a random place inside its
/// pixel.
/// </summary>
public static class Cup4SoilSamples
{
    /// <summary>The properties mapped, with units: soc (g/kg), ph, bd (g/cm³).</summary>
    public static IReadOnlyList<(string Name, string Unit, string Title)> Properties { get; } =
        [("soc", "g/kg", "SOC"), ("ph", "pH", "pH (water)"), ("bd", "g/cm³", "Bulk density (oven dry)")];

    /// <summary><paramref name="points"/> distinct cropland cells of <paramref name="region"/>, as a sample series
    /// (targets soc, ph, bd; covariates "pixel"; x/y in UTM 31N).</summary>
    public static SampleSeries Draw(Cup4SoilRegion region, int points, IReadOnlyList<int> candidates,
        int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(candidates);
        Check.InRange(points, 20, 1_000_000);
        if (candidates.Count < points)
            throw new ArgumentException($"Only {candidates.Count} cropland cells can be sampled; asked for {points} " +
                "points. Use fewer points or a larger region.");
        var rng = new Random(seed);
        var pool = candidates.ToArray();
        for (int i = 0; i < points; i++)
        {
            int j = i + rng.Next(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var pick = pool[..points].Order().ToArray();
        var g = region.Grid; var t = g.Transform;
        var b = new SampleSeriesBuilder([], g.Crs);
        var soc = new double[points]; var ph = new double[points]; var bd = new double[points];
        for (int i = 0; i < points; i++)
        {
            int p = pick[i], r = p / g.Width, c = p % g.Width;
            double x = t.OriginX + (c + rng.NextDouble()) * g.PixelSizeX,
                y = t.OriginY - (r + rng.NextDouble()) * g.PixelSizeY;
            b.AddSample($"C4S{i + 1:00000}", x, y);
            soc[i] = Math.Round(region.Truth.Value(c, r, "soc")
                * Math.Exp(0.08 * Datasets.Synthetic.RandomFields.Normal(rng)), 1);
            ph[i] = Math.Round(region.Truth.Value(c, r, "ph") + 0.1 * Datasets.Synthetic.RandomFields.Normal(rng), 2);
            bd[i] = Math.Round(region.Truth.Value(c, r, "bd") + 0.03 * Datasets.Synthetic.RandomFields.Normal(rng), 3);
        }
        b.Target("soc", "g/kg", soc).Target("ph", "pH", ph).Target("bd", "g/cm³", bd);
        b.Covariate("pixel", "", pick.Select(p => (double)p).ToArray());
        return b.Build();
    }
}
