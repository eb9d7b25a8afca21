using System.Globalization;
using SoilNotebooks.IO;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Rasters;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Mapping;

/// <summary>How a quantile forest is mapped.</summary>
public sealed record QuantileMapOptions
{
    /// <summary>The default memory limit of the windows being processed: 256 MB.</summary>
    public const long DefaultMaxMemoryBytes = 256L << 20;

    /// <summary>Quantile probabilities to map (default 0.05, 0.5, 0.95). The median 0.5 is always mapped (added when
    /// missing); at least one probability must lie below 0.5 and one above.</summary>
    public IReadOnlyList<double> Quantiles { get; init; } = [0.05, 0.5, 0.95];

    /// <summary>Side of the square processing window in pixels, 16–16 384; null (default) = the largest multiple of 16
    /// whose working memory fits <see cref="MaxMemoryBytes"/>.</summary>
    public int? WindowSize { get; init; }

    /// <summary>
    /// Memory for the window being processed — covariates read, the feature table, the quantiles, the output buffers —
    /// and the quantile forest's per-thread scratch (default 256 MB). The forest itself and GDAL's block cache
    /// (<see cref="Gdal.DefaultCacheBytes"/>, or GDAL_CACHEMAX) come on top.
    /// </summary>
    public long MaxMemoryBytes { get; init; } = DefaultMaxMemoryBytes;

    /// <summary>Write Cloud-Optimized GeoTIFFs (default true); false writes tiled DEFLATE GeoTIFFs.</summary>
    public bool CloudOptimized { get; init; } = true;

    /// <summary>Prefix of the output file names ("soc_" → soc_q05.tif …; default none).</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Checks the options; returns the probabilities mapped: ascending, with the median.</summary>
    /// <exception cref="ArgumentException">A probability outside [0, 1], none on one side of 0.5, a window outside
    /// 16–16 384, a limit under 1 MB, or a prefix with a folder separator.</exception>
    public double[] Validate()
    {
        ArgumentNullException.ThrowIfNull(Quantiles);
        foreach (var p in Quantiles) Check.InRange(p, 0, 1, "quantile probability");
        var q = Quantiles.Append(0.5).Distinct().Order().ToArray();
        if (q[0] >= 0.5 || q[^1] <= 0.5)
            throw new ArgumentException("The uncertainty index (q_high − q_low) / q50 needs a quantile below 0.5 and one above " +
                $"(got {string.Join(", ", Quantiles.Select(p => p.ToString(CultureInfo.InvariantCulture)))}).");
        if (WindowSize is int w) Check.InRange(w, 16, 16384, "window size");
        if (MaxMemoryBytes < 1 << 20) throw new ArgumentOutOfRangeException(nameof(MaxMemoryBytes), MaxMemoryBytes,
            "The memory limit must be at least 1 MB.");
        if (Prefix.IndexOfAny(['/', '\\']) >= 0 || Prefix.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"The prefix '{Prefix}' must be part of a file name (no folder separators).");
        return q;
    }
}

/// <summary>Progress of a windowed map.</summary>
/// <param name="WindowsDone">Windows written.</param>
/// <param name="WindowsTotal">Windows in all.</param>
/// <param name="PixelsPredicted">Pixels predicted so far (pixels with every covariate present).</param>
public sealed record MapProgress(int WindowsDone, int WindowsTotal, long PixelsPredicted)
{
    /// <summary>Share done, 0–1.</summary>
    public double Fraction => WindowsTotal == 0 ? 1 : (double)WindowsDone / WindowsTotal;
}

/// <summary>What a windowed map wrote.</summary>
/// <param name="Grid">The map's grid (the covariates').</param>
/// <param name="Files">Output file per band name ("q05", "q50", "q95", "uncertainty").</param>
/// <param name="Quantiles">The probabilities mapped, ascending.</param>
/// <param name="UncertaintyIndex">The uncertainty index's formula, e.g. "(q95 - q05) / q50".</param>
/// <param name="WindowSize">Side of the processing window, pixels.</param>
/// <param name="Windows">Windows processed.</param>
/// <param name="PixelsPredicted">Pixels with every covariate present.</param>
/// <param name="PixelsNoData">Pixels with a missing covariate (nodata in every output).</param>
/// <param name="WorkingBytes">Estimated working memory of one window plus the forest's scratch.</param>
public sealed record QuantileMapSummary(RasterGrid Grid, IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<double> Quantiles, string UncertaintyIndex, int WindowSize, int Windows, long PixelsPredicted,
    long PixelsNoData, long WorkingBytes);

