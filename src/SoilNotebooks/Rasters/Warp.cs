using SoilNotebooks.IO;

namespace SoilNotebooks.Rasters;

/// <summary>
/// Resampling/reprojection of a raster onto a target grid with GDAL's warper (<c>GDALReprojectImage</c>, error threshold
/// 0.125 px as gdalwarp). Source nodata is honoured; target pixels without a source value are NaN.
/// </summary>
public static class Warp
{
    /// <summary>
    /// Warps all bands of <paramref name="source"/> onto <paramref name="target"/>; returns physical values (scale/offset applied,
    /// nodata → NaN), one array per band of Width × Height, row-major.
    /// </summary>
    /// <param name="source">Open source raster.</param>
    /// <param name="target">Target grid (any CRS GDAL can transform to).</param>
    /// <param name="resampling">Nearest (default; categorical), bilinear or average (downsampling).</param>
    public static float[][] ToGrid(RasterDataset source, RasterGrid target, Resampling resampling = Resampling.Nearest)
    {
        ArgumentNullException.ThrowIfNull(source); ArgumentNullException.ThrowIfNull(target);
        if (!Enum.IsDefined(resampling)) throw new ArgumentOutOfRangeException(nameof(resampling), $"Unknown resampling {resampling}; expected Nearest, Bilinear or Average.");
        const float Fill = -3.0e38f;
        using var mem = GeoTiffWriter.CreateMem(target, source.BandCount, new GeoTiffOptions(GdalDataType.Float32, NoData: Fill));
        var fill = new float[target.Width * target.Height];
        Array.Fill(fill, Fill);
        for (int b = 1; b <= source.BandCount; b++) mem.WriteWindow(b, target.FullWindow, fill);
        GdalNative.CPLErrorReset();
        int err = GdalNative.GDALReprojectImage(source.Handle, source.Grid.Crs.Wkt, mem.Handle, target.Crs.Wkt, (int)resampling, 0, 0.125, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
        if (err >= 3) throw Gdal.Error($"Warping '{source.Path}' onto {target}");
        var result = new float[source.BandCount][];
        for (int b = 1; b <= source.BandCount; b++)
        {
            var info = source.Bands[b - 1];
            var v = new float[fill.Length];
            unsafe
            {
                fixed (float* p = v)
                {
                    int e = GdalNative.GDALRasterIO(GdalNative.GDALGetRasterBand(mem.Handle, b), GdalNative.GF_Read, 0, 0, target.Width, target.Height, (IntPtr)p, target.Width, target.Height, (int)GdalDataType.Float32, 0, 0);
                    if (e >= 3) throw Gdal.Error("Reading the warped raster");
                }
            }
            float s = (float)info.Scale, o = (float)info.Offset;
            for (int i = 0; i < v.Length; i++) v[i] = v[i] == Fill || float.IsNaN(v[i]) ? float.NaN : v[i] * s + o;
            result[b - 1] = v;
        }
        return result;
    }

    /// <summary>Warps a raster file onto a grid and writes the result as a tiled DEFLATE Float32 GeoTIFF (NaN nodata), atomically.</summary>
    public static void ToFile(string sourcePath, string destinationPath, RasterGrid target, Resampling resampling = Resampling.Nearest)
    {
        using var src = RasterDataset.Open(sourcePath);
        var bands = ToGrid(src, target, resampling);
        GeoTiff.Write(destinationPath, target, bands, new GeoTiffOptions(GdalDataType.Float32, NoData: float.NaN,
            Descriptions: src.Bands.Select(b => b.Description).ToArray()));
    }
}
