using SoilNotebooks.IO;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Compositing;

/// <summary>Summary of a composite run.</summary>
/// <param name="Grid">Output grid.</param>
/// <param name="Dates">Number of scenes in the stack.</param>
/// <param name="Files">Written files by product name (empty for in-memory runs).</param>
/// <param name="PixelsWithValidObservation">Pixels with ≥ 1 valid observation.</param>
/// <param name="PixelsWithBareObservation">Pixels with ≥ 1 bare-soil observation.</param>
/// <param name="MeanBareFrequency">Mean bare-soil frequency over pixels with valid observations (NaN if none).</param>
/// <param name="Windows">Processing windows used.</param>
public sealed record CompositeSummary(RasterGrid Grid, int Dates, IReadOnlyDictionary<string, string> Files, long PixelsWithValidObservation,
    long PixelsWithBareObservation, double MeanBareFrequency, int Windows)
{
    /// <summary>Bare observations the B02 MAD outlier test re-labelled as not bare (0 when the test is off).</summary>
    public long B02OutliersRemoved { get; init; }
    /// <summary>True when no pixel had a single valid observation (all cloud / no data): every product is NaN.</summary>
    public bool IsAllInvalid => PixelsWithValidObservation == 0;
    /// <summary>True when no pixel had a bare-soil observation (all vegetated or all cloud): SRC products are NaN.</summary>
    public bool IsBareEmpty => PixelsWithBareObservation == 0;
    /// <summary>A one-line explanation when the result is empty, else null.</summary>
    public string? EmptyReason => IsAllInvalid ? "no valid (cloud-free) observation in any pixel: every product is empty (NaN)"
        : IsBareEmpty ? "no bare-soil observation in any pixel (vegetated or masked stack): SRC products are empty (NaN); MEAN is filled" : null;
}

/// <summary>The in-memory composite of a whole (small) stack: products over the full grid.</summary>
public sealed partial class CompositeResult
{
    internal CompositeResult(RasterGrid grid, CompositeTile data, CompositeSummary summary) { Grid = grid; Data = data; Summary = summary; }
    /// <summary>Grid of every product.</summary>
    public RasterGrid Grid { get; }
    /// <summary>Products over the full grid (band-major per-band arrays, see <see cref="CompositeTile"/>).</summary>
    public CompositeTile Data { get; }
    /// <summary>Counts and emptiness.</summary>
    public CompositeSummary Summary { get; }
    /// <summary>One band (Width × Height values) of a per-band product array.</summary>
    public float[] Band(float[] product, Scenes.S2Band band) => product.AsSpan((int)band * Grid.Width * Grid.Height, Grid.Width * Grid.Height).ToArray();
}

/// <summary>
/// SCMaP-style soil composites (Rogge et al. 2018, Remote Sens. Environ. 205:1–17; CUP4Soil): per pixel, over all scenes of a
/// stack, the bare-soil frequency (bare / valid observations), counts, mean, median, standard deviation and 95 % CI of the
/// mean of bare-soil reflectance per band, the mean of all valid observations (MEAN), and the mosaic of SRC (bare mean where
/// frequency ≥ threshold) with MEAN elsewhere. Computed window by window: memory ≈ dates × 10 bands × TileSize² × 4 bytes
/// for the input plus 60 × TileSize² × 4 bytes of output, independent of the scene size (estimate from these sizes, not
/// measured: a 25-date stack with 256-px tiles needs ≈ 80 MB, whatever the scene size).
/// </summary>
public static class ScmapComposite
{
    /// <summary>Output files and their bands.</summary>
    public static IReadOnlyList<(string Name, string File, string What)> Products { get; } =
    [
        ("bare_frequency", "bare_frequency.tif", "band 1 bare-soil frequency (0–1), band 2 bare observations, band 3 valid observations"),
        ("src_mean", "src_mean.tif", "mean bare-soil reflectance, 10 bands B02…B12 (SRC)"),
        ("src_median", "src_median.tif", "median bare-soil reflectance, 10 bands"),
        ("src_std", "src_std.tif", "standard deviation (n−1) of bare-soil reflectance, 10 bands"),
        ("src_ci95", "src_ci95.tif", "half-width of the 95 % CI of the bare-soil mean (t · s / √n), 10 bands"),
        ("mean", "mean.tif", "mean reflectance of all valid observations (MEAN), 10 bands"),
        ("mosaic", "mosaic.tif", "SRC where frequency ≥ min frequency, MEAN elsewhere, 10 bands"),
        ("mosaic_source", "mosaic_source.tif", "which layer the mosaic took: 0 none, 1 SRC, 2 MEAN"),
        ("mask", "mask.tif", "SCMaP mask: 1 where an SRC exists (≥ min bare observations), 0 where observed without one, " +
            "255 nodata where no valid observation or outside the land-cover mask"),
    ];

