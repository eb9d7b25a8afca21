using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Datasets;

/// <summary>The crnpy example data as the pipeline's <see cref="SampleSeries"/> value.</summary>
public static class CrnpySeries
{
    /// <summary>Channels of the station series, in order: counts of detectors 1 and 2 (per record interval), air
    /// temperature (°C), relative humidity (%), barometric pressure (hPa), vapour pressure (hPa), precipitation (mm).</summary>
    public static IReadOnlyList<string> StationChannels { get; } =
        ["counts1", "counts2", "air_temperature", "relative_humidity", "pressure", "vapour_pressure", "precipitation"];

    /// <summary>
    /// The station as a sample series: ONE sample (the station id, at its longitude/latitude, EPSG:4326) whose dated
    /// observations are the logger records (local standard time, as logged) with <see cref="StationChannels"/>, and the
    /// covariate <c>altitude</c> (m). Records with a missing value are left out, and so are records whose time is not
    /// after the previous kept one (a logger clock set back); <paramref name="dropped"/> counts both.
    /// </summary>
    public static SampleSeries ToSampleSeries(this CrnsStationSeries station, out int dropped)
    {
        ArgumentNullException.ThrowIfNull(station);
        var b = new SampleSeriesBuilder(StationChannels, Crs.FromEpsg(4326));
        int s = b.AddSample(station.StationId, station.LongitudeDegrees, station.LatitudeDegrees);
        dropped = 0;
        DateTime last = DateTime.MinValue;
        foreach (var r in station.Records)
        {
            double[] v = [r.Counts1, r.Counts2, r.AirTemperatureCelsius, r.RelativeHumidityPercent, r.BarometricPressureHPa,
                r.VaporPressureHPa, r.PrecipitationMm];
            if (!v.All(double.IsFinite) || r.TimestampLocal <= last && last != DateTime.MinValue) { dropped++; continue; }
            b.AddObservation(s, r.TimestampLocal, v);
            last = r.TimestampLocal;
        }
        return b.Covariate("altitude", "m", [station.AltitudeMeters]).Build();
    }

    /// <summary>The station as a sample series (see the overload that reports how many records were left out).</summary>
    public static SampleSeries ToSampleSeries(this CrnsStationSeries station) => station.ToSampleSeries(out _);

    /// <summary>
    /// The calibration cores as a sample series: one sample per core layer (id "field/core/top-bottom", at the core's
    /// longitude/latitude, EPSG:4326) without dated observations, target <c>theta</c> (volumetric water, cm³/cm³),
    /// covariates <c>gravimetric_water</c> (g/g), <c>bulk_density</c> (g/cm³), <c>top_depth</c>, <c>bottom_depth</c>
    /// (cm), <c>distance</c> (m from the station) and <c>core</c> (the core number).
    /// </summary>
    public static SampleSeries ToSampleSeries(this IReadOnlyList<CalibrationCoreLayer> cores)
    {
        ArgumentNullException.ThrowIfNull(cores);
        var b = new SampleSeriesBuilder([], Crs.FromEpsg(4326));
        foreach (var c in cores)
            b.AddSample(FormattableString.Invariant($"{c.Field}/{c.CoreNumber}/{c.TopDepthCm}-{c.BottomDepthCm}"),
                c.LongitudeDegrees, c.LatitudeDegrees);
        return b.Target("theta", "cm³/cm³", cores.Select(c => c.VolumetricWaterCm3PerCm3).ToArray())
            .Covariate("gravimetric_water", "g/g", cores.Select(c => c.GravimetricWaterGramsPerGram).ToArray())
            .Covariate("bulk_density", "g/cm³", cores.Select(c => c.BulkDensityGramsPerCm3).ToArray())
            .Covariate("top_depth", "cm", cores.Select(c => c.TopDepthCm).ToArray())
            .Covariate("bottom_depth", "cm", cores.Select(c => c.BottomDepthCm).ToArray())
            .Covariate("distance", "m", cores.Select(c => c.DistanceFromStationMeters).ToArray())
            .Covariate("core", "", cores.Select(c => (double)c.CoreNumber).ToArray())
            .Build();
    }
}
