namespace SoilNotebooks.Scenes;

/// <summary>The ten Sentinel-2 MSI bands S2MoS uses, in stack order (index 0 = B02).</summary>
public enum S2Band
{
    /// <summary>Blue, 10 m.</summary>
    B02 = 0,
    /// <summary>Green, 10 m.</summary>
    B03 = 1,
    /// <summary>Red, 10 m.</summary>
    B04 = 2,
    /// <summary>Red edge 1, 20 m.</summary>
    B05 = 3,
    /// <summary>Red edge 2, 20 m.</summary>
    B06 = 4,
    /// <summary>Red edge 3, 20 m.</summary>
    B07 = 5,
    /// <summary>NIR (broad), 10 m.</summary>
    B08 = 6,
    /// <summary>NIR narrow, 20 m.</summary>
    B8A = 7,
    /// <summary>SWIR 1, 20 m.</summary>
    B11 = 8,
    /// <summary>SWIR 2, 20 m.</summary>
    B12 = 9,
}

/// <summary>Static facts about a Sentinel-2 band.</summary>
/// <param name="Band">The band.</param>
/// <param name="Id">ESA band id ("B02").</param>
/// <param name="EarthSearchKey">Earth Search v1 asset key ("blue").</param>
/// <param name="ResolutionMetres">Native ground sampling distance, m.</param>
/// <param name="CentreNanometres">Central wavelength of Sentinel-2A, nm (ESA S2 MSI spectral response v3).</param>
/// <param name="WidthNanometres">Bandwidth (FWHM) of Sentinel-2A, nm.</param>
public sealed record S2BandInfo(S2Band Band, string Id, string EarthSearchKey, int ResolutionMetres, double CentreNanometres, double WidthNanometres);

/// <summary>Band table for the ten S2MoS bands.</summary>
public static class S2Bands
{
    /// <summary>Number of bands in a stack (10).</summary>
    public const int Count = 10;

    /// <summary>All ten bands in stack order.</summary>
    public static IReadOnlyList<S2BandInfo> All { get; } =
    [
        new(S2Band.B02, "B02", "blue", 10, 492.4, 66),
        new(S2Band.B03, "B03", "green", 10, 559.8, 36),
        new(S2Band.B04, "B04", "red", 10, 664.6, 31),
        new(S2Band.B05, "B05", "rededge1", 20, 704.1, 15),
        new(S2Band.B06, "B06", "rededge2", 20, 740.5, 15),
        new(S2Band.B07, "B07", "rededge3", 20, 782.8, 20),
        new(S2Band.B08, "B08", "nir", 10, 832.8, 106),
        new(S2Band.B8A, "B8A", "nir08", 20, 864.7, 21),
        new(S2Band.B11, "B11", "swir16", 20, 1613.7, 91),
        new(S2Band.B12, "B12", "swir22", 20, 2202.4, 175),
    ];

    /// <summary>Band ids in stack order ("B02" … "B12").</summary>
    public static IReadOnlyList<string> Ids { get; } = All.Select(b => b.Id).ToArray();

    /// <summary>Info of one band.</summary>
    public static S2BandInfo Info(S2Band band) => All[(int)band];
}
