using System.Text.Json;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>A Plotly colour scale: a named one ("Viridis", "YlOrBr", "RdBu", ...) or explicit stops.</summary>
/// <param name="Name">Plotly's name of a built-in scale, or null when <paramref name="Stops"/> is given.</param>
/// <param name="Stops">Explicit (position 0–1, CSS colour) stops.</param>
public sealed record ColorScale(string? Name, IReadOnlyList<(double Position, string Color)>? Stops = null)
{
    /// <summary>Perceptually uniform sequential scale (default for continuous maps).</summary>
    public static ColorScale Viridis { get; } = new("Viridis");
    /// <summary>Yellow–orange–brown sequential scale (ColorBrewer YlOrBr, 9 classes; Brewer 2002), used for bare-soil frequency and clay.</summary>
    public static ColorScale YlOrBr { get; } = Even("YlOrBr", "#ffffe5", "#fff7bc", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#993404", "#662506");
    /// <summary>Red–yellow–green diverging scale (ColorBrewer RdYlGn, 11 classes), for vegetation indices such as NDVI (red = bare, green = vegetated).</summary>
    public static ColorScale RdYlGn { get; } = Even("RdYlGn", "#a50026", "#d73027", "#f46d43", "#fdae61", "#fee08b", "#ffffbf", "#d9ef8b", "#a6d96a", "#66bd63", "#1a9850", "#006837");

    /// <summary>A scale of evenly spaced colour stops (Plotly.js only knows a few scales by name; others are written as stops).</summary>
    public static ColorScale Even(string name, params string[] colors)
    {
        if (colors.Length < 2) throw new ArgumentException("A colour scale needs at least two colours.");
        return new ColorScale(name, colors.Select((c, i) => ((double)i / (colors.Length - 1), c)).ToArray());
    }
    /// <summary>Diverging red–blue scale, for correlations and residuals.</summary>
    public static ColorScale RdBu { get; } = new("RdBu");
    /// <summary>Blue sequential scale, for moisture.</summary>
    public static ColorScale Blues { get; } = new("Blues");

    internal void Write(Utf8JsonWriter w, string property)
    {
        w.WritePropertyName(property);
        if (Stops is null || Stops.Count == 0) { w.WriteStringValue(Name ?? "Viridis"); return; }
        w.WriteStartArray();
        foreach (var (p, c) in Stops) { w.WriteStartArray(); w.WriteNumberValue(p); w.WriteStringValue(c); w.WriteEndArray(); }
        w.WriteEndArray();
    }
}

/// <summary>Marker drawing (scatter points).</summary>
/// <param name="Size">Marker diameter in pixels (default 7).</param>
/// <param name="Color">One CSS colour for all markers, or null.</param>
/// <param name="Values">Per-point values mapped through <paramref name="Scale"/> (then a colour bar is shown).</param>
/// <param name="Scale">Colour scale for <paramref name="Values"/>.</param>
/// <param name="ColorBarTitle">Title of the colour bar, with unit.</param>
/// <param name="Opacity">0–1 (default 0.85).</param>
/// <param name="Symbol">Plotly symbol name, e.g. "circle", "x", "triangle-up".</param>
public sealed record Marker(double Size = 7, string? Color = null, IReadOnlyList<double>? Values = null,
    ColorScale? Scale = null, string? ColorBarTitle = null, double Opacity = 0.85, string? Symbol = null);

/// <summary>A trace of a chart: one data series. Subclasses map to Plotly trace types.</summary>
public abstract record Trace
{
    /// <summary>Legend name.</summary>
    public string? Name { get; init; }
    /// <summary>Show in the legend (default true).</summary>
    public bool ShowLegend { get; init; } = true;
    /// <summary>Subplot axes ("x", "y" for the first; "x2", "y2" for the second...). Set by <see cref="Chart.Grid"/>.</summary>
    public string XAxis { get; init; } = "x";
    /// <inheritdoc cref="XAxis"/>
    public string YAxis { get; init; } = "y";
    /// <summary>Per-point hover text, or null.</summary>
    public IReadOnlyList<string>? HoverText { get; init; }
    /// <summary>Legend group: entries of one group are listed together under <see cref="LegendGroupTitle"/> (e.g. the
    /// classes of one of two class maps side by side).</summary>
    public string? LegendGroup { get; init; }
    /// <summary>Title shown above the group's legend entries (written with the group's first trace).</summary>
    public string? LegendGroupTitle { get; init; }

