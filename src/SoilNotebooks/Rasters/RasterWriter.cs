using SoilNotebooks.IO;

namespace SoilNotebooks.Rasters;

/// <summary>How a GeoTIFF is written.</summary>
/// <param name="DataType">Stored pixel type (default Float32).</param>
/// <param name="NoData">Nodata value (raw units) written to every band; NaN floats are stored as this value. Null: none.</param>
/// <param name="BlockSize">Tile size in pixels (multiple of 16, default 256).</param>
/// <param name="Cloud">Write a Cloud-Optimized GeoTIFF (COG driver, with overviews) instead of a plain tiled GeoTIFF.</param>
/// <param name="Descriptions">Band descriptions (one per band) or null.</param>
/// <param name="Metadata">Dataset metadata items (default domain) written to the file, or null.</param>
public sealed record GeoTiffOptions(GdalDataType DataType = GdalDataType.Float32, double? NoData = null,
    int BlockSize = 256, bool Cloud = false, IReadOnlyList<string>? Descriptions = null,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    internal IEnumerable<string> CreationOptions(bool cog)
    {
        bool isFloat = DataType is GdalDataType.Float32 or GdalDataType.Float64;
        if (cog)
        {
            yield return "COMPRESS=DEFLATE";
            yield return $"BLOCKSIZE={BlockSize}";
            yield return "PREDICTOR=" + (isFloat ? "FLOATING_POINT" : "YES");
            yield return "BIGTIFF=IF_SAFER";
        }
        else
        {
            yield return "TILED=YES";
            yield return $"BLOCKXSIZE={BlockSize}";
            yield return $"BLOCKYSIZE={BlockSize}";
            yield return "COMPRESS=DEFLATE";
            yield return "PREDICTOR=" + (isFloat ? "3" : "2");
            yield return "BIGTIFF=IF_SAFER";
        }
    }
}

/// <summary>
/// A GeoTIFF being written window by window (tiled, DEFLATE). Create it inside
/// <see cref="AtomicFile.WriteVia"/> (as <see cref="GeoTiff.Write(string, RasterGrid, IReadOnlyList{float[]}, GeoTiffOptions?)"/> does)
/// so readers never see a half-written file. Dispose closes and flushes it.
/// </summary>
public sealed class GeoTiffWriter : IDisposable
{
    private readonly GdalDatasetHandle _handle;
    private readonly GeoTiffOptions _options;

    /// <summary>Grid of the file.</summary>
    public RasterGrid Grid { get; }
    /// <summary>Number of bands.</summary>
    public int BandCount { get; }

    private GeoTiffWriter(GdalDatasetHandle h, RasterGrid grid, int bands, GeoTiffOptions options)
    { _handle = h; Grid = grid; BandCount = bands; _options = options; }

    /// <summary>Creates a tiled DEFLATE GeoTIFF at <paramref name="path"/> (overwriting), ready for window writes.</summary>
    public static GeoTiffWriter Create(string path, RasterGrid grid, int bandCount, GeoTiffOptions? options = null) =>
        CreateWithDriver("GTiff", path, grid, bandCount, options ?? new GeoTiffOptions(), (options ?? new()).CreationOptions(cog: false));

    internal static GeoTiffWriter CreateMem(RasterGrid grid, int bandCount, GeoTiffOptions options) =>
        CreateWithDriver("MEM", "", grid, bandCount, options, []);

