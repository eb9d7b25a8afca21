using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Scenes;

/// <summary>
/// A window of a scene stack in memory: reflectances (fractions, NaN = missing) for <see cref="Dates"/> × 10 bands ×
/// pixels, SCL-derived <see cref="Flags"/> per date and pixel, and optional Sentinel-1 VV/VH in dB. Pixel index
/// p = row × Width + col inside the window. Reflectance of date d, band b, pixel p is at (d × 10 + b) × PixelCount + p.
/// </summary>
public sealed class StackTile
{
    /// <summary>Acquisition dates (UTC), one per observation.</summary>
    public IReadOnlyList<DateTime> Dates { get; }
    /// <summary>Window inside the stack's grid.</summary>
    public RasterWindow Window { get; }
    /// <summary>Window width, px.</summary>
    public int Width => Window.Width;
    /// <summary>Window height, px.</summary>
    public int Height => Window.Height;
    /// <summary>Pixels in the window.</summary>
    public int PixelCount => Window.PixelCount;
    /// <summary>Reflectance (fraction), length Dates × 10 × PixelCount.</summary>
    public float[] Reflectance { get; }
    /// <summary>Observation flags from SCL, length Dates × PixelCount (a missing band is NaN in <see cref="Reflectance"/>, not a flag).</summary>
    public ObservationFlags[] Flags { get; }
    /// <summary>Sentinel-1 VV backscatter, dB, paired with each date (NaN when no pair within the tolerance), length Dates × PixelCount, or null.</summary>
    public float[]? VvDb { get; }
    /// <summary>Sentinel-1 VH backscatter, dB, as <see cref="VvDb"/>.</summary>
    public float[]? VhDb { get; }

    /// <summary>
    /// Creates a tile from arrays. Arrays may be longer than needed (buffers reused across windows of different sizes); only
    /// the first Dates × 10 × PixelCount (resp. Dates × PixelCount) values are used.
    /// </summary>
    public StackTile(IReadOnlyList<DateTime> dates, RasterWindow window, float[] reflectance, ObservationFlags[] flags, float[]? vvDb = null, float[]? vhDb = null)
    {
        Dates = dates ?? throw new ArgumentNullException(nameof(dates));
        Window = window;
        int n = window.PixelCount;
        AtLeast(reflectance.Length, dates.Count * S2Bands.Count * n, "Reflectance array vs dates × 10 bands × pixels");
        AtLeast(flags.Length, dates.Count * n, "Flag array vs dates × pixels");
        if (vvDb is not null) AtLeast(vvDb.Length, dates.Count * n, "VV array vs dates × pixels");
        if (vhDb is not null) AtLeast(vhDb.Length, dates.Count * n, "VH array vs dates × pixels");
        Reflectance = reflectance; Flags = flags; VvDb = vvDb; VhDb = vhDb;
    }

    private static void AtLeast(int have, int need, string what)
    {
        if (have < need) throw new ArgumentException($"{what}: {have} values given, {need} needed.");
    }

    /// <summary>Whether this tile's arrays can hold a window of <paramref name="pixels"/> pixels for the same dates (buffer reuse).</summary>
    public bool CanHold(int dates, int pixels, bool withS1) =>
        Dates.Count == dates && Reflectance.Length >= dates * S2Bands.Count * pixels && Flags.Length >= dates * pixels
        && (!withS1 || (VvDb is not null && VvDb.Length >= dates * pixels && VhDb is not null && VhDb.Length >= dates * pixels));

    /// <summary>Reflectance of one date, band and pixel.</summary>
    public float Get(int date, S2Band band, int pixel) => Reflectance[(date * S2Bands.Count + (int)band) * PixelCount + pixel];

    /// <summary>The reflectances of one date and band (PixelCount values).</summary>
    public Span<float> Band(int date, S2Band band) => Reflectance.AsSpan((date * S2Bands.Count + (int)band) * PixelCount, PixelCount);
}
