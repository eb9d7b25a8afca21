using System.Runtime.InteropServices;

namespace SoilNotebooks.Rasters;

/// <summary>
/// An open GDAL raster (any format GDAL reads). Reads windows of bands into <c>float</c> (scale/offset applied, nodata → NaN)
/// or raw <c>ushort</c>/<c>byte</c> arrays. Not thread-safe: use one instance per thread.
/// </summary>
public sealed class RasterDataset : IDisposable
{
    private readonly GdalDatasetHandle _handle;
    private readonly RasterBandInfo[] _bands;

    /// <summary>File the dataset was opened from.</summary>
    public string Path { get; }
    /// <summary>Pixel grid (size, geotransform, CRS).</summary>
    public RasterGrid Grid { get; }
    /// <summary>Number of bands.</summary>
    public int BandCount => _bands.Length;
    /// <summary>Band descriptions, index 0 = band 1.</summary>
    public IReadOnlyList<RasterBandInfo> Bands => _bands;
    /// <summary>GDAL driver short name (e.g. "GTiff").</summary>
    public string DriverName { get; }

    internal IntPtr Handle => _handle.DangerousGetHandle();

    private RasterDataset(string path, GdalDatasetHandle h)
    {
        Path = path;
        _handle = h;
        var p = h.DangerousGetHandle();
        DriverName = Gdal.PtrToString(GdalNative.GDALGetDriverShortName(GdalNative.GDALGetDatasetDriver(p))) ?? "";
        int w = GdalNative.GDALGetRasterXSize(p), hgt = GdalNative.GDALGetRasterYSize(p);
        var gt = new double[6];
        unsafe { fixed (double* g = gt) if (GdalNative.GDALGetGeoTransform(p, g) >= 3) gt = [0, 1, 0, 0, 0, 1]; }
        var wkt = Gdal.PtrToString(GdalNative.GDALGetProjectionRef(p));
        Grid = new RasterGrid(w, hgt, GeoTransform.FromArray(gt), string.IsNullOrWhiteSpace(wkt) ? Crs.Undefined : Crs.FromWkt(wkt));
        int n = GdalNative.GDALGetRasterCount(p);
        _bands = new RasterBandInfo[n];
        for (int i = 0; i < n; i++) _bands[i] = ReadBandInfo(p, i + 1);
    }

    private static unsafe RasterBandInfo ReadBandInfo(IntPtr ds, int index)
    {
        var b = GdalNative.GDALGetRasterBand(ds, index);
        int ok;
        double nd = GdalNative.GDALGetRasterNoDataValue(b, &ok);
        double? noData = ok != 0 ? nd : null;
        double scale = GdalNative.GDALGetRasterScale(b, &ok); if (ok == 0 || scale == 0) scale = 1;
        double offset = GdalNative.GDALGetRasterOffset(b, &ok); if (ok == 0) offset = 0;
        int bx, by;
        GdalNative.GDALGetBlockSize(b, &bx, &by);
        return new RasterBandInfo(index, (GdalDataType)GdalNative.GDALGetRasterDataType(b), noData, scale, offset,
            Gdal.PtrToString(GdalNative.GDALGetDescription(b)) ?? "", bx, by);
    }

    /// <summary>Opens a raster read-only.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="GdalException">GDAL cannot read it (corrupt or unsupported), with GDAL's message.</exception>
    public static RasterDataset Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Gdal.EnsureInitialized();
        if (!path.StartsWith("/vsi", StringComparison.Ordinal) && !File.Exists(path))
            throw new FileNotFoundException($"Raster file not found: '{path}'.", path);
        GdalNative.CPLErrorReset();
        var h = GdalNative.GDALOpenEx(path, GdalNative.GDAL_OF_RASTER | GdalNative.GDAL_OF_READONLY | GdalNative.GDAL_OF_VERBOSE_ERROR, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
        if (h == IntPtr.Zero) throw Gdal.Error($"Cannot open raster '{path}' (corrupt or not a raster format GDAL knows)");
        var handle = new GdalDatasetHandle(h);
        try { return new RasterDataset(path, handle); }
        catch { handle.Dispose(); throw; }
    }

