using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>The S2MoS point twin as the pipeline's <see cref="SampleSeries"/> value.</summary>
public static class S2MosTwinSeries
{
    /// <summary>Day 0 of the twin's <see cref="S2MosObservation.Day"/>: 2017-01-01 UTC.</summary>
    public static readonly DateTime Epoch = new(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The twin's points as a sample series: ids "1" … "n", locations lon/lat in EPSG:4326, channels
    /// <see cref="SentinelChannels.All"/> (B02 … B12 reflectance 0–1, VV and VH in dB), observations dated
    /// <see cref="Epoch"/> + day in time order; targets clay, silt, sand (%) and soc (%); covariates lat (° N) and lon (° E).
    /// </summary>
    public static SampleSeries ToSampleSeries(this S2MosTwinData twin)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var b = new SampleSeriesBuilder(SentinelChannels.All, Crs.FromEpsg(4326));
        var index = new Dictionary<int, int>();
        foreach (var p in twin.Points)
            index[p.Id] = b.AddSample(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.LongitudeDegrees, p.LatitudeDegrees);
        var v = new double[SentinelChannels.All.Count];
        foreach (var o in twin.Observations)
        {
            o.Reflectance.CopyTo(v, 0);
            v[^2] = o.VvDb; v[^1] = o.VhDb;
            b.AddObservation(index[o.Id], Epoch.AddDays(o.Day), v);
        }
        var pts = twin.Points;
        return b.Target("clay", "%", pts.Select(p => p.ClayPercent).ToArray())
            .Target("silt", "%", pts.Select(p => p.SiltPercent).ToArray())
            .Target("sand", "%", pts.Select(p => p.SandPercent).ToArray())
            .Target("soc", "%", pts.Select(p => p.SocPercent).ToArray())
            .Covariate("lat", "° N", pts.Select(p => p.LatitudeDegrees).ToArray())
            .Covariate("lon", "° E", pts.Select(p => p.LongitudeDegrees).ToArray())
            .Build();
    }
}
