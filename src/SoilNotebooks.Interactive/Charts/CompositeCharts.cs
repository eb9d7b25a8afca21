using SoilNotebooks.Rasters;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>Composites side by side: several rasters in true colour with ONE stretch, so brightness compares.</summary>
public static class CompositeCharts
{
    /// <summary>
    /// True colour (B04/B03/B02 by default) of each raster, all drawn with one stretch: the
    /// <paramref name="lowPercent"/> and <paramref name="highPercent"/> percentiles of the pooled red, green and blue values
    /// of every raster (default 2–98 %). Nodata cells are transparent.
    /// </summary>
    public static Chart TrueColorShared(IReadOnlyList<Raster> rasters, IReadOnlyList<string>? titles = null,
        double lowPercent = RasterCharts.DefaultLowPercent, double highPercent = RasterCharts.DefaultHighPercent,
        string red = "B04", string green = "B03", string blue = "B02")
    {
        ArgumentNullException.ThrowIfNull(rasters);
        if (rasters.Count == 0) throw new ArgumentException("TrueColorShared needs at least one raster.", nameof(rasters));
        if (titles is not null && titles.Count != rasters.Count)
            throw new ArgumentException($"{titles.Count} titles for {rasters.Count} rasters.", nameof(titles));
        Check.InRange(lowPercent, 0, 100); Check.InRange(highPercent, 0, 100);
        if (highPercent <= lowPercent) throw new ArgumentException($"highPercent ({highPercent}) must exceed lowPercent ({lowPercent}).");
        var rgb = rasters.Select(r => r.Select(red, green, blue).AtDate(0).ForDisplay()).ToArray();
        var pooled = rgb.SelectMany(r => Enumerable.Range(0, 3).SelectMany(k => r.ToArray(r.Bands[k])))
            .Where(float.IsFinite).Select(v => (double)v).Order().ToArray();
        var (lo, hi) = pooled.Length == 0 ? (0.0, 1.0)
            : (Statistics.Quantiles.OfSorted(pooled, lowPercent / 100), Statistics.Quantiles.OfSorted(pooled, highPercent / 100));
        double span = hi > lo ? hi - lo : 1;
        var charts = rgb.Select((r, n) =>
        {
            var img = new byte[r.Height, r.Width, 4];
            for (int i = 0; i < r.Height; i++)
                for (int j = 0; j < r.Width; j++)
                {
                    bool all = true;
                    for (int k = 0; k < 3; k++)
                    {
                        float v = r.Span(k)[i * r.Width + j];
                        if (float.IsNaN(v)) { all = false; continue; }
                        img[i, j, k] = (byte)Math.Clamp(Math.Round((v - lo) / span * 255), 0, 255);
                    }
                    img[i, j, 3] = all ? (byte)255 : (byte)0;
                }
            var t = r.Grid.Transform; var (minX, minY, maxX, maxY) = r.Grid.Bounds;
            var (xTitle, yTitle) = RasterCharts.AxisTitles(r.Grid.Crs);
            string name = titles?[n] ?? r.Title ?? $"raster {n + 1}";
            return new Chart
            {
                Traces = [new ImageTrace(img) { X0 = t.OriginX + t.PixelWidth / 2, Y0 = t.OriginY + t.PixelHeight / 2,
                    Dx = t.PixelWidth, Dy = t.PixelHeight, Name = name }],
                Title = name, XAxis = new Axis(xTitle, minX, maxX), YAxis = new Axis(yTitle, minY, maxY),
                EqualAspect = true, ShowLegend = false, Height = 420,
            };
        }).ToArray();
        var grid = Chart.Grid(Math.Min(3, charts.Length), charts);
        return grid.WithTitle(FormattableString.Invariant($"{red}/{green}/{blue}, one stretch {lo:0.###}–{hi:0.###} (reflectance)"));
    }
}
