using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Compositing;

/// <summary>Options of <see cref="BareSoilMask.Compute(SceneStack, BareSoilMaskOptions)"/>.</summary>
/// <param name="Thresholds">Bare-soil rule (default S2MoS: NDVI &lt; 0.25, NBR2 &lt; 0.075, B3 &gt; B2, B4 &gt;
/// B3).</param>
/// <param name="Mask">Which SCL classes mask an observation, and their dilation (default
/// <see cref="SclMaskOptions.Default"/>).</param>
public sealed record BareSoilMaskOptions(BareSoilThresholds? Thresholds = null, SclMaskOptions? Mask = null);

/// <summary>
/// The bare-soil mask of a scene stack, per date and pixel: bare soil, cloud-free but not bare, or masked — and then by
/// what, with the real Sentinel-2 SCL code and name (3 cloud shadow, 9 cloud (SCL 8/9), 10 thin cirrus, 11 snow, 6
/// water, 2 dark area, 1 saturated, 0 no data or a missing band). A categorical raster value (<see cref="Raster"/>)
/// over the stack's dates, displayed as a map with a legend of these classes.
/// </summary>
public sealed class BareSoilMask
{
    /// <summary>Class code of a cloud-free observation that is not bare soil (outside the SCL range 0–11).</summary>
    public const int NotBareCode = 20;
    /// <summary>Class code of a bare-soil observation.</summary>
    public const int BareCode = 21;
    /// <summary>Name of the mask band.</summary>
    public const string BandName = "bare_soil_mask";
    /// <summary>Largest grid <see cref="Compute(SceneStack, BareSoilMaskOptions)"/> holds in memory (pixels).</summary>
    public const long MaxPixels = 4096L * 4096;

    /// <summary>The classes of the mask, in legend order.</summary>
    public static RasterClasses Classes { get; } = RasterClasses.Of(
        new RasterClass(BareCode, "bare soil", "#a0522d") { Legend = "bare soil (S2MoS rule)" },
        new RasterClass(NotBareCode, "cloud-free, not bare", "#41ab5d") { Legend = "cloud-free, not bare (S2MoS rule)" },
        SclClasses.Class(SclClass.CloudHighProbability, "cloud (SCL 8/9)") with { Color = "#d9d9d9",
            Legend = "8/9 cloud, medium or high probability" },
        SclClasses.Class(SclClass.CloudShadow),
        SclClasses.Class(SclClass.ThinCirrus),
        SclClasses.Class(SclClass.Snow),
        SclClasses.Class(SclClass.Water),
        SclClasses.Class(SclClass.DarkArea),
        SclClasses.Class(SclClass.SaturatedOrDefective),
        SclClasses.Class(SclClass.NoData, "no data"));

    private BareSoilMask(Raster raster, BareSoilThresholds thresholds, SclMaskOptions mask)
    { Raster = raster; Thresholds = thresholds; Mask = mask; }

    /// <summary>The mask as a categorical raster: band <see cref="BandName"/> × the stack's dates.</summary>
    public Raster Raster { get; }
    /// <summary>The bare-soil rule applied.</summary>
    public BareSoilThresholds Thresholds { get; }
    /// <summary>The SCL masks applied.</summary>
    public SclMaskOptions Mask { get; }
    /// <summary>Dates of the mask.</summary>
    public IReadOnlyList<DateTime> Dates => Raster.Dates;
    /// <summary>Grid of the mask.</summary>
    public RasterGrid Grid => Raster.Grid;

    /// <summary>The mask of a whole (small) stack with the S2MoS rule and the default SCL masks.</summary>
    public static BareSoilMask Compute(SceneStack stack) => Compute(stack, new BareSoilMaskOptions());

    /// <summary>The mask of a whole stack (at most <see cref="MaxPixels"/> pixels).</summary>
    public static BareSoilMask Compute(SceneStack stack, BareSoilMaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(stack); ArgumentNullException.ThrowIfNull(options);
        if ((long)stack.Grid.Width * stack.Grid.Height > MaxPixels)
            throw new InvalidOperationException($"The stack grid ({stack.Grid.Width}×{stack.Grid.Height}) is too " +
                "large for an in-memory mask; read windows with stack.ReadTile and use BareSoilMask.FromTile.");
        var mask = options.Mask ?? SclMaskOptions.Default;
        return FromTile(stack.ReadTile(stack.Grid.FullWindow, mask), stack.Grid, options);
    }

