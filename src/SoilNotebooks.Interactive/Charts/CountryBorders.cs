using System.Globalization;
using SoilNotebooks.Datasets;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>
/// Country borders of Europe (Natural Earth 1:50m, public domain; embedded dataset <c>country-borders</c>) for
/// continental maps in longitude/latitude (EPSG:4326).
/// </summary>
public static class CountryBorders
{
    private static readonly Lazy<(double[] Lon, double[] Lat)> Lines = new(Load);

    /// <summary>Border polylines as one pair of arrays with NaN between polylines (Plotly draws gaps there).</summary>
    public static (double[] Lon, double[] Lat) Europe => Lines.Value;

    private static (double[] Lon, double[] Lat) Load()
    {
        var ds = DatasetCatalog.Default.Open("country-borders");
        var t = ManifestTables.Read(ds, "europe_borders.csv");
        var part = t.GetDoubles("part"); var lon = t.GetDoubles("lon"); var lat = t.GetDoubles("lat");
        var xs = new List<double>(lon.Length + 400); var ys = new List<double>(lat.Length + 400);
        for (int i = 0; i < lon.Length; i++)
        {
            if (i > 0 && part[i] != part[i - 1]) { xs.Add(double.NaN); ys.Add(double.NaN); }
            xs.Add(lon[i]); ys.Add(lat[i]);
        }
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>
    /// A map of points in longitude/latitude (EPSG:4326) coloured by <paramref name="values"/>, with country
    /// borders, shapes kept by an aspect ratio of 1/cos(mean latitude), and axes limited to the points (plus a margin).
    /// </summary>
    public static Chart PointMap(IReadOnlyList<double> lon, IReadOnlyList<double> lat, IReadOnlyList<double>? values = null,
        string? title = null, string? colorBarTitle = null, ColorScale? scale = null, double markerSize = 5) =>
        BaseMap(lon, lat, title).With(new ScatterTrace(lon, lat)
        {
            Name = "points", WebGl = lon.Count > 3000,
            Marker = new Marker(markerSize, values is null ? "#8a5a2b" : null, values, scale ?? ColorScale.YlOrBr, colorBarTitle, 0.85),
        });

    /// <summary>
    /// An empty longitude/latitude map (EPSG:4326) around the given locations: the Natural Earth borders, axes limited to
    /// the locations plus a margin, aspect 1/cos(mean latitude), no zero line at 0° — add points with
    /// <see cref="Chart.With"/> or <see cref="Chart.WithPoints"/>.
    /// </summary>
    public static Chart BaseMap(IReadOnlyList<double> lon, IReadOnlyList<double> lat, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(lon); ArgumentNullException.ThrowIfNull(lat);
        Check.SameLength(lon.Count, lat.Count, "longitudes and latitudes");
        if (lon.Count == 0) throw new ArgumentException("A point map needs at least one point.");
        double x0 = lon.Min(), x1 = lon.Max(), y0 = lat.Min(), y1 = lat.Max();
        double mx = Math.Max(0.5, (x1 - x0) * 0.05), my = Math.Max(0.5, (y1 - y0) * 0.05);
        var chart = new Chart
        {
            Title = title,
            XAxis = new Axis("Longitude (°E, EPSG:4326)", x0 - mx, x1 + mx, ZeroLine: false),
            YAxis = new Axis("Latitude (°N, EPSG:4326)", y0 - my, y1 + my, ZeroLine: false),
            EqualAspect = true, YScaleRatio = 1 / Math.Cos(lat.Average() * Math.PI / 180), ShowLegend = false, Height = 560,
        };
        return chart.WithCountryBorders();
    }
}

/// <summary>Country-border overlay for charts in longitude/latitude.</summary>
public static class CountryBorderExtensions
{
    /// <summary>Adds Europe's country borders (thin grey lines) to a chart whose axes are longitude and latitude.</summary>
    public static Chart WithCountryBorders(this Chart chart, string color = "#7a7a7a")
    {
        var (lon, lat) = CountryBorders.Europe;
        return chart.With(new ScatterTrace(lon, lat) { Mode = "lines", LineColor = color, LineWidth = 0.8, Name = "borders", ShowLegend = false });
    }

    /// <summary>
    /// Adds Europe's country borders projected into <paramref name="crs"/> (e.g. EPSG:3035) to a map drawn in that CRS,
    /// keeping the axes on <paramref name="bounds"/> (the raster's extent) so the borders beyond it do not widen the view.
    /// </summary>
    public static Chart WithCountryBorders(this Chart chart, Crs crs, (double MinX, double MinY, double MaxX, double MaxY) bounds,
        string color = "#5a5a5a")
    {
        ArgumentNullException.ThrowIfNull(chart); ArgumentNullException.ThrowIfNull(crs);
        var (lon, lat) = CountryBorders.Europe;
        var x = lon.ToArray(); var y = lat.ToArray();
        // project the vertices (NaN separators kept); vertices outside the CRS's area become gaps
        var idx = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(x[i])).ToArray();
        var px = idx.Select(i => x[i]).ToArray(); var py = idx.Select(i => y[i]).ToArray();
        using (var t = new CoordinateTransformer(Crs.FromEpsg(4326), crs)) t.TransformInPlace(px, py);
        for (int k = 0; k < idx.Length; k++) { x[idx[k]] = px[k]; y[idx[k]] = py[k]; }
        var lines = new ScatterTrace(x, y) { Mode = "lines", LineColor = color, LineWidth = 0.7, Name = "borders", ShowLegend = false };
        return chart.With(lines) with
        {
            XAxis = chart.XAxis with { Min = bounds.MinX, Max = bounds.MaxX },
            YAxis = chart.YAxis with { Min = bounds.MinY, Max = bounds.MaxY },
        };
    }
}
