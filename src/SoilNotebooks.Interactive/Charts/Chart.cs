using System.Globalization;
using System.Text;
using System.Text.Json;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>An axis of a chart.</summary>
/// <param name="Title">Axis title, with unit, e.g. "Clay (%)".</param>
/// <param name="Min">Lower end of the range, or null for automatic.</param>
/// <param name="Max">Upper end of the range, or null for automatic.</param>
/// <param name="Log">Logarithmic axis.</param>
/// <param name="ZeroLine">Draw Plotly's line at 0: null for Plotly's default (on), false to hide it. Axes of maps and of
/// equal-aspect charts hide it unless this says true (a line at 0° longitude or 0 m easting means nothing).</param>
public sealed record Axis(string? Title = null, double? Min = null, double? Max = null, bool Log = false, bool? ZeroLine = null);

/// <summary>A text note placed in paper coordinates (0–1 across the plotting area; in a <see cref="Chart.Grid"/>, across
/// the note's own subplot).</summary>
/// <param name="Text">Text (Plotly's HTML subset: &lt;b&gt;, &lt;br&gt;).</param>
/// <param name="X">Horizontal position, 0–1.</param>
/// <param name="Y">Vertical position, 0–1.</param>
/// <param name="XAnchor">"left", "center" or "right".</param>
/// <param name="YAnchor">"top", "middle" or "bottom".</param>
/// <param name="FontSize">Font size in pixels, or null for Plotly's default (12).</param>
public sealed record Annotation(string Text, double X = 0.02, double Y = 0.98, string XAnchor = "left", string YAnchor = "top",
    double? FontSize = null)
{
    /// <summary>What X is relative to: "paper" (default), or "x2 domain" for a subplot's own axis domain (a grid places its
    /// subplots' notes and titles so, which keeps them on a panel an equal aspect has shrunk).</summary>
    public string XRef { get; init; } = "paper";
    /// <summary>What Y is relative to (see <see cref="XRef"/>).</summary>
    public string YRef { get; init; } = "paper";
    /// <summary>Vertical shift in pixels (e.g. a subplot title a few pixels above its panel).</summary>
    public double YShift { get; init; }
}

/// <summary>A straight line segment in data coordinates (used for the 1:1 line of observed-vs-predicted charts).</summary>
public sealed record LineShape(double X0, double Y0, double X1, double Y1, string Color = "#444", string Dash = "dash", string XRef = "x", string YRef = "y");

/// <summary>
/// A chart: traces plus layout, written as Plotly JSON (<see cref="ToPlotlyJson"/>) and rendered by the
/// pinned plotly.js that HTML pages inline once (offline). Immutable: the <c>With…</c> methods return copies.
/// Display it with <c>display(chart)</c> in a notebook.
/// </summary>
public sealed record Chart
{
    /// <summary>The data series.</summary>
    public IReadOnlyList<Trace> Traces { get; init; } = [];
    /// <summary>Chart title.</summary>
    public string? Title { get; init; }
    /// <summary>Horizontal axis (of the first subplot).</summary>
    public Axis XAxis { get; init; } = new();
    /// <summary>Vertical axis (of the first subplot).</summary>
    public Axis YAxis { get; init; } = new();
    /// <summary>Width in pixels, or null to fill the page.</summary>
    public int? Width { get; init; }
    /// <summary>Height in pixels (default 420).</summary>
    public int Height { get; init; } = 420;
    /// <summary>Keep one data unit equally long on both axes (maps, 1:1 plots).</summary>
    public bool EqualAspect { get; init; }
    /// <summary>
    /// With <see cref="EqualAspect"/>: pixels per y unit relative to pixels per x unit (1 for projected maps;
    /// 1/cos(latitude) for longitude/latitude maps, so that shapes are not stretched).
    /// </summary>
    public double YScaleRatio { get; init; } = 1;
    /// <summary>Show the legend.</summary>
    public bool ShowLegend { get; init; } = true;
    /// <summary>Notes drawn on the chart.</summary>
    public IReadOnlyList<Annotation> Annotations { get; init; } = [];
    /// <summary>Line segments drawn on the chart.</summary>
    public IReadOnlyList<LineShape> Shapes { get; init; } = [];
    /// <summary>"group" or "overlay" for bars and histograms; "group" for grouped boxes.</summary>
    public string? BarMode { get; init; }

