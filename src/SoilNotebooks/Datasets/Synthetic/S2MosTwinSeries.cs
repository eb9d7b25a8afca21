using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>The S2MoS point twin as the pipeline's <see cref="SampleSeries"/> value.</summary>
public static class S2MosTwinSeries
{
    /// <summary>Day 0 of the twin's obs.csv column t: 2017-01-01 UTC.</summary>
    public static readonly DateTime Epoch = new(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The twin's points as a sample series: ids "1" … "n", locations lon/lat in EPSG:4326, channels
    /// <see cref="SentinelChannels.All"/> (B02 … B12 reflectance 0–1, VV and VH in dB), bare-soil observations in time order
    /// (each passed the SCL mask and the bare-soil rule); targets clay, silt, sand (%) and soc (%); covariates lat (° N),
    /// lon (° E) and moisture_mean (the hidden driver, m³/m³).
    /// </summary>
    public static SampleSeries ToSampleSeries(this S2MosTwinData twin)
    {
        ArgumentNullException.ThrowIfNull(twin);
        return twin.Series;
    }
}