    /// <summary>Computes the composite of a stack and writes the products as tiled DEFLATE GeoTIFFs (Float32, NaN nodata, band descriptions) into <paramref name="outputFolder"/>, with default options.</summary>
    public static CompositeSummary Write(SceneStack stack, string outputFolder) => Write(stack, outputFolder, new CompositeOptions());

    /// <summary>
    /// Computes the composite window by window and writes every product. All files are written to temporary names and moved
    /// into place only when every window succeeded (no half-written output).
    /// </summary>
    public static CompositeSummary Write(SceneStack stack, string outputFolder, CompositeOptions options, IProgress<StackProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        options = (options ?? new CompositeOptions()).Validate();
        Directory.CreateDirectory(outputFolder);
        var paths = Products.Select(p => Path.Combine(outputFolder, p.File)).ToArray();
        CompositeSummary? summary = null;
        WriteAll(paths, 0, new string[paths.Length], temps =>
        {
            if (!options.CloudOptimized) { summary = Run(stack, options, progress, temps, null); return; }
            // COG cannot be written window by window: write tiled GeoTIFFs beside the temporaries, then copy them to COG
            var staging = temps.Select(t => t + ".staging.tif").ToArray();
            try
            {
                summary = Run(stack, options, progress, staging, null);
                for (int i = 0; i < temps.Length; i++) GeoTiff.ToCogUnchecked(staging[i], temps[i]);
            }
            finally { foreach (var s in staging) if (File.Exists(s)) File.Delete(s); }
        });
        return summary! with { Files = Products.Select((p, i) => (p.Name, Path: paths[i])).ToDictionary(x => x.Name, x => x.Path) };
    }

    /// <summary>Computes the composite in memory (small stacks, e.g. notebooks; at most 4096² pixels).</summary>
    public static CompositeResult Compute(SceneStack stack, CompositeOptions? options = null, IProgress<StackProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        options = (options ?? new CompositeOptions()).Validate();
        if ((long)stack.Grid.Width * stack.Grid.Height > 4096L * 4096)
            throw new InvalidOperationException($"The stack grid ({stack.Grid.Width}×{stack.Grid.Height}) is too large to composite in memory; use ScmapComposite.Write, which works window by window.");
        var full = new CompositeTile(stack.Grid.Width * stack.Grid.Height);
        var summary = Run(stack, options, progress, null, full);
        return new CompositeResult(stack.Grid, full, summary);
    }

    /// <summary>
    /// Computes the composite of one region of the stack grid in memory (a tile of a tiled run), window by window inside it
    /// with <see cref="CompositeOptions.TileSize"/>: every pixel gets exactly the values a whole run gives it (the products
    /// are per pixel; the SCL mask's dilation reads its halo beyond the region). At most 4096² pixels.
    /// </summary>
    public static CompositeResult ComputeRegion(SceneStack stack, Rasters.RasterWindow region, CompositeOptions? options = null,
        IProgress<StackProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        region.EnsureInside(stack.Grid.Width, stack.Grid.Height);
        options = (options ?? new CompositeOptions()).Validate();
        if ((long)region.Width * region.Height > 4096L * 4096)
            throw new InvalidOperationException($"The region ({region.Width}×{region.Height}) is too large to composite in memory.");
        var full = new CompositeTile(region.PixelCount);
        var summary = Run(stack, options, progress, null, full, region);
        return new CompositeResult(stack.Grid.Subset(region), full, summary with { Grid = stack.Grid.Subset(region) });
    }

    /// <summary>The products of a composite as named bands, in a fixed order (what a tile of <c>soilnb composite --tile</c>
    /// holds): bare_frequency, bare_count, valid_count, then src_mean_B02…, src_std_B02…, mref_B02…, mosaic_B02… and mask.</summary>
    public static IReadOnlyList<string> TileBandNames { get; } =
    [
        "bare_frequency", "bare_count", "valid_count",
        .. new[] { "src_mean", "src_std", "mref", "mosaic" }.SelectMany(p => S2Bands.Ids.Select(b => $"{p}_{b}")), "mask",
    ];