    /// <summary>
    /// Top margin in pixels of a chart with a title or subplots: the title sits in it below Plotly's mode bar (the toolbar
    /// drawn at the top right, about 30 px high), and subplot titles sit below the title.
    /// </summary>
    public const int TitledTopMargin = 90;

    /// <summary>Top margin of a chart without a title or subplots: room for the mode bar above the plotting area.</summary>
    public const int PlainTopMargin = 40;

    /// <summary>Bottom margin in pixels (Plotly's default).</summary>
    private const int BottomMargin = 80;

    /// <summary>Default vertical gap between subplot rows, pixels: an x-axis title and tick labels above, a subplot title
    /// below.</summary>
    public const int DefaultRowGapPixels = 90;

    /// <summary>Horizontal gap between subplots: wider when heat maps put colour bars between them.</summary>
    private static double GapFor(IEnumerable<Chart> charts) => charts.Any(c => c.Traces.Any(t => t is HeatmapTrace)) ? 0.2 : 0.12;

    /// <summary>Subplot grid (rows, columns, relative column widths, the gaps) and per-subplot axes, set by
    /// <see cref="Grid(int, Chart[])"/>.</summary>
    internal SubplotLayout? SubplotGrid { get; init; }

    /// <summary>The subplots of a grid chart: where each lies is computed when the chart is written, from its height.</summary>
    internal sealed record SubplotLayout(int Rows, int Cols, IReadOnlyList<GridCell> Cells,
        double GapX, IReadOnlyList<double>? ColumnWidths, int RowGapPixels);

    /// <summary>One subplot's axes, title and aspect.</summary>
    internal sealed record GridCell(Axis X, Axis Y, string? Title, bool Equal, double ScaleRatio);

    // ---------- factories ----------

    /// <summary>A scatter plot of points.</summary>
    public static Chart Scatter(IReadOnlyList<double> x, IReadOnlyList<double> y, string? name = null, string? title = null,
        string? xTitle = null, string? yTitle = null, Marker? marker = null) =>
        new() { Traces = [new ScatterTrace(x, y) { Name = name, Marker = marker ?? new Marker() }], Title = title,
                XAxis = new Axis(xTitle), YAxis = new Axis(yTitle), ShowLegend = name is not null };

    /// <summary>A line chart.</summary>
    public static Chart Line(IReadOnlyList<double> x, IReadOnlyList<double> y, string? name = null, string? title = null,
        string? xTitle = null, string? yTitle = null) =>
        new() { Traces = [new ScatterTrace(x, y) { Name = name, Mode = "lines" }], Title = title,
                XAxis = new Axis(xTitle), YAxis = new Axis(yTitle), ShowLegend = name is not null };

    /// <summary>A histogram of values.</summary>
    /// <param name="values">The sample; non-finite values are dropped.</param>
    /// <param name="bins">Approximate number of bins (0 = automatic).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">x-axis title with unit.</param>
    public static Chart Histogram(IReadOnlyList<double> values, int bins = 0, string? title = null, string? xTitle = null) =>
        new() { Traces = [new HistogramTrace(values.Where(double.IsFinite).ToArray()) { Bins = bins }], Title = title,
                XAxis = new Axis(xTitle), YAxis = new Axis("count"), ShowLegend = false };

    /// <summary>Box plots, one per named group.</summary>
    public static Chart Box(IEnumerable<(string Name, IReadOnlyList<double> Values)> groups, string? title = null, string? yTitle = null) =>
        new() { Traces = groups.Select(g => (Trace)new BoxTrace(g.Values.Where(double.IsFinite).ToArray()) { Name = g.Name }).ToArray(),
                Title = title, YAxis = new Axis(yTitle), ShowLegend = false };