/// <summary>
/// Applies a quantile regression forest to a covariate raster stack, window by window, so a map larger than memory works:
/// one Float32 raster per quantile (q05, q50, q95 by default) and the uncertainty index (q_high − q_low) / q50 — with the
/// default quantiles (q95 − q05) / q50, the 90 % interval width relative to the median, as ISRIC's SoilGrids and CUP4Soil
/// report it (<see cref="PredictionInterval.UncertaintyIndex"/>); NaN where the median is 0. A pixel where any covariate
/// the forest uses is nodata (or not finite) is nodata (NaN) in every output. Each pixel's quantiles depend only on its
/// own covariates, so the windowed map is bit-identical to <see cref="Predict(QuantileRegressionForest, Raster,
/// IReadOnlyList{double}?)"/> over the whole raster at once.
/// </summary>
public static class QuantileMap
{
    /// <summary>The band (and file) name of a quantile: 0.05 → "q05", 0.5 → "q50", 0.975 → "q97.5", 1 → "q100".</summary>
    public static string BandName(double probability)
    {
        Check.InRange(probability, 0, 1, "quantile probability");
        var pct = Math.Round(probability * 100, 6);
        return "q" + pct.ToString(pct == Math.Floor(pct) ? "00" : "00.######", CultureInfo.InvariantCulture);
    }

    /// <summary>The band name of the uncertainty index.</summary>
    public const string UncertaintyBand = "uncertainty";

    /// <summary>Working bytes per pixel of a window: covariates read and compacted (2 × 4 p), the index of the pixels
    /// with every covariate (4), the quantiles (8 per quantile) and the Float32 output buffers (4 per output): 8 p + 12 q +
    /// 8.</summary>
    public static long BytesPerPixel(int features, int quantiles) => 8L * features + 4 + 8L * quantiles + 4L * (quantiles + 1);

    /// <summary>The quantile forest's scratch while it predicts: per worker thread, the weights of the training rows
    /// (8 n + n / 8 bytes), the neighbour list and the leaves of a block of up to 512 rows in every tree.</summary>
    public static long ScratchBytes(QuantileRegressionForest forest, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(forest);
        int n = forest.TrainingTarget.Count, workers = Math.Max(1, threads ?? ResolveThreads(forest.Options.Threads));
        return workers * (8L * n + n / 8 + 4L * Math.Min(n, 1024) + 8L * forest.TreeCount * 512 + 4L * 512);
    }

    private static int ResolveThreads(int t) => t <= 0 ? Environment.ProcessorCount : t;

