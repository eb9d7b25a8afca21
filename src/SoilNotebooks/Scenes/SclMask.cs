namespace SoilNotebooks.Scenes;

/// <summary>Sentinel-2 L2A Scene Classification Layer (SCL) classes (ESA L2A product specification).</summary>
public enum SclClass : byte
{
    /// <summary>0 — no data.</summary>
    NoData = 0,
    /// <summary>1 — saturated or defective pixel.</summary>
    SaturatedOrDefective = 1,
    /// <summary>2 — dark area pixels / topographic cast shadows (baseline ≥ 04.00).</summary>
    DarkArea = 2,
    /// <summary>3 — cloud shadows.</summary>
    CloudShadow = 3,
    /// <summary>4 — vegetation.</summary>
    Vegetation = 4,
    /// <summary>5 — not vegetated (bare soil, built-up).</summary>
    NotVegetated = 5,
    /// <summary>6 — water.</summary>
    Water = 6,
    /// <summary>7 — unclassified.</summary>
    Unclassified = 7,
    /// <summary>8 — cloud, medium probability.</summary>
    CloudMediumProbability = 8,
    /// <summary>9 — cloud, high probability.</summary>
    CloudHighProbability = 9,
    /// <summary>10 — thin cirrus.</summary>
    ThinCirrus = 10,
    /// <summary>11 — snow or ice.</summary>
    Snow = 11,
}

/// <summary>Per-pixel reasons an observation is excluded, derived from SCL (bit flags; 0 = usable).</summary>
[Flags]
public enum ObservationFlags : byte
{
    /// <summary>Usable observation.</summary>
    None = 0,
    /// <summary>SCL 0, or a class outside 0–11 (a missing reflectance band is caught by its NaN, not by this flag).</summary>
    NoData = 1,
    /// <summary>SCL 1.</summary>
    Saturated = 2,
    /// <summary>SCL 8 or 9 (possibly dilated).</summary>
    Cloud = 4,
    /// <summary>SCL 3 (possibly dilated).</summary>
    Shadow = 8,
    /// <summary>SCL 10 (possibly dilated).</summary>
    Cirrus = 16,
    /// <summary>SCL 11.</summary>
    Snow = 32,
    /// <summary>SCL 6.</summary>
    Water = 64,
    /// <summary>SCL 2.</summary>
    DarkArea = 128,
}

/// <summary>
/// Which SCL-derived masks invalidate an observation, and the dilation (buffer) applied to cloud, shadow and cirrus.
/// </summary>
/// <param name="MaskCloud">Exclude SCL 8/9 (default true).</param>
/// <param name="MaskShadow">Exclude SCL 3 (default true).</param>
/// <param name="MaskCirrus">Exclude SCL 10 (default true).</param>
/// <param name="MaskSnow">Exclude SCL 11 (default true).</param>
/// <param name="MaskWater">Exclude SCL 6 (default true).</param>
/// <param name="MaskDarkArea">Exclude SCL 2 (default false: dark soils are often labelled 2).</param>
/// <param name="DilationPixels">Square (Chebyshev) dilation radius in pixels applied to cloud, shadow and cirrus, 0–100 (default 0).</param>
public sealed record SclMaskOptions(bool MaskCloud = true, bool MaskShadow = true, bool MaskCirrus = true, bool MaskSnow = true,
    bool MaskWater = true, bool MaskDarkArea = false, int DilationPixels = 0)
{
    /// <summary>Default options.</summary>
    public static SclMaskOptions Default { get; } = new();

    /// <summary>The flags that make an observation invalid (no data and saturated always do).</summary>
    public ObservationFlags InvalidFlags =>
        ObservationFlags.NoData | ObservationFlags.Saturated
        | (MaskCloud ? ObservationFlags.Cloud : 0) | (MaskShadow ? ObservationFlags.Shadow : 0) | (MaskCirrus ? ObservationFlags.Cirrus : 0)
        | (MaskSnow ? ObservationFlags.Snow : 0) | (MaskWater ? ObservationFlags.Water : 0) | (MaskDarkArea ? ObservationFlags.DarkArea : 0);

    internal void Validate() => Check.InRange(DilationPixels, 0, 100);
}