    /// <summary>A bar chart.</summary>
    public static Chart Bar(IReadOnlyList<string> categories, IReadOnlyList<double> values, string? title = null, string? yTitle = null) =>
        new() { Traces = [new BarTrace(categories, values)], Title = title, YAxis = new Axis(yTitle), ShowLegend = false };

    /// <summary>A heat map of a grid with category or numeric axes.</summary>
    public static Chart Heatmap(double[,] z, IReadOnlyList<string>? xLabels = null, IReadOnlyList<string>? yLabels = null,
        string? title = null, string? xTitle = null, string? yTitle = null, string? colorBarTitle = null, ColorScale? scale = null,
        string? cellTextFormat = null) =>
        new() { Traces = [new HeatmapTrace(z) { XLabels = xLabels, YLabels = yLabels, ColorBarTitle = colorBarTitle,
                    Scale = scale ?? ColorScale.Viridis, CellTextFormat = cellTextFormat }],
                Title = title, XAxis = new Axis(xTitle), YAxis = new Axis(yTitle), ShowLegend = false };

    /// <summary>
    /// Observed against predicted values with the 1:1 line and the metrics (n, RMSE, R², RPIQ, bias) written on
    /// the chart, both axes over the same range.
    /// </summary>
    /// <param name="observed">Observed values.</param>
    /// <param name="predicted">Predicted values (same length).</param>
    /// <param name="title">Chart title, e.g. the model name.</param>
    /// <param name="unit">Unit of the target, e.g. "%", used in axis titles and metrics.</param>
    /// <param name="target">Name of the target variable, e.g. "Clay".</param>
    public static Chart ObservedVsPredicted(IReadOnlyList<double> observed, IReadOnlyList<double> predicted,
        string? title = null, string unit = "", string target = "value")
    {
        var m = RegressionMetrics.Compute(observed, predicted);
        double lo = Math.Min(observed.Min(), predicted.Min()), hi = Math.Max(observed.Max(), predicted.Max());
        double pad = (hi - lo) * 0.04 + 1e-9;
        lo -= pad; hi += pad;
        string u = unit.Length > 0 ? $" ({unit})" : "";
        string note = string.Format(CultureInfo.InvariantCulture,
            "RMSE = {1:0.###}{5}<br>RPIQ = {3:0.##}<br>R² = {2:0.###}<br>n = {0}, bias = {4:0.###}{5}",
            m.N, m.Rmse, m.R2, m.Rpiq, m.Bias, unit.Length > 0 ? " " + unit : "");
        return new Chart
        {
            Traces = [new ScatterTrace(observed, predicted) { Name = "samples", Marker = new Marker(Size: 6, Color: "#1f77b4", Opacity: 0.7) }],
            Shapes = [new LineShape(lo, lo, hi, hi)],
            Annotations = [new Annotation(note, FontSize: 11)],
            Title = title ?? $"Observed vs predicted {target}",
            XAxis = new Axis($"Observed {target}{u}", lo, hi),
            YAxis = new Axis($"Predicted {target}{u}", lo, hi),
            EqualAspect = true, ShowLegend = false, Height = 460, Width = 520,
        };
    }