    /// <summary>Plotly's trace type name.</summary>
    public abstract string PlotlyType { get; }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", PlotlyType);
        if (Name is not null) w.WriteString("name", Name);
        if (!ShowLegend) w.WriteBoolean("showlegend", false);
        if (XAxis != "x") w.WriteString("xaxis", XAxis);
        if (YAxis != "y") w.WriteString("yaxis", YAxis);
        if (HoverText is not null) { w.WritePropertyName("text"); Json.Strings(w, HoverText); }
        if (LegendGroup is not null) w.WriteString("legendgroup", LegendGroup);
        if (LegendGroupTitle is not null)
        {
            w.WritePropertyName("legendgrouptitle"); w.WriteStartObject(); w.WriteString("text", LegendGroupTitle); w.WriteEndObject();
        }
        WriteBody(w);
        w.WriteEndObject();
    }

    /// <summary>Writes the type-specific properties.</summary>
    private protected abstract void WriteBody(Utf8JsonWriter w);
}

/// <summary>Points and/or lines (Plotly "scatter"; "scattergl" when <see cref="WebGl"/>).</summary>
public sealed record ScatterTrace(IReadOnlyList<double> X, IReadOnlyList<double> Y) : Trace
{
    /// <summary>"markers", "lines" or "lines+markers".</summary>
    public string Mode { get; init; } = "markers";
    /// <summary>Marker style (for markers modes).</summary>
    public Marker? Marker { get; init; }
    /// <summary>Line colour (for lines modes).</summary>
    public string? LineColor { get; init; }
    /// <summary>Line dash: "solid", "dash", "dot".</summary>
    public string? LineDash { get; init; }
    /// <summary>Line width in pixels.</summary>
    public double? LineWidth { get; init; }
    /// <summary>Use WebGL (fast for many thousand points).</summary>
    public bool WebGl { get; init; }
    /// <inheritdoc/>
    public override string PlotlyType => WebGl ? "scattergl" : "scatter";

    private protected override void WriteBody(Utf8JsonWriter w)
    {
        Check.SameLength(X.Count, Y.Count, "scatter x and y");
        w.WriteString("mode", Mode);
        w.WritePropertyName("x"); Json.Numbers(w, X);
        w.WritePropertyName("y"); Json.Numbers(w, Y);
        if (Marker is { } m)
        {
            w.WritePropertyName("marker"); w.WriteStartObject();
            w.WriteNumber("size", m.Size);
            w.WriteNumber("opacity", m.Opacity);
            if (m.Symbol is not null) w.WriteString("symbol", m.Symbol);
            if (m.Values is not null)
            {
                Check.SameLength(X.Count, m.Values.Count, "scatter points and marker values");
                w.WritePropertyName("color"); Json.Numbers(w, m.Values);
                (m.Scale ?? ColorScale.Viridis).Write(w, "colorscale");
                w.WriteBoolean("showscale", true);
                w.WritePropertyName("colorbar"); w.WriteStartObject();
                if (m.ColorBarTitle is not null) { w.WritePropertyName("title"); w.WriteStartObject(); w.WriteString("text", m.ColorBarTitle); w.WriteEndObject(); }
                w.WriteEndObject();
            }
            else if (m.Color is not null) w.WriteString("color", m.Color);
            w.WriteEndObject();
        }
        if (LineColor is not null || LineDash is not null || LineWidth is not null)
        {
            w.WritePropertyName("line"); w.WriteStartObject();
            if (LineColor is not null) w.WriteString("color", LineColor);
            if (LineDash is not null) w.WriteString("dash", LineDash);
            if (LineWidth is { } lw) w.WriteNumber("width", lw);
            w.WriteEndObject();
        }
    }
}

