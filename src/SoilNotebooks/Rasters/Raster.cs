using System.Globalization;

namespace SoilNotebooks.Rasters;

/// <summary>Optional parts of a <see cref="Raster"/> besides its grid, band names and values.</summary>
/// <param name="Unit">One unit for every band, e.g. "%" or "reflectance" (ignored when <paramref name="Units"/> is
/// given).</param>
/// <param name="Units">A unit per band, or null.</param>
/// <param name="Dates">Acquisition dates of a stack (band × date layers), or null for a raster without dates.</param>
/// <param name="NoData">How nodata (NaN in memory) is stored on disk (default Float32 / NaN, Byte / 255 with
/// classes).</param>
/// <param name="Classes">Class names and colours of a categorical raster, or null for a continuous one.</param>
/// <param name="Title">A title for maps, or null (then the band name is used).</param>
public sealed record RasterOptions(string Unit = "", IReadOnlyList<string>? Units = null,
    IReadOnlyList<DateTime>? Dates = null, RasterNoData? NoData = null, RasterClasses? Classes = null,
        string? Title = null);

/// <summary>
/// A raster value: a grid (size, geotransform, CRS), NAMED bands with units, optionally a stack over dates (band × date
/// layers), typed nodata (NaN in memory, <see cref="NoData"/> on disk) and, for categorical rasters, class names.
/// Immutable and validated; every verb returns a new raster. Cells are row-major from the top-left (north-west) pixel.
/// </summary>
/// <example><code>
/// var s2 = Raster.Read("scene.tif");                 // bands named from the file, e.g. B02 … B12
/// var ndvi = s2.Ndvi();                              // SoilNotebooks.Masking: (B08 − B04) / (B08 + B04)
/// display(ndvi.Mask(ndvi.Test(v => v &lt; 0.25f)));   // the map, north-up, nodata transparent
/// </code></example>
public sealed class Raster
{
    private readonly float[][] _layers;    // index band * DateCount + date
    private readonly string[] _bands, _units;
    private readonly DateTime[] _dates;

    /// <summary>The pixel grid (size, geotransform, CRS).</summary>
    public RasterGrid Grid { get; }
    /// <summary>Band names in order, e.g. "B04", "NDVI", "clay_percent".</summary>
    public IReadOnlyList<string> Bands => _bands;
    /// <summary>Unit of each band ("" when dimensionless or unknown).</summary>
    public IReadOnlyList<string> Units => _units;
    /// <summary>Dates of the layers of a stack; empty for a raster without dates.</summary>
    public IReadOnlyList<DateTime> Dates => _dates;
    /// <summary>How nodata is stored on disk; in memory nodata cells are NaN.</summary>
    public RasterNoData NoData { get; }
    /// <summary>Class names and colours of a categorical raster, or null.</summary>
    public RasterClasses? Classes { get; }
    /// <summary>Title for maps, or null.</summary>
    public string? Title { get; }

    /// <summary>Columns.</summary>
    public int Width => Grid.Width;
    /// <summary>Rows.</summary>
    public int Height => Grid.Height;
    /// <summary>Cells per layer (width × height).</summary>
    public int PixelCount => Grid.Width * Grid.Height;
    /// <summary>Number of bands.</summary>
    public int BandCount => _bands.Length;
    /// <summary>Number of dates per band (1 for a raster without dates).</summary>
    public int DateCount => Math.Max(1, _dates.Length);
    /// <summary>Whether the raster has class names.</summary>
    public bool IsCategorical => Classes is not null;

    private Raster(RasterGrid grid, string[] bands, string[] units, DateTime[] dates, float[][] layers,
        RasterNoData noData, RasterClasses? classes, string? title)
    {
        Grid = grid; _bands = bands; _units = units; _dates = dates; _layers = layers;
        NoData = noData; Classes = classes; Title = title;
    }

    /// <summary>A single-band raster of <paramref name="values"/> (width × height, row-major; NaN = nodata).</summary>
    /// <param name="grid">The grid the values lie on.</param>
    /// <param name="band">Band name, e.g. "clay_percent".</param>
    /// <param name="values">Cell values, copied.</param>
    /// <param name="unit">Unit of the values, e.g. "%".</param>
    public static Raster Create(RasterGrid grid, string band, IReadOnlyList<float> values, string unit = "") =>
        Create(grid, [band], [values.ToArray()], new RasterOptions(unit));

