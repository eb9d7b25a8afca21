namespace SoilNotebooks.Rasters;

/// <summary>
/// The values of a raster at points: per band (and date) one value per point, NaN where the point lies outside the
/// raster or on a nodata cell. A point takes the value of the pixel that contains it (as <c>gdallocationinfo</c> does).
/// </summary>
public sealed class RasterSamples
{
    private readonly double[][] _values;     // layer (band × date) → per point
    private readonly Raster _source;

    internal RasterSamples(Raster source, int[] columns, int[] rows, double[][] values)
    { _source = source; Columns = columns; Rows = rows; _values = values; }

    /// <summary>Band names of the sampled raster.</summary>
    public IReadOnlyList<string> Bands => _source.Bands;
    /// <summary>Dates of the sampled raster (empty without dates).</summary>
    public IReadOnlyList<DateTime> Dates => _source.Dates;
    /// <summary>Number of points.</summary>
    public int Count => Columns.Count;
    /// <summary>Pixel column of each point (−1 outside the raster).</summary>
    public IReadOnlyList<int> Columns { get; }
    /// <summary>Pixel row of each point (−1 outside the raster).</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>The values of one band at the first (or only) date, one per point.</summary>
    public IReadOnlyList<double> this[string band] => Values(band, 0);

    /// <summary>The values of one band at date index <paramref name="date"/>, one per point.</summary>
    public IReadOnlyList<double> Values(string band, int date = 0)
    {
        Check.InRange(date, 0, _source.DateCount - 1);
        return _values[_source.IndexOf(band) * _source.DateCount + date];
    }
}

/// <summary>Sampling a raster at points given in any CRS (transformed with
/// <see cref="CoordinateTransformer"/>).</summary>
public static class RasterSampling
{
    /// <summary>
    /// The values of every band (and date) at points. Points outside the raster, and nodata cells, give NaN.
    /// </summary>
    /// <param name="raster">The raster.</param>
    /// <param name="x">Easting or longitude of each point, in <paramref name="crs"/>.</param>
    /// <param name="y">Northing or latitude of each point (traditional GIS order: x = longitude for EPSG:4326).</param>
    /// <param name="crs">CRS of the points (default: the raster's CRS).</param>
    public static RasterSamples Sample(this Raster raster, IReadOnlyList<double> x, IReadOnlyList<double> y,
        Crs? crs = null)
    {
        ArgumentNullException.ThrowIfNull(raster);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Check.SameLength(x.Count, y.Count, "point x and y coordinates");
        var xs = x.ToArray(); var ys = y.ToArray();
        if (crs is not null && !crs.IsSameAs(raster.Grid.Crs))
        {
            using var t = new CoordinateTransformer(crs, raster.Grid.Crs);
            t.TransformInPlace(xs, ys);
        }
        int n = xs.Length;
        var cols = new int[n]; var rows = new int[n];
        for (int i = 0; i < n; i++)
        {
            cols[i] = rows[i] = -1;
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) continue;
            var (c, r) = raster.Grid.Transform.WorldToPixel(xs[i], ys[i]);
            int ci = (int)Math.Floor(c), ri = (int)Math.Floor(r);
            if (ci >= 0 && ci < raster.Width && ri >= 0 && ri < raster.Height) { cols[i] = ci; rows[i] = ri; }
        }
        var values = raster.Layers.Select(l =>
        {
            var o = new double[n];
            for (int i = 0; i < n; i++) o[i] = cols[i] < 0 ? double.NaN : l[rows[i] * raster.Width + cols[i]];
            return o;
        }).ToArray();
        return new RasterSamples(raster, cols, rows, values);
    }
}