/// <summary>A histogram of values (Plotly bins them in the browser).</summary>
public sealed record HistogramTrace(IReadOnlyList<double> Values) : Trace
{
    /// <summary>Requested number of bins (Plotly's nbinsx; 0 = automatic).</summary>
    public int Bins { get; init; }
    /// <summary>Bar colour.</summary>
    public string? Color { get; init; }
    /// <summary>Bar opacity (0–1), useful when overlaying histograms.</summary>
    public double Opacity { get; init; } = 1;
    /// <inheritdoc/>
    public override string PlotlyType => "histogram";
    private protected override void WriteBody(Utf8JsonWriter w)
    {
        w.WritePropertyName("x"); Json.Numbers(w, Values);
        if (Bins > 0) w.WriteNumber("nbinsx", Bins);
        if (Opacity < 1) w.WriteNumber("opacity", Opacity);
        Json.MarkerColor(w, Color);
    }
}

/// <summary>One box of a box plot (quartiles, whiskers at 1.5 IQR, outliers), computed by Plotly from the values.</summary>
public sealed record BoxTrace(IReadOnlyList<double> Values) : Trace
{
    /// <summary>Box colour.</summary>
    public string? Color { get; init; }
    /// <summary>Show the mean as a dashed line.</summary>
    public bool ShowMean { get; init; } = true;
    /// <summary>Category of each value along x (grouped boxes), or null for one box at <see cref="Trace.Name"/>.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    /// <inheritdoc/>
    public override string PlotlyType => "box";
    private protected override void WriteBody(Utf8JsonWriter w)
    {
        w.WritePropertyName("y"); Json.Numbers(w, Values);
        if (Categories is not null) { Check.SameLength(Values.Count, Categories.Count, "box values and categories"); w.WritePropertyName("x"); Json.Strings(w, Categories); }
        if (ShowMean) w.WriteBoolean("boxmean", true);
        w.WriteString("boxpoints", "outliers");
        Json.MarkerColor(w, Color);
    }
}

/// <summary>
/// One box drawn from its summary (quartiles, whisker ends, mean) instead of the values, for boxes of many values:
/// the figure stays small however many values the box summarises. Plotly draws no outlier points for it.
/// </summary>
/// <param name="Q1">First quartile.</param>
/// <param name="Median">Median.</param>
/// <param name="Q3">Third quartile.</param>
/// <param name="LowerWhisker">End of the lower whisker (e.g. the smallest value ≥ Q1 − 1.5 IQR).</param>
/// <param name="UpperWhisker">End of the upper whisker (e.g. the largest value ≤ Q3 + 1.5 IQR).</param>
public sealed record BoxSummaryTrace(double Q1, double Median, double Q3, double LowerWhisker, double UpperWhisker) : Trace
{
    /// <summary>Box colour.</summary>
    public string? Color { get; init; }
    /// <summary>Mean, drawn as a dashed line; NaN for none.</summary>
    public double Mean { get; init; } = double.NaN;
    /// <inheritdoc/>
    public override string PlotlyType => "box";
    private protected override void WriteBody(Utf8JsonWriter w)
    {
        if (!(LowerWhisker <= Q1 && Q1 <= Median && Median <= Q3 && Q3 <= UpperWhisker))
            throw new ArgumentException($"A box summary needs lower whisker ≤ Q1 ≤ median ≤ Q3 ≤ upper whisker (got {LowerWhisker}, {Q1}, {Median}, {Q3}, {UpperWhisker}).");
        w.WritePropertyName("x"); Json.Strings(w, [Name ?? ""]);
        foreach (var (key, v) in new[] { ("q1", Q1), ("median", Median), ("q3", Q3), ("lowerfence", LowerWhisker), ("upperfence", UpperWhisker) })
        { w.WritePropertyName(key); Json.Numbers(w, [v]); }
        if (double.IsFinite(Mean)) { w.WritePropertyName("mean"); Json.Numbers(w, [Mean]); w.WriteBoolean("boxmean", true); }
        Json.MarkerColor(w, Color);
    }
}

/// <summary>Bars for categories.</summary>
public sealed record BarTrace(IReadOnlyList<string> Categories, IReadOnlyList<double> Values) : Trace
{
    /// <summary>Bar colour.</summary>
    public string? Color { get; init; }
    /// <summary>Error-bar half widths (same unit as the values), or null.</summary>
    public IReadOnlyList<double>? Errors { get; init; }
    /// <summary>Horizontal bars.</summary>
    public bool Horizontal { get; init; }
    /// <inheritdoc/>
    public override string PlotlyType => "bar";
    private protected override void WriteBody(Utf8JsonWriter w)
    {
        Check.SameLength(Categories.Count, Values.Count, "bar categories and values");
        w.WritePropertyName(Horizontal ? "y" : "x"); Json.Strings(w, Categories);
        w.WritePropertyName(Horizontal ? "x" : "y"); Json.Numbers(w, Values);
        if (Horizontal) w.WriteString("orientation", "h");
        if (Errors is not null)
        {
            w.WritePropertyName(Horizontal ? "error_x" : "error_y"); w.WriteStartObject();
            w.WriteString("type", "data"); w.WritePropertyName("array"); Json.Numbers(w, Errors);
            w.WriteEndObject();
        }
        Json.MarkerColor(w, Color);
    }
}

