using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Compositing;

/// <summary>The land-cover mask of <see cref="CompositeOptions.LandMask"/>: pixels outside it get no product.</summary>
internal static class CompositeLandMask
{
    /// <summary>Throws unless the mask lies on the stack grid.</summary>
    public static void Check(Raster mask, RasterGrid grid)
    {
        if (mask.Width != grid.Width || mask.Height != grid.Height || mask.Grid.Transform != grid.Transform)
            throw new ArgumentException($"The land-cover mask's grid ({mask.Width}×{mask.Height}, origin " +
                $"{mask.Grid.Transform.OriginX}, {mask.Grid.Transform.OriginY}, pixel {mask.Grid.PixelSizeX} m) is not the " +
                $"stack grid ({grid.Width}×{grid.Height}, origin {grid.Transform.OriginX}, {grid.Transform.OriginY}, pixel " +
                $"{grid.PixelSizeX} m); resample it to the stack grid first.", nameof(CompositeOptions.LandMask));
    }

    /// <summary>Clears the products of the window's pixels outside the mask (first band 0 or NaN).</summary>
    public static void Apply(CompositeTile c, RasterWindow win, Raster mask)
    {
        var m = mask.Span(0);
        int P = win.PixelCount;
        for (int r = 0; r < win.Height; r++)
            for (int col = 0; col < win.Width; col++)
            {
                float v = m[(win.RowOffset + r) * mask.Width + win.ColumnOffset + col];
                if (v != 0 && !float.IsNaN(v)) continue;
                int p = r * win.Width + col;
                c.ValidCount[p] = 0; c.BareCount[p] = 0; c.BareFrequency[p] = float.NaN; c.Source[p] = MosaicSource.None;
                for (int b = 0; b < S2Bands.Count; b++)
                {
                    int q = b * P + p;
                    c.BareMean[q] = c.BareMedian[q] = c.BareStd[q] = c.BareCi95[q] = float.NaN;
                    c.ValidMean[q] = c.Mosaic[q] = float.NaN;
                }
            }
    }
}
