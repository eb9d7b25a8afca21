using System.Reflection;
using System.Runtime.InteropServices;

namespace SoilNotebooks.Rasters;

/// <summary>GDAL pixel data types (the values of the C enum <c>GDALDataType</c>).</summary>
public enum GdalDataType
{
    /// <summary>Unknown or unspecified.</summary>
    Unknown = 0,
    /// <summary>8-bit unsigned integer.</summary>
    Byte = 1,
    /// <summary>16-bit unsigned integer.</summary>
    UInt16 = 2,
    /// <summary>16-bit signed integer.</summary>
    Int16 = 3,
    /// <summary>32-bit unsigned integer.</summary>
    UInt32 = 4,
    /// <summary>32-bit signed integer.</summary>
    Int32 = 5,
    /// <summary>32-bit IEEE float.</summary>
    Float32 = 6,
    /// <summary>64-bit IEEE float.</summary>
    Float64 = 7,
}

/// <summary>Resampling used when warping a raster onto another grid (values of <c>GDALResampleAlg</c>).</summary>
public enum Resampling
{
    /// <summary>Nearest neighbour (categorical data such as SCL).</summary>
    Nearest = 0,
    /// <summary>Bilinear interpolation (2×2 kernel).</summary>
    Bilinear = 1,
    /// <summary>Average of all contributing source pixels (non-nodata), for downsampling.</summary>
    Average = 5,
}

/// <summary>
/// Raw P/Invoke declarations for the GDAL C API (Debian <c>libgdal32</c>, GDAL 3.6). The library is
/// resolved by <see cref="Gdal"/>: <c>libgdal.so.32</c> first, then other common names.
/// </summary>
internal static partial class GdalNative
{
    internal const string Lib = "gdal";

    internal const uint GDAL_OF_READONLY = 0x00;
    internal const uint GDAL_OF_UPDATE = 0x01;
    internal const uint GDAL_OF_RASTER = 0x02;
    internal const uint GDAL_OF_VERBOSE_ERROR = 0x40;

    internal const int GF_Read = 0;
    internal const int GF_Write = 1;

    [LibraryImport(Lib)] internal static partial void GDALAllRegister();
    [LibraryImport(Lib)] internal static partial IntPtr GDALVersionInfo([MarshalAs(UnmanagedType.LPUTF8Str)] string request);
    [LibraryImport(Lib)] internal static partial IntPtr CPLGetLastErrorMsg();
    [LibraryImport(Lib)] internal static partial int CPLGetLastErrorType();
    [LibraryImport(Lib)] internal static partial void CPLErrorReset();
    [LibraryImport(Lib)] internal static partial IntPtr CPLSetErrorHandler(IntPtr handler);
    [LibraryImport(Lib)] internal static partial void VSIFree(IntPtr p);
    [LibraryImport(Lib)] internal static partial void GDALSetCacheMax64(long bytes);
    [LibraryImport(Lib)] internal static partial IntPtr CPLSetConfigOption([MarshalAs(UnmanagedType.LPUTF8Str)] string key, [MarshalAs(UnmanagedType.LPUTF8Str)] string? value);

