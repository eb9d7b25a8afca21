namespace SoilNotebooks.Rasters;

/// <summary>
/// Coarser rasters for display and summaries: block averaging by an integer factor (the majority class for categorical
/// rasters), and the factor that brings a raster under a cell budget. The grid keeps its origin; the pixel size grows
/// by the factor; a partial block at the right or bottom edge averages the cells it has.
/// </summary>
public static class RasterResampling
{
    /// <summary>Default cell budget of <see cref="ForDisplay"/> (what a browser draws smoothly as a heat
    /// map).</summary>
    public const int DefaultMaxDisplayCells = 250_000;

    /// <summary>
    /// Each <paramref name="factor"/> × <paramref name="factor"/> block becomes one cell: the mean of its finite values
    /// (NaN when it has none), or for a categorical raster the most frequent class (ties: the lower code).
    /// </summary>
    /// <param name="raster">The raster.</param>
    /// <param name="factor">Block side in pixels, 1–4096 (1 returns the raster itself).</param>
    public static Raster BlockAverage(this Raster raster, int factor)
    {
        ArgumentNullException.ThrowIfNull(raster);
        Check.InRange(factor, 1, 4096);
        if (factor == 1) return raster;
        var g = raster.Grid;
        int w = (g.Width + factor - 1) / factor, h = (g.Height + factor - 1) / factor;
        var t = g.Transform;
        var grid = new RasterGrid(w, h, t with
        {
            PixelWidth = t.PixelWidth * factor, PixelHeight = t.PixelHeight * factor,
            RowRotation = t.RowRotation * factor, ColumnRotation = t.ColumnRotation * factor,
        }, g.Crs);
        var layers = raster.Layers.Select(l => Reduce(l, g.Width, g.Height, factor, w, h, raster.IsCategorical))
            .ToArray();
        return Raster.Build(grid, raster.Bands.ToArray(), layers, new RasterOptions(Units: raster.Units,
            Dates: raster.Dates,
            NoData: raster.NoData, Classes: raster.Classes, Title: raster.Title));
    }

    /// <summary>The raster block-averaged by the smallest factor that leaves at most <paramref name="maxCells"/> cells
    /// per layer.</summary>
    public static Raster ForDisplay(this Raster raster, int maxCells = DefaultMaxDisplayCells)
    {
        ArgumentNullException.ThrowIfNull(raster);
        Check.Positive(maxCells);
        int f = 1;
        while ((long)((raster.Width + f - 1) / f) * ((raster.Height + f - 1) / f) > maxCells) f++;
        return raster.BlockAverage(f);
    }

    private static float[] Reduce(float[] v, int width, int height, int f, int w, int h, bool categorical)
    {
        var o = new float[w * h];
        var counts = categorical ? new Dictionary<float, int>() : null;
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                double sum = 0; int n = 0;
                counts?.Clear();
                for (int rr = r * f; rr < Math.Min(height, (r + 1) * f); rr++)
                    for (int cc = c * f; cc < Math.Min(width, (c + 1) * f); cc++)
                    {
                        float x = v[rr * width + cc];
                        if (float.IsNaN(x)) continue;
                        n++; sum += x;
                        if (counts is not null) counts[x] = counts.GetValueOrDefault(x) + 1;
                    }
                o[r * w + c] = n == 0 ? float.NaN
                    : counts is null ? (float)(sum / n)
                    : counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
            }
        return o;
    }
}
