using System.Buffers;

namespace SoilNotebooks.Rasters;

/// <summary>
/// Reads a window of a target grid from a raster in the same CRS whose pixel size is the same or an integer multiple or
/// divisor of the target's (Sentinel-2 10/20/60 m bands). Coarser sources are replicated (nearest, by pixel centre); finer
/// sources are block-averaged (ignoring NaN) or, for categorical data, sampled at the target pixel centre. Pixels outside the
/// source are NaN. Values are raw (no scale/offset) with nodata → NaN. Memory is that of the window.
/// </summary>
public static class GridReader
{
    /// <summary>Throws <see cref="InvalidDataException"/> unless <paramref name="source"/> can be read onto <paramref name="target"/>.</summary>
    public static void EnsureCompatible(RasterGrid source, RasterGrid target, string what)
    {
        if (source.Crs.IsUndefined || target.Crs.IsUndefined)
            throw new InvalidDataException($"{what}: the raster has no coordinate reference system; assign one first (gdal_edit.py -a_srs EPSG:n).");
        if (!source.Crs.IsSameAs(target.Crs))
            throw new InvalidDataException($"{what}: CRS {source.Crs} differs from the stack's {target.Crs}; reproject it first (Warp.ToFile).");
        if (!source.Transform.IsNorthUp || !target.Transform.IsNorthUp)
            throw new InvalidDataException($"{what}: rotated grids are not supported; warp to a north-up grid first.");
        double ratio = source.PixelSizeX / target.PixelSizeX;
        double k = ratio >= 1 ? ratio : 1 / ratio;
        if (Math.Abs(k - Math.Round(k)) > 1e-6 || Math.Abs(source.PixelSizeY / target.PixelSizeY - ratio) > 1e-6)
            throw new InvalidDataException($"{what}: pixel size {source.PixelSizeX} m is not an integer multiple or divisor of the stack's {target.PixelSizeX} m.");
        var (sx0, sy0, sx1, sy1) = source.Bounds;
        var (tx0, ty0, tx1, ty1) = target.Bounds;
        double tol = Math.Max(source.PixelSizeX, target.PixelSizeX);
        if (Math.Abs(sx0 - tx0) > tol || Math.Abs(sy0 - ty0) > tol || Math.Abs(sx1 - tx1) > tol || Math.Abs(sy1 - ty1) > tol)
            throw new InvalidDataException($"{what}: extent ({sx0}, {sy0}, {sx1}, {sy1}) does not match the stack's ({tx0}, {ty0}, {tx1}, {ty1}); mismatched grids.");
        // the extents may differ by up to a pixel, but the pixel edges must line up: a shift by a fraction of a pixel
        // would silently mix neighbouring pixels
        double fine = Math.Min(source.PixelSizeX, target.PixelSizeX), fineY = Math.Min(source.PixelSizeY, target.PixelSizeY);
        double fx = (sx0 - tx0) / fine, fy = (sy1 - ty1) / fineY;
        double offX = Math.Abs(fx - Math.Round(fx)), offY = Math.Abs(fy - Math.Round(fy));
        if (offX > MaxMisalignment || offY > MaxMisalignment)
            throw new InvalidDataException(
                $"{what}: its pixels are offset from the stack's grid by {Math.Max(offX, offY):0.###} pixel (x {fx - Math.Round(fx):0.###}, " +
                $"y {fy - Math.Round(fy):0.###}); resample it onto the stack's grid first (Warp.ToFile).");
    }

    /// <summary>The largest offset between pixel edges of two grids read together, as a fraction of a pixel.</summary>
    public const double MaxMisalignment = 0.01;

