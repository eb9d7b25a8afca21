using System.Globalization;
using System.Runtime.InteropServices;

namespace SoilNotebooks.Rasters;

/// <summary>
/// GDAL affine geotransform: x = OriginX + col·PixelWidth + row·RowRotation, y = OriginY + col·ColumnRotation + row·PixelHeight,
/// with (col, row) the pixel corner coordinates (0, 0 = top-left corner of the top-left pixel). Units are those of the CRS
/// (metres for UTM). North-up rasters have zero rotations and a negative <see cref="PixelHeight"/>.
/// </summary>
public sealed record GeoTransform(double OriginX, double PixelWidth, double RowRotation, double OriginY, double ColumnRotation, double PixelHeight)
{
    /// <summary>A north-up transform with square pixels of <paramref name="pixelSize"/> CRS units.</summary>
    public static GeoTransform NorthUp(double originX, double originY, double pixelSize) =>
        new(Check.Finite(originX), Check.Positive(pixelSize), 0, Check.Finite(originY), 0, -pixelSize);

    /// <summary>The six coefficients in GDAL order.</summary>
    public double[] ToArray() => [OriginX, PixelWidth, RowRotation, OriginY, ColumnRotation, PixelHeight];

    /// <summary>From the six coefficients in GDAL order.</summary>
    public static GeoTransform FromArray(ReadOnlySpan<double> a)
    {
        if (a.Length != 6) throw new ArgumentException($"A geotransform has 6 coefficients (got {a.Length}).");
        return new(a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    /// <summary>Whether there is no rotation term.</summary>
    public bool IsNorthUp => RowRotation == 0 && ColumnRotation == 0;

    /// <summary>CRS coordinates of a fractional pixel position (use col + 0.5, row + 0.5 for a pixel centre).</summary>
    public (double X, double Y) PixelToWorld(double col, double row) =>
        (OriginX + col * PixelWidth + row * RowRotation, OriginY + col * ColumnRotation + row * PixelHeight);

    /// <summary>Fractional pixel position (col, row) of CRS coordinates (inverse of <see cref="PixelToWorld"/>).</summary>
    public (double Col, double Row) WorldToPixel(double x, double y)
    {
        double det = PixelWidth * PixelHeight - RowRotation * ColumnRotation;
        if (det == 0) throw new InvalidOperationException("The geotransform is singular (zero pixel size).");
        double dx = x - OriginX, dy = y - OriginY;
        return ((dx * PixelHeight - dy * RowRotation) / det, (dy * PixelWidth - dx * ColumnRotation) / det);
    }

    /// <summary>Whether two transforms agree to within <paramref name="tolerance"/> of a pixel.</summary>
    public bool AlmostEquals(GeoTransform o, double tolerance = 1e-6)
    {
        double px = Math.Abs(PixelWidth);
        return Math.Abs(OriginX - o.OriginX) <= tolerance * px && Math.Abs(OriginY - o.OriginY) <= tolerance * Math.Abs(PixelHeight)
            && Math.Abs(PixelWidth - o.PixelWidth) <= tolerance * px && Math.Abs(PixelHeight - o.PixelHeight) <= tolerance * Math.Abs(PixelHeight)
            && Math.Abs(RowRotation - o.RowRotation) <= tolerance * px && Math.Abs(ColumnRotation - o.ColumnRotation) <= tolerance * px;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{OriginX}, {PixelWidth}, {RowRotation}, {OriginY}, {ColumnRotation}, {PixelHeight}]");
}

/// <summary>A rectangular pixel window (rasterio's <c>Window</c>): column/row offset and size in pixels.</summary>
public readonly record struct RasterWindow(int ColumnOffset, int RowOffset, int Width, int Height)
{
    /// <summary>Number of pixels.</summary>
    public int PixelCount => Width * Height;

    /// <summary>Windows of at most <paramref name="tileSize"/>² pixels covering a <paramref name="width"/> × <paramref name="height"/> raster, row by row.</summary>
    public static IEnumerable<RasterWindow> Tiles(int width, int height, int tileSize)
    {
        Check.Positive(width); Check.Positive(height); Check.Positive(tileSize);
        for (int r = 0; r < height; r += tileSize)
            for (int c = 0; c < width; c += tileSize)
                yield return new RasterWindow(c, r, Math.Min(tileSize, width - c), Math.Min(tileSize, height - r));
    }

    /// <summary>Throws unless the window lies inside a raster of the given size.</summary>
    public void EnsureInside(int width, int height)
    {
        if (Width <= 0 || Height <= 0 || ColumnOffset < 0 || RowOffset < 0 || ColumnOffset + Width > width || RowOffset + Height > height)
            throw new ArgumentOutOfRangeException(nameof(RasterWindow), $"Window {this} must be non-empty and inside the {width} × {height} raster.");
    }
}

/// <summary>
/// A coordinate reference system, held as GDAL's WKT (with its EPSG code when one is identified).
/// Create with <see cref="FromEpsg"/>, <see cref="FromWkt"/> or <see cref="Parse"/> ("EPSG:32633", WKT, PROJ string).
/// </summary>
public sealed class Crs : IEquatable<Crs>
{
    /// <summary>WKT (GDAL's WKT1 export) of the CRS.</summary>
    public string Wkt { get; }

    /// <summary>EPSG code when the CRS carries or can be identified with one; otherwise null.</summary>
    public int? Epsg { get; }

    private Crs(string wkt, int? epsg) { Wkt = wkt; Epsg = epsg; }

    /// <summary>"No CRS" (a raster without georeferencing): only the same as itself; cannot be transformed.</summary>
    public static Crs Undefined { get; } = new("", null);

    /// <summary>Whether this is <see cref="Undefined"/>.</summary>
    public bool IsUndefined => Wkt.Length == 0;

    /// <summary>The CRS for an EPSG code (e.g. 32633 = WGS 84 / UTM zone 33N, 4326 = WGS 84 geographic).</summary>
    public static Crs FromEpsg(int code)
    {
        Check.Positive(code);
        using var h = NewSrs();
        if (GdalNative.OSRImportFromEPSG(h.DangerousGetHandle(), code) != 0)
            throw new ArgumentException($"EPSG:{code} is not a known coordinate reference system: {Gdal.LastError()}");
        return FromHandle(h, code);
    }

    /// <summary>The CRS for a WKT string.</summary>
    public static Crs FromWkt(string wkt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(wkt);
        return Parse(wkt);
    }

    /// <summary>The CRS for any definition GDAL understands: "EPSG:n", WKT, PROJ string, OGC URN.</summary>
    public static Crs Parse(string definition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(definition);
        using var h = NewSrs();
        if (GdalNative.OSRSetFromUserInput(h.DangerousGetHandle(), definition.Trim()) != 0)
            throw new ArgumentException($"'{Shorten(definition)}' is not a coordinate reference system GDAL understands (expected e.g. EPSG:32633 or WKT): {Gdal.LastError()}");
        return FromHandle(h, null);
    }

    internal static Crs FromHandle(SpatialReferenceHandle h, int? knownEpsg)
    {
        var p = h.DangerousGetHandle();
        Gdal.CheckOgr(GdalNative.OSRExportToWkt(p, out var wktPtr), "Exporting a CRS to WKT");
        string wkt;
        try { wkt = Gdal.PtrToString(wktPtr) ?? ""; } finally { GdalNative.VSIFree(wktPtr); }
        int? epsg = knownEpsg;
        if (epsg is null)
        {
            var name = Gdal.PtrToString(GdalNative.OSRGetAuthorityName(p, null));
            if (name is null) { GdalNative.OSRAutoIdentifyEPSG(p); name = Gdal.PtrToString(GdalNative.OSRGetAuthorityName(p, null)); }
            var code = Gdal.PtrToString(GdalNative.OSRGetAuthorityCode(p, null));
            if (string.Equals(name, "EPSG", StringComparison.OrdinalIgnoreCase) && int.TryParse(code, CultureInfo.InvariantCulture, out var c)) epsg = c;
        }
        return new Crs(wkt, epsg);
    }

    internal static SpatialReferenceHandle NewSrs()
    {
        Gdal.EnsureInitialized();
        var p = GdalNative.OSRNewSpatialReference(null);
        if (p == IntPtr.Zero) throw Gdal.Error("Creating a spatial reference");
        return new SpatialReferenceHandle(p);
    }

    /// <summary>A GDAL spatial reference for this CRS with traditional GIS axis order (x = easting/longitude, y = northing/latitude).</summary>
    internal SpatialReferenceHandle ToHandle()
    {
        if (IsUndefined) throw new InvalidOperationException("The raster has no coordinate reference system; assign one (e.g. gdal_edit.py -a_srs EPSG:32633) first.");
        var h = NewSrs();
        if (GdalNative.OSRSetFromUserInput(h.DangerousGetHandle(), Wkt) != 0) { h.Dispose(); throw Gdal.Error("Parsing CRS WKT"); }
        GdalNative.OSRSetAxisMappingStrategy(h.DangerousGetHandle(), 0 /* OAMS_TRADITIONAL_GIS_ORDER */);
        return h;
    }

    /// <summary>Whether GDAL considers the two CRSs the same (<c>OSRIsSame</c>).</summary>
    public bool IsSameAs(Crs other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Wkt == other.Wkt) return true;
        if (IsUndefined || other.IsUndefined) return false;
        using var a = ToHandle();
        using var b = other.ToHandle();
        return GdalNative.OSRIsSame(a.DangerousGetHandle(), b.DangerousGetHandle()) != 0;
    }

    /// <inheritdoc/>
    public bool Equals(Crs? other) => other is not null && IsSameAs(other);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Crs);
    /// <inheritdoc/>
    public override int GetHashCode() => Epsg ?? 0;
    /// <inheritdoc/>
    public override string ToString() => Epsg is int e ? $"EPSG:{e}" : IsUndefined ? "(no CRS)" : Shorten(Wkt);

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}

