using System.Globalization;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>A class of a target for grouped charts, e.g. clay &lt; 16 %.</summary>
/// <param name="Name">Legend name.</param>
/// <param name="Min">Lower bound (inclusive).</param>
/// <param name="Max">Upper bound (exclusive).</param>
/// <param name="Color">Line colour.</param>
public sealed record TargetClass(string Name, double Min, double Max, string Color);

/// <summary>Charts of a <see cref="SampleSeries"/>: maps of the samples, spectra, splits, observation counts.</summary>
public static class SeriesCharts
{
    /// <summary>
    /// The samples on a longitude/latitude map with Europe's borders, coloured by the target or covariate
    /// <paramref name="colorBy"/> (its unit in the colour bar); locations in another CRS are transformed to EPSG:4326.
    /// </summary>
    public static Chart Map(SampleSeries series, string? colorBy = null, string? title = null, ColorScale? scale = null,
        double markerSize = 5)
    {
        ArgumentNullException.ThrowIfNull(series);
        var (lon, lat) = LonLat(series);
        var v = colorBy is null ? null : series.Variable(colorBy);
        return CountryBorders.PointMap(lon, lat, v?.Values, title, v?.Title, scale, markerSize);
    }

    /// <summary>Longitudes and latitudes of the samples (EPSG:4326).</summary>
    public static (double[] Lon, double[] Lat) LonLat(SampleSeries series)
    {
        var geo = series.WithGeographicCoordinates();
        return (geo.Covariate(GeographicCoordinates.Longitude).ToArray(), geo.Covariate(GeographicCoordinates.Latitude).ToArray());
    }

    /// <summary>Every observation of one sample as a spectrum over the Sentinel-2 wavelengths (S2MoS Fig. 8).</summary>
    public static Chart Trajectories(SampleSeries series, int sample, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var bands = SentinelChannels.Optical.Where(series.HasChannel).ToArray();
        var wl = bands.Select(SentinelChannels.WavelengthNm).ToArray();
        var idx = bands.Select(series.ChannelIndex).ToArray();
        var traces = Enumerable.Range(0, series.ObservationCount(sample)).Select(k => (Trace)new ScatterTrace(wl,
            idx.Select(c => series.Value(sample, k, c)).ToArray())
        { Mode = "lines", LineColor = "rgba(139,90,43,0.45)", LineWidth = 1 }).ToArray();
        return new Chart
        {
            Traces = traces, Title = title ?? $"{series.Ids[sample]}: n = {series.ObservationCount(sample)}",
            XAxis = new Axis("Wavelength (nm)"), YAxis = new Axis("Reflectance (0–1)", 0, 0.5), ShowLegend = false,
        };
    }

    /// <summary>
    /// Per-sample median spectra summarised by class of <paramref name="target"/>: the median (solid) and the
    /// interquartile range (dotted) across the samples of each class (S2MoS Fig. 7).
    /// </summary>
    public static Chart SpectraByClass(SampleSeries series, string target, IReadOnlyList<TargetClass> classes, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var bands = SentinelChannels.Optical.Where(series.HasChannel).ToArray();
        var wl = bands.Select(SentinelChannels.WavelengthNm).ToArray();
        var medians = series.ReduceRows(SeriesReduction.Median, bands);
        var y = series.Target(target);
        var traces = new List<Trace>();
        foreach (var cls in classes)
        {
            var members = Enumerable.Range(0, series.Count).Where(i => y[i] >= cls.Min && y[i] < cls.Max).ToArray();
            if (members.Length == 0) continue;
            double[] Q(double q) => Enumerable.Range(0, bands.Length).Select(b => Quantiles.Of(members.Select(i => medians[i][b]), q)).ToArray();
            traces.Add(new ScatterTrace(wl, Q(0.5)) { Name = $"{cls.Name} (n = {members.Length}), median", Mode = "lines+markers", LineColor = cls.Color, LineWidth = 2.5 });
            traces.Add(new ScatterTrace(wl, Q(0.25)) { Name = $"{cls.Name}, Q1–Q3", Mode = "lines", LineColor = cls.Color, LineDash = "dot" });
            traces.Add(new ScatterTrace(wl, Q(0.75)) { Mode = "lines", LineColor = cls.Color, LineDash = "dot", ShowLegend = false });
        }
        return new Chart
        {
            Traces = traces, Title = title ?? $"Per-sample median spectra by {target} class",
            XAxis = new Axis("Wavelength (nm)"), YAxis = new Axis("Reflectance (0–1)"), Height = 460,
        };
    }

    /// <summary>
    /// A calibration/test split in geographic and in spectral space (S2MoS Fig. 5): the samples on a longitude/latitude
    /// map with the Natural Earth borders, and the first two principal components of their averaged spectra (the space
    /// Kennard–Stone chose in; <see cref="SeriesSplits.SpectralComponents"/>), calibration grey and test red.
    /// </summary>
    /// <param name="split">The split.</param>
    /// <param name="channels">Channels of the spectra (default the Sentinel-2 bands the series has — the S2MoS split is on
    /// them —, else all its channels).</param>
    /// <param name="reduction">Per-sample reduction (default the mean, as Kennard–Stone).</param>
    public static Chart Split(SeriesSplit split, IReadOnlyList<string>? channels = null,
        SeriesReduction reduction = SeriesReduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(split);
        var (calLon, calLat) = LonLat(split.Calibration);
        var (testLon, testLat) = LonLat(split.Test);
        var grey = new Marker(Size: 4, Color: "#9e9e9e");
        var geo = CountryBorders.BaseMap([.. calLon, .. testLon], [.. calLat, .. testLat],
                $"Calibration (grey, n = {split.Calibration.Count}) and test (red, n = {split.Test.Count})")
            .With(new ScatterTrace(calLon, calLat) { Name = "calibration", Marker = grey })
            .WithPoints(testLon, testLat, "test", size: 5);
        var optical = SentinelChannels.Optical.Where(split.Calibration.HasChannel).ToArray();
        var pc = split.SpectralComponents(channels ?? (optical.Length > 1 ? optical : null), reduction);
        string what = reduction == SeriesReduction.Mean ? "averaged" : reduction.ToString().ToLowerInvariant();
        var spec = Chart.Scatter(pc.Calibration.Select(r => r[0]).ToArray(), pc.Calibration.Select(r => r[1]).ToArray(),
                "calibration", $"Principal components of the {what} spectra (Fig. 5a)", pc.AxisTitle(0), pc.AxisTitle(1), grey)
            .WithPoints(pc.Test.Select(r => r[0]).ToArray(), pc.Test.Select(r => r[1]).ToArray(), "test", size: 5);
        return Chart.Grid(2, geo, spec).WithSize(null, 460);
    }

    /// <summary>Histogram of the observations per sample, with the median in the title.</summary>
    public static Chart ObservationCounts(SampleSeries series, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var counts = series.ObservationCounts().Select(c => (double)c).ToArray();
        string median = Quantiles.Median(counts).ToString("0.#", CultureInfo.InvariantCulture);
        return Chart.Histogram(counts, title: title ?? $"Observations per sample (median {median})", xTitle: "Observations per sample");
    }
}