    /// <summary>The bands of <see cref="TileBandNames"/> of a composite.</summary>
    public static IReadOnlyList<(string Name, float[] Values)> TileBands(CompositeResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var d = r.Data; int n = d.PixelCount;
        var list = new List<(string, float[])>
        {
            ("bare_frequency", d.BareFrequency[..n]), ("bare_count", d.BareCount[..n]), ("valid_count", d.ValidCount[..n]),
        };
        foreach (var (prefix, values) in new[] { ("src_mean", d.BareMean), ("src_std", d.BareStd), ("mref", d.ValidMean), ("mosaic", d.Mosaic) })
            for (int b = 0; b < S2Bands.Count; b++) list.Add(($"{prefix}_{S2Bands.Ids[b]}", values[(b * n)..((b + 1) * n)]));
        list.Add(("mask", Enumerable.Range(0, n).Select(p => MaskValue(d, p)).ToArray()));
        return list;
    }

    private static void WriteAll(string[] paths, int i, string[] temps, Action<string[]> produce)
    {
        if (i == paths.Length) { produce(temps); return; }
        AtomicFile.WriteVia(paths[i], temp => { temps[i] = temp; WriteAll(paths, i + 1, temps, produce); });
    }

    private static CompositeSummary Run(SceneStack stack, CompositeOptions options, IProgress<StackProgress>? progress, string[]? temps,
        CompositeTile? full, Rasters.RasterWindow? region = null)
    {
        var grid = stack.Grid;
        var area = region ?? grid.FullWindow;
        var ids = S2Bands.Ids;
        string[] Desc(string what) => ids.Select(b => $"{b} {what}").ToArray();
        var writers = new List<GeoTiffWriter>();
        try
        {
            if (temps is not null)
            {
                var f = new GeoTiffOptions(GdalDataType.Float32, NoData: float.NaN);
                writers.Add(GeoTiffWriter.Create(temps[0], grid, 3, f with { Descriptions = ["bare-soil frequency", "bare-soil observations", "valid observations"] }));
                writers.Add(GeoTiffWriter.Create(temps[1], grid, 10, f with { Descriptions = Desc("bare-soil mean reflectance (SRC)") }));
                writers.Add(GeoTiffWriter.Create(temps[2], grid, 10, f with { Descriptions = Desc("bare-soil median reflectance") }));
                writers.Add(GeoTiffWriter.Create(temps[3], grid, 10, f with { Descriptions = Desc("bare-soil reflectance standard deviation") }));
                writers.Add(GeoTiffWriter.Create(temps[4], grid, 10, f with { Descriptions = Desc("95% CI half-width of the bare-soil mean") }));
                writers.Add(GeoTiffWriter.Create(temps[5], grid, 10, f with { Descriptions = Desc("mean reflectance of valid observations (MEAN)") }));
                writers.Add(GeoTiffWriter.Create(temps[6], grid, 10, f with { Descriptions = Desc("mosaic: SRC where frequent bare soil, else MEAN") }));
                writers.Add(GeoTiffWriter.Create(temps[7], grid, 1, new GeoTiffOptions(GdalDataType.Byte, Descriptions: ["mosaic source: 0 none, 1 SRC, 2 MEAN"])));
                writers.Add(GeoTiffWriter.Create(temps[8], grid, 1, new GeoTiffOptions(GdalDataType.Byte, NoData: 255,
                    Descriptions: ["SCMaP mask: 1 SRC, 0 no SRC, 255 no valid observation or outside the land-cover mask"])));
                foreach (var w in writers) w.SetMetadata("SOILNB_BARE_SOIL_RULE", $"NDVI<{options.EffectiveThresholds.Ndvi}; NBR2<{options.EffectiveThresholds.Nbr2}; B3>B2; B4>B3");
            }
            var windows = RasterWindow.Tiles(area.Width, area.Height, options.TileSize)
                .Select(w => w with { ColumnOffset = w.ColumnOffset + area.ColumnOffset, RowOffset = w.RowOffset + area.RowOffset }).ToArray();
            long validPx = 0, barePx = 0, outliers = 0; double freqSum = 0;
            if (options.LandMask is not null) CompositeLandMask.Check(options.LandMask, grid);
            // buffers sized for the largest window, reused for every window: memory is bounded by the tile size
            int maxP = windows.Max(w => w.PixelCount);
            StackTile? tileBuf = null; CompositeTile? outBuf = new CompositeTile(maxP); ObservationStatus[]? statusBuf = null;
            var sourceBuf = new float[maxP];
            for (int wi = 0; wi < windows.Length; wi++)
            {
                var win = windows[wi];
                var tile = stack.ReadTile(win, options.EffectiveMask, tileBuf);
                tileBuf ??= tile;     // the first window (top-left) is the largest one
                statusBuf = CompositeKernel.Classify(tile, options.EffectiveThresholds, options.EffectiveMask, statusBuf);
                outliers += CompositeKernel.RejectB02Outliers(tile, statusBuf, options.B02MadLimit);
                var c = CompositeKernel.Compute(tile, statusBuf, options, outBuf);
                int P = win.PixelCount;
                if (options.LandMask is not null) CompositeLandMask.Apply(c, win, options.LandMask);
                for (int p = 0; p < P; p++)
                {
                    if (c.ValidCount[p] > 0) { validPx++; freqSum += c.BareFrequency[p]; }
                    if (c.BareCount[p] > 0) barePx++;
                }
                if (temps is not null)
                {
                    writers[0].WriteWindow(1, win, c.BareFrequency.AsSpan(0, P)); writers[0].WriteWindow(2, win, c.BareCount.AsSpan(0, P)); writers[0].WriteWindow(3, win, c.ValidCount.AsSpan(0, P));
                    var per = new[] { c.BareMean, c.BareMedian, c.BareStd, c.BareCi95, c.ValidMean, c.Mosaic };
                    for (int k = 0; k < per.Length; k++)
                        for (int b = 0; b < S2Bands.Count; b++) writers[k + 1].WriteWindow(b + 1, win, per[k].AsSpan(b * P, P));
                    for (int p = 0; p < P; p++) sourceBuf[p] = (float)c.Source[p];
                    writers[7].WriteWindow(1, win, sourceBuf.AsSpan(0, P));
                    for (int p = 0; p < P; p++) sourceBuf[p] = MaskValue(c, p);
                    writers[8].WriteWindow(1, win, sourceBuf.AsSpan(0, P));
                }
                if (full is not null)
                    CopyInto(full, c, win with { ColumnOffset = win.ColumnOffset - area.ColumnOffset, RowOffset = win.RowOffset - area.RowOffset },
                        area.Width);
                progress?.Report(new StackProgress(wi + 1, windows.Length));
            }
            return new CompositeSummary(grid, stack.Dates.Count, new Dictionary<string, string>(), validPx, barePx,
                validPx == 0 ? double.NaN : freqSum / validPx, windows.Length) { B02OutliersRemoved = outliers };
        }
        finally { foreach (var w in writers) w.Dispose(); }
    }

