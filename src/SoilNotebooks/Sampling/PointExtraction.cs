using System.Globalization;
using SoilNotebooks.Compositing;
using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Sampling;

/// <summary>A sample location: id and coordinates in the CRS the caller states.</summary>
public sealed record SamplePoint(string Id, double X, double Y);

/// <summary>
/// One row of the S2MoS observation table: a point on one Sentinel-2 date, with the ten reflectances (fractions), the paired
/// Sentinel-1 VV/VH (dB, NaN when no acquisition within the tolerance), and the masking flags.
/// </summary>
/// <param name="PointId">Point id.</param>
/// <param name="Date">Sentinel-2 acquisition time, UTC.</param>
/// <param name="X">Easting in the stack CRS, m.</param>
/// <param name="Y">Northing in the stack CRS, m.</param>
/// <param name="Column">Pixel column in the stack grid.</param>
/// <param name="Row">Pixel row in the stack grid.</param>
/// <param name="Reflectance">B02 … B12 reflectance (10 values; NaN = missing).</param>
/// <param name="VvDb">VV backscatter, dB.</param>
/// <param name="VhDb">VH backscatter, dB.</param>
/// <param name="Cloud">SCL says cloud, cloud shadow or cirrus (after dilation).</param>
/// <param name="Valid">Usable observation (no SCL mask hit, all bands present).</param>
/// <param name="Bare">Valid and bare soil by the S2MoS rule.</param>
/// <param name="Flags">All SCL-derived flags.</param>
public sealed record ObservationRow(string PointId, DateTime Date, double X, double Y, int Column, int Row, float[] Reflectance,
    float VvDb, float VhDb, bool Cloud, bool Valid, bool Bare, ObservationFlags Flags);

/// <summary>Options of point extraction.</summary>
/// <param name="Thresholds">Bare-soil rule (default S2MoS).</param>
/// <param name="Mask">SCL masks (default cloud, shadow, cirrus, snow, water; no dilation).</param>
/// <param name="OnlyBare">Keep only bare-soil observations (the rows S2MoS trains on); default false (all dates).</param>
public sealed record PointExtractionOptions(BareSoilThresholds? Thresholds = null, SclMaskOptions? Mask = null, bool OnlyBare = false);

/// <summary>Rows of the observation table and the points that fell outside the stack.</summary>
public sealed record PointExtractionResult(IReadOnlyList<ObservationRow> Rows, IReadOnlyList<SamplePoint> Outside)
{
    /// <summary>Column names of <see cref="WriteCsv"/>.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["point_id", "date", "x", "y", "col", "row", .. S2Bands.Ids, "VV", "VH", "cloud", "valid", "bare"];

    /// <summary>Writes the table as CSV (atomically): point_id, date (ISO 8601), x, y, col, row, B02…B12, VV, VH, cloud, valid, bare (0/1).</summary>
    public void WriteCsv(string path) =>
        CsvTable.WriteCsv(path, Columns, Rows.Select(r => (IReadOnlyList<string>)
        [
            r.PointId, r.Date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), CsvTable.Format(r.X), CsvTable.Format(r.Y),
            r.Column.ToString(CultureInfo.InvariantCulture), r.Row.ToString(CultureInfo.InvariantCulture),
            .. r.Reflectance.Select(v => CsvTable.Format(v)), CsvTable.Format(r.VvDb), CsvTable.Format(r.VhDb),
            r.Cloud ? "1" : "0", r.Valid ? "1" : "0", r.Bare ? "1" : "0",
        ]));
}

/// <summary>
/// Samples a scene stack at points given in any CRS (transformed with GDAL/PROJ, traditional GIS axis order) and builds the
/// per-point, per-date observation table of S2MoS (Tziolas et al. 2020, §2.1–2.2). Windows holding points are read once each.
/// </summary>
public static class PointExtraction
{
    /// <summary>Extracts with default options.</summary>
    public static PointExtractionResult Extract(SceneStack stack, IReadOnlyList<SamplePoint> points, Crs pointsCrs) =>
        Extract(stack, points, pointsCrs, new PointExtractionOptions());

    /// <summary>Extracts the observation table.</summary>
    public static PointExtractionResult Extract(SceneStack stack, IReadOnlyList<SamplePoint> points, Crs pointsCrs, PointExtractionOptions options)
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
        const int Block = 64;
        var inside = new List<(int Index, int Col, int Row)>(); var outside = new List<SamplePoint>();
        for (int i = 0; i < points.Count; i++)
        {
            var (c, r) = stack.Grid.Transform.WorldToPixel(xs[i], ys[i]);
            int col = (int)Math.Floor(c), row = (int)Math.Floor(r);
            if (col < 0 || row < 0 || col >= stack.Grid.Width || row >= stack.Grid.Height) outside.Add(points[i]);
            else inside.Add((i, col, row));
        }
        var perPoint = new List<ObservationRow>[points.Count];   // rows of each point, in stack (date) order
        var cloudBits = ObservationFlags.Cloud | ObservationFlags.Shadow | ObservationFlags.Cirrus;
        StackTile? tileBuf = null; ObservationStatus[]? status = null;   // reused across windows (rows copy their values out)
        foreach (var group in inside.GroupBy(p => (p.Col / Block, p.Row / Block)).OrderBy(g => g.Key.Item2).ThenBy(g => g.Key.Item1))
        {
            int minC = group.Min(p => p.Col), maxC = group.Max(p => p.Col), minR = group.Min(p => p.Row), maxR = group.Max(p => p.Row);
            var win = new RasterWindow(minC, minR, maxC - minC + 1, maxR - minR + 1);
            var tile = tileBuf = stack.ReadTile(win, mask, tileBuf);
            status = CompositeKernel.Classify(tile, thresholds, mask, status);
            int P = win.PixelCount;
            foreach (var (index, col, row) in group)
            {
                int p = (row - minR) * win.Width + (col - minC);
                var rows = perPoint[index] = new List<ObservationRow>(tile.Dates.Count);
                for (int d = 0; d < tile.Dates.Count; d++)
                {
                    var st = status[d * P + p];
                    if (options.OnlyBare && st != ObservationStatus.Bare) continue;
                    var refl = new float[S2Bands.Count];
                    for (int b = 0; b < S2Bands.Count; b++) refl[b] = tile.Get(d, (S2Band)b, p);
                    var f = tile.Flags[d * P + p];
                    rows.Add(new ObservationRow(points[index].Id, tile.Dates[d], xs[index], ys[index], col, row, refl,
                        tile.VvDb?[d * P + p] ?? float.NaN, tile.VhDb?[d * P + p] ?? float.NaN,
                        (f & cloudBits) != 0, st != ObservationStatus.Invalid, st == ObservationStatus.Bare, f));
                }
            }
        }
        return new PointExtractionResult(perPoint.Where(r => r is not null).SelectMany(r => r).ToList(), outside);
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