    /// <summary>The mask of a tile on <paramref name="grid"/>, the grid of the tile's window.</summary>
    public static BareSoilMask FromTile(StackTile tile, RasterGrid grid, BareSoilMaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tile); ArgumentNullException.ThrowIfNull(grid);
        options ??= new BareSoilMaskOptions();
        var thresholds = (options.Thresholds ?? BareSoilThresholds.S2MoS).Validate();
        var mask = options.Mask ?? SclMaskOptions.Default;
        if (grid.Width != tile.Width || grid.Height != tile.Height)
            throw new ArgumentException($"The grid is {grid.Width}×{grid.Height} px but the tile " +
                $"{tile.Width}×{tile.Height}; expected the grid of the tile's window.");
        var status = CompositeKernel.Classify(tile, thresholds, mask);
        var invalid = mask.InvalidFlags;
        int D = tile.Dates.Count, P = tile.PixelCount;
        var layers = new float[D][];
        for (int d = 0; d < D; d++)
        {
            var o = layers[d] = new float[P];
            for (int p = 0; p < P; p++)
                o[p] = status[d * P + p] switch
                {
                    ObservationStatus.Bare => BareCode,
                    ObservationStatus.Valid => NotBareCode,
                    _ => (float)MaskedCode(tile.Flags[d * P + p] & invalid),
                };
        }
        var rasterOptions = new RasterOptions(Dates: tile.Dates.ToArray(), Classes: Classes, Title: "Bare-soil mask");
        var raster = Raster.Build(grid, [BandName], layers, rasterOptions);
        return new BareSoilMask(raster, thresholds, mask);
    }

    /// <summary>The SCL code that explains a masked observation: cloud before shadow, cirrus, snow, water, dark area,
    /// saturation.</summary>
    public static SclClass MaskedCode(ObservationFlags flags) =>
        (flags & ObservationFlags.Cloud) != 0 ? SclClass.CloudHighProbability
        : (flags & ObservationFlags.Shadow) != 0 ? SclClass.CloudShadow
        : (flags & ObservationFlags.Cirrus) != 0 ? SclClass.ThinCirrus
        : (flags & ObservationFlags.Snow) != 0 ? SclClass.Snow
        : (flags & ObservationFlags.Water) != 0 ? SclClass.Water
        : (flags & ObservationFlags.DarkArea) != 0 ? SclClass.DarkArea
        : (flags & ObservationFlags.Saturated) != 0 ? SclClass.SaturatedOrDefective
        : SclClass.NoData;

    /// <summary>The mask at one date (a categorical raster with that date).</summary>
    public Raster AtDate(DateTime date) => Raster.AtDate(date);

    /// <summary>The mask at the date of 0-based index <paramref name="index"/>.</summary>
    public Raster AtDate(int index) => Raster.AtDate(index);

    /// <summary>1 where an observation is bare soil, 0 where it is cloud-free but not bare, NaN where masked; per
    /// date.</summary>
    public Raster IsBare() => Raster.Map(v => v == BareCode ? 1 : v == NotBareCode ? 0 : float.NaN, unit: "")
        .Rename(BandName, "bare");

    /// <summary>Bare-soil observations per pixel over all dates (S2MoS Figure 12), one band "bare_count".</summary>
    public Raster BareCount()
    {
        var o = new float[Raster.PixelCount];
        for (int d = 0; d < Raster.DateCount; d++)
        {
            var l = Raster.Layer(0, d);
            for (int p = 0; p < o.Length; p++) if (l[p] == BareCode) o[p]++;
        }
        return Raster.Create(Grid, "bare_count", o, "count").WithTitle("Bare-soil observations");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Bare-soil mask {Grid.Width}×{Grid.Height} px, {Grid.Crs}, {Dates.Count} dates (NDVI < {Thresholds.Ndvi}, " +
            $"NBR2 < {Thresholds.Nbr2})";
}