    /// <summary>
    /// A raster of several bands (and dates): <paramref name="layers"/>[b × dates + d] holds band b at date d
    /// (width × height values each, copied; NaN = nodata).
    /// </summary>
    public static Raster Create(RasterGrid grid, IReadOnlyList<string> bands, IReadOnlyList<float[]> layers,
        RasterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        return Build(grid, bands, layers.Select(l => (l ?? throw new ArgumentNullException(nameof(layers))).ToArray())
            .ToArray(), options ?? new RasterOptions());
    }

    /// <summary>Builds a raster that takes ownership of <paramref name="layers"/> (no copy); validates
    /// everything.</summary>
    internal static Raster Build(RasterGrid grid, IReadOnlyList<string> bands, float[][] layers, RasterOptions o)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(bands);
        var names = bands.ToArray();
        if (names.Length == 0) throw new ArgumentException("A raster needs at least one band.", nameof(bands));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            if (string.IsNullOrWhiteSpace(n) || n.Contains(';'))
                throw new ArgumentException($"Band names must be non-empty and contain no ';' (got '{n}').",
                    nameof(bands));
            if (!seen.Add(n))
                throw new ArgumentException($"Band '{n}' appears twice; band names must be distinct.", nameof(bands));
        }
        var units = o.Units?.ToArray() ?? Enumerable.Repeat(o.Unit ?? "", names.Length).ToArray();
        Check.SameLength(units.Length, names.Length, "units and bands");
        var dates = o.Dates?.ToArray() ?? [];
        if (dates.Distinct().Count() != dates.Length)
            throw new ArgumentException("The dates of a stack must be distinct.");
        int d = Math.Max(1, dates.Length);
        if (layers.Length != names.Length * d)
            throw new ArgumentException($"{layers.Length} layers given for {names.Length} band(s) × {d} date(s); " +
                $"expected {names.Length * d} (layer b × dates + d is band b at date d).", nameof(layers));
        int n2 = grid.Width * grid.Height;
        foreach (var l in layers)
            if (l.Length != n2)
                throw new ArgumentException($"A layer has {l.Length} values; the {grid.Width}×{grid.Height} grid " +
                    $"needs {n2}.");
        var noData = o.NoData ?? (o.Classes is null ? RasterNoData.Float32 : RasterNoData.Byte);
        if (o.Classes is { } cls)
            foreach (var l in layers)
                foreach (var v in l)
                    if (!float.IsNaN(v) && cls.Find(v) is null)
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                            $"Cell value {v} is not a class code ({cls}); expected class codes or NaN (nodata)."));
        return new Raster(grid, names, units, dates, layers, noData, o.Classes, o.Title);
    }

    /// <summary>Reads a raster file (see <see cref="RasterFiles.Read(string)"/>):
    /// <c>Raster.Read("composite.tif")</c>.</summary>
    public static Raster Read(string path) => RasterFiles.Read(path);

    /// <summary>Reads a raster file with options (window, band names, unit, classes).</summary>
    public static Raster Read(string path, RasterReadOptions options) => RasterFiles.Read(path, options);

    /// <summary>
    /// A one-band raster painted from per-pixel values, e.g. predictions at sampled pixels: cell
    /// <paramref name="pixels"/>[i] (row-major index) and, with <paramref name="blockSize"/> &gt; 1, the block of that
    /// side to its lower right get
    /// <paramref name="values"/>[i]; every other cell is nodata.
    /// </summary>
    public static Raster FromPixels(RasterGrid grid, IReadOnlyList<int> pixels, IReadOnlyList<double> values,
        string band, string unit = "", int blockSize = 1)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(values);
        Check.SameLength(pixels.Count, values.Count, "pixels and values");
        Check.InRange(blockSize, 1, 4096);
        var o = new float[grid.Width * grid.Height];
        Array.Fill(o, float.NaN);
        for (int i = 0; i < pixels.Count; i++)
        {
            Check.InRange(pixels[i], 0, o.Length - 1);
            int r0 = pixels[i] / grid.Width, c0 = pixels[i] % grid.Width;
            for (int r = r0; r < Math.Min(grid.Height, r0 + blockSize); r++)
                for (int c = c0; c < Math.Min(grid.Width, c0 + blockSize); c++)
                    o[r * grid.Width + c] = (float)values[i];
        }
        return Build(grid, [band], [o], new RasterOptions(unit));
    }

    /// <summary>The same raster with other parts replaced (values shared: they are never mutated).</summary>
    internal Raster With(string[]? bands = null, string[]? units = null, DateTime[]? dates = null,
        float[][]? layers = null, RasterNoData? noData = null, RasterClasses? classes = null, bool dropClasses = false,
        string? title = null) =>
        Build(Grid, bands ?? _bands, layers ?? _layers, new RasterOptions(
            Units: units ?? _units,
            Dates: dates ?? _dates,
            NoData: noData ?? (dropClasses ? RasterNoData.Float32 : NoData),
            Classes: dropClasses ? null : classes ?? Classes,
            Title: title ?? Title));

    /// <summary>The stored values of band <paramref name="band"/> (0-based) at date <paramref name="date"/> (not a
    /// copy).</summary>
    internal float[] Layer(int band, int date) => _layers[band * DateCount + date];

    /// <summary>A read-only view (no copy) of the band of 0-based index <paramref name="band"/> at date index
    /// <paramref name="date"/>.</summary>
    public ReadOnlySpan<float> Span(int band, int date = 0)
    {
        Check.InRange(band, 0, BandCount - 1); Check.InRange(date, 0, DateCount - 1);
        return Layer(band, date);
    }

    /// <summary>All layers in order band × date (not copies).</summary>
    internal IReadOnlyList<float[]> Layers => _layers;

    /// <summary>The 0-based index of a band; throws naming the bands there are.</summary>
    public int IndexOf(string band)
    {
        ArgumentNullException.ThrowIfNull(band);
        int i = Array.IndexOf(_bands, band);
        return i >= 0 ? i : throw new ArgumentException(
            $"No band '{band}' in this raster; expected one of: {string.Join(", ", _bands)}.", nameof(band));
    }

    /// <summary>The 0-based index of a date of the stack; throws naming the first and last dates.</summary>
    public int IndexOf(DateTime date)
    {
        int i = Array.IndexOf(_dates, date);
        return i >= 0 ? i : throw new ArgumentException(_dates.Length == 0
            ? "This raster has no dates."
            : $"No layer at {date:yyyy-MM-dd HH:mm}; the stack has {_dates.Length} dates from " +
                $"{_dates.Min():yyyy-MM-dd} to " +
              $"{_dates.Max():yyyy-MM-dd} (see Dates).", nameof(date));
    }

    /// <summary>The unit of a band.</summary>
    public string UnitOf(string band) => _units[IndexOf(band)];

    /// <summary>One band (all its dates): <c>raster["B12"]</c>.</summary>
    public Raster this[string band] => Select(band);

    /// <summary>The named bands, in the order given (all dates).</summary>
    public Raster Select(params string[] bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Length == 0) throw new ArgumentException("Select needs at least one band name.", nameof(bands));
        var idx = bands.Select(IndexOf).ToArray();
        var layers = idx.SelectMany(b => Enumerable.Range(0, DateCount).Select(d => Layer(b, d))).ToArray();
        return With(bands.ToArray(), idx.Select(b => _units[b]).ToArray(), layers: layers);
    }

    /// <summary>All bands at one date of the stack (a raster with that single date).</summary>
    public Raster AtDate(DateTime date) => AtDate(IndexOf(date));

    /// <summary>All bands at the date of 0-based index <paramref name="index"/>.</summary>
    public Raster AtDate(int index)
    {
        Check.InRange(index, 0, DateCount - 1);
        var layers = Enumerable.Range(0, BandCount).Select(b => Layer(b, index)).ToArray();
        return With(dates: _dates.Length == 0 ? [] : [_dates[index]], layers: layers);
    }

    /// <summary>A copy of the values of one band at one date (row-major; NaN = nodata).</summary>
    /// <param name="band">Band name (default: the first band).</param>
    /// <param name="date">0-based date index (default 0).</param>
    public float[] ToArray(string? band = null, int date = 0)
    {
        Check.InRange(date, 0, DateCount - 1);
        return (float[])Layer(band is null ? 0 : IndexOf(band), date).Clone();
    }

    /// <summary>The value of one cell (NaN = nodata).</summary>
    public float Value(int column, int row, string? band = null, int date = 0)
    {
        Check.InRange(column, 0, Width - 1); Check.InRange(row, 0, Height - 1); Check.InRange(date, 0, DateCount - 1);
        return Layer(band is null ? 0 : IndexOf(band), date)[row * Width + column];
    }

    /// <summary>The same values under another title.</summary>
    public Raster WithTitle(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return With(title: title);
    }

    /// <summary>The same values with one unit for every band.</summary>
    public Raster WithUnit(string unit) => With(units: Enumerable.Repeat(unit ?? "", BandCount).ToArray());

    /// <summary>The same values as a categorical raster with class names (every finite value must be a class
    /// code).</summary>
    public Raster WithClasses(RasterClasses classes) =>
        With(classes: classes ?? throw new ArgumentNullException(nameof(classes)), noData: RasterNoData.Byte);

    /// <summary>The same values with one band renamed.</summary>
    public Raster Rename(string band, string newName)
    {
        var names = (string[])_bands.Clone();
        names[IndexOf(band)] = newName;
        return With(bands: names);
    }

    /// <summary>The bands of several aligned rasters side by side (each with the same dates).</summary>
    public static Raster MergeBands(params Raster[] rasters)
    {
        ArgumentNullException.ThrowIfNull(rasters);
        if (rasters.Length == 0) throw new ArgumentException("MergeBands needs at least one raster.");
        var first = rasters[0];
        foreach (var r in rasters.Skip(1))
        {
            RasterAlgebra.EnsureAligned(first, r, "MergeBands");
            if (!r._dates.SequenceEqual(first._dates))
                throw new ArgumentException("MergeBands: the rasters have different dates; expected the same dates.");
        }
        var bands = rasters.SelectMany(r => r._bands).ToArray();
        var layers = rasters.SelectMany(r => r._layers).ToArray();
        var units = rasters.SelectMany(r => r._units).ToArray();
        return Build(first.Grid, bands, layers,
            new RasterOptions(Units: units, Dates: first._dates, NoData: first.NoData));
    }

    /// <summary>A stack over dates from aligned single-date rasters with the same bands, one per date.</summary>
    public static Raster StackDates(IReadOnlyList<Raster> rasters, IReadOnlyList<DateTime> dates)
    {
        ArgumentNullException.ThrowIfNull(rasters); ArgumentNullException.ThrowIfNull(dates);
        Check.SameLength(rasters.Count, dates.Count, "rasters and dates");
        if (rasters.Count == 0) throw new ArgumentException("StackDates needs at least one raster.");
        var first = rasters[0];
        foreach (var r in rasters)
        {
            RasterAlgebra.EnsureAligned(first, r, "StackDates");
            if (r.DateCount != 1 || !r._bands.SequenceEqual(first._bands))
                throw new ArgumentException("StackDates: every raster must have one date and the same bands as the " +
                    "first.");
        }
        var layers = Enumerable.Range(0, first.BandCount).SelectMany(b => rasters.Select(r => r.Layer(b, 0))).ToArray();
        return Build(first.Grid, first._bands, layers, new RasterOptions(Units: first._units, Dates: dates,
            NoData: first.NoData, Classes: first.Classes, Title: first.Title));
    }

    /// <summary>The band names joined ("B02, B03, …").</summary>
    private string BandList =>
        _bands.Length <= 4 ? string.Join(", ", _bands) : $"{_bands[0]} … {_bands[^1]} ({_bands.Length})";

    /// <inheritdoc/>
    public override string ToString()
    {
        string units = _units.Distinct().Count() == 1 && _units[0].Length > 0 ? $" ({_units[0]})" : "";
        string dates = _dates.Length switch
        {
            0 => "",
            1 => string.Create(CultureInfo.InvariantCulture, $", {_dates[0]:yyyy-MM-dd}"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $", {_dates.Length} dates {_dates.Min():yyyy-MM-dd}…{_dates.Max():yyyy-MM-dd}"),
        };
        string cls = Classes is null ? "" : $", classes: {Classes}";
        return $"Raster{(Title is null ? "" : $" \"{Title}\"")} {Width}×{Height} px, {Grid.Crs}, " +
               $"bands {BandList}{units}{dates}{cls}";
    }
}