    /// <summary>
    /// Reads band <paramref name="band"/> of <paramref name="source"/> for <paramref name="window"/> of <paramref name="target"/>:
    /// raw stored values, or with the band's scale/offset metadata applied when <paramref name="applyScaleOffset"/> is set.
    /// </summary>
    public static void ReadOnto(RasterDataset source, int band, RasterGrid target, RasterWindow window, Span<float> destination, bool categorical,
        bool applyScaleOffset = false)
    {
        window.EnsureInside(target.Width, target.Height);
        var sg = source.Grid;
        if (sg.Transform.AlmostEquals(target.Transform) && sg.Width >= window.ColumnOffset + window.Width && sg.Height >= window.RowOffset + window.Height)
        {
            source.ReadFloat(band, window, destination, applyScaleOffset);
            return;
        }
        var st = sg.Transform; var tt = target.Transform;
        double ratio = sg.PixelSizeX / target.PixelSizeX;
        if (ratio < 1 - 1e-9 && !categorical)
        {
            int k = (int)Math.Round(1 / ratio);
            int c0 = (int)Math.Round((tt.OriginX + window.ColumnOffset * tt.PixelWidth - st.OriginX) / st.PixelWidth);
            int r0 = (int)Math.Round((tt.OriginY + window.RowOffset * tt.PixelHeight - st.OriginY) / st.PixelHeight);
            int sc0 = Math.Max(0, c0), sr0 = Math.Max(0, r0);
            int sc1 = Math.Min(sg.Width, c0 + k * window.Width), sr1 = Math.Min(sg.Height, r0 + k * window.Height);
            destination[..window.PixelCount].Fill(float.NaN);
            if (sc1 <= sc0 || sr1 <= sr0) return;
            var sw = new RasterWindow(sc0, sr0, sc1 - sc0, sr1 - sr0);
            var rented = ArrayPool<float>.Shared.Rent(sw.PixelCount);
            try
            {
                var buf = rented.AsSpan(0, sw.PixelCount);
                source.ReadFloat(band, sw, buf, applyScaleOffset);
                for (int r = 0; r < window.Height; r++)
                    for (int c = 0; c < window.Width; c++)
                    {
                        double sum = 0; int n = 0;
                        for (int dr = 0; dr < k; dr++)
                        {
                            int sr = r0 + r * k + dr - sr0; if (sr < 0 || sr >= sw.Height) continue;
                            for (int dc = 0; dc < k; dc++)
                            {
                                int sc = c0 + c * k + dc - sc0; if (sc < 0 || sc >= sw.Width) continue;
                                float v = buf[sr * sw.Width + sc];
                                if (!float.IsNaN(v)) { sum += v; n++; }
                            }
                        }
                        destination[r * window.Width + c] = n == 0 ? float.NaN : (float)(sum / n);
                    }
            }
            finally { ArrayPool<float>.Shared.Return(rented); }
            return;
        }
        // nearest by target pixel centre
        var colsRented = ArrayPool<int>.Shared.Rent(window.Width);
        var rowsRented = ArrayPool<int>.Shared.Rent(window.Height);
        float[]? dataRented = null;
        try
        {
            var cols = colsRented.AsSpan(0, window.Width);
            var rows = rowsRented.AsSpan(0, window.Height);
            for (int c = 0; c < window.Width; c++)
                cols[c] = (int)Math.Floor((tt.OriginX + (window.ColumnOffset + c + 0.5) * tt.PixelWidth - st.OriginX) / st.PixelWidth);
            for (int r = 0; r < window.Height; r++)
                rows[r] = (int)Math.Floor((tt.OriginY + (window.RowOffset + r + 0.5) * tt.PixelHeight - st.OriginY) / st.PixelHeight);
            // floor of an affine function of the index is monotone: the extremes are at the ends
            int minC = Math.Max(0, Math.Min(cols[0], cols[^1])), maxC = Math.Min(sg.Width - 1, Math.Max(cols[0], cols[^1]));
            int minR = Math.Max(0, Math.Min(rows[0], rows[^1])), maxR = Math.Min(sg.Height - 1, Math.Max(rows[0], rows[^1]));
            destination[..window.PixelCount].Fill(float.NaN);
            if (maxC < minC || maxR < minR) return;
            var win = new RasterWindow(minC, minR, maxC - minC + 1, maxR - minR + 1);
            dataRented = ArrayPool<float>.Shared.Rent(win.PixelCount);
            var data = dataRented.AsSpan(0, win.PixelCount);
            source.ReadFloat(band, win, data, applyScaleOffset);
            for (int r = 0; r < window.Height; r++)
            {
                int sr = rows[r] - minR; if (sr < 0 || sr >= win.Height) continue;
                for (int c = 0; c < window.Width; c++)
                {
                    int sc = cols[c] - minC; if (sc < 0 || sc >= win.Width) continue;
                    destination[r * window.Width + c] = data[sr * win.Width + sc];
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(colsRented); ArrayPool<int>.Shared.Return(rowsRented);
            if (dataRented is not null) ArrayPool<float>.Shared.Return(dataRented);
        }
    }
}
