namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>
/// A coarse outline of the part of Europe the LUCAS surveys cover (continental EU, Great Britain, Ireland,
/// southern Sweden and Finland, Sicily, Sardinia), hand-drawn with a few dozen vertices per polygon
/// (longitude, latitude in degrees, EPSG:4326). Good enough to place synthetic points on land for maps;
/// not a boundary data set. Also converts degrees to a local kilometre grid for the spatial fields.
/// </summary>
public static class EuropeGeometry
{
    /// <summary>Reference longitude of the kilometre grid, degrees.</summary>
    public const double OriginLongitude = 10.0;

    /// <summary>Reference latitude of the kilometre grid, degrees.</summary>
    public const double OriginLatitude = 50.0;

    /// <summary>The polygons as (longitude, latitude) rings, first vertex not repeated.</summary>
    public static IReadOnlyList<(double Lon, double Lat)[]> Polygons { get; } =
    [
        // continental Europe, clockwise from the Strait of Gibraltar
        [(-5.6, 36.0), (-2.1, 36.7), (-0.7, 37.6), (0.2, 38.7), (-0.3, 39.5), (0.9, 41.0), (3.2, 41.9), (3.1, 43.1),
         (4.5, 43.4), (6.5, 43.1), (7.5, 43.8), (8.8, 44.4), (10.2, 43.9), (11.0, 42.4), (12.5, 41.4), (15.6, 40.1),
         (15.7, 38.3), (16.6, 38.9), (17.1, 39.4), (16.6, 40.1), (18.5, 40.1), (17.0, 41.0), (16.0, 41.9), (14.0, 42.6),
         (13.5, 43.6), (12.3, 44.5), (12.3, 45.3), (13.6, 45.7), (13.7, 45.1), (15.0, 44.2), (17.4, 43.0), (18.6, 42.4),
         (19.4, 41.8), (19.3, 40.5), (20.0, 39.6), (21.1, 38.3), (21.6, 37.0), (22.9, 36.4), (23.2, 37.9), (22.9, 39.3),
         (22.6, 40.4), (24.0, 40.7), (26.0, 40.8), (26.6, 41.8), (28.0, 42.0), (27.8, 43.2), (28.6, 43.8), (29.6, 45.2),
         (28.2, 45.5), (28.1, 46.6), (26.6, 48.3), (22.9, 48.0), (22.6, 49.1), (24.0, 50.5), (23.6, 51.6), (23.9, 53.1),
         (25.8, 54.3), (26.6, 55.7), (28.2, 56.2), (27.7, 57.3), (27.4, 58.0), (28.0, 59.4), (24.0, 59.4), (23.4, 59.0),
         (23.8, 58.3), (24.4, 58.3), (24.1, 57.0), (21.6, 57.5), (21.0, 56.5), (21.2, 55.2), (19.8, 54.4), (18.5, 54.8),
         (16.0, 54.3), (14.2, 53.9), (12.5, 54.4), (11.0, 54.0), (10.0, 54.5), (10.3, 55.5), (10.6, 57.7), (8.2, 56.8),
         (8.1, 55.5), (8.6, 54.9), (8.6, 54.0), (7.0, 53.6), (5.0, 53.4), (4.6, 52.4), (3.4, 51.4), (2.5, 51.1),
         (1.6, 50.9), (1.5, 50.2), (0.2, 49.7), (-1.3, 49.7), (-1.9, 48.7), (-4.7, 48.5), (-4.3, 47.8), (-2.5, 47.3),
         (-1.2, 46.2), (-1.4, 44.5), (-1.8, 43.4), (-4.5, 43.4), (-8.0, 43.7), (-9.3, 43.0), (-8.8, 41.0), (-9.5, 38.8),
         (-8.8, 37.0), (-6.4, 36.8)],
        // Great Britain
        [(-5.7, 50.0), (-3.0, 50.6), (1.4, 51.2), (1.7, 52.7), (0.2, 53.5), (-1.6, 55.6), (-2.0, 56.0), (-1.8, 57.6),
         (-3.2, 58.6), (-5.0, 58.6), (-6.2, 57.5), (-5.6, 55.4), (-4.9, 54.8), (-3.2, 54.8), (-3.0, 53.3), (-4.6, 53.3),
         (-4.2, 52.2), (-5.2, 51.7), (-3.0, 51.4), (-4.3, 51.2)],
        // Ireland
        [(-6.0, 52.0), (-6.3, 53.5), (-5.6, 54.5), (-7.3, 55.3), (-8.5, 54.5), (-10.0, 54.0), (-9.7, 52.6), (-10.3, 51.8), (-8.5, 51.6)],
        // Sweden (south of 66° N)
        [(12.6, 56.1), (12.9, 55.4), (14.3, 55.6), (16.4, 56.6), (16.6, 57.9), (18.6, 59.5), (17.5, 60.6), (17.3, 62.5),
         (20.8, 64.0), (22.2, 65.7), (23.5, 66.0), (15.5, 66.0), (14.5, 64.5), (12.3, 63.5), (12.3, 61.0), (11.2, 59.1), (11.8, 58.0)],
        // Finland (south of 66° N)
        [(21.4, 61.0), (22.8, 59.9), (25.5, 60.3), (27.8, 60.5), (30.0, 61.5), (31.5, 62.9), (29.6, 64.8), (28.6, 66.0),
         (24.5, 66.0), (25.4, 65.0), (21.4, 62.9)],
        // Sicily
        [(12.4, 38.1), (15.6, 38.3), (15.1, 36.7), (12.5, 37.6)],
        // Sardinia
        [(8.4, 41.0), (9.6, 41.0), (9.7, 39.2), (8.4, 39.0)],
    ];

    /// <summary>True when (lon, lat) lies inside one of the polygons (even–odd ray casting).</summary>
    public static bool IsLand(double lon, double lat)
    {
        foreach (var ring in Polygons)
        {
            bool inside = false;
            for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            {
                var (xi, yi) = ring[i]; var (xj, yj) = ring[j];
                if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
            }
            if (inside) return true;
        }
        return false;
    }

    /// <summary>
    /// Draws <paramref name="n"/> points uniformly (in area) on the polygons by rejection sampling in
    /// the bounding box, with the latitude drawn ∝ cos(latitude). Reproducible for a given <paramref name="rng"/> state.
    /// </summary>
    public static (double Lat, double Lon)[] SamplePoints(int n, Random rng)
    {
        Check.NonNegative(n);
        const double lonMin = -10.5, lonMax = 31.6, latMin = 35.9, latMax = 66.0;
        double sMin = Math.Sin(latMin * Math.PI / 180), sMax = Math.Sin(latMax * Math.PI / 180);
        var pts = new (double, double)[n];
        for (int k = 0; k < n;)
        {
            double lon = lonMin + rng.NextDouble() * (lonMax - lonMin);
            double lat = Math.Asin(sMin + rng.NextDouble() * (sMax - sMin)) * 180 / Math.PI;
            if (IsLand(lon, lat)) pts[k++] = (lat, lon);
        }
        return pts;
    }

    /// <summary>
    /// Local kilometre coordinates: x = 111.32·cos(φ)·(λ − 10°), y = 110.57·(φ − 50°) (an equirectangular
    /// grid with per-point meridian convergence; distances are right to a few per cent at the scales of the twins).
    /// </summary>
    public static (double X, double Y) ToKilometres(double lat, double lon) =>
        (111.32 * Math.Cos(lat * Math.PI / 180) * (lon - OriginLongitude), 110.57 * (lat - OriginLatitude));
}
