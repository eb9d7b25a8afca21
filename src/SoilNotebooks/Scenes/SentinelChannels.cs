namespace SoilNotebooks.Scenes;

/// <summary>
/// The channel names every sample series and raster of this library uses for Sentinel data, so that a model trained
/// on points predicts on pixels by name: ESA's Sentinel-2 band ids and Sentinel-1's polarisations.
/// </summary>
public static class SentinelChannels
{
    /// <summary>The ten S2MoS Sentinel-2 bands, surface reflectance 0–1: B02, B03, B04, B05, B06, B07, B08, B8A, B11, B12.</summary>
    public static IReadOnlyList<string> Optical { get; } = S2Bands.Ids;

    /// <summary>Sentinel-1 co-polarised backscatter (vertical transmit, vertical receive), dB.</summary>
    public const string VV = "VV";

    /// <summary>Sentinel-1 cross-polarised backscatter (vertical transmit, horizontal receive), dB.</summary>
    public const string VH = "VH";

    /// <summary>Sentinel-1 backscatter, dB: VV, VH.</summary>
    public static IReadOnlyList<string> Radar { get; } = [VV, VH];

    /// <summary>Optical, then radar (the S2MoS CNN's twelve input channels).</summary>
    public static IReadOnlyList<string> All { get; } = [.. S2Bands.Ids, VV, VH];

    /// <summary>Central wavelength (nm) of an optical channel, for spectra plotted against wavelength.</summary>
    public static double WavelengthNm(string channel) =>
        S2Bands.All.FirstOrDefault(b => b.Id == channel)?.CentreNanometres
        ?? throw new KeyNotFoundException($"'{channel}' is not a Sentinel-2 band; expected one of {string.Join(", ", S2Bands.Ids)}.");
}
