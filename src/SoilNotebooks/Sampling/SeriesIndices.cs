using SoilNotebooks.Masking;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Sampling;

/// <summary>Spectral indices and the bare-soil rule on the observations of a <see cref="SampleSeries"/>.</summary>
public static class SeriesIndices
{
    /// <summary>Name of the NDVI channel added by <see cref="WithIndices"/>.</summary>
    public const string NdviChannel = "NDVI";

    /// <summary>Name of the NBR2 channel added by <see cref="WithIndices"/>.</summary>
    public const string Nbr2Channel = "NBR2";

    /// <summary>Name of the Sentinel-2 scene-classification channel read by <see cref="CloudFreeObservations"/>.</summary>
    public const string SclChannel = "SCL";

    /// <summary>
    /// The same samples keeping only the observations whose <see cref="SclChannel"/> value (the Sentinel-2 SCL class of the
    /// observation's pixel) is not masked by <paramref name="mask"/> (default: cloud, shadow, cirrus, snow, water) — the test
    /// <see cref="SclMask"/> applies to scenes. The SCL channel is dropped from the result.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The series has no SCL channel.</exception>
    public static SampleSeries CloudFreeObservations(this SampleSeries series, SclMaskOptions? mask = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var invalid = (mask ?? SclMaskOptions.Default).InvalidFlags;
        int scl = series.ChannelIndex(SclChannel);
        var kept = series.WhereObservations((_, _, o) => (SclMask.FlagOf((byte)o[scl]) & invalid) == 0);
        return kept.SelectChannels([.. series.Channels.Where(c => c != SclChannel)]);
    }

    /// <summary>
    /// The same samples with two channels added to every observation: NDVI = (B08 − B04)/(B08 + B04) and
    /// NBR2 = (B11 − B12)/(B11 + B12) (Tziolas et al. 2020 §2.2), computed in single precision as on scenes.
    /// </summary>
    public static SampleSeries WithIndices(this SampleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        int red = series.ChannelIndex("B04"), nir = series.ChannelIndex("B08");
        int sw1 = series.ChannelIndex("B11"), sw2 = series.ChannelIndex("B12");
        var b = new SampleSeriesBuilder([.. series.Channels, NdviChannel, Nbr2Channel], series.Crs);
        var v = new double[series.Channels.Count + 2];
        for (int i = 0; i < series.Count; i++)
        {
            int s = b.AddSample(series.Ids[i], series.X[i], series.Y[i]);
            for (int k = 0; k < series.ObservationCount(i); k++)
            {
                var o = series.Observation(i, k);
                o.CopyTo(v);
                v[^2] = SpectralIndices.Ndvi((float)o[red], (float)o[nir]);
                v[^1] = SpectralIndices.Nbr2((float)o[sw1], (float)o[sw2]);
                b.AddObservation(s, series.Date(i, k), v);
            }
        }
        foreach (var t in series.Targets) b.Target(t.Name, t.Unit, t.Values);
        foreach (var c in series.Covariates) b.Covariate(c.Name, c.Unit, c.Values);
        return b.Build();
    }

    /// <summary>
    /// The same samples keeping only the observations that pass the bare-soil rule <paramref name="thresholds"/>
    /// (default S2MoS: NDVI &lt; 0.25, NBR2 &lt; 0.075, B03 &gt; B02, B04 &gt; B03) — the same test scenes get.
    /// </summary>
    public static SampleSeries BareObservations(this SampleSeries series, BareSoilThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var t = (thresholds ?? BareSoilThresholds.S2MoS).Validate();
        int b2 = series.ChannelIndex("B02"), b3 = series.ChannelIndex("B03"), b4 = series.ChannelIndex("B04");
        int b8 = series.ChannelIndex("B08"), b11 = series.ChannelIndex("B11"), b12 = series.ChannelIndex("B12");
        return series.WhereObservations((_, _, o) =>
            t.IsBare((float)o[b2], (float)o[b3], (float)o[b4], (float)o[b8], (float)o[b11], (float)o[b12]));
    }
}