/// <summary>Cloud, shadow, cirrus, snow and water masks from the SCL band, with optional dilation.</summary>
public static class SclMask
{
    /// <summary>The flag of one SCL class value.</summary>
    public static ObservationFlags FlagOf(byte scl) => scl switch
    {
        0 => ObservationFlags.NoData,
        1 => ObservationFlags.Saturated,
        2 => ObservationFlags.DarkArea,
        3 => ObservationFlags.Shadow,
        6 => ObservationFlags.Water,
        8 or 9 => ObservationFlags.Cloud,
        10 => ObservationFlags.Cirrus,
        11 => ObservationFlags.Snow,
        4 or 5 or 7 => ObservationFlags.None,
        _ => ObservationFlags.NoData,
    };

    /// <summary>
    /// Flags for an SCL raster of <paramref name="width"/> × <paramref name="height"/> (row-major). Cloud, shadow and cirrus are
    /// dilated by <see cref="SclMaskOptions.DilationPixels"/> (square window of side 2r + 1).
    /// </summary>
    public static ObservationFlags[] Classify(ReadOnlySpan<byte> scl, int width, int height, SclMaskOptions? options = null)
    {
        options ??= SclMaskOptions.Default;
        options.Validate();
        Check.SameLength(scl.Length, width * height, "SCL raster vs width × height");
        var flags = new ObservationFlags[scl.Length];
        ClassifyInto(scl, width, height, options, flags, options.DilationPixels > 0 ? new byte[2 * scl.Length] : default);
        return flags;
    }

    /// <summary>
    /// <see cref="Classify"/> into <paramref name="destination"/> (width × height values) with caller-owned
    /// <paramref name="scratch"/> (≥ 2 × width × height bytes when dilating), so a caller classifying many rasters allocates once.
    /// Options are not validated here.
    /// </summary>
    internal static void ClassifyInto(ReadOnlySpan<byte> scl, int width, int height, SclMaskOptions options, Span<ObservationFlags> destination, Span<byte> scratch)
    {
        for (int i = 0; i < scl.Length; i++) destination[i] = FlagOf(scl[i]);
        if (options.DilationPixels > 0)
            DilateCore(destination[..scl.Length], width, height, options.DilationPixels, ObservationFlags.Cloud | ObservationFlags.Shadow | ObservationFlags.Cirrus, scratch);
    }

    /// <summary>
    /// Dilates the given flag bits with a (2r + 1)² square structuring element, in place (separable running maximum:
    /// O(pixels × r)). Other bits are left unchanged.
    /// </summary>
    public static void Dilate(ObservationFlags[] flags, int width, int height, int radius, ObservationFlags which)
    {
        Check.Positive(width); Check.Positive(height); Check.InRange(radius, 0, 1000);
        if (radius == 0) return;
        DilateCore(flags, width, height, radius, which, new byte[2 * flags.Length]);
    }

    private static void DilateCore(Span<ObservationFlags> flags, int width, int height, int radius, ObservationFlags which, Span<byte> scratch)
    {
        var src = scratch[..flags.Length];
        var tmp = scratch.Slice(flags.Length, flags.Length);
        for (int i = 0; i < flags.Length; i++) src[i] = (byte)(flags[i] & which);
        for (int r = 0; r < height; r++)
        {
            int row = r * width;
            for (int c = 0; c < width; c++)
            {
                byte acc = 0;
                int c0 = Math.Max(0, c - radius), c1 = Math.Min(width - 1, c + radius);
                for (int k = c0; k <= c1; k++) acc |= src[row + k];
                tmp[row + c] = acc;
            }
        }
        for (int c = 0; c < width; c++)
            for (int r = 0; r < height; r++)
            {
                byte acc = 0;
                int r0 = Math.Max(0, r - radius), r1 = Math.Min(height - 1, r + radius);
                for (int k = r0; k <= r1; k++) acc |= tmp[k * width + c];
                flags[r * width + c] |= (ObservationFlags)acc;
            }
    }
}