    private static GeoTiffWriter CreateWithDriver(string driverName, string path, RasterGrid grid, int bandCount, GeoTiffOptions options, IEnumerable<string> creation)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Check.Positive(bandCount);
        if (options.BlockSize < 16 || options.BlockSize % 16 != 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"BlockSize must be a positive multiple of 16 (got {options.BlockSize}).");
        if (options.Descriptions is { } d && d.Count != bandCount)
            throw new ArgumentException($"{d.Count} band descriptions given for {bandCount} bands.");
        Gdal.EnsureInitialized();
        var driver = GdalNative.GDALGetDriverByName(driverName);
        if (driver == IntPtr.Zero) throw Gdal.Error($"GDAL driver {driverName} is not available");
        using var opts = new NativeStringList(creation);
        GdalNative.CPLErrorReset();
        var h = GdalNative.GDALCreate(driver, path, grid.Width, grid.Height, bandCount, (int)options.DataType, opts.Pointer);
        if (h == IntPtr.Zero) throw Gdal.Error($"Cannot create {driverName} raster '{path}'");
        var handle = new GdalDatasetHandle(h);
        try
        {
            var gt = grid.Transform.ToArray();
            unsafe { fixed (double* g = gt) Gdal.CheckCpl(GdalNative.GDALSetGeoTransform(h, g), "Setting the geotransform"); }
            if (!grid.Crs.IsUndefined) Gdal.CheckCpl(GdalNative.GDALSetProjection(h, grid.Crs.Wkt), "Setting the CRS");
            for (int b = 1; b <= bandCount; b++)
            {
                var bh = GdalNative.GDALGetRasterBand(h, b);
                if (options.NoData is double nd) Gdal.CheckCpl(GdalNative.GDALSetRasterNoDataValue(bh, nd), "Setting nodata");
                if (options.Descriptions is { } ds) GdalNative.GDALSetDescription(bh, ds[b - 1]);
            }
            foreach (var (key, value) in options.Metadata ?? new Dictionary<string, string>())
                GdalNative.GDALSetMetadataItem(h, key, value, null);
            return new GeoTiffWriter(handle, grid, bandCount, options);
        }
        catch { handle.Dispose(); throw; }
    }

    internal IntPtr Handle => _handle.DangerousGetHandle();

    /// <summary>
    /// Writes physical values of one band into a window. NaN becomes the nodata value (error if there is none and the type is
    /// an integer); integer types are rounded and clamped to the type's range.
    /// </summary>
    public unsafe void WriteWindow(int band, RasterWindow window, ReadOnlySpan<float> values)
    {
        if (band < 1 || band > BandCount) throw new ArgumentOutOfRangeException(nameof(band), $"Band must be in [1, {BandCount}] (got {band}).");
        window.EnsureInside(Grid.Width, Grid.Height);
        if (values.Length != window.PixelCount) throw new ArgumentException($"{values.Length} values given for a {window.Width}×{window.Height} window.");
        var bh = GdalNative.GDALGetRasterBand(Handle, band);
        GdalNative.CPLErrorReset();
        int err;
        if (_options.DataType is GdalDataType.Float32 or GdalDataType.Float64)
        {
            float[]? copy = null;
            if (_options.NoData is double nd && !double.IsNaN(nd))
            {
                copy = values.ToArray();
                for (int i = 0; i < copy.Length; i++) if (float.IsNaN(copy[i])) copy[i] = (float)nd;
            }
            fixed (float* p = copy is null ? values : copy)
                err = GdalNative.GDALRasterIO(bh, GdalNative.GF_Write, window.ColumnOffset, window.RowOffset, window.Width, window.Height, (IntPtr)p, window.Width, window.Height, (int)GdalDataType.Float32, 0, 0);
        }
        else
        {
            var (min, max) = _options.DataType switch
            {
                GdalDataType.Byte => (0.0, 255.0), GdalDataType.UInt16 => (0.0, 65535.0), GdalDataType.Int16 => (-32768.0, 32767.0),
                GdalDataType.UInt32 => (0.0, uint.MaxValue), _ => ((double)int.MinValue, (double)int.MaxValue),
            };
            var buf = new double[values.Length];
            for (int i = 0; i < buf.Length; i++)
            {
                float v = values[i];
                if (float.IsNaN(v))
                    buf[i] = _options.NoData ?? throw new ArgumentException($"Band {band} has NaN values but the {_options.DataType} file has no nodata value to store them as.");
                else buf[i] = Math.Clamp(Math.Round(v), min, max);
            }
            fixed (double* p = buf)
                err = GdalNative.GDALRasterIO(bh, GdalNative.GF_Write, window.ColumnOffset, window.RowOffset, window.Width, window.Height, (IntPtr)p, window.Width, window.Height, (int)GdalDataType.Float64, 0, 0);
        }
        if (err >= 3) throw Gdal.Error($"Writing band {band} window {window}");
    }

    /// <summary>Sets scale/offset metadata of a band (physical = raw × scale + offset).</summary>
    public void SetScaleOffset(int band, double scale, double offset)
    {
        var bh = GdalNative.GDALGetRasterBand(Handle, band);
        Gdal.CheckCpl(GdalNative.GDALSetRasterScale(bh, scale), "Setting scale");
        Gdal.CheckCpl(GdalNative.GDALSetRasterOffset(bh, offset), "Setting offset");
    }

    /// <summary>Sets a dataset metadata item (default domain).</summary>
    public void SetMetadata(string name, string value) => GdalNative.GDALSetMetadataItem(Handle, name, value, null);

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        if (!_handle.IsClosed) GdalNative.GDALFlushCache(Handle);
        _handle.Dispose();
    }
}

