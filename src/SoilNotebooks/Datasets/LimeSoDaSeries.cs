using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Datasets;

/// <summary>A LimeSoDa set as the pipeline's <see cref="SampleSeries"/> value.</summary>
public static class LimeSoDaSeries
{
    /// <summary>The date given to a LimeSoDa sample's one observation: its Sentinel-2 bands are a bare-soil composite
    /// without a date, so the series carries 0001-01-01 (read it as "undated").</summary>
    public static readonly DateTime CompositeDate = DateTime.MinValue;

    private static readonly IReadOnlyList<string> FileBands = Scenes.SentinelChannels.Optical;

    /// <summary>
    /// The set as a sample series: ids "1" … "n" (file rows), locations in the set's projected CRS, ONE observation per
    /// sample holding the ten Sentinel-2 bands as reflectance 0–1 (file values × 10⁻⁴, named B02 … B12) when the set has
    /// them (none otherwise), targets clay (%), soc (%) and pH, covariates every other numeric column of the file under its
    /// file name (bands excluded) and "fold" (the predefined CV fold, 1–10).
    /// </summary>
    public static SampleSeries ToSampleSeries(this LimeSoDaSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var channels = set.HasSentinel2 ? FileBands : [];
        var b = new SampleSeriesBuilder(channels, Crs.FromEpsg(set.Epsg));
        foreach (var s in set.Samples)
        {
            int i = b.AddSample((s.Row + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), s.EastingMeters, s.NorthingMeters);
            if (s.Sentinel2 is not null) b.AddObservation(i, CompositeDate, s.Reflectance());
        }
        b.Target("clay", "%", set.ClayPercent).Target("soc", "%", set.SocPercent).Target("pH", "", set.PH);
        foreach (var name in set.CovariateNames.Where(n => !FileBands.Contains(n)))
            b.Covariate(name, "", set.Samples.Select(s => s.Covariates[name]).ToArray());
        b.Covariate("fold", "", set.Samples.Select(s => (double)s.Fold).ToArray());
        return b.Build();
    }
}
