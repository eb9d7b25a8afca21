using System.Globalization;
using SoilNotebooks.Rasters;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>How a raster is drawn as a map.</summary>
/// <param name="Band">Band to draw (default: the first).</param>
/// <param name="Date">0-based date index of a stack (default 0).</param>
/// <param name="Title">Chart title (default: the raster's title, band and date).</param>
/// <param name="Scale">Colour scale of a continuous raster (default Viridis).</param>
/// <param name="Min">Lower end of the colour range (default: the data minimum).</param>
/// <param name="Max">Upper end of the colour range (default: the data maximum).</param>
/// <param name="MaxCells">Cells drawn at most; larger rasters are block-averaged (majority class for class
/// maps).</param>
public sealed record RasterMapOptions(string? Band = null, int Date = 0, string? Title = null, ColorScale? Scale = null,
    double? Min = null, double? Max = null, int MaxCells = RasterResampling.DefaultMaxDisplayCells);

/// <summary>How three bands are drawn as a true-colour (or false-colour) image.</summary>
/// <param name="Red">Band shown red (default Sentinel-2 B04).</param>
/// <param name="Green">Band shown green (default B03).</param>
/// <param name="Blue">Band shown blue (default B02).</param>
/// <param name="Date">0-based date index of a stack (default 0).</param>
/// <param name="LowPercent">Percentile of the pooled three bands drawn black, 0–100 (default 2).</param>
/// <param name="HighPercent">Percentile drawn at full brightness, above the low one (default 98).</param>
/// <param name="Title">Title (default "True colour" and the date).</param>
/// <param name="MaxCells">Cells drawn at most; larger rasters are block-averaged.</param>
public sealed record TrueColorOptions(string Red = "B04", string Green = "B03", string Blue = "B02", int Date = 0,
    double LowPercent = RasterCharts.DefaultLowPercent, double HighPercent = RasterCharts.DefaultHighPercent,
    string? Title = null, int MaxCells = RasterResampling.DefaultMaxDisplayCells);

/// <summary>
/// Rasters as maps, without passing a grid, origin or pixel size: north-up, map coordinates with the CRS in the axis
/// titles, the band's unit in the colour bar, nodata transparent, and for categorical rasters a legend of class names.
/// Also true colour from named bands with one common stretch, and small multiples of rasters or dates.
/// </summary>
public static class RasterCharts
{
    /// <summary>Default lower percentile of the true-colour stretch.</summary>
    public const double DefaultLowPercent = 2;
    /// <summary>Default upper percentile of the true-colour stretch.</summary>
    public const double DefaultHighPercent = 98;
    /// <summary>Default number of columns of small multiples.</summary>
    public const int DefaultColumns = 3;
    /// <summary>Default largest number of panels <see cref="DateMultiples"/> draws (dates evenly spaced).</summary>
    public const int DefaultMaxPanels = 12;

    /// <summary>A band of the raster as a map: <c>ndvi.ToChart(scale: ColorScale.RdYlGn, min: -0.2, max:
    /// 0.9)</c>.</summary>
    public static Chart ToChart(this Raster raster, string? band = null, int date = 0, string? title = null,
        ColorScale? scale = null, double? min = null, double? max = null) =>
        Map(raster, new RasterMapOptions(band, date, title, scale, min, max));

    /// <summary>A band of the raster as a map, drawn as <paramref name="options"/> say.</summary>
    public static Chart Map(Raster raster, RasterMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(raster);
        var o = options ?? new RasterMapOptions();
        Check.InRange(o.Date, 0, raster.DateCount - 1);
        Check.Positive(o.MaxCells);
        if (!raster.Grid.Transform.IsNorthUp)
            throw new ArgumentException("Rotated rasters cannot be drawn as maps; warp them to a north-up grid first.");
        string band = o.Band ?? raster.Bands[0];
        var one = raster[band].AtDate(o.Date).ForDisplay(o.MaxCells);
        var t = one.Grid.Transform;
        var z = ToGrid(one);
        string title = o.Title ?? DefaultTitle(raster, band, o.Date);
        var (xTitle, yTitle) = AxisTitles(raster.Grid.Crs);
        if (raster.Classes is { } classes) return ClassMap(z, one, classes, title, xTitle, yTitle);
        string unit = raster.UnitOf(band);
        var chart = Chart.RasterMap(z, t.OriginX, t.PixelWidth, t.OriginY, t.PixelHeight, "", title,
            unit.Length > 0 ? $"{band} ({unit})" : band, o.Scale, o.Min, o.Max, int.MaxValue);
        return chart.WithAxes(xTitle, yTitle);
    }

