using SoilNotebooks.Rasters;

namespace SoilNotebooks.Salinity;

/// <summary>
/// The canopy response salinity index (CRSI, "CReSI" in Zarif et al.) of Scudiero, Skaggs &amp; Corwin (2014, Geoderma
/// Regional 2–3: 82–90, Landsat 7) and Scudiero, Skaggs &amp; Corwin (2015, Remote Sensing of Environment 169: 335–343):
/// <code>CRSI = √( (NIR·R − G·B) / (NIR·R + G·B) )</code>
/// on surface reflectance (0–1). Bands are chosen by NAME; the Sentinel-2 defaults are B02 (blue), B03 (green), B04 (red),
/// B08 (NIR). Invalid inputs:
/// <list type="bullet">
/// <item>a negative radicand (G·B &gt; NIR·R: water, bright bare soil), a zero denominator, a negative or missing
/// reflectance → NaN for that sample or pixel (documented, not an error: such pixels occur in every scene);</item>
/// <item>a reflectance above <see cref="MaxReflectance"/> → <see cref="ArgumentException"/>: the data are on the wrong scale
/// (e.g. Sentinel-2 digital numbers 0–10000: divide by 10000, after the L2A offset where it applies).</item>
/// </list>
/// </summary>
public static class CanopyResponseSalinityIndex
{
    /// <summary>Default blue band (Sentinel-2 B02).</summary>
    public const string DefaultBlue = "B02";
    /// <summary>Default green band (Sentinel-2 B03).</summary>
    public const string DefaultGreen = "B03";
    /// <summary>Default red band (Sentinel-2 B04).</summary>
    public const string DefaultRed = "B04";
    /// <summary>Default near-infrared band (Sentinel-2 B08).</summary>
    public const string DefaultNir = "B08";

    /// <summary>Largest reflectance accepted (2.0; bright clouds and snow exceed 1 a little, scaled integers by far).</summary>
    public const double MaxReflectance = 2.0;

    /// <summary>CRSI of one sample (NaN on a negative radicand, zero denominator, or a negative / NaN reflectance).</summary>
    /// <exception cref="ArgumentException">A reflectance above <see cref="MaxReflectance"/> (wrong scale).</exception>
    public static double Compute(double blue, double green, double red, double nir)
    {
        CheckScale(blue, "blue"); CheckScale(green, "green"); CheckScale(red, "red"); CheckScale(nir, "NIR");
        return FromReflectances(blue, green, red, nir);
    }

    /// <summary>
    /// CRSI per sample from named band columns (e.g. a table's "B02", "B03", "B04", "B08"); every column the same length.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A band is missing; the message lists the bands present.</exception>
    /// <exception cref="ArgumentException">Different lengths, or a reflectance above <see cref="MaxReflectance"/>.</exception>
    public static double[] Compute(IReadOnlyDictionary<string, double[]> bands, string blue = DefaultBlue, string green = DefaultGreen,
        string red = DefaultRed, string nir = DefaultNir)
    {
        ArgumentNullException.ThrowIfNull(bands);
        double[] Band(string name) => bands.TryGetValue(name, out var v) ? v
            : throw new KeyNotFoundException($"CRSI needs band '{name}'; the bands are {string.Join(", ", bands.Keys)}.");
        var (b, g, r, n) = (Band(blue), Band(green), Band(red), Band(nir));
        if (b.Length != g.Length || b.Length != r.Length || b.Length != n.Length)
            throw new ArgumentException($"CRSI bands differ in length: {blue} {b.Length}, {green} {g.Length}, {red} {r.Length}, {nir} {n.Length}.");
        foreach (var (name, v) in new[] { (blue, b), (green, g), (red, r), (nir, n) }) CheckScale(v, name);
        var res = new double[b.Length];
        for (int i = 0; i < res.Length; i++) res[i] = FromReflectances(b[i], g[i], r[i], n[i]);
        return res;
    }

    /// <summary>CRSI of a raster with named reflectance bands (every date of a stack) as a one-band raster "CRSI".</summary>
    /// <exception cref="ArgumentException">A reflectance above <see cref="MaxReflectance"/> in any of the four bands.</exception>
    public static Raster Cresi(this Raster raster, string blue = DefaultBlue, string green = DefaultGreen, string red = DefaultRed, string nir = DefaultNir)
    {
        ArgumentNullException.ThrowIfNull(raster);
        foreach (var name in new[] { blue, green, red, nir })
        {
            int band = raster.IndexOf(name);
            for (int d = 0; d < raster.DateCount; d++)
                foreach (var v in raster.Span(band, d)) CheckScale(v, name);
        }
        static float NonNegative(float v) => v < 0 ? float.NaN : v;
        var nr = raster[nir].Map(NonNegative).Combine(raster[red].Map(NonNegative), (a, b) => a * b);
        var gb = raster[green].Map(NonNegative).Combine(raster[blue].Map(NonNegative), (a, b) => a * b);
        return nr.Combine(gb, (p, q) => (float)FromProducts(p, q), "CRSI", "").WithTitle("CRSI");
    }

    private static double FromReflectances(double blue, double green, double red, double nir)
    {
        if (!(blue >= 0 && green >= 0 && red >= 0 && nir >= 0)) return double.NaN;   // negative or NaN
        return FromProducts(nir * red, green * blue);
    }

    private static double FromProducts(double nr, double gb)
    {
        double den = nr + gb;
        if (!(den > 0)) return double.NaN;
        double ratio = (nr - gb) / den;
        return ratio >= 0 ? Math.Sqrt(ratio) : double.NaN;
    }

    private static void CheckScale(IEnumerable<double> values, string band)
    {
        foreach (var v in values) CheckScale(v, band);
    }

    private static void CheckScale(double v, string band)
    {
        if (v > MaxReflectance)
            throw new ArgumentException($"CRSI expects surface reflectance 0–1; band {band} has {v:G6}, which looks like a scaled integer " +
                "(Sentinel-2 digital numbers 0–10000: divide by 10000 after the L2A offset).");
    }
}