/// <summary>
/// A grid of values (a heat map, or a raster map when the axes carry map coordinates). Non-finite cells
/// are written as JSON null and render transparent (nodata).
/// </summary>
/// <param name="Z">Values [row, column]; row 0 is drawn at <see cref="Y"/>[0].</param>
public sealed record HeatmapTrace(double[,] Z) : Trace
{
    /// <summary>Cell-centre coordinates along columns (length = columns), or null for 0..n-1.</summary>
    public IReadOnlyList<double>? X { get; init; }
    /// <summary>Cell-centre coordinates along rows (length = rows), or null for 0..n-1.</summary>
    public IReadOnlyList<double>? Y { get; init; }
    /// <summary>Category labels along columns (used instead of <see cref="X"/>), e.g. threshold values.</summary>
    public IReadOnlyList<string>? XLabels { get; init; }
    /// <summary>Category labels along rows.</summary>
    public IReadOnlyList<string>? YLabels { get; init; }
    /// <summary>Colour scale (default Viridis).</summary>
    public ColorScale Scale { get; init; } = ColorScale.Viridis;
    /// <summary>Colour bar title, with unit.</summary>
    public string? ColorBarTitle { get; init; }
    /// <summary>Lower end of the colour range, or null for the data minimum.</summary>
    public double? ZMin { get; init; }
    /// <summary>Upper end of the colour range, or null for the data maximum.</summary>
    public double? ZMax { get; init; }
    /// <summary>Reverse the colour scale.</summary>
    public bool ReverseScale { get; init; }
    /// <summary>Draw the colour bar (default true; false for class maps, which carry a legend instead).</summary>
    public bool ShowScale { get; init; } = true;
    /// <summary>Colour-bar placement in paper coordinates (x, y centre, length), set by <see cref="Chart.Grid"/>.</summary>
    internal (double X, double Y, double Len)? ColorBarPlacement { get; init; }
    /// <summary>Print each cell's value in the cell (small grids only), with this .NET format, e.g. "0.00".</summary>
    public string? CellTextFormat { get; init; }
    /// <inheritdoc/>
    public override string PlotlyType => "heatmap";
    private protected override void WriteBody(Utf8JsonWriter w)
    {
        int rows = Z.GetLength(0), cols = Z.GetLength(1);
        if (X is not null) Check.SameLength(cols, X.Count, "heatmap columns and x coordinates");
        if (Y is not null) Check.SameLength(rows, Y.Count, "heatmap rows and y coordinates");
        w.WritePropertyName("z");
        w.WriteStartArray();
        for (int r = 0; r < rows; r++)
        {
            w.WriteStartArray();
            for (int c = 0; c < cols; c++) Json.CompactNumber(w, Z[r, c]);   // a map's cells: 7 significant digits are plenty
            w.WriteEndArray();
        }
        w.WriteEndArray();
        if (XLabels is not null) { w.WritePropertyName("x"); Json.Strings(w, XLabels); }
        else if (X is not null) { w.WritePropertyName("x"); Json.Numbers(w, X); }
        if (YLabels is not null) { w.WritePropertyName("y"); Json.Strings(w, YLabels); }
        else if (Y is not null) { w.WritePropertyName("y"); Json.Numbers(w, Y); }
        Scale.Write(w, "colorscale");
        if (ReverseScale) w.WriteBoolean("reversescale", true);
        if (ZMin is { } lo) w.WriteNumber("zmin", lo);
        if (ZMax is { } hi) w.WriteNumber("zmax", hi);
        w.WriteBoolean("hoverongaps", false);
        if (!ShowScale) w.WriteBoolean("showscale", false);
        w.WritePropertyName("colorbar"); w.WriteStartObject();
        if (ColorBarTitle is not null) { w.WritePropertyName("title"); w.WriteStartObject(); w.WriteString("text", ColorBarTitle); w.WriteString("side", "right"); w.WriteEndObject(); }
        if (ColorBarPlacement is { } cb) { w.WriteNumber("x", cb.X); w.WriteNumber("y", cb.Y); w.WriteNumber("len", cb.Len); w.WriteString("yanchor", "middle"); w.WriteNumber("thickness", 12); }
        w.WriteEndObject();
        if (CellTextFormat is not null)
        {
            w.WritePropertyName("text"); w.WriteStartArray();
            for (int r = 0; r < rows; r++)
            {
                w.WriteStartArray();
                for (int c = 0; c < cols; c++) w.WriteStringValue(double.IsFinite(Z[r, c]) ? Z[r, c].ToString(CellTextFormat, System.Globalization.CultureInfo.InvariantCulture) : "");
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteString("texttemplate", "%{text}");
        }
    }
}

/// <summary>
/// A true-colour image (Plotly "image" trace): RGB bytes [row, column, 3] placed at map coordinates
/// (<see cref="X0"/>, <see cref="Y0"/> is the centre of the first pixel, <see cref="Dx"/>, <see cref="Dy"/> the pixel size,
/// <see cref="Dy"/> negative for north-up rasters). Transparent pixels use alpha 0.
/// </summary>
public sealed record ImageTrace(byte[,,] Rgba) : Trace
{
    /// <summary>Centre x of the first column, in map units.</summary>
    public double X0 { get; init; }
    /// <summary>Centre y of the first row, in map units.</summary>
    public double Y0 { get; init; }
    /// <summary>Pixel width in map units (&gt; 0).</summary>
    public double Dx { get; init; } = 1;
    /// <summary>Pixel height in map units (negative for north-up).</summary>
    public double Dy { get; init; } = 1;
    /// <inheritdoc/>
    public override string PlotlyType => "image";
    private protected override void WriteBody(Utf8JsonWriter w)
    {
        int rows = Rgba.GetLength(0), cols = Rgba.GetLength(1), ch = Rgba.GetLength(2);
        if (ch != 4) throw new ArgumentException($"An image trace needs 4 channels (RGBA), got {ch}.");
        w.WriteString("colormodel", "rgba");
        w.WriteNumber("x0", X0); w.WriteNumber("dx", Dx);
        w.WriteNumber("y0", Y0); w.WriteNumber("dy", Dy);
        w.WritePropertyName("z"); w.WriteStartArray();
        for (int r = 0; r < rows; r++)
        {
            w.WriteStartArray();
            for (int c = 0; c < cols; c++)
            {
                w.WriteStartArray();
                w.WriteNumberValue(Rgba[r, c, 0]); w.WriteNumberValue(Rgba[r, c, 1]); w.WriteNumberValue(Rgba[r, c, 2]);
                w.WriteNumberValue(Rgba[r, c, 3] / 255f);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }
}

internal static class Json
{
    public static void Number(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue();
    }

    /// <summary>
    /// Writes a number with single precision (about 7 significant digits, the shortest form that reads back as the same
    /// float): raster cells are float32 at source, and a 512 × 512 map written with double precision is twice the size.
    /// </summary>
    public static void CompactNumber(Utf8JsonWriter w, double v)
    {
        if (!double.IsFinite(v)) w.WriteNullValue();
        else if (Math.Abs(v) < 1e30) w.WriteNumberValue((float)v);
        else w.WriteNumberValue(v);
    }

    /// <summary>Writes <c>"marker":{"color":…}</c> when a colour is given.</summary>
    public static void MarkerColor(Utf8JsonWriter w, string? color)
    {
        if (color is null) return;
        w.WritePropertyName("marker"); w.WriteStartObject(); w.WriteString("color", color); w.WriteEndObject();
    }

    public static void Numbers(Utf8JsonWriter w, IReadOnlyList<double> values)
    {
        w.WriteStartArray();
        for (int i = 0; i < values.Count; i++) Number(w, values[i]);
        w.WriteEndArray();
    }

    public static void Strings(Utf8JsonWriter w, IReadOnlyList<string> values)
    {
        w.WriteStartArray();
        foreach (var s in values) w.WriteStringValue(s);
        w.WriteEndArray();
    }
}
