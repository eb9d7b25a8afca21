using System.Globalization;

namespace SoilNotebooks.Rasters;

/// <summary>How a raster file is read.</summary>
/// <param name="Window">Pixel window to read (default: the whole raster).</param>
/// <param name="BandNames">Band names to use instead of the file's (one per band).</param>
/// <param name="Unit">Unit of every band, instead of the file's.</param>
/// <param name="Classes">Class names of a categorical raster (e.g. an SCL file), instead of the file's.</param>
public sealed record RasterReadOptions(RasterWindow? Window = null, IReadOnlyList<string>? BandNames = null,
    string? Unit = null, RasterClasses? Classes = null);

/// <summary>
/// Reading a <see cref="Raster"/> from any raster file GDAL reads (<see cref="RasterDataset"/>) and writing it to a
/// tiled DEFLATE GeoTIFF or a Cloud-Optimized GeoTIFF, atomically (<see cref="GeoTiff.Write"/>). Band names, units,
/// dates and classes travel in the file's metadata (<c>SOILNB_*</c> items) and band descriptions, so a written raster
/// reads back the same; other files get their bands' descriptions (or "band_1", …) as names.
/// </summary>
public static class RasterFiles
{
    /// <summary>Metadata item holding the band names, ';'-separated.</summary>
    public const string BandsKey = "SOILNB_BANDS";
    /// <summary>Metadata item holding the units, one per band, ';'-separated.</summary>
    public const string UnitsKey = "SOILNB_UNITS";
    /// <summary>Metadata item holding the dates of a stack (ISO 8601, ';'-separated).</summary>
    public const string DatesKey = "SOILNB_DATES";
    /// <summary>Metadata item holding the classes of a categorical raster
    /// (<see cref="RasterClasses.Serialize"/>).</summary>
    public const string ClassesKey = "SOILNB_CLASSES";
    /// <summary>Metadata item holding the title.</summary>
    public const string TitleKey = "SOILNB_TITLE";

    /// <summary>Reads a raster file (all bands, whole grid) with the names, units and dates it carries.</summary>
    public static Raster Read(string path) => Read(path, new RasterReadOptions());

    /// <summary>Reads a raster file with <paramref name="options"/>.</summary>
    public static Raster Read(string path, RasterReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var ds = RasterDataset.Open(path);
        var window = options.Window ?? ds.Grid.FullWindow;
        window.EnsureInside(ds.Grid.Width, ds.Grid.Height);
        var grid = ds.Grid.Subset(window);
        string[] Split(string? s) => s is null ? [] : s.Split(';');
        var dates = Split(ds.GetMetadataItem(DatesKey)).Where(s => s.Length > 0)
            .Select(s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)).ToArray();
        int nDates = Math.Max(1, dates.Length);
        var bands = options.BandNames?.ToArray() ?? Split(ds.GetMetadataItem(BandsKey));
        if (bands.Length == 0 || (options.BandNames is null && bands.Length * nDates != ds.BandCount))
        {
            dates = []; nDates = 1;
            var desc = ds.Bands.Select(b => b.Description.Trim()).ToArray();
            bands = desc.All(d => d.Length > 0 && !d.Contains(';')) && desc.Distinct().Count() == desc.Length
                ? desc : Enumerable.Range(1, ds.BandCount).Select(i => $"band_{i}").ToArray();
        }
        if (bands.Length * nDates != ds.BandCount)
            throw new ArgumentException($"'{path}' has {ds.BandCount} bands; {bands.Length} band name(s) × {nDates} " +
                $"date(s) were given.");
        var units = options.Unit is { } u
            ? Enumerable.Repeat(u, bands.Length).ToArray()
            : Split(ds.GetMetadataItem(UnitsKey));
        if (units.Length != bands.Length) units = Enumerable.Repeat("", bands.Length).ToArray();
        var classes = options.Classes
            ?? (ds.GetMetadataItem(ClassesKey) is { Length: > 0 } c ? RasterClasses.Parse(c) : null);
        var info = ds.Bands[0];
        var noData = info.DataType is GdalDataType.Float32 or GdalDataType.Float64 or GdalDataType.Byte
            or GdalDataType.UInt16 or GdalDataType.Int16 or GdalDataType.UInt32 or GdalDataType.Int32
            ? new RasterNoData(info.DataType, info.NoData) : RasterNoData.Float32;
        var layers = Enumerable.Range(1, ds.BandCount).Select(b => ds.ReadFloat(b, window)).ToArray();
        return Raster.Build(grid, bands, layers, new RasterOptions(Units: units, Dates: dates, NoData: noData,
            Classes: classes, Title: ds.GetMetadataItem(TitleKey)));
    }

    /// <summary>
    /// Writes the raster to a tiled DEFLATE GeoTIFF (or a COG when <paramref name="cloudOptimized"/>), atomically, in
    /// its <see cref="Raster.NoData"/> type with NaN stored as the nodata value; one file band per band × date.
    /// </summary>
    public static void WriteGeoTiff(this Raster raster, string path, bool cloudOptimized = false)
    {
        ArgumentNullException.ThrowIfNull(raster);
        double? nd = raster.NoData.Value ?? (raster.NoData.IsInteger ? null : float.NaN);
        raster.WriteGeoTiff(path, new GeoTiffOptions(raster.NoData.DataType, nd, Cloud: cloudOptimized));
    }

    /// <summary>
    /// Writes the raster with explicit GeoTIFF options; band descriptions ("B04" or "B04 2020-05-01" in a stack) and
    /// the <c>SOILNB_*</c> metadata are added unless the options set their own.
    /// </summary>
    public static void WriteGeoTiff(this Raster raster, string path, GeoTiffOptions options)
    {
        ArgumentNullException.ThrowIfNull(raster); ArgumentNullException.ThrowIfNull(options);
        var descriptions = Enumerable.Range(0, raster.BandCount).SelectMany(b => Enumerable.Range(0, raster.DateCount)
            .Select(d => raster.Dates.Count == 0 ? raster.Bands[b]
                : string.Create(CultureInfo.InvariantCulture,
                    $"{raster.Bands[b]} {raster.Dates[d]:yyyy-MM-dd}"))).ToArray();
        var meta = new Dictionary<string, string>
        {
            [BandsKey] = string.Join(";", raster.Bands),
            [UnitsKey] = string.Join(";", raster.Units),
        };
        if (raster.Dates.Count > 0)
            meta[DatesKey] = string.Join(";", raster.Dates.Select(d => d.ToString("o", CultureInfo.InvariantCulture)));
        if (raster.Classes is { } c) meta[ClassesKey] = c.Serialize();
        if (raster.Title is { } t) meta[TitleKey] = t;
        foreach (var (k, v) in options.Metadata ?? new Dictionary<string, string>()) meta[k] = v;
        var withNames = options with { Descriptions = options.Descriptions ?? descriptions, Metadata = meta };
        GeoTiff.Write(path, raster.Grid, raster.Layers, withNames);
    }
}