/// <summary>
/// The pixel grid of a raster: size in pixels, geotransform and CRS. Two rasters are pixel-aligned when their grids are
/// <see cref="IsAlignedWith">aligned</see>.
/// </summary>
public sealed record RasterGrid
{
    /// <summary>Columns (pixels along x), ≥ 1.</summary>
    public int Width { get; }
    /// <summary>Rows (pixels along y), ≥ 1.</summary>
    public int Height { get; }
    /// <summary>Pixel → CRS coordinates.</summary>
    public GeoTransform Transform { get; }
    /// <summary>Coordinate reference system.</summary>
    public Crs Crs { get; }

    /// <summary>Creates a grid; checks the sizes.</summary>
    public RasterGrid(int width, int height, GeoTransform transform, Crs crs)
    {
        Width = Check.Positive(width); Height = Check.Positive(height);
        Transform = transform ?? throw new ArgumentNullException(nameof(transform));
        Crs = crs ?? throw new ArgumentNullException(nameof(crs));
    }

    /// <summary>Pixel size along x in CRS units (metres for UTM).</summary>
    public double PixelSizeX => Math.Abs(Transform.PixelWidth);
    /// <summary>Pixel size along y in CRS units.</summary>
    public double PixelSizeY => Math.Abs(Transform.PixelHeight);

