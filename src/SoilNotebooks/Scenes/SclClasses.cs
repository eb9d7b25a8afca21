using SoilNotebooks.Rasters;

namespace SoilNotebooks.Scenes;

/// <summary>
/// The Sentinel-2 L2A Scene Classification Layer as raster classes: the ESA codes 0–11 with their names and the colours
/// of ESA's SCL legend, for categorical maps of SCL rasters:
/// <c>Raster.Read(sclPath, new RasterReadOptions(Classes: SclClasses.Table))</c>.
/// </summary>
public static class SclClasses
{
    /// <summary>Name of an SCL class as in the ESA L2A product specification.</summary>
    public static string NameOf(SclClass c) => c switch
    {
        SclClass.NoData => "no data",
        SclClass.SaturatedOrDefective => "saturated or defective",
        SclClass.DarkArea => "dark area / cast shadow",
        SclClass.CloudShadow => "cloud shadow",
        SclClass.Vegetation => "vegetation",
        SclClass.NotVegetated => "not vegetated (bare soil)",
        SclClass.Water => "water",
        SclClass.Unclassified => "unclassified",
        SclClass.CloudMediumProbability => "cloud, medium probability",
        SclClass.CloudHighProbability => "cloud, high probability",
        SclClass.ThinCirrus => "thin cirrus",
        SclClass.Snow => "snow or ice",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, $"c must be an SCL class 0–11 (got {(int)c})."),
    };

    /// <summary>Colour of an SCL class in ESA's SCL legend (high-probability cloud, white there, is drawn a very light
    /// grey so its swatch shows on a white page).</summary>
    public static string ColorOf(SclClass c) => c switch
    {
        SclClass.NoData => "#000000", SclClass.SaturatedOrDefective => "#ff0000", SclClass.DarkArea => "#2f2f2f",
        SclClass.CloudShadow => "#643200", SclClass.Vegetation => "#00a000", SclClass.NotVegetated => "#ffe65a",
        SclClass.Water => "#0000ff", SclClass.Unclassified => "#808080", SclClass.CloudMediumProbability => "#c0c0c0",
        SclClass.CloudHighProbability => "#ececec", SclClass.ThinCirrus => "#64c8ff", SclClass.Snow => "#ff96ff",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, $"c must be an SCL class 0–11 (got {(int)c})."),
    };

    /// <summary>The twelve SCL classes (codes 0–11) with names and colours; legends show the code ("4 vegetation").</summary>
    public static RasterClasses Table { get; } = new(Enum.GetValues<SclClass>().Select(c => Class(c)));

    /// <summary>The raster class of one SCL code, optionally under another name; its legend text is the code and the
    /// name ("3 cloud shadow").</summary>
    public static RasterClass Class(SclClass c, string? name = null) =>
        new RasterClass((int)c, name ?? NameOf(c), ColorOf(c)).WithCodeInLegend();
}