    /// <summary>
    /// The window side: <see cref="QuantileMapOptions.WindowSize"/> when given, else the largest multiple of 16 (at most
    /// 16 384) whose working memory (<see cref="BytesPerPixel"/> × side² + <see cref="ScratchBytes"/>) fits
    /// <see cref="QuantileMapOptions.MaxMemoryBytes"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The limit does not hold even a 16-pixel window, or the given window needs more
    /// than the limit.</exception>
    public static int ChooseWindow(QuantileRegressionForest forest, QuantileMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(forest); ArgumentNullException.ThrowIfNull(options);
        var q = options.Validate();
        long perPixel = BytesPerPixel(forest.FeatureNames.Count, q.Length), scratch = ScratchBytes(forest);
        double mb = 1 << 20;
        if (options.WindowSize is int w)
        {
            long need = perPixel * w * w + scratch;
            if (need > options.MaxMemoryBytes)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"A {w}-pixel window needs about {need / mb:0.#} MB ({perPixel} bytes per pixel + {scratch / mb:0.#} MB of " +
                    $"forest scratch), above the memory limit of {options.MaxMemoryBytes / mb:0.#} MB; use a smaller window or a higher limit."));
            return w;
        }
        long free = options.MaxMemoryBytes - scratch;
        long side = free <= 0 ? 0 : (long)Math.Floor(Math.Sqrt((double)free / perPixel)) / 16 * 16;
        if (side < 16)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The memory limit of {options.MaxMemoryBytes / mb:0.#} MB does not hold a 16-pixel window: the forest's scratch " +
                $"({forest.TreeCount} trees, {forest.TrainingTarget.Count} training rows) needs {scratch / mb:0.#} MB and each " +
                $"pixel {perPixel} bytes; raise the limit."));
        return (int)Math.Min(side, 16384);
    }

    /// <summary>
    /// Maps <paramref name="forest"/> over <paramref name="covariates"/> window by window and writes one single-band
    /// Float32 file per quantile and one for the uncertainty index into <paramref name="folder"/> (NaN nodata; COG by
    /// default). Every file is written to a temporary name (tiled GeoTIFFs staged beside it for a COG) and moved into
    /// place only when every window succeeded, so no half-written map is ever visible.
    /// </summary>
    /// <exception cref="ArgumentException">A feature of the forest has no band of that name.</exception>
    public static QuantileMapSummary Write(QuantileRegressionForest forest, CovariateStack covariates, string folder,
        QuantileMapOptions? options = null, IProgress<MapProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(forest); ArgumentNullException.ThrowIfNull(covariates);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options ??= new QuantileMapOptions();
        var probs = options.Validate();
        var bandOf = covariates.Resolve(forest.FeatureNames);
        int side = ChooseWindow(forest, options);
        var names = OutputNames(probs);
        var paths = names.Select(n => System.IO.Path.Combine(folder, options.Prefix + n + ".tif")).ToArray();
        var grid = covariates.Grid;
        var windows = RasterWindow.Tiles(grid.Width, grid.Height, side).ToArray();
        string formula = Formula(probs);
        long predicted = 0, nodata = 0;
        Directory.CreateDirectory(folder);
        WriteAll(paths, 0, new string[paths.Length], temps =>
        {
            var targets = options.CloudOptimized ? temps.Select(t => t + ".staging.tif").ToArray() : temps;
            try
            {
                var writers = new List<GeoTiffWriter>();
                try
                {
                    for (int k = 0; k < names.Length; k++)
                        writers.Add(GeoTiffWriter.Create(targets[k], grid, 1, new GeoTiffOptions(GdalDataType.Float32, float.NaN,
                            Descriptions: [names[k]], Metadata: Metadata(names[k], k < probs.Length ? probs[k] : null, formula))));
                    int maxP = windows.Max(w => w.PixelCount), p = forest.FeatureNames.Count;
                    var raw = new float[p * maxP];
                    var outputs = names.Select(_ => new float[maxP]).ToArray();
                    for (int wi = 0; wi < windows.Length; wi++)
                    {
                        var win = windows[wi];
                        int P = win.PixelCount;
                        for (int j = 0; j < p; j++) covariates.Read(bandOf[j], win, raw.AsSpan(j * P, P));
                        int m = PredictBlock(forest, raw, P, probs, outputs);
                        predicted += m; nodata += P - m;
                        for (int k = 0; k < names.Length; k++) writers[k].WriteWindow(1, win, outputs[k].AsSpan(0, P));
                        progress?.Report(new MapProgress(wi + 1, windows.Length, predicted));
                    }
                }
                finally { foreach (var w in writers) w.Dispose(); }
                if (options.CloudOptimized)
                    for (int k = 0; k < names.Length; k++) GeoTiff.ToCogUnchecked(targets[k], temps[k]);
            }
            finally
            {
                if (options.CloudOptimized) foreach (var s in targets) if (File.Exists(s)) File.Delete(s);
            }
        });
        long perPixel = BytesPerPixel(forest.FeatureNames.Count, probs.Length);
        return new QuantileMapSummary(grid, names.Select((n, k) => (n, paths[k])).ToDictionary(t => t.n, t => t.Item2),
            probs, formula, side, windows.Length, predicted, nodata,
            perPixel * windows.Max(w => w.PixelCount) + ScratchBytes(forest));
    }

    /// <summary>
    /// The map of one window of a covariate stack (a tile of a tiled run): the quantiles <paramref name="probabilities"/>
    /// (ascending) then the uncertainty index, each window width × height, NaN where a covariate is missing — the values
    /// <see cref="Write"/> gives those pixels.
    /// </summary>
    public static float[][] PredictWindow(QuantileRegressionForest forest, CovariateStack covariates, RasterWindow window,
        IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(forest); ArgumentNullException.ThrowIfNull(covariates);
        var probs = new QuantileMapOptions { Quantiles = probabilities }.Validate();
        window.EnsureInside(covariates.Grid.Width, covariates.Grid.Height);
        var bandOf = covariates.Resolve(forest.FeatureNames);
        int P = window.PixelCount, p = forest.FeatureNames.Count;
        var raw = new float[(long)p * P > int.MaxValue ? throw new ArgumentException("The window is too large to map in one pass.") : p * P];
        for (int j = 0; j < p; j++) covariates.Read(bandOf[j], window, raw.AsSpan(j * P, P));
        var outputs = OutputNames(probs).Select(_ => new float[P]).ToArray();
        PredictBlock(forest, raw, P, probs, outputs);
        return outputs;
    }

    /// <summary>
    /// The map of a covariate raster held in memory, in one pass over all pixels: bands "q05", "q50", "q95" (or the
    /// quantiles given) and "uncertainty", NaN where a covariate is missing. Bands are found by name.
    /// </summary>
    public static Raster Predict(QuantileRegressionForest forest, Raster covariates, IReadOnlyList<double>? quantiles = null)
    {
        ArgumentNullException.ThrowIfNull(forest); ArgumentNullException.ThrowIfNull(covariates);
        var probs = (quantiles is null ? new QuantileMapOptions() : new QuantileMapOptions { Quantiles = quantiles }).Validate();
        var missing = forest.FeatureNames.Where(f => !covariates.Bands.Contains(f)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"The forest needs the covariates {string.Join(", ", missing)}, which the raster does " +
                $"not have (bands: {string.Join(", ", covariates.Bands)}).");
        int P = covariates.PixelCount, p = forest.FeatureNames.Count;
        var raw = new float[(long)p * P > int.MaxValue ? throw new ArgumentException("The raster is too large to map in one " +
            "pass; use QuantileMap.Write, which works window by window.") : p * P];
        for (int j = 0; j < p; j++) covariates.Span(covariates.IndexOf(forest.FeatureNames[j])).CopyTo(raw.AsSpan(j * P, P));
        var names = OutputNames(probs);
        var outputs = names.Select(_ => new float[P]).ToArray();
        PredictBlock(forest, raw, P, probs, outputs);
        return Raster.Create(covariates.Grid, names, outputs,
            new RasterOptions(Title: $"Quantile forest map; uncertainty = {Formula(probs)}"));
    }

    /// <summary>Predicts the pixels of one block: <paramref name="raw"/> holds feature j's P values at j × P; fills each
    /// output's first P values (quantiles ascending, then the uncertainty index); returns the pixels predicted.</summary>
    private static int PredictBlock(QuantileRegressionForest forest, float[] raw, int P, double[] probs, float[][] outputs)
    {
        int p = forest.FeatureNames.Count, nq = probs.Length;
        var valid = new int[P];
        int m = 0;
        for (int i = 0; i < P; i++)
        {
            bool ok = true;
            for (int j = 0; j < p && ok; j++) ok = float.IsFinite(raw[j * P + i]);
            if (ok) valid[m++] = i;
        }
        foreach (var o in outputs) Array.Fill(o, float.NaN, 0, P);
        if (m == 0) return 0;
        var data = new float[(long)p * m];
        for (int j = 0; j < p; j++)
            for (int k = 0; k < m; k++) data[j * m + k] = raw[j * P + valid[k]];
        var table = FeatureTable.FromColumnMajor(data, m, forest.FeatureNames);
        var q = forest.PredictQuantiles(table, probs);
        int lo = 0, hi = nq - 1, med = Array.IndexOf(probs, 0.5);
        var unc = outputs[nq];
        for (int k = 0; k < m; k++)
        {
            int i = valid[k];
            for (int c = 0; c < nq; c++) outputs[c][i] = (float)q[k, c];
            double median = q[k, med];
            unc[i] = median != 0 ? (float)((q[k, hi] - q[k, lo]) / median) : float.NaN;
        }
        return m;
    }

    private static string[] OutputNames(double[] probs) => [.. probs.Select(BandName), UncertaintyBand];

    private static string Formula(double[] probs) => $"({BandName(probs[^1])} - {BandName(probs[0])}) / q50";

    private static Dictionary<string, string> Metadata(string band, double? probability, string formula)
    {
        var m = new Dictionary<string, string> { [RasterFiles.BandsKey] = band, [RasterFiles.UnitsKey] = "" };
        if (probability is double pr) m["SOILNB_QUANTILE"] = pr.ToString("R", CultureInfo.InvariantCulture);
        else m["SOILNB_UNCERTAINTY_INDEX"] = formula;
        return m;
    }

    /// <summary>Runs <paramref name="produce"/> with one temporary path per destination (each inside <see cref="AtomicFile.WriteVia"/>), so every file is moved into place only when all succeeded.</summary>
    internal static void WriteAll(string[] paths, int i, string[] temps, Action<string[]> produce)
    {
        if (i == paths.Length) { produce(temps); return; }
        AtomicFile.WriteVia(paths[i], temp => { temps[i] = temp; WriteAll(paths, i + 1, temps, produce); });
    }
}