    /// <summary>
    /// Three named bands as a true-colour (or false-colour) image, stretched linearly between the
    /// <paramref name="lowPercent"/> and <paramref name="highPercent"/> percentiles of the three bands TOGETHER (one
    /// common stretch keeps the colour balance); pixels where a band is nodata are transparent.
    /// </summary>
    public static Chart TrueColor(this Raster raster, string red = "B04", string green = "B03", string blue = "B02",
        int date = 0, double lowPercent = DefaultLowPercent, double highPercent = DefaultHighPercent,
        string? title = null, int maxCells = RasterResampling.DefaultMaxDisplayCells) =>
        raster.TrueColor(new TrueColorOptions(red, green, blue, date, lowPercent, highPercent, title, maxCells));

    /// <summary>Three named bands as an image with one common stretch, as <paramref name="options"/> say.</summary>
    public static Chart TrueColor(this Raster raster, TrueColorOptions options)
    {
        ArgumentNullException.ThrowIfNull(raster);
        ArgumentNullException.ThrowIfNull(options);
        var (red, green, blue, date, lowPercent, highPercent, title, maxCells) = options;
        Check.InRange(lowPercent, 0, 100); Check.InRange(highPercent, 0, 100); Check.Positive(maxCells);
        if (highPercent <= lowPercent)
            throw new ArgumentException($"highPercent ({highPercent}) must exceed lowPercent ({lowPercent}).");
        var rgb = raster.Select(red, green, blue).AtDate(date).ForDisplay(maxCells);
        var (lo, hi) = CommonStretch(rgb, lowPercent, highPercent);
        int rows = rgb.Height, cols = rgb.Width;
        var img = new byte[rows, cols, 4];
        double span = hi > lo ? hi - lo : 1;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                bool all = true;
                for (int k = 0; k < 3; k++)
                {
                    float v = rgb.Span(k)[i * cols + j];
                    if (float.IsNaN(v)) { all = false; continue; }
                    img[i, j, k] = (byte)Math.Clamp(Math.Round((v - lo) / span * 255), 0, 255);
                }
                img[i, j, 3] = all ? (byte)255 : (byte)0;
            }
        var t = rgb.Grid.Transform;
        var (minX, minY, maxX, maxY) = rgb.Grid.Bounds;
        var (xTitle, yTitle) = AxisTitles(raster.Grid.Crs);
        string kind = (red, green, blue) == ("B04", "B03", "B02") ? "True colour" : $"{red}/{green}/{blue}";
        string when = raster.Dates.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $" {raster.Dates[date]:yyyy-MM-dd}") : "";
        string name = title ?? kind + when;
        return new Chart
        {
            Traces = [new ImageTrace(img) { X0 = t.OriginX + t.PixelWidth / 2, Y0 = t.OriginY + t.PixelHeight / 2,
                Dx = t.PixelWidth, Dy = t.PixelHeight, Name = name }],
            Title = name,
            // both ranges pinned: Plotly would otherwise draw an image with the y axis reversed (south up)
            XAxis = new Axis(xTitle, minX, maxX), YAxis = new Axis(yTitle, minY, maxY),
            EqualAspect = true, ShowLegend = false, Height = 520,
        };
    }

    /// <summary>The common (low, high) stretch of all bands of a raster: percentiles of their pooled finite
    /// values.</summary>
    public static (double Low, double High) CommonStretch(Raster raster, double lowPercent = DefaultLowPercent,
        double highPercent = DefaultHighPercent)
    {
        ArgumentNullException.ThrowIfNull(raster);
        var list = new List<double>();
        for (int b = 0; b < raster.BandCount; b++)
            for (int d = 0; d < raster.DateCount; d++)
                foreach (var v in raster.Span(b, d)) if (float.IsFinite(v)) list.Add(v);
        var all = list.ToArray();
        if (all.Length == 0) return (0, 1);
        Array.Sort(all);
        return (Quantiles.OfSorted(all, lowPercent / 100), Quantiles.OfSorted(all, highPercent / 100));
    }

    /// <summary>
    /// Several rasters side by side, <paramref name="columns"/> per row; continuous maps of one unit share one colour range
    /// (unless <paramref name="options"/> set it; maps of different units, such as a count and a fraction, keep their own),
    /// class maps one legend — grouped under each raster's title when their class tables differ (an SCL map beside a
    /// bare-soil mask).
    /// </summary>
    public static Chart SmallMultiples(IReadOnlyList<Raster> rasters, int columns = DefaultColumns,
        RasterMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rasters);
        if (rasters.Count == 0) throw new ArgumentException("SmallMultiples needs at least one raster.",
            nameof(rasters));
        Check.Positive(columns);
        var o = options ?? new RasterMapOptions();
        if (o.Min is null && o.Max is null && SharesOneRange(rasters, o.Band))
        {
            var finite = rasters.SelectMany(r => r.ToArray(o.Band, o.Date)).Where(float.IsFinite).ToArray();
            if (finite.Length > 0) o = o with { Min = finite.Min(), Max = finite.Max() };
        }
        var tables = rasters.Where(r => r.Classes is not null).Select(r => r.Classes!.Serialize()).Distinct().Count();
        var charts = rasters.Select((r, i) =>
        {
            string title = r.Title ?? DefaultTitle(r, o.Band ?? r.Bands[0], o.Date);
            var c = Map(r, o with { Title = title });
            if (tables > 1 && r.Classes is not null)   // one legend group per class table, titled by its map
                c = c with { Traces = c.Traces.Select(t => t is ScatterTrace ? t with { LegendGroup = r.Classes.Serialize(),
                    LegendGroupTitle = title } : t).ToArray() };
            return i % columns == 0 ? c : c.WithAxes(c.XAxis.Title, null);
        }).ToArray();
        var grid = RestoreLegend(Chart.Grid(columns, charts));
        // tall enough for the maps and for the legend (about 21 px an entry, 40 a group title), which Plotly would scroll
        int entries = grid.Traces.Count(t => t.ShowLegend && t is ScatterTrace);
        int groups = grid.Traces.Count(t => t.LegendGroupTitle is not null);
        return grid with { Height = Math.Max(Math.Max(340, 380 * ((charts.Length + columns - 1) / columns)),
            Chart.TitledTopMargin + 80 + 21 * entries + 40 * groups) };
    }

    /// <summary>Whether small multiples draw one colour range: every raster continuous and of the same unit.</summary>
    public static bool SharesOneRange(IReadOnlyList<Raster> rasters, string? band = null)
    {
        ArgumentNullException.ThrowIfNull(rasters);
        if (rasters.Any(r => r.IsCategorical)) return false;
        return rasters.Select(r => r.UnitOf(band ?? r.Bands[0])).Distinct(StringComparer.Ordinal).Count() == 1;
    }

    /// <summary>One band of a stack at its dates (at most <paramref name="maxPanels"/>, evenly spaced) as small
    /// multiples.</summary>
    public static Chart DateMultiples(this Raster raster, string? band = null, int columns = DefaultColumns,
        int maxPanels = DefaultMaxPanels, RasterMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(raster);
        Check.Positive(maxPanels);
        var one = raster[band ?? raster.Bands[0]];
        int n = one.DateCount, k = Math.Min(n, maxPanels);
        var picked = Enumerable.Range(0, k)
            .Select(i => k == 1 ? 0 : (int)Math.Round(i * (n - 1) / (double)(k - 1))).Distinct();
        var panels = picked.Select(d => one.AtDate(d)).Select(r => r.Dates.Count == 0 ? r
            : r.WithTitle(string.Create(CultureInfo.InvariantCulture, $"{r.Bands[0]} {r.Dates[0]:yyyy-MM-dd}")))
            .ToArray();
        return SmallMultiples(panels, columns, options);
    }

    /// <summary>
    /// What <c>display(raster)</c> shows: one layer as a map; Sentinel-2 bands B04/B03/B02 as true colour; a stack as
    /// its first band over the dates; several bands as small multiples of the bands.
    /// </summary>
    public static Chart Display(Raster raster)
    {
        ArgumentNullException.ThrowIfNull(raster);
        if (raster.BandCount == 1 && raster.DateCount == 1) return Map(raster);
        if (raster.DateCount > 1) return raster.DateMultiples();
        if (new[] { "B04", "B03", "B02" }.All(raster.Bands.Contains)) return raster.TrueColor();
        return SmallMultiples(raster.Bands.Take(DefaultMaxPanels).Select(b => raster[b].WithTitle(b)).ToArray(),
            options: new RasterMapOptions(Min: null));
    }

    /// <summary>Axis titles for a CRS: "Easting (EPSG:32633)" / "Northing (…)", or longitude/latitude for geographic
    /// CRSs.</summary>
    public static (string X, string Y) AxisTitles(Crs crs)
    {
        ArgumentNullException.ThrowIfNull(crs);
        string label = DomainCharts.Label(crs);
        bool geographic = crs.Wkt.StartsWith("GEOGCS", StringComparison.Ordinal)
            || crs.Wkt.StartsWith("GEOGCRS", StringComparison.Ordinal);
        return geographic
            ? ($"Longitude (°, {label})", $"Latitude (°, {label})")
            : ($"Easting ({label})", $"Northing ({label})");
    }

    private static Chart ClassMap(double[,] z, Raster one, RasterClasses classes, string title, string xTitle,
        string yTitle)
    {
        int k = classes.Count;
        var index = classes.All.Select((c, i) => (c.Value, i)).ToDictionary(p => (double)p.Value, p => (double)p.i);
        int rows = z.GetLength(0), cols = z.GetLength(1);
        var zi = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) zi[r, c] = index.TryGetValue(z[r, c], out var i) ? i : double.NaN;
        var stops = classes.All
            .SelectMany((c, i) => new[] { ((double)i / k, c.Color), ((double)(i + 1) / k, c.Color) }).ToArray();
        var t = one.Grid.Transform;
        var x = Enumerable.Range(0, cols).Select(c => t.OriginX + (c + 0.5) * t.PixelWidth).ToArray();
        var y = Enumerable.Range(0, rows).Select(r => t.OriginY + (r + 0.5) * t.PixelHeight).ToArray();
        // a discrete legend of the classes that occur (with their codes where the table gives them, "4 vegetation"); the
        // heat map draws class indices with one flat colour band each and no colour bar
        var present = new HashSet<double>(zi.Cast<double>().Where(double.IsFinite));
        var legend = classes.All.Where((_, i) => present.Contains(i)).Select(c => (Trace)new ScatterTrace([double.NaN], [double.NaN])
            { Name = c.LegendText, Marker = new Marker(12, c.Color, Symbol: "square", Opacity: 1) });
        return new Chart
        {
            Traces = [new HeatmapTrace(zi) { X = x, Y = y, Scale = new ColorScale(null, stops),
                ZMin = -0.5, ZMax = k - 0.5,
                ShowScale = false, Name = title, ShowLegend = false }, .. legend],
            Title = title, XAxis = new Axis(xTitle), YAxis = new Axis(yTitle),
            EqualAspect = true, ShowLegend = true, Height = 520,
        };
    }

    /// <summary>Chart.Grid hides every legend entry; a class legend is shown again, once per class of each legend group
    /// (the group title written once, with its first entry).</summary>
    private static Chart RestoreLegend(Chart grid)
    {
        var seen = new HashSet<(string?, string)>();
        var titled = new HashSet<string>();
        var traces = grid.Traces.Select(t =>
        {
            if (t is not ScatterTrace { X.Count: 1 } s || !double.IsNaN(s.X[0]) || s.Name is not { } n) return t;
            bool show = seen.Add((s.LegendGroup, n));
            bool title = show && s.LegendGroup is { } g && titled.Add(g);
            return s with { ShowLegend = show, LegendGroupTitle = title ? s.LegendGroupTitle : null };
        }).ToArray();
        return grid with { Traces = traces, ShowLegend = seen.Count > 0 };
    }

    private static string DefaultTitle(Raster raster, string band, int date) =>
        (raster.Title ?? band) + (raster.Dates.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $" {raster.Dates[date]:yyyy-MM-dd}") : "");

    private static double[,] ToGrid(Raster one)
    {
        var v = one.Span(0);
        var z = new double[one.Height, one.Width];
        for (int r = 0, k = 0; r < one.Height; r++)
            for (int c = 0; c < one.Width; c++, k++) z[r, c] = v[k];
        return z;
    }
}
