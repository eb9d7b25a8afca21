namespace SoilNotebooks.Rasters;

/// <summary>
/// Terrain covariates from a digital elevation model on a projected grid (metres): slope (Horn 1981) and the topographic
/// wetness index ln(a / tan β) of Beven &amp; Kirkby (1979) with D8 flow accumulation (O'Callaghan &amp; Mark 1984).
/// Edge cells use the nearest interior neighbour (edges replicated); nodata stays nodata.
/// </summary>
public static class Terrain
{
    /// <summary>Smallest slope used in the wetness index, radians (flat cells would give infinity).</summary>
    public const double MinSlopeRadians = 0.001;

    /// <summary>Slope in degrees (Horn's 3 × 3 finite differences), band "slope".</summary>
    public static Raster Slope(Raster dem, string? band = null)
    {
        var (z, w, h, dx, dy) = Prepare(dem, band);
        var s = new float[w * h];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
                s[r * w + c] = (float)(Math.Atan(Gradient(z, w, h, c, r, dx, dy)) * 180 / Math.PI);
        return Raster.Create(dem.Grid, ["slope"], [s], new RasterOptions("degree", Title: "Slope"));
    }

    /// <summary>
    /// Topographic wetness index ln(a / tan β), band "twi": a the D8 upslope area per unit contour width (m), β the
    /// Horn slope (at least <see cref="MinSlopeRadians"/>). Cells drain to their steepest lower neighbour.
    /// </summary>
    public static Raster WetnessIndex(Raster dem, string? band = null)
    {
        var (z, w, h, dx, dy) = Prepare(dem, band);
        int n = w * h;
        var area = new double[n];
        var order = Enumerable.Range(0, n).Where(i => !float.IsNaN(z[i])).OrderByDescending(i => z[i]).ToArray();
        foreach (var i in order) area[i] += dx * dy;
        foreach (var i in order)
        {
            int r = i / w, c = i % w, best = -1; double drop = 0;
            for (int dr = -1; dr <= 1; dr++)
                for (int dc = -1; dc <= 1; dc++)
                {
                    if (dr == 0 && dc == 0) continue;
                    int rr = r + dr, cc = c + dc;
                    if (rr < 0 || rr >= h || cc < 0 || cc >= w) continue;
                    int j = rr * w + cc;
                    if (float.IsNaN(z[j])) continue;
                    double dist = Math.Sqrt(dr * dr * dy * dy + dc * dc * dx * dx), g = (z[i] - z[j]) / dist;
                    if (g > drop) { drop = g; best = j; }
                }
            if (best >= 0) area[best] += area[i];
        }
        var t = new float[n];
        for (int i = 0; i < n; i++)
        {
            if (float.IsNaN(z[i])) { t[i] = float.NaN; continue; }
            double beta = Math.Max(MinSlopeRadians, Math.Atan(Gradient(z, w, h, i % w, i / w, dx, dy)));
            t[i] = (float)Math.Log(area[i] / dx / Math.Tan(beta));
        }
        return Raster.Create(dem.Grid, ["twi"], [t], new RasterOptions("", Title: "Topographic wetness index"));
    }

    private static (float[] Z, int W, int H, double Dx, double Dy) Prepare(Raster dem, string? band)
    {
        ArgumentNullException.ThrowIfNull(dem);
        if (dem.Grid.Crs.Epsg is 4326 or 4258 or 4230 || dem.Grid.PixelSizeX < 0.01)
            throw new ArgumentException("Terrain needs a DEM on a projected grid in metres (e.g. UTM); the DEM's CRS is " +
                "geographic (degrees). Warp it first.", nameof(dem));
        var z = dem.ToArray(band ?? dem.Bands[0]);
        return (z, dem.Width, dem.Height, dem.Grid.PixelSizeX, dem.Grid.PixelSizeY);
    }

    /// <summary>|∇z| with Horn's weights; neighbours outside the grid or nodata take the centre value.</summary>
    private static double Gradient(float[] z, int w, int h, int c, int r, double dx, double dy)
    {
        float zc = z[r * w + c];
        if (float.IsNaN(zc)) return double.NaN;
        float Z(int dc, int dr)
        {
            int cc = Math.Clamp(c + dc, 0, w - 1), rr = Math.Clamp(r + dr, 0, h - 1);
            float v = z[rr * w + cc];
            return float.IsNaN(v) ? zc : v;
        }
        double gx = ((Z(1, -1) + 2 * Z(1, 0) + Z(1, 1)) - (Z(-1, -1) + 2 * Z(-1, 0) + Z(-1, 1))) / (8 * dx);
        double gy = ((Z(-1, 1) + 2 * Z(0, 1) + Z(1, 1)) - (Z(-1, -1) + 2 * Z(0, -1) + Z(1, -1))) / (8 * dy);
        return Math.Sqrt(gx * gx + gy * gy);
    }
}
