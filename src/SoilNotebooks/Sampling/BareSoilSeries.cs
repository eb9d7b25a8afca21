using System.Globalization;
using SoilNotebooks.Compositing;
using SoilNotebooks.Masking;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Sampling;

/// <summary>Options of <see cref="BareSoilSeries.FromStack(SceneStack, BareSoilSeriesOptions?, IReadOnlyList{bool}?)"/>.</summary>
/// <param name="Thresholds">Bare-soil rule (default the S2MoS NDVI &lt; 0.25, NBR2 &lt; 0.075, B3 &gt; B2, B4 &gt; B3).</param>
/// <param name="Mask">SCL masks (default cloud, shadow, cirrus, snow, water).</param>
/// <param name="IncludeSentinel1">Append VV and VH (dB) to every observation and drop bare observations without a Sentinel-1 pair
/// within the stack's tolerance (S2MoS §2.1.3: at most one day apart). Default true; false gives 10-channel observations.</param>
/// <param name="Stride">Take every Stride-th pixel along rows and columns (1 = all pixels; 2 = one pixel per 2 × 2 block), 1–64. Default 1.</param>
/// <param name="MinObservations">Pixels with fewer bare-soil observations are left out, ≥ 1 (default 1).</param>
/// <param name="TileSize">Processing window side, pixels, 16–4096 (default 256); memory ≈ dates × 12 × TileSize² × 4 bytes.</param>
public sealed record BareSoilSeriesOptions(BareSoilThresholds? Thresholds = null, SclMaskOptions? Mask = null, bool IncludeSentinel1 = true,
    int Stride = 1, int MinObservations = 1, int TileSize = 256)
{
    /// <summary>Checks every parameter.</summary>
    public BareSoilSeriesOptions Validate()
    {
        (Thresholds ?? BareSoilThresholds.S2MoS).Validate();
        Check.InRange(Stride, 1, 64);
        Check.InRange(MinObservations, 1, 100_000);
        Check.InRange(TileSize, 16, 4096);
        return this;
    }
}

/// <summary>
/// Collects per-pixel bare-soil time series from a scene stack, window by window, with the same masking and bare-soil rule as
/// the composites (<see cref="CompositeKernel.Classify(StackTile, BareSoilThresholds, SclMaskOptions?)"/>), so that a model
/// trained on point observations (S2MoS) can be applied to every bare pixel of an area.
/// </summary>
public static class BareSoilSeries
{
    /// <summary>Channel names of the observations: B02…B12, then VV, VH when Sentinel-1 is included.</summary>
    public static IReadOnlyList<string> Channels(bool includeSentinel1) =>
        includeSentinel1 ? [.. S2Bands.Ids, "VV", "VH"] : [.. S2Bands.Ids];

    /// <summary>Covariate holding each sample's pixel index in the stack grid (row × width + column).</summary>
    public const string PixelCovariate = "pixel";

    /// <summary>Covariate holding each sample's pixel column.</summary>
    public const string ColumnCovariate = "column";

    /// <summary>Covariate holding each sample's pixel row.</summary>
    public const string RowCovariate = "row";