    /// <summary>
    /// A raster as a map: cell values coloured through a scale with a colour bar, map coordinates on the axes,
    /// north up, equal aspect; non-finite cells (nodata) transparent. Large rasters are block-averaged so the
    /// chart holds at most <paramref name="maxCells"/> cells.
    /// </summary>
    /// <param name="values">Values [row, column], row 0 at the top (north).</param>
    /// <param name="originX">x of the raster's left edge (GDAL geotransform[0]), map units.</param>
    /// <param name="pixelWidth">Pixel width (geotransform[1]) &gt; 0.</param>
    /// <param name="originY">y of the raster's top edge (geotransform[3]).</param>
    /// <param name="pixelHeight">Pixel height (geotransform[5]), negative for north-up rasters.</param>
    /// <param name="crs">CRS label for the axis titles, e.g. "EPSG:32633".</param>
    /// <param name="title">Chart title.</param>
    /// <param name="colorBarTitle">Colour bar title with unit, e.g. "Clay (%)".</param>
    /// <param name="scale">Colour scale (default Viridis).</param>
    /// <param name="zMin">Lower end of the colour range (default: the data's minimum).</param>
    /// <param name="zMax">Upper end of the colour range (default: the data's maximum).</param>
    /// <param name="maxCells">Upper bound on displayed cells (default 250 000).</param>
    public static Chart RasterMap(double[,] values, double originX, double pixelWidth, double originY, double pixelHeight,
        string crs = "", string? title = null, string? colorBarTitle = null, ColorScale? scale = null,
        double? zMin = null, double? zMax = null, int maxCells = 250_000)
    {
        Check.Positive(pixelWidth);
        if (pixelHeight == 0 || !double.IsFinite(pixelHeight)) throw new ArgumentOutOfRangeException(nameof(pixelHeight), "pixelHeight must be a non-zero finite number (negative for north-up).");
        var (z, f) = Downsample(values, Check.Positive(maxCells));
        int rows = z.GetLength(0), cols = z.GetLength(1);
        var x = new double[cols]; var y = new double[rows];
        for (int c = 0; c < cols; c++) x[c] = originX + (c * f + f / 2.0) * pixelWidth;
        for (int r = 0; r < rows; r++) y[r] = originY + (r * f + f / 2.0) * pixelHeight;
        string axis = crs.Length > 0 ? $" ({crs})" : "";
        return new Chart
        {
            Traces = [new HeatmapTrace(z) { X = x, Y = y, ColorBarTitle = colorBarTitle, Scale = scale ?? ColorScale.Viridis, ZMin = zMin, ZMax = zMax, Name = title }],
            Title = title, XAxis = new Axis("Easting" + axis), YAxis = new Axis("Northing" + axis),
            EqualAspect = true, ShowLegend = false, Height = 520,
        };
    }

    /// <summary>
    /// A true-colour (or false-colour) composite of three bands with ONE common stretch: the three bands are drawn between
    /// the <paramref name="lowPercent"/> and <paramref name="highPercent"/> percentiles of their pooled values (a
    /// per-band clip would stretch each band to full range and tint bare soil lavender), placed at map coordinates.
    /// Pixels where any band is non-finite are transparent.
    /// </summary>
    public static Chart RgbMap(double[,] red, double[,] green, double[,] blue, double originX, double pixelWidth, double originY,
        double pixelHeight, string crs = "", string? title = null, double lowPercent = 2, double highPercent = 98, int maxCells = 250_000)
    {
        Check.InRange(lowPercent, 0, 100); Check.InRange(highPercent, 0, 100);
        if (highPercent <= lowPercent) throw new ArgumentException($"highPercent ({highPercent}) must exceed lowPercent ({lowPercent}).");
        var (r, f) = Downsample(red, maxCells); var (g, _) = Downsample(green, maxCells); var (b, _) = Downsample(blue, maxCells);
        int rows = r.GetLength(0), cols = r.GetLength(1);
        if (g.GetLength(0) != rows || b.GetLength(0) != rows || g.GetLength(1) != cols || b.GetLength(1) != cols)
            throw new ArgumentException("Red, green and blue bands must have the same size.");
        var img = new byte[rows, cols, 4];
        var bands = new[] { r, g, b };
        var pooled = bands.SelectMany(x => x.Cast<double>()).Where(double.IsFinite).Order().ToArray();
        double lo = pooled.Length == 0 ? 0 : Quantiles.OfSorted(pooled, lowPercent / 100);
        double hi = pooled.Length == 0 ? 1 : Quantiles.OfSorted(pooled, highPercent / 100);
        double span = hi > lo ? hi - lo : 1;
        for (int k = 0; k < 3; k++)
        {
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                {
                    double v = bands[k][i, j];
                    img[i, j, k] = double.IsFinite(v) ? (byte)Math.Clamp(Math.Round((v - lo) / span * 255), 0, 255) : (byte)0;
                }
        }
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                img[i, j, 3] = double.IsFinite(r[i, j]) && double.IsFinite(g[i, j]) && double.IsFinite(b[i, j]) ? (byte)255 : (byte)0;
        string axis = crs.Length > 0 ? $" ({crs})" : "";
        return new Chart
        {
            Traces = [new ImageTrace(img) { X0 = originX + f * pixelWidth / 2, Y0 = originY + f * pixelHeight / 2, Dx = f * pixelWidth, Dy = f * pixelHeight, Name = title }],
            Title = title, XAxis = new Axis("Easting" + axis), YAxis = new Axis("Northing" + axis),
            EqualAspect = true, ShowLegend = false, Height = 520,
        };
    }