    /// <summary>Bounds (min x, min y, max x, max y) in CRS units (north-up grids).</summary>
    public (double MinX, double MinY, double MaxX, double MaxY) Bounds
    {
        get
        {
            var (x0, y0) = Transform.PixelToWorld(0, 0);
            var (x1, y1) = Transform.PixelToWorld(Width, Height);
            return (Math.Min(x0, x1), Math.Min(y0, y1), Math.Max(x0, x1), Math.Max(y0, y1));
        }
    }

    /// <summary>The whole grid as a window.</summary>
    public RasterWindow FullWindow => new(0, 0, Width, Height);

    /// <summary>Centre of the grid in its CRS (the middle of <see cref="Bounds"/>).</summary>
    public (double X, double Y) Centre
    {
        get { var (minX, minY, maxX, maxY) = Bounds; return ((minX + maxX) / 2, (minY + maxY) / 2); }
    }

    /// <summary>The sub-grid covered by <paramref name="window"/>.</summary>
    public RasterGrid Subset(RasterWindow window)
    {
        window.EnsureInside(Width, Height);
        var (x, y) = Transform.PixelToWorld(window.ColumnOffset, window.RowOffset);
        return new RasterGrid(window.Width, window.Height, Transform with { OriginX = x, OriginY = y }, Crs);
    }

    /// <summary>Same size, same CRS and geotransform within 1e-6 pixel.</summary>
    public bool IsAlignedWith(RasterGrid other) =>
        other.Width == Width && other.Height == Height && Transform.AlmostEquals(other.Transform) && Crs.IsSameAs(other.Crs);

    /// <summary>Throws an <see cref="InvalidDataException"/> naming both grids unless they are aligned.</summary>
    public void EnsureAlignedWith(RasterGrid other, string what)
    {
        if (!IsAlignedWith(other))
            throw new InvalidDataException($"{what}: grid {other} does not match the reference grid {this}; warp it onto the reference grid first.");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Width}×{Height} px, {Crs}, transform {Transform}";
}

/// <summary>Description of one raster band: type, nodata, scale/offset (value = raw × Scale + Offset) and description.</summary>
/// <param name="Index">1-based band index.</param>
/// <param name="DataType">Stored pixel type.</param>
/// <param name="NoData">Nodata value in raw units, or null when the band has none.</param>
/// <param name="Scale">Scale factor (1 when unset).</param>
/// <param name="Offset">Offset (0 when unset).</param>
/// <param name="Description">Band description (may be empty).</param>
/// <param name="BlockWidth">Natural block width in pixels (tile or strip).</param>
/// <param name="BlockHeight">Natural block height in pixels.</param>
public sealed record RasterBandInfo(int Index, GdalDataType DataType, double? NoData, double Scale, double Offset, string Description, int BlockWidth, int BlockHeight);