    /// <summary>
    /// The per-pixel bare-soil time series S2MoS feeds its CNN when it maps an area (Tziolas et al. 2020 §3.5), as a
    /// <see cref="SampleSeries"/>: one sample per pixel (id = the pixel index), located at the pixel centre in the stack
    /// CRS, with its cloud-free bare-soil observations in date order — channels B02 … B12 (reflectance 0–1), then VV and
    /// VH (dB) when Sentinel-1 is included — and covariates <see cref="PixelCovariate"/>, <see cref="ColumnCovariate"/>,
    /// <see cref="RowCovariate"/>. Returns the pixels (every <see cref="BareSoilSeriesOptions.Stride"/>-th, optionally restricted by <paramref name="include"/>)
    /// that have at least <see cref="BareSoilSeriesOptions.MinObservations"/> bare-soil observations, in row-major pixel order.
    /// </summary>
    /// <param name="stack">The scene stack.</param>
    /// <param name="options">Rule, masks, Sentinel-1 use, stride.</param>
    /// <param name="include">Optional per-pixel filter over the stack grid (row-major, Width × Height), e.g. "not a water parcel".</param>
    /// <exception cref="ArgumentException">Sentinel-1 is requested but the stack has no paired Sentinel-1 scene, or <paramref name="include"/> has the wrong length.</exception>
    public static SampleSeries FromStack(SceneStack stack, BareSoilSeriesOptions? options = null, IReadOnlyList<bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        options = (options ?? new BareSoilSeriesOptions()).Validate();
        var grid = stack.Grid;
        if (include is not null) Check.SameLength(grid.Width * grid.Height, include.Count, "stack grid pixels and the include filter");
        if (options.IncludeSentinel1 && stack.S1Pairs.All(p => p is null))
            throw new ArgumentException("Sentinel-1 observations were requested, but no Sentinel-2 date of the stack has a Sentinel-1 pair; use IncludeSentinel1 = false.");
        var thresholds = options.Thresholds ?? BareSoilThresholds.S2MoS;
        var mask = options.Mask ?? SclMaskOptions.Default;
        int channels = options.IncludeSentinel1 ? S2Bands.Count + 2 : S2Bands.Count;
        var builder = new SampleSeriesBuilder(Channels(options.IncludeSentinel1), grid.Crs);
        var found = new List<(int Pixel, int Column, int Row, double X, double Y, List<(DateTime, double[])> Obs)>();
        StackTile? buffer = null;
        ObservationStatus[]? status = null;
        foreach (var win in stack.Windows(options.TileSize))
        {
            var tile = stack.ReadTile(win, mask, buffer);
            buffer ??= tile;
            status = CompositeKernel.Classify(tile, thresholds, mask, status);
            int P = win.PixelCount;
            var dates = new List<DateTime>();
            var obs = new List<double[]>();
            for (int r = 0; r < win.Height; r++)
            {
                int row = win.RowOffset + r;
                if (row % options.Stride != 0) continue;
                for (int c = 0; c < win.Width; c++)
                {
                    int col = win.ColumnOffset + c;
                    if (col % options.Stride != 0) continue;
                    int pixel = row * grid.Width + col;
                    if (include is not null && !include[pixel]) continue;
                    int p = r * win.Width + c;
                    dates.Clear(); obs.Clear();
                    for (int d = 0; d < tile.Dates.Count; d++)
                    {
                        if (status[d * P + p] != ObservationStatus.Bare) continue;
                        var o = new double[channels];
                        for (int b = 0; b < S2Bands.Count; b++) o[b] = tile.Get(d, (S2Band)b, p);
                        if (options.IncludeSentinel1)
                        {
                            float vv = tile.VvDb![d * P + p], vh = tile.VhDb![d * P + p];
                            if (!float.IsFinite(vv) || !float.IsFinite(vh)) continue;
                            o[S2Bands.Count] = vv; o[S2Bands.Count + 1] = vh;
                        }
                        dates.Add(tile.Dates[d]); obs.Add(o);
                    }
                    if (obs.Count < options.MinObservations) continue;
                    var (x, y) = grid.Transform.PixelToWorld(col + 0.5, row + 0.5);
                    found.Add((pixel, col, row, x, y, dates.Zip(obs).ToList()));
                }
            }
        }
        found.Sort((a, b) => a.Pixel.CompareTo(b.Pixel));
        foreach (var f in found)
        {
            int i = builder.AddSample(f.Pixel.ToString(CultureInfo.InvariantCulture), f.X, f.Y);
            foreach (var (date, o) in f.Obs) builder.AddObservation(i, date, o);
        }
        return builder.Covariate(PixelCovariate, "", found.Select(f => (double)f.Pixel).ToArray())
            .Covariate(ColumnCovariate, "", found.Select(f => (double)f.Column).ToArray())
            .Covariate(RowCovariate, "", found.Select(f => (double)f.Row).ToArray())
            .Build();
    }
}

/// <summary>Predictions of a per-pixel series painted back onto its grid.</summary>
public static class BareSoilSeriesRasters
{
    /// <summary>
    /// A one-band raster of <paramref name="values"/> (one per sample of <paramref name="pixels"/>, a series from
    /// <see cref="BareSoilSeries.FromStack"/>): each value fills its pixel and, when the series took every
    /// <paramref name="stride"/>-th pixel, the stride × stride block it stands for; cells outside <paramref name="include"/>
    /// (e.g. water parcels) and without a sample are nodata.
    /// </summary>
    public static Rasters.Raster ToRaster(this SampleSeries pixels, IReadOnlyList<double> values, Rasters.RasterGrid grid,
        string band, string unit = "", int stride = 1, IReadOnlyList<bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(grid);
        var index = pixels.Covariate(BareSoilSeries.PixelCovariate).Values.Select(v => (int)v).ToArray();
        var raster = Rasters.Raster.FromPixels(grid, index, values, band, unit, stride);
        if (include is null) return raster;
        Check.SameLength(grid.Width * grid.Height, include.Count, "grid pixels and the include filter");
        var keep = Rasters.Raster.Create(grid, "include", include.Select(b => b ? 1f : float.NaN).ToArray());
        return Rasters.RasterAlgebra.Mask(raster, keep);
    }
}
