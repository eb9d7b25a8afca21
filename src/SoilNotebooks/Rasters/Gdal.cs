using System.Runtime.InteropServices;

namespace SoilNotebooks.Rasters;

/// <summary>A GDAL call failed; the message carries GDAL's own <c>CPLGetLastErrorMsg</c> text.</summary>
public sealed class GdalException : IOException
{
    /// <summary>Creates the exception.</summary>
    public GdalException(string message) : base(message) { }
}

/// <summary>The GDAL shared library could not be loaded (it is not installed).</summary>
public sealed class GdalNotAvailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public GdalNotAvailableException(string message) : base(message) { }
}

/// <summary>
/// Entry point to the system GDAL library. Loads <c>libgdal.so.32</c> (Debian 12 <c>libgdal32</c>, GDAL 3.6),
/// then other common names; registers all drivers once; routes GDAL's errors into exceptions instead of
/// stderr.
/// </summary>
public static class Gdal
{
    /// <summary>Library names tried in order.</summary>
    public static IReadOnlyList<string> CandidateNames { get; } =
        ["libgdal.so.32", "libgdal.so.33", "libgdal.so.34", "libgdal.so.35", "libgdal.so.36", "libgdal.so.31", "libgdal.so.30", "libgdal.so", "libgdal.dylib", "gdal.dll", "gdal"];

    private static readonly object Gate = new();
    private static IntPtr _handle;
    private static bool _initialized;

    internal static IntPtr LoadLibraryOrThrow()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero) return _handle;
            _handle = LoadFirst(CandidateNames);
            return _handle;
        }
    }

    /// <summary>Loads the first library of <paramref name="names"/> that exists, or throws one clear error naming the package.</summary>
    internal static IntPtr LoadFirst(IReadOnlyList<string> names)
    {
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out var h)) return h;
        throw new GdalNotAvailableException(
            "The GDAL library was not found (tried " + string.Join(", ", names) +
            "). Install the Debian package 'libgdal32' (apt-get install -y libgdal32), or GDAL ≥ 3.4 from your platform's packages.");
    }

    /// <summary>Loads GDAL and registers its drivers (idempotent, thread-safe). Called by every raster entry point.</summary>
    /// <exception cref="GdalNotAvailableException">GDAL is not installed.</exception>
    public static void EnsureInitialized()
    {
        if (_initialized) return;
        lock (Gate)
        {
            if (_initialized) return;
            var h = LoadLibraryOrThrow();
            GdalNative.GDALAllRegister();
            // Quiet handler: errors are still recorded for CPLGetLastErrorMsg, but not printed on stderr.
            if (NativeLibrary.TryGetExport(h, "CPLQuietErrorHandler", out var quiet))
                GdalNative.CPLSetErrorHandler(quiet);
            // GDAL's block cache defaults to 5 % of RAM; bound it (unless the user set GDAL_CACHEMAX) so memory stays
            // predictable in tiled runs over large scenes.
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GDAL_CACHEMAX")))
                GdalNative.GDALSetCacheMax64(DefaultCacheBytes);
            _initialized = true;
        }
    }

    /// <summary>GDAL block cache size set at initialisation when GDAL_CACHEMAX is not set: 64 MB.</summary>
    public const long DefaultCacheBytes = 64L * 1024 * 1024;

    /// <summary>Sets GDAL's raster block cache size in bytes (≥ 1 MB).</summary>
    public static void SetCacheMaxBytes(long bytes)
    {
        if (bytes < 1 << 20) throw new ArgumentOutOfRangeException(nameof(bytes), $"The GDAL cache must be ≥ 1 MB (got {bytes} bytes).");
        EnsureInitialized();
        GdalNative.GDALSetCacheMax64(bytes);
    }

    /// <summary>The GDAL release name, e.g. "3.6.2".</summary>
    public static string Version
    {
        get { EnsureInitialized(); return Marshal.PtrToStringUTF8(GdalNative.GDALVersionInfo("RELEASE_NAME")) ?? "?"; }
    }

    /// <summary>Whether GDAL can be loaded on this machine (does not throw).</summary>
    public static bool IsAvailable
    {
        get { try { EnsureInitialized(); return true; } catch (GdalNotAvailableException) { return false; } }
    }

    internal static string LastError()
    {
        var msg = Marshal.PtrToStringUTF8(GdalNative.CPLGetLastErrorMsg());
        return string.IsNullOrWhiteSpace(msg) ? "(GDAL gave no message)" : msg.Trim();
    }

    internal static GdalException Error(string what) => new($"{what}: {LastError()}");

    /// <summary>Throws a <see cref="GdalException"/> if a CPLErr/OGRErr return code signals failure (CE_Failure = 3, CE_Fatal = 4; OGRErr ≠ 0).</summary>
    internal static void CheckCpl(int cplErr, string what)
    {
        if (cplErr >= 3) throw Error(what);
    }

    internal static void CheckOgr(int ogrErr, string what)
    {
        if (ogrErr != 0) throw Error(what);
    }

    internal static string? PtrToString(IntPtr p) => p == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(p);
}

/// <summary>A NULL-terminated <c>char**</c> list ("KEY=VALUE" strings) for GDAL option arguments.</summary>
internal sealed class NativeStringList : IDisposable
{
    private readonly IntPtr[] _strings;
    public IntPtr Pointer { get; }

    public NativeStringList(IEnumerable<string>? items)
    {
        var list = items?.ToArray() ?? [];
        _strings = list.Select(s => Marshal.StringToCoTaskMemUTF8(s)).ToArray();
        Pointer = Marshal.AllocCoTaskMem(IntPtr.Size * (_strings.Length + 1));
        for (int i = 0; i < _strings.Length; i++) Marshal.WriteIntPtr(Pointer, i * IntPtr.Size, _strings[i]);
        Marshal.WriteIntPtr(Pointer, _strings.Length * IntPtr.Size, IntPtr.Zero);
    }

    public void Dispose()
    {
        foreach (var s in _strings) Marshal.FreeCoTaskMem(s);
        Marshal.FreeCoTaskMem(Pointer);
    }
}

/// <summary>Owns a <c>GDALDatasetH</c>; closing it flushes pending writes.</summary>
internal sealed class GdalDatasetHandle : SafeHandle
{
    public GdalDatasetHandle(IntPtr h) : base(IntPtr.Zero, true) => SetHandle(h);
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { GdalNative.GDALClose(handle); return true; }
}

/// <summary>Owns an <c>OGRSpatialReferenceH</c>.</summary>
internal sealed class SpatialReferenceHandle : SafeHandle
{
    public SpatialReferenceHandle(IntPtr h) : base(IntPtr.Zero, true) => SetHandle(h);
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { GdalNative.OSRDestroySpatialReference(handle); return true; }
}

/// <summary>Owns an <c>OGRCoordinateTransformationH</c>.</summary>
internal sealed class CoordinateTransformationHandle : SafeHandle
{
    public CoordinateTransformationHandle(IntPtr h) : base(IntPtr.Zero, true) => SetHandle(h);
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { GdalNative.OCTDestroyCoordinateTransformation(handle); return true; }
}