/// <summary>Whole-raster GeoTIFF / COG writing, always atomic (temporary file moved into place on success).</summary>
public static class GeoTiff
{
    /// <summary>
    /// Writes bands (each Width × Height, row-major, physical values, NaN = nodata) to a tiled DEFLATE GeoTIFF — or a COG
    /// when <see cref="GeoTiffOptions.Cloud"/> — atomically.
    /// </summary>
    public static void Write(string path, RasterGrid grid, IReadOnlyList<float[]> bands, GeoTiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0) throw new ArgumentException("At least one band is needed.");
        foreach (var b in bands)
            if (b.Length != grid.Width * grid.Height) throw new ArgumentException($"A band has {b.Length} values; the {grid.Width}×{grid.Height} grid needs {grid.Width * grid.Height}.");
        options ??= new GeoTiffOptions();
        AtomicFile.WriteVia(path, temp =>
        {
            if (!options.Cloud)
            {
                using var w = GeoTiffWriter.Create(temp, grid, bands.Count, options);
                for (int i = 0; i < bands.Count; i++) w.WriteWindow(i + 1, grid.FullWindow, bands[i]);
            }
            else
            {
                using var mem = GeoTiffWriter.CreateMem(grid, bands.Count, options);
                for (int i = 0; i < bands.Count; i++) mem.WriteWindow(i + 1, grid.FullWindow, bands[i]);
                CreateCopy("COG", temp, mem.Handle, options.CreationOptions(cog: true));
            }
        });
    }

    /// <summary>Converts an existing raster into a Cloud-Optimized GeoTIFF (DEFLATE, tiled, overviews), atomically.</summary>
    public static void ToCog(string sourcePath, string destinationPath, GeoTiffOptions? options = null)
    {
        options ??= new GeoTiffOptions();
        using var src = RasterDataset.Open(sourcePath);
        AtomicFile.WriteVia(destinationPath, temp => CreateCopy("COG", temp, src.Handle, (options with { DataType = src.Bands[0].DataType }).CreationOptions(cog: true)));
    }

    internal static void ToCogUnchecked(string sourcePath, string destinationPath)
    {
        using var src = RasterDataset.Open(sourcePath);
        CreateCopy("COG", destinationPath, src.Handle, new GeoTiffOptions(src.Bands[0].DataType).CreationOptions(cog: true));
    }

    internal static void CreateCopy(string driverName, string path, IntPtr source, IEnumerable<string> creation)
    {
        Gdal.EnsureInitialized();
        var driver = GdalNative.GDALGetDriverByName(driverName);
        if (driver == IntPtr.Zero) throw Gdal.Error($"GDAL driver {driverName} is not available");
        using var opts = new NativeStringList(creation);
        GdalNative.CPLErrorReset();
        var h = GdalNative.GDALCreateCopy(driver, path, source, 0, opts.Pointer, IntPtr.Zero, IntPtr.Zero);
        if (h == IntPtr.Zero) throw Gdal.Error($"Cannot write {driverName} '{path}'");
        GdalNative.GDALClose(h);
    }
}