    [LibraryImport(Lib)] internal static partial IntPtr GDALOpenEx([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint flags, IntPtr allowedDrivers, IntPtr openOptions, IntPtr siblings);
    [LibraryImport(Lib)] internal static partial void GDALClose(IntPtr ds);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterXSize(IntPtr ds);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterYSize(IntPtr ds);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterCount(IntPtr ds);
    [LibraryImport(Lib)] internal static unsafe partial int GDALGetGeoTransform(IntPtr ds, double* gt);
    [LibraryImport(Lib)] internal static unsafe partial int GDALSetGeoTransform(IntPtr ds, double* gt);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetProjectionRef(IntPtr ds);
    [LibraryImport(Lib)] internal static partial int GDALSetProjection(IntPtr ds, [MarshalAs(UnmanagedType.LPUTF8Str)] string wkt);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetRasterBand(IntPtr ds, int band);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetDatasetDriver(IntPtr ds);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetDriverShortName(IntPtr driver);
    [LibraryImport(Lib)] internal static partial void GDALFlushCache(IntPtr ds);

    [LibraryImport(Lib)] internal static unsafe partial double GDALGetRasterNoDataValue(IntPtr band, int* success);
    [LibraryImport(Lib)] internal static partial int GDALSetRasterNoDataValue(IntPtr band, double value);
    [LibraryImport(Lib)] internal static unsafe partial double GDALGetRasterScale(IntPtr band, int* success);
    [LibraryImport(Lib)] internal static unsafe partial double GDALGetRasterOffset(IntPtr band, int* success);
    [LibraryImport(Lib)] internal static partial int GDALSetRasterScale(IntPtr band, double value);
    [LibraryImport(Lib)] internal static partial int GDALSetRasterOffset(IntPtr band, double value);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterDataType(IntPtr band);
    [LibraryImport(Lib)] internal static unsafe partial void GDALGetBlockSize(IntPtr band, int* x, int* y);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetDescription(IntPtr obj);
    [LibraryImport(Lib)] internal static partial void GDALSetDescription(IntPtr obj, [MarshalAs(UnmanagedType.LPUTF8Str)] string description);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetMetadataItem(IntPtr obj, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string? domain);
    [LibraryImport(Lib)] internal static partial int GDALSetMetadataItem(IntPtr obj, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, [MarshalAs(UnmanagedType.LPUTF8Str)] string? domain);
    [LibraryImport(Lib)] internal static partial int GDALRasterIO(IntPtr band, int rw, int xOff, int yOff, int xSize, int ySize, IntPtr buffer, int bufXSize, int bufYSize, int bufType, int pixelSpace, int lineSpace);

    [LibraryImport(Lib)] internal static partial IntPtr GDALGetDriverByName([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    [LibraryImport(Lib)] internal static partial IntPtr GDALCreate(IntPtr driver, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int x, int y, int bands, int type, IntPtr options);
    [LibraryImport(Lib)] internal static partial IntPtr GDALCreateCopy(IntPtr driver, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr src, int strict, IntPtr options, IntPtr progress, IntPtr progressData);
    [LibraryImport(Lib)] internal static partial int GDALReprojectImage(IntPtr src, [MarshalAs(UnmanagedType.LPUTF8Str)] string? srcWkt, IntPtr dst, [MarshalAs(UnmanagedType.LPUTF8Str)] string? dstWkt, int resample, double memLimit, double maxError, IntPtr progress, IntPtr progressArg, IntPtr warpOptions);

    [LibraryImport(Lib)] internal static partial IntPtr OSRNewSpatialReference([MarshalAs(UnmanagedType.LPUTF8Str)] string? wkt);
    [LibraryImport(Lib)] internal static partial void OSRDestroySpatialReference(IntPtr srs);
    [LibraryImport(Lib)] internal static partial int OSRImportFromEPSG(IntPtr srs, int code);
    [LibraryImport(Lib)] internal static partial int OSRSetFromUserInput(IntPtr srs, [MarshalAs(UnmanagedType.LPUTF8Str)] string input);
    [LibraryImport(Lib)] internal static partial int OSRExportToWkt(IntPtr srs, out IntPtr wkt);
    [LibraryImport(Lib)] internal static partial void OSRSetAxisMappingStrategy(IntPtr srs, int strategy);
    [LibraryImport(Lib)] internal static partial int OSRAutoIdentifyEPSG(IntPtr srs);
    [LibraryImport(Lib)] internal static partial IntPtr OSRGetAuthorityCode(IntPtr srs, [MarshalAs(UnmanagedType.LPUTF8Str)] string? key);
    [LibraryImport(Lib)] internal static partial IntPtr OSRGetAuthorityName(IntPtr srs, [MarshalAs(UnmanagedType.LPUTF8Str)] string? key);
    [LibraryImport(Lib)] internal static partial int OSRIsSame(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr OCTNewCoordinateTransformation(IntPtr src, IntPtr dst);
    [LibraryImport(Lib)] internal static partial void OCTDestroyCoordinateTransformation(IntPtr ct);
    [LibraryImport(Lib)] internal static unsafe partial int OCTTransform(IntPtr ct, int count, double* x, double* y, double* z);

    static GdalNative()
    {
        try { NativeLibrary.SetDllImportResolver(typeof(GdalNative).Assembly, Resolve); }
        catch (InvalidOperationException)
        {
            // Another component of this assembly already installed a resolver: fall back to the load-context event.
            System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(GdalNative).Assembly)!.ResolvingUnmanagedDll +=
                (asm, name) => name == Lib ? Gdal.LoadLibraryOrThrow() : IntPtr.Zero;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == Lib ? Gdal.LoadLibraryOrThrow() : IntPtr.Zero;
}