    private IntPtr BandHandle(int band)
    {
        if (band < 1 || band > _bands.Length)
            throw new ArgumentOutOfRangeException(nameof(band), $"Band must be in [1, {_bands.Length}] for '{Path}' (got {band}).");
        return GdalNative.GDALGetRasterBand(Handle, band);
    }

    private unsafe void RasterIO<T>(int band, RasterWindow w, Span<T> dest, GdalDataType type, int bufW, int bufH) where T : unmanaged
    {
        w.EnsureInside(Grid.Width, Grid.Height);
        if (dest.Length < bufW * bufH) throw new ArgumentException($"Destination holds {dest.Length} values; the window needs {bufW * bufH}.");
        var b = BandHandle(band);
        GdalNative.CPLErrorReset();
        fixed (T* p = dest)
        {
            int err = GdalNative.GDALRasterIO(b, GdalNative.GF_Read, w.ColumnOffset, w.RowOffset, w.Width, w.Height, (IntPtr)p, bufW, bufH, (int)type, 0, 0);
            if (err >= 3) throw Gdal.Error($"Reading band {band} window {w} of '{Path}'");
        }
    }

    /// <summary>
    /// Reads a window of one band as physical values: raw × scale + offset, nodata pixels → NaN.
    /// </summary>
    /// <param name="band">1-based band index.</param>
    /// <param name="window">Window to read (default: whole raster).</param>
    /// <param name="applyScaleOffset">Apply the band's scale/offset metadata (default true).</param>
    public float[] ReadFloat(int band, RasterWindow? window = null, bool applyScaleOffset = true)
    {
        var w = window ?? Grid.FullWindow;
        var result = new float[w.PixelCount];
        ReadFloat(band, w, result, applyScaleOffset);
        return result;
    }

    /// <summary>Reads a window of one band as physical values into <paramref name="destination"/> (row-major, window width per row).</summary>
    public void ReadFloat(int band, RasterWindow window, Span<float> destination, bool applyScaleOffset = true)
    {
        RasterIO(band, window, destination, GdalDataType.Float32, window.Width, window.Height);
        var info = _bands[band - 1];
        int n = window.PixelCount;
        float nd = info.NoData is double d ? (float)d : float.NaN;
        bool hasNd = info.NoData is double d2 && !double.IsNaN(d2);
        float scale = applyScaleOffset ? (float)info.Scale : 1f, offset = applyScaleOffset ? (float)info.Offset : 0f;
        bool affine = scale != 1f || offset != 0f;
        var span = destination[..n];
        for (int i = 0; i < span.Length; i++)
        {
            float v = span[i];
            if (hasNd && v == nd) span[i] = float.NaN;
            else if (affine) span[i] = v * scale + offset;
        }
    }

    /// <summary>Reads several bands (1-based indices) of the same window as physical values.</summary>
    public float[][] ReadFloat(IReadOnlyList<int> bands, RasterWindow? window = null) =>
        bands.Select(b => ReadFloat(b, window)).ToArray();

    /// <summary>Reads a window of one band as raw unsigned 16-bit values (no scale, nodata kept as stored; see <see cref="Bands"/>).</summary>
    public ushort[] ReadUInt16(int band, RasterWindow? window = null)
    {
        var w = window ?? Grid.FullWindow;
        var result = new ushort[w.PixelCount];
        RasterIO(band, w, result.AsSpan(), GdalDataType.UInt16, w.Width, w.Height);
        return result;
    }

    /// <summary>Reads a window of one band as raw bytes (e.g. Sentinel-2 SCL classes) into <paramref name="destination"/>.</summary>
    public void ReadByte(int band, RasterWindow window, Span<byte> destination) =>
        RasterIO(band, window, destination, GdalDataType.Byte, window.Width, window.Height);

    /// <summary>Reads a window of one band as raw bytes.</summary>
    public byte[] ReadByte(int band, RasterWindow? window = null)
    {
        var w = window ?? Grid.FullWindow;
        var result = new byte[w.PixelCount];
        ReadByte(band, w, result);
        return result;
    }

    /// <summary>A metadata item of the dataset (default domain), or null.</summary>
    public string? GetMetadataItem(string name, string? domain = null) => Gdal.PtrToString(GdalNative.GDALGetMetadataItem(Handle, name, domain));

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();
}
