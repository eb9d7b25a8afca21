using SoilNotebooks.Rasters;

namespace SoilNotebooks.Masking;

/// <summary>
/// Spectral indices of a raster computed from its NAMED bands (<see cref="SpectralIndices"/> cell by cell), for every
/// date of a stack: <c>s2.Ndvi()</c>, <c>s2.Nbr2()</c>. Band names default to the Sentinel-2 ids.
/// </summary>
public static class RasterIndices
{
    /// <summary>Default red band (Sentinel-2 B04).</summary>
    public const string DefaultRed = "B04";
    /// <summary>Default near-infrared band (Sentinel-2 B08).</summary>
    public const string DefaultNir = "B08";
    /// <summary>Default first short-wave infrared band (Sentinel-2 B11).</summary>
    public const string DefaultSwir1 = "B11";
    /// <summary>Default second short-wave infrared band (Sentinel-2 B12).</summary>
    public const string DefaultSwir2 = "B12";

    /// <summary>NDVI = (NIR − red) / (NIR + red) as a one-band raster "NDVI" (NaN where the sum is 0 or a band is
    /// nodata).</summary>
    public static Raster Ndvi(this Raster raster, string red = DefaultRed, string nir = DefaultNir)
    {
        ArgumentNullException.ThrowIfNull(raster);
        return raster[red].Combine(raster[nir], SpectralIndices.Ndvi, "NDVI", "").WithTitle("NDVI");
    }

    /// <summary>NBR2 = (SWIR1 − SWIR2) / (SWIR1 + SWIR2) as a one-band raster "NBR2".</summary>
    public static Raster Nbr2(this Raster raster, string swir1 = DefaultSwir1, string swir2 = DefaultSwir2)
    {
        ArgumentNullException.ThrowIfNull(raster);
        return raster[swir1].Combine(raster[swir2], SpectralIndices.Nbr2, "NBR2", "").WithTitle("NBR2");
    }
}
