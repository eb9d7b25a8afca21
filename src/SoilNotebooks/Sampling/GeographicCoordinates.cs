using SoilNotebooks.Rasters;

namespace SoilNotebooks.Sampling;

/// <summary>Latitude and longitude covariates for a series located in any CRS (S2MoS feeds coordinates to its models).</summary>
public static class GeographicCoordinates
{
    /// <summary>Name of the latitude covariate.</summary>
    public const string Latitude = "lat";

    /// <summary>Name of the longitude covariate.</summary>
    public const string Longitude = "lon";

    /// <summary>
    /// The same samples with covariates <see cref="Latitude"/> (° N) and <see cref="Longitude"/> (° E), the sample
    /// locations transformed from the series' CRS to EPSG:4326 (GDAL/PROJ, traditional lon/lat axis order).
    /// </summary>
    /// <exception cref="ArgumentException">The series has no CRS.</exception>
    public static SampleSeries WithGeographicCoordinates(this SampleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Crs.IsUndefined) throw new ArgumentException("The series has no CRS; its locations cannot be turned into latitude and longitude.");
        var lon = series.X.ToArray();
        var lat = series.Y.ToArray();
        var wgs84 = Crs.FromEpsg(4326);
        if (!series.Crs.IsSameAs(wgs84))
        {
            using var t = new CoordinateTransformer(series.Crs, wgs84);
            t.TransformInPlace(lon, lat);
        }
        return series.WithCovariate(new SampleVariable(Latitude, "° N", lat)).WithCovariate(new SampleVariable(Longitude, "° E", lon));
    }
}