    /// <summary>The SCMaP mask of a pixel: 1 where an SRC exists, 0 where observed without one, NaN (nodata) where no
    /// valid observation (also outside the land-cover mask).</summary>
    internal static float MaskValue(CompositeTile c, int p) =>
        c.ValidCount[p] <= 0 ? float.NaN : float.IsNaN(c.BareMean[p]) ? 0 : 1;

    private static void CopyInto(CompositeTile full, CompositeTile c, Rasters.RasterWindow win, int gridWidth)
    {
        int P = win.PixelCount, N = full.PixelCount;
        for (int r = 0; r < win.Height; r++)
        {
            int src = r * win.Width, dst = (win.RowOffset + r) * gridWidth + win.ColumnOffset;
            Array.Copy(c.BareFrequency, src, full.BareFrequency, dst, win.Width);
            Array.Copy(c.ValidCount, src, full.ValidCount, dst, win.Width);
            Array.Copy(c.BareCount, src, full.BareCount, dst, win.Width);
            Array.Copy(c.Source, src, full.Source, dst, win.Width);
            for (int b = 0; b < S2Bands.Count; b++)
            {
                Array.Copy(c.BareMean, b * P + src, full.BareMean, b * N + dst, win.Width);
                Array.Copy(c.BareMedian, b * P + src, full.BareMedian, b * N + dst, win.Width);
                Array.Copy(c.BareStd, b * P + src, full.BareStd, b * N + dst, win.Width);
                Array.Copy(c.BareCi95, b * P + src, full.BareCi95, b * N + dst, win.Width);
                Array.Copy(c.ValidMean, b * P + src, full.ValidMean, b * N + dst, win.Width);
                Array.Copy(c.Mosaic, b * P + src, full.Mosaic, b * N + dst, win.Width);
            }
        }
    }
}