    /// <summary>Block-averages a grid (ignoring non-finite cells) by an integer factor so it holds at most maxCells cells.</summary>
    internal static (double[,] Grid, int Factor) Downsample(double[,] v, int maxCells)
    {
        int rows = v.GetLength(0), cols = v.GetLength(1);
        if (rows == 0 || cols == 0) throw new ArgumentException("A raster map needs at least one row and one column.");
        int f = 1;
        while ((long)((rows + f - 1) / f) * ((cols + f - 1) / f) > maxCells) f++;
        if (f == 1) return (v, 1);
        int nr = (rows + f - 1) / f, nc = (cols + f - 1) / f;
        var o = new double[nr, nc];
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++)
            {
                double s = 0; int n = 0;
                for (int a = i * f; a < Math.Min(rows, (i + 1) * f); a++)
                    for (int b = j * f; b < Math.Min(cols, (j + 1) * f); b++)
                        if (double.IsFinite(v[a, b])) { s += v[a, b]; n++; }
                o[i, j] = n > 0 ? s / n : double.NaN;
            }
        return (o, f);
    }

    // ---------- composition ----------

    /// <summary>Adds traces on top (e.g. sample points over a raster map).</summary>
    public Chart With(params Trace[] traces) => this with { Traces = [.. Traces, .. traces] };

    /// <summary>Overlays points (map or data coordinates), optionally coloured by values with their own colour bar.</summary>
    public Chart WithPoints(IReadOnlyList<double> x, IReadOnlyList<double> y, string name = "points", IReadOnlyList<double>? values = null,
        string? colorBarTitle = null, ColorScale? scale = null, string color = "#d62728", double size = 7) =>
        With(new ScatterTrace(x, y) { Name = name, Marker = new Marker(size, values is null ? color : null, values, scale, colorBarTitle, 0.9) });

    /// <summary>Sets the title.</summary>
    public Chart WithTitle(string title) => this with { Title = title };

    /// <summary>Sets axis titles.</summary>
    public Chart WithAxes(string? xTitle, string? yTitle) => this with { XAxis = XAxis with { Title = xTitle }, YAxis = YAxis with { Title = yTitle } };

    /// <summary>Sets the size in pixels.</summary>
    public Chart WithSize(int? width, int height) => this with { Width = width, Height = Check.Positive(height) };

    /// <summary>Adds a note.</summary>
    public Chart WithAnnotation(string text, double x = 0.02, double y = 0.98) => this with { Annotations = [.. Annotations, new Annotation(text, x, y)] };

    /// <summary>
    /// Subplots: places charts on a grid of <paramref name="columns"/> columns, row by row, each keeping its
    /// traces, axis titles, title, notes (placed inside its own subplot) and line shapes. Colour bars of heat maps are
    /// placed beside their own subplot. Rows are <see cref="DefaultRowGapPixels"/> apart whatever the height.
    /// </summary>
    public static Chart Grid(int columns, params Chart[] charts) => Grid(columns, null, charts);

    /// <summary>
    /// Subplots as <see cref="Grid(int, Chart[])"/>, with column widths in proportion to <paramref name="columnWidths"/>
    /// (one positive weight per column, e.g. [1, 4, 1.2, 1.2] for a narrow, a wide and two narrow columns; null for equal
    /// widths), rows <paramref name="rowGapPixels"/> apart and columns <paramref name="columnGap"/> apart (a fraction of
    /// the width; default 0.12, 0.2 when heat maps put colour bars between subplots).
    /// </summary>
    public static Chart Grid(int columns, IReadOnlyList<double>? columnWidths, Chart[] charts,
        int rowGapPixels = DefaultRowGapPixels, double? columnGap = null)
    {
        Check.Positive(columns);
        ArgumentNullException.ThrowIfNull(charts);
        Check.NonNegative(rowGapPixels);
        if (charts.Length == 0) throw new ArgumentException("Chart.Grid needs at least one chart.");
        if (columnWidths is not null)
        {
            Check.SameLength(columns, columnWidths.Count, "grid columns and column widths");
            if (columnWidths.Any(w => !(w > 0) || !double.IsFinite(w)))
                throw new ArgumentException("Column widths must be positive finite weights.", nameof(columnWidths));
        }
        int rows = (charts.Length + columns - 1) / columns;
        var traces = new List<Trace>();
        var cells = new List<GridCell>();
        var shapes = new List<LineShape>();
        var notes = new List<(int Cell, Annotation Note)>();
        for (int i = 0; i < charts.Length; i++)
        {
            string xa = i == 0 ? "x" : $"x{i + 1}", ya = i == 0 ? "y" : $"y{i + 1}";
            foreach (var t in charts[i].Traces) traces.Add(t with { XAxis = xa, YAxis = ya, ShowLegend = false });
            foreach (var s in charts[i].Shapes) shapes.Add(s with { XRef = xa, YRef = ya });
            foreach (var a in charts[i].Annotations) notes.Add((i, a));
            cells.Add(new GridCell(charts[i].XAxis, charts[i].YAxis, charts[i].Title, charts[i].EqualAspect, charts[i].YScaleRatio));
        }
        return new Chart
        {
            Traces = traces, Shapes = shapes, ShowLegend = false, CellNotes = notes,
            Height = Math.Max(340, 390 * rows),
            SubplotGrid = new SubplotLayout(rows, columns, cells,
                columnGap is { } gap ? Check.InRange(gap, 0, 0.5) : GapFor(charts), columnWidths?.ToArray(), rowGapPixels),
        };
    }

    /// <summary>Notes of the charts a grid was made of, each with its subplot (placed inside it when written).</summary>
    internal IReadOnlyList<(int Cell, Annotation Note)> CellNotes { get; init; } = [];

    /// <summary>Top margin in pixels as written.</summary>
    internal int TopMargin => Title is null && SubplotGrid is null ? PlainTopMargin : TitledTopMargin;

    /// <summary>
    /// Where subplot <paramref name="i"/> of the grid lies in paper coordinates: left edge, top edge, width, height. The
    /// row gap is a fixed number of pixels of this chart's height.
    /// </summary>
    internal (double X0, double Y1, double Width, double Height) CellBox(int i)
    {
        var g = SubplotGrid ?? throw new InvalidOperationException("Not a grid chart.");
        double plot = Math.Max(1, Height - TopMargin - BottomMargin);
        double gapY = g.Rows > 1 ? Math.Min(0.5 / (g.Rows - 1), g.RowGapPixels / plot) : 0;
        double rh = (1 - gapY * (g.Rows - 1)) / g.Rows;
        int row = i / g.Cols, col = i % g.Cols;
        var weights = g.ColumnWidths ?? Enumerable.Repeat(1.0, g.Cols).ToArray();
        double free = 1 - g.GapX * (g.Cols - 1), total = weights.Sum();
        double x0 = weights.Take(col).Sum() / total * free + col * g.GapX;
        return (x0, 1 - row * (rh + gapY), weights[col] / total * free, rh);
    }

    /// <summary>The subplot index of an axis name ("x" → 0, "x3" → 2).</summary>
    private static int CellOf(string axis) => axis.Length == 1 ? 0 : int.Parse(axis[1..], CultureInfo.InvariantCulture) - 1;

    // ---------- output ----------

    /// <summary>The figure as Plotly JSON: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public string ToPlotlyJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            w.WriteStartArray();
            foreach (var t in Traces) Placed(t).Write(w);
            w.WriteEndArray();
            w.WritePropertyName("layout");
            WriteLayout(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>A trace as written: in a grid, a heat map's colour bar sits just right of its own subplot, as tall as it.</summary>
    private Trace Placed(Trace t)
    {
        if (SubplotGrid is null || t is not HeatmapTrace h) return t;
        var (x0, y1, cw, rh) = CellBox(CellOf(h.XAxis));
        return h with { ColorBarPlacement = (x0 + cw + 0.005, y1 - rh / 2, rh) };
    }

    private void WriteLayout(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (Title is not null) { w.WritePropertyName("title"); w.WriteStartObject(); w.WriteString("text", Title); w.WriteEndObject(); }
        w.WriteNumber("height", Height);
        if (Width is { } wd) w.WriteNumber("width", wd);
        w.WriteBoolean("showlegend", ShowLegend);
        if (BarMode is not null) w.WriteString("barmode", BarMode);
        // the mode bar (Plotly's toolbar, top right, about 30 px) must not cover the title or the subplot titles
        w.WritePropertyName("margin"); w.WriteStartObject(); w.WriteNumber("t", TopMargin); w.WriteNumber("r", 30);
        w.WriteNumber("b", BottomMargin); w.WriteEndObject();
        if (SubplotGrid is { } g)
        {
            var notes = new List<Annotation>();
            for (int i = 0; i < g.Cells.Count; i++)
            {
                var (x0, y1, cw, rh) = CellBox(i);
                string suffix = i == 0 ? "" : (i + 1).ToString(CultureInfo.InvariantCulture);
                var cell = g.Cells[i];
                // a panel an equal aspect shrinks hangs from its top and, with a colour bar, keeps to the bar's side
                string xName = "x" + suffix;
                bool bar = Traces.Any(t => t is HeatmapTrace { ShowScale: true } && t.XAxis == xName);
                WriteAxis(w, "xaxis" + suffix, cell.X, (x0, x0 + cw), anchor: "y" + suffix, equal: cell.Equal,
                    toward: bar ? "right" : null);
                string yName = "y" + suffix;
                WriteAxis(w, "yaxis" + suffix, cell.Y, (y1 - rh, y1), anchor: "x" + suffix,
                    scaleAnchor: cell.Equal ? "x" + suffix : null, cell.ScaleRatio,
                    forceAutorange: Traces.Any(t => t is ImageTrace && t.YAxis == yName), equal: cell.Equal, toward: "top");
                // titles and notes refer to the subplot's own axis domain: where an equal aspect shrinks a panel, they follow it
                if (cell.Title is not null)
                    notes.Add(new Annotation($"<b>{cell.Title}</b>", 0.5, 1, "center", "bottom")
                        { XRef = "x" + suffix + " domain", YRef = "y" + suffix + " domain", YShift = 6 });
            }
            // a subplot's own notes (e.g. the metrics of an observed-vs-predicted panel) stay inside its subplot
            foreach (var (cell, a) in CellNotes)
            {
                string suffix = cell == 0 ? "" : (cell + 1).ToString(CultureInfo.InvariantCulture);
                notes.Add(a with { XRef = "x" + suffix + " domain", YRef = "y" + suffix + " domain" });
            }
            WriteAnnotations(w, notes.Concat(Annotations).ToList());
        }
        else
        {
            WriteAxis(w, "xaxis", XAxis, null, null, equal: EqualAspect);
            WriteAxis(w, "yaxis", YAxis, null, null, EqualAspect ? "x" : null, YScaleRatio, Traces.Any(t => t is ImageTrace),
                equal: EqualAspect);
            WriteAnnotations(w, Annotations);
        }
        if (Shapes.Count > 0)
        {
            w.WritePropertyName("shapes"); w.WriteStartArray();
            foreach (var s in Shapes)
            {
                w.WriteStartObject();
                w.WriteString("type", "line"); w.WriteString("xref", s.XRef); w.WriteString("yref", s.YRef);
                w.WriteNumber("x0", s.X0); w.WriteNumber("y0", s.Y0); w.WriteNumber("x1", s.X1); w.WriteNumber("y1", s.Y1);
                w.WritePropertyName("line"); w.WriteStartObject(); w.WriteString("color", s.Color); w.WriteString("dash", s.Dash); w.WriteNumber("width", 1.5); w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteAnnotations(Utf8JsonWriter w, IReadOnlyList<Annotation> notes)
    {
        if (notes.Count == 0) return;
        w.WritePropertyName("annotations"); w.WriteStartArray();
        foreach (var a in notes)
        {
            w.WriteStartObject();
            w.WriteString("text", a.Text); w.WriteString("xref", a.XRef); w.WriteString("yref", a.YRef);
            if (a.YShift != 0) w.WriteNumber("yshift", a.YShift);
            w.WriteNumber("x", a.X); w.WriteNumber("y", a.Y); w.WriteString("xanchor", a.XAnchor); w.WriteString("yanchor", a.YAnchor);
            w.WriteBoolean("showarrow", false); w.WriteString("align", "left");
            if (a.FontSize is { } size) { w.WritePropertyName("font"); w.WriteStartObject(); w.WriteNumber("size", size); w.WriteEndObject(); }
            w.WriteString("bgcolor", "rgba(255,255,255,0.7)");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <param name="equal">An axis of an equal-aspect chart (a map, a 1:1 plot): it keeps its range and shrinks its domain
    /// instead (so both axes of an observed-vs-predicted panel show the same range, and a map no longer stretches to empty
    /// longitudes), and its zero line is off unless the axis asks for it.</param>
    private static void WriteAxis(Utf8JsonWriter w, string name, Axis a, (double, double)? domain, string? anchor, string? scaleAnchor = null,
        double scaleRatio = 1, bool forceAutorange = false, bool equal = false, string? toward = null)
    {
        w.WritePropertyName(name); w.WriteStartObject();
        if (a.Title is not null) { w.WritePropertyName("title"); w.WriteStartObject(); w.WriteString("text", a.Title); w.WriteEndObject(); }
        if (a.Min is { } lo && a.Max is { } hi)
        {
            w.WritePropertyName("range"); w.WriteStartArray();
            w.WriteNumberValue(a.Log ? Math.Log10(lo) : lo); w.WriteNumberValue(a.Log ? Math.Log10(hi) : hi); w.WriteEndArray();
        }
        else if (forceAutorange) w.WriteBoolean("autorange", true); // images: keep north up (Plotly reverses y for images by default)
        if (a.Log) w.WriteString("type", "log");
        if (domain is { } d) { w.WritePropertyName("domain"); w.WriteStartArray(); w.WriteNumberValue(d.Item1); w.WriteNumberValue(d.Item2); w.WriteEndArray(); }
        if (anchor is not null) w.WriteString("anchor", anchor);
        if (scaleAnchor is not null) { w.WriteString("scaleanchor", scaleAnchor); w.WriteNumber("scaleratio", scaleRatio); }
        if (equal) w.WriteString("constrain", "domain");
        if (equal && toward is not null) w.WriteString("constraintoward", toward);
        if ((a.ZeroLine ?? !equal) == false) w.WriteBoolean("zeroline", false);
        w.WriteBoolean("automargin", true);
        w.WriteEndObject();
    }

    /// <summary>A one-line description (text/plain rendering).</summary>
    public override string ToString() =>
        $"Chart{(Title is null ? "" : $" \"{Title}\"")}: {Traces.Count} trace(s) [{string.Join(", ", Traces.Select(t => t.PlotlyType).Distinct())}]";
}
