using System.Globalization;
using SoilNotebooks.Compositing;
using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Sampling;

/// <summary>A sample location: id and coordinates in the CRS the caller states.</summary>
public sealed record SamplePoint(string Id, double X, double Y);

/// <summary>Options of point extraction.</summary>
/// <param name="Thresholds">Bare-soil rule (default S2MoS).</param>
/// <param name="Mask">SCL masks (default cloud, shadow, cirrus, snow, water; no dilation).</param>
/// <param name="OnlyBare">Keep only bare-soil observations (the ones S2MoS trains on); default false (every usable
/// date, with the <see cref="PointExtraction.BareChannel"/> flag).</param>
/// <param name="IncludeSar">Add the paired Sentinel-1 <c>VV</c> and <c>VH</c> (dB) channels when the stack has
/// Sentinel-1 (default true); observations without a paired acquisition are then left out and counted in
/// <see cref="ExtractionCounts.WithoutSar"/>.</param>
public sealed record PointExtractionOptions(BareSoilThresholds? Thresholds = null, SclMaskOptions? Mask = null,
    bool OnlyBare = false, bool IncludeSar = true);

/// <summary>What happened to the point-date observations of an extraction.</summary>
/// <param name="Observations">Points inside the stack × dates.</param>
/// <param name="Masked">Left out by the SCL mask or a missing band (clouds, shadows, cirrus, snow, water, no data).</param>
/// <param name="Cloud">Of the masked: cloud, cloud shadow or cirrus.</param>
/// <param name="WithoutSar">Usable but left out because no Sentinel-1 acquisition was paired (only with SAR channels).</param>
/// <param name="NotBare">Usable but left out by <see cref="PointExtractionOptions.OnlyBare"/>.</param>
/// <param name="Kept">In the series.</param>
/// <param name="Bare">Of the kept: bare soil by the rule.</param>
public sealed record ExtractionCounts(int Observations, int Masked, int Cloud, int WithoutSar, int NotBare, int Kept, int Bare);

/// <summary>The extracted series, the counts behind it, and the points that fell outside the stack.</summary>
/// <param name="Series">One sample per point inside the stack (coordinates in the stack CRS, pixel <c>col</c>/<c>row</c>
/// covariates), its usable observations with channels <c>B02 … B12</c> (reflectance 0–1), <c>VV</c>/<c>VH</c> (dB, when
/// the stack has Sentinel-1 and <see cref="PointExtractionOptions.IncludeSar"/>) and <c>bare</c> (1 = bare soil, 0 = not).</param>
/// <param name="Counts">Observation counts.</param>
/// <param name="Outside">Points outside the stack's grid.</param>
public sealed record PointExtractionResult(SampleSeries Series, ExtractionCounts Counts, IReadOnlyList<SamplePoint> Outside)
{
    /// <summary>Column names of <see cref="WriteCsv"/> for a series with SAR channels.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["point_id", "date", "x", "y", "col", "row", .. S2Bands.Ids, "VV", "VH", PointExtraction.BareChannel];

    /// <summary>
    /// Writes one row per kept observation as CSV (atomically): point_id, date (ISO 8601), x, y (stack CRS), col, row,
    /// then the series' channels (B02…B12, VV, VH when present, bare as 0/1).
    /// </summary>
    public void WriteCsv(string path)
    {
        var s = Series;
        var col = s.Covariate(PointExtraction.ColumnCovariate).Values; var row = s.Covariate(PointExtraction.RowCovariate).Values;
        var rows = new List<IReadOnlyList<string>>(s.TotalObservations);
        for (int i = 0; i < s.Count; i++)
            for (int k = 0; k < s.ObservationCount(i); k++)
            {
                var cells = new List<string>(6 + s.Channels.Count)
                {
                    s.Ids[i], s.Date(i, k).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    CsvTable.Format(s.X[i]), CsvTable.Format(s.Y[i]),
                    ((int)col[i]).ToString(CultureInfo.InvariantCulture), ((int)row[i]).ToString(CultureInfo.InvariantCulture),
                };
                foreach (var v in s.Observation(i, k)) cells.Add(CsvTable.Format((float)v));
                rows.Add(cells);
            }
        CsvTable.WriteCsv(path, ["point_id", "date", "x", "y", "col", "row", .. s.Channels], rows);
    }
}

/// <summary>
/// Samples a scene stack at points given in any CRS (transformed with GDAL/PROJ, traditional GIS axis order) and builds the
/// per-point series of usable dated observations of S2MoS (Tziolas et al. 2020, §2.1–2.2): the SCL mask and missing bands
/// drop an observation, the bare-soil rule flags it (or, with <see cref="PointExtractionOptions.OnlyBare"/>, drops the
/// rest). Windows holding points are read once each.
/// </summary>
public static class PointExtraction
{
    /// <summary>Name of the 0/1 bare-soil flag channel.</summary>
    public const string BareChannel = "bare";

    /// <summary>Name of the pixel-column covariate.</summary>
    public const string ColumnCovariate = "col";

    /// <summary>Name of the pixel-row covariate.</summary>
    public const string RowCovariate = "row";

    /// <summary>Side of the square pixel blocks whose points are read with one window.</summary>
    public const int BlockPixels = 64;

    /// <summary>Extracts with default options.</summary>
    public static PointExtractionResult Extract(SceneStack stack, IReadOnlyList<SamplePoint> points, Crs pointsCrs) =>
        Extract(stack, points, pointsCrs, new PointExtractionOptions());

    /// <summary>Extracts the series.</summary>
    /// <exception cref="ArgumentException">A point id repeats or a coordinate is not finite.</exception>
    public static PointExtractionResult Extract(SceneStack stack, IReadOnlyList<SamplePoint> points, Crs pointsCrs,
        PointExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(stack); ArgumentNullException.ThrowIfNull(points); ArgumentNullException.ThrowIfNull(pointsCrs);
        options ??= new PointExtractionOptions();
        var thresholds = (options.Thresholds ?? BareSoilThresholds.S2MoS).Validate();
        var mask = options.Mask ?? SclMaskOptions.Default;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in points)
        {
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y)) throw new ArgumentException($"Point '{p.Id}' has non-finite coordinates ({p.X}, {p.Y}).");
            if (!ids.Add(p.Id)) throw new ArgumentException($"Point id '{p.Id}' occurs more than once.");
        }
        var xs = points.Select(p => p.X).ToArray(); var ys = points.Select(p => p.Y).ToArray();
        if (!pointsCrs.IsSameAs(stack.Grid.Crs))
        {
            using var t = new CoordinateTransformer(pointsCrs, stack.Grid.Crs);
            t.TransformInPlace(xs, ys);
        }
        var inside = new List<(int Index, int Col, int Row)>(); var outside = new List<SamplePoint>();
        for (int i = 0; i < points.Count; i++)
        {
            var (c, r) = stack.Grid.Transform.WorldToPixel(xs[i], ys[i]);
            int col = (int)Math.Floor(c), row = (int)Math.Floor(r);
            if (col < 0 || row < 0 || col >= stack.Grid.Width || row >= stack.Grid.Height) outside.Add(points[i]);
            else inside.Add((i, col, row));
        }
        bool sar = options.IncludeSar && stack.Sentinel1.Count > 0;
        string[] channels = sar ? [.. S2Bands.Ids, SentinelChannels.VV, SentinelChannels.VH, BareChannel] : [.. S2Bands.Ids, BareChannel];
        var perPoint = new List<(DateTime Date, double[] Values)>?[points.Count];   // in stack (date) order
        var cloudBits = ObservationFlags.Cloud | ObservationFlags.Shadow | ObservationFlags.Cirrus;
        int masked = 0, cloud = 0, withoutSar = 0, notBare = 0, bare = 0;
        StackTile? tileBuf = null; ObservationStatus[]? status = null;   // reused across windows (values are copied out)
        foreach (var group in inside.GroupBy(p => (p.Col / BlockPixels, p.Row / BlockPixels)).OrderBy(g => g.Key.Item2).ThenBy(g => g.Key.Item1))
        {
            int minC = group.Min(p => p.Col), maxC = group.Max(p => p.Col), minR = group.Min(p => p.Row), maxR = group.Max(p => p.Row);
            var win = new RasterWindow(minC, minR, maxC - minC + 1, maxR - minR + 1);
            var tile = tileBuf = stack.ReadTile(win, mask, tileBuf);
            status = CompositeKernel.Classify(tile, thresholds, mask, status);
            int P = win.PixelCount;
            foreach (var (index, col, row) in group)
            {
                int p = (row - minR) * win.Width + (col - minC);
                var obs = perPoint[index] = new List<(DateTime, double[])>(tile.Dates.Count);
                for (int d = 0; d < tile.Dates.Count; d++)
                {
                    var st = status[d * P + p];
                    if (st == ObservationStatus.Invalid)
                    {
                        masked++;
                        if ((tile.Flags[d * P + p] & cloudBits) != 0) cloud++;
                        continue;
                    }
                    float vv = tile.VvDb?[d * P + p] ?? float.NaN, vh = tile.VhDb?[d * P + p] ?? float.NaN;
                    if (sar && !(float.IsFinite(vv) && float.IsFinite(vh))) { withoutSar++; continue; }
                    if (options.OnlyBare && st != ObservationStatus.Bare) { notBare++; continue; }
                    var v = new double[channels.Length];
                    for (int b = 0; b < S2Bands.Count; b++) v[b] = tile.Get(d, (S2Band)b, p);
                    if (sar) { v[S2Bands.Count] = vv; v[S2Bands.Count + 1] = vh; }
                    v[^1] = st == ObservationStatus.Bare ? 1 : 0;
                    if (st == ObservationStatus.Bare) bare++;
                    obs.Add((tile.Dates[d], v));
                }
            }
        }
        var builder = new SampleSeriesBuilder(channels, stack.Grid.Crs);
        var cols = new List<double>(inside.Count); var rowsIdx = new List<double>(inside.Count);
        foreach (var (index, col, row) in inside)   // in point order
        {
            int s = builder.AddSample(points[index].Id, xs[index], ys[index]);
            foreach (var (date, values) in perPoint[index]!) builder.AddObservation(s, date, values);
            cols.Add(col); rowsIdx.Add(row);
        }
        var series = builder.Covariate(ColumnCovariate, "pixel", cols).Covariate(RowCovariate, "pixel", rowsIdx).Build();
        var counts = new ExtractionCounts(inside.Count * stack.Dates.Count, masked, cloud, withoutSar, notBare,
            series.TotalObservations, bare);
        return new PointExtractionResult(series, counts, outside);
    }

    /// <summary>
    /// Reads points from a CSV (columns for x, y and optionally an id; the id defaults to the 1-based row number).
    /// </summary>
    public static IReadOnlyList<SamplePoint> ReadPoints(string csvPath, string xColumn, string yColumn, string? idColumn = null)
    {
        var t = CsvTable.Read(csvPath);
        var x = t.GetDoubles(xColumn); var y = t.GetDoubles(yColumn);
        string[] id = idColumn is not null ? t.GetStrings(idColumn)
            : t.HasColumn("id") ? t.GetStrings("id") : Enumerable.Range(1, t.RowCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return Enumerable.Range(0, t.RowCount).Select(i => new SamplePoint(id[i], x[i], y[i])).ToArray();
    }
}
