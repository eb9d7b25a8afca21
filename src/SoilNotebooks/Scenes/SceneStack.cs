using System.Text.Json;
using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Scenes;

/// <summary>Options for assembling a scene stack.</summary>
/// <param name="MaxCloudCoverPercent">Scenes with more cloud cover are dropped, 0–100 (default 80, as SCMaP).</param>
/// <param name="MinSunElevationDegrees">Scenes with a lower sun are dropped, 0–90 (default 20, as SCMaP).</param>
/// <param name="ResolutionMetres">Stack grid: 10 (B02 grid; 20 m bands replicated) or 20 (B05 grid; 10 m bands block-averaged). Default 10.</param>
/// <param name="S1ToleranceDays">Maximum |Δt| between a Sentinel-2 date and its Sentinel-1 pair, days (default 1, S2MoS).</param>
/// <param name="Load">How Sentinel-2 metadata is read (explicit radiometry when metadata is missing).</param>
/// <param name="S1Unit">Backscatter unit for Sentinel-1 Items that do not state it.</param>
/// <param name="CheckReflectanceScale">Check each scene's reflectance scale on a central 64 × 64 window of B04, B08 and B11: the median
/// reflectance must lie in [0.002, 1.5], else the scene's DNs are not what its metadata says (e.g. files already in reflectance,
/// or a wrong quantification). Default true.</param>
public sealed record SceneStackOptions(double MaxCloudCoverPercent = 80, double MinSunElevationDegrees = 20, int ResolutionMetres = 10,
    double S1ToleranceDays = 1, S2LoadOptions? Load = null, BackscatterUnit? S1Unit = null, bool CheckReflectanceScale = true)
{
    /// <summary>Checks every parameter.</summary>
    public SceneStackOptions Validate()
    {
        Check.InRange(MaxCloudCoverPercent, 0, 100); Check.InRange(MinSunElevationDegrees, 0, 90);
        if (ResolutionMetres is not (10 or 20)) throw new ArgumentOutOfRangeException(nameof(ResolutionMetres), $"ResolutionMetres must be 10 or 20 (got {ResolutionMetres}).");
        Check.InRange(S1ToleranceDays, 0, 30);
        return this;
    }
}

/// <summary>A scene left out of the stack, with the reason.</summary>
public sealed record ExcludedScene(string Id, DateTime Date, string Reason);

/// <summary>Progress of a long stack run: windows done out of the total.</summary>
public sealed record StackProgress(int WindowsDone, int WindowsTotal)
{
    /// <summary>Fraction done, 0–1.</summary>
    public double Fraction => WindowsTotal == 0 ? 1 : (double)WindowsDone / WindowsTotal;
}

/// <summary>
/// A time series of Sentinel-2 L2A scenes (dates × 10 bands × rows × cols) on one grid, with paired Sentinel-1 VV/VH, read
/// window by window (<see cref="ReadTile"/>) so memory is bounded by the window, not by the scene. Opened files are kept
/// open until <see cref="Dispose"/>. Not thread-safe.
/// </summary>
public sealed class SceneStack : IDisposable
{
    private readonly Dictionary<string, RasterDataset> _open = new(StringComparer.Ordinal);
    private readonly Queue<string> _openOrder = new();

    /// <summary>At most this many files are kept open (oldest closed first), to stay under the process's file-handle limit on long series.</summary>
    public const int MaxOpenDatasets = 400;
    private readonly HashSet<string> _warpS1 = new(StringComparer.Ordinal);

    /// <summary>The stack grid (10 m or 20 m, CRS of the scenes).</summary>
    public RasterGrid Grid { get; }
    /// <summary>Kept Sentinel-2 scenes, sorted by date.</summary>
    public IReadOnlyList<S2Scene> Scenes { get; }
    /// <summary>Acquisition times of <see cref="Scenes"/>.</summary>
    public IReadOnlyList<DateTime> Dates { get; }
    /// <summary>Sentinel-1 scenes available for pairing, sorted by date.</summary>
    public IReadOnlyList<S1Scene> Sentinel1 { get; }
    /// <summary>For each Sentinel-2 scene, the index into <see cref="Sentinel1"/> of its pair, or null.</summary>
    public IReadOnlyList<int?> S1Pairs { get; }
    /// <summary>Scenes dropped by the filters (cloud cover, sun elevation), with reasons.</summary>
    public IReadOnlyList<ExcludedScene> Excluded { get; }
    /// <summary>Notes about missing metadata (e.g. a scene without cloud cover, kept).</summary>
    public IReadOnlyList<string> Warnings { get; }
    /// <summary>Options used.</summary>
    public SceneStackOptions Options { get; }

    private SceneStack(RasterGrid grid, List<S2Scene> scenes, List<S1Scene> s1, List<ExcludedScene> excluded, List<string> warnings, SceneStackOptions options)
    {
        Grid = grid; Scenes = scenes; Dates = scenes.Select(s => s.Date).ToArray(); Sentinel1 = s1; Excluded = excluded; Warnings = warnings; Options = options;
        S1Pairs = S1Pairing.Pair(Dates, s1.Select(s => s.Date).ToArray(), TimeSpan.FromDays(options.S1ToleranceDays));
    }

    /// <summary>
    /// Builds a stack from scenes: applies the scene filters, picks the reference grid (B02 for 10 m, B05 for 20 m of the
    /// first kept scene) and checks that every band, SCL and Sentinel-1 file is compatible with it.
    /// </summary>
    /// <exception cref="InvalidDataException">No scene left, or mismatched CRS/grids.</exception>
    public static SceneStack Create(IEnumerable<S2Scene> scenes, IEnumerable<S1Scene>? sentinel1 = null, SceneStackOptions? options = null)
    {
        options = (options ?? new SceneStackOptions()).Validate();
        var all = scenes.OrderBy(s => s.Date).ToList();
        if (all.Count == 0) throw new InvalidDataException("The scene stack is empty: no Sentinel-2 scene was given.");
        var kept = new List<S2Scene>(); var excluded = new List<ExcludedScene>(); var warnings = new List<string>();
        var seenIds = new Dictionary<string, S2Scene>(StringComparer.Ordinal);
        var seenFiles = new Dictionary<string, S2Scene>(StringComparer.Ordinal);
        foreach (var s in all)
        {
            // the same scene twice (two Items of one product, a copied folder) would be counted twice in composites
            var b02 = s.BandPaths.TryGetValue(S2Band.B02, out var bp) ? Path.GetFullPath(bp) : null;
            if (seenIds.TryGetValue(s.Id, out var first) || (b02 is not null && seenFiles.TryGetValue(b02, out first)))
            {
                excluded.Add(new(s.Id, s.Date, $"duplicate of scene {first.Id} ({first.Date:yyyy-MM-dd}); counted once"));
                warnings.Add($"{s.Id}: the same scene was given twice; the duplicate was dropped.");
                continue;
            }
            seenIds[s.Id] = s;
            if (b02 is not null) seenFiles[b02] = s;
            if (s.CloudCoverPercent is double cc && cc > options.MaxCloudCoverPercent) { excluded.Add(new(s.Id, s.Date, $"cloud cover {cc:0.#} % > {options.MaxCloudCoverPercent} %")); continue; }
            if (s.SunElevationDegrees is double se && se < options.MinSunElevationDegrees) { excluded.Add(new(s.Id, s.Date, $"sun elevation {se:0.#}° < {options.MinSunElevationDegrees}°")); continue; }
            if (s.CloudCoverPercent is null) warnings.Add($"{s.Id}: no cloud-cover metadata; kept without the scene filter.");
            if (s.SunElevationDegrees is null) warnings.Add($"{s.Id}: no sun-elevation metadata; kept without the scene filter.");
            kept.Add(s);
        }
        if (kept.Count == 0)
            throw new InvalidDataException($"All {all.Count} scenes were excluded by the scene filters (max cloud {options.MaxCloudCoverPercent} %, min sun elevation {options.MinSunElevationDegrees}°): " +
                string.Join("; ", excluded.Select(e => $"{e.Id}: {e.Reason}")));
        var refBand = options.ResolutionMetres == 10 ? S2Band.B02 : S2Band.B05;
        RasterGrid grid;
        using (var r = RasterDataset.Open(kept[0].BandPaths[refBand])) grid = r.Grid;
        var s1 = (sentinel1 ?? []).OrderBy(s => s.Date).ToList();
        var stack = new SceneStack(grid, kept, s1, excluded, warnings, options);
        try
        {
            foreach (var s in kept)
            {
                foreach (var (band, path) in s.BandPaths)
                    GridReader.EnsureCompatible(stack.Dataset(path).Grid, grid, $"Scene {s.Id} band {band} ('{path}')");
                GridReader.EnsureCompatible(stack.Dataset(s.SclPath).Grid, grid, $"Scene {s.Id} SCL ('{s.SclPath}')");
            }
            if (options.CheckReflectanceScale) stack.CheckScale();
            foreach (var i in stack.S1Pairs.Where(p => p is not null).Select(p => p!.Value).Distinct())
                foreach (var (path, pol) in new[] { (s1[i].VvPath, "VV"), (s1[i].VhPath, "VH") })
                {
                    // Sentinel-1 products often come in another CRS or grid: those are warped (bilinear) window by window
                    try { GridReader.EnsureCompatible(stack.Dataset(path).Grid, grid, $"Sentinel-1 {s1[i].Id} {pol}"); }
                    catch (InvalidDataException) { stack._warpS1.Add(path); stack.CheckWarpedCoverage(path, s1[i].Id, pol); }
                }
        }
        catch { stack.Dispose(); throw; }
        return stack;
    }

    /// <summary>
    /// Opens a stack from a STAC Item JSON file, or a folder searched recursively for STAC Items (Sentinel-2 and Sentinel-1,
    /// recognised by their properties); a folder without Items is read as band folders (itself or its sub-folders).
    /// </summary>
    public static SceneStack Open(string stacItemOrFolder, SceneStackOptions? options = null)
    {
        options = (options ?? new SceneStackOptions()).Validate();
        var s2 = new List<S2Scene>(); var s1 = new List<S1Scene>();
        if (File.Exists(stacItemOrFolder)) s2.Add(S2Scene.FromStacItem(stacItemOrFolder, options.Load));
        else if (Directory.Exists(stacItemOrFolder))
        {
            foreach (var json in Directory.EnumerateFiles(stacItemOrFolder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                using var doc = S2Scene.ReadJson(json);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var t) || t.GetString() != "Feature" || !root.TryGetProperty("properties", out var props)) continue;
                if (S1Scene.IsSentinel1(props)) s1.Add(S1Scene.FromStacItem(root, json, options.S1Unit));
                else s2.Add(S2Scene.FromStacItem(root, json, options.Load));
            }
            if (s2.Count == 0)
            {
                var folders = new[] { stacItemOrFolder }.Concat(Directory.GetDirectories(stacItemOrFolder).Order(StringComparer.Ordinal))
                    .Where(d => Directory.GetFiles(d).Any(f => Path.GetFileNameWithoutExtension(f).Contains("SCL", StringComparison.OrdinalIgnoreCase)));
                s2.AddRange(folders.Select(f => S2Scene.FromFolder(f, options.Load)));
            }
            if (s2.Count == 0) throw new InvalidDataException($"'{stacItemOrFolder}' holds no Sentinel-2 STAC Item and no band folder (files B02…B12 and SCL).");
        }
        else throw new FileNotFoundException($"No STAC Item or folder at '{stacItemOrFolder}'.", stacItemOrFolder);
        return Create(s2, s1, options);
    }

    /// <summary>
    /// A Sentinel-1 file that is warped onto the grid must cover it: samples at the centre and the four corners of the
    /// grid must not all be nodata after reprojection (a file in another CRS whose georeferencing is wrong, or that lies
    /// elsewhere, would otherwise give all-NaN VV/VH without a word).
    /// </summary>
    private void CheckWarpedCoverage(string path, string id, string pol)
    {
        var ds = Dataset(path);
        if (ds.Grid.Crs.IsUndefined)
            throw new InvalidDataException($"Sentinel-1 {id} {pol} ('{path}') has no coordinate reference system, so it cannot be " +
                                           "reprojected onto the stack's grid; assign one first (gdal_edit.py -a_srs EPSG:n).");
        int w = Math.Min(16, Grid.Width), h = Math.Min(16, Grid.Height);
        var windows = new[]
        {
            new RasterWindow((Grid.Width - w) / 2, (Grid.Height - h) / 2, w, h), new RasterWindow(0, 0, w, h),
            new RasterWindow(Grid.Width - w, 0, w, h), new RasterWindow(0, Grid.Height - h, w, h),
            new RasterWindow(Grid.Width - w, Grid.Height - h, w, h),
        };
        foreach (var win in windows)
            if (Warp.ToGrid(ds, Grid.Subset(win), Resampling.Bilinear)[0].Any(float.IsFinite)) return;
        throw new InvalidDataException(
            $"Sentinel-1 {id} {pol} ('{path}', CRS {ds.Grid.Crs}) does not cover the stack's grid (CRS {Grid.Crs}) after " +
            "reprojection: every sampled pixel is nodata. Check the file's CRS and georeferencing (gdalinfo).");
    }

    private void CheckScale()
    {
        int w = Math.Min(64, Grid.Width), h = Math.Min(64, Grid.Height);
        var win = new RasterWindow((Grid.Width - w) / 2, (Grid.Height - h) / 2, w, h);
        var buf = new float[win.PixelCount];
        foreach (var s in Scenes)
            foreach (var band in new[] { S2Band.B04, S2Band.B08, S2Band.B11 })
            {
                GridReader.ReadOnto(Dataset(s.BandPaths[band]), 1, Grid, win, buf, categorical: false);
                var v = buf.Select(s.Radiometry.ToReflectance).Where(float.IsFinite).Order().ToArray();
                if (v.Length == 0) continue;
                float med = v[v.Length / 2];
                if (med > 1.5f || med < 0.002f)
                    throw new InvalidDataException(
                        $"Scene {s.Id} band {band}: median reflectance {med:G4} after (DN + {s.Radiometry.DnOffset}) / {s.Radiometry.Quantification} is implausible " +
                        (med > 1.5f ? "(> 1.5: DNs larger than Sentinel-2 L2A's 0–10000 range?)" : "(< 0.002: files already in reflectance 0–1, or a wrong quantification?)") +
                        " — check the files and their metadata, or pass SceneStackOptions.CheckReflectanceScale = false.");
            }
    }

    internal RasterDataset Dataset(string path)
    {
        if (!_open.TryGetValue(path, out var ds))
        {
            if (_open.Count >= MaxOpenDatasets)
            {
                var oldest = _openOrder.Dequeue();
                _open[oldest].Dispose();
                _open.Remove(oldest);
            }
            ds = RasterDataset.Open(path);
            _open[path] = ds;
            _openOrder.Enqueue(path);
        }
        return ds;
    }

    /// <summary>
    /// Reads one window: reflectances of all dates and bands (DN → reflectance with each scene's radiometry; DN 0 → NaN),
    /// SCL-derived flags (dilation computed on a halo around the window so tiles join seamlessly) and paired Sentinel-1 dB.
    /// Memory ≈ dates × (10 × 4 + 1 + 8) bytes per window pixel. Pass a previous tile as <paramref name="buffer"/> to reuse its
    /// arrays (the previous tile's contents are overwritten), so a run over many windows allocates its buffers once.
    /// </summary>
    public StackTile ReadTile(RasterWindow window, SclMaskOptions? mask = null, StackTile? buffer = null)
    {
        mask ??= SclMaskOptions.Default;
        mask.Validate();
        window.EnsureInside(Grid.Width, Grid.Height);
        int D = Scenes.Count, P = window.PixelCount, B = S2Bands.Count;
        bool anyS1 = S1Pairs.Any(p => p is not null);
        bool reuse = buffer is not null && buffer.CanHold(D, P, anyS1);
        var refl = reuse ? buffer!.Reflectance : new float[D * B * P];
        var flags = reuse ? buffer!.Flags : new ObservationFlags[D * P];
        float[]? vv = anyS1 ? (reuse ? buffer!.VvDb : new float[D * P]) : null, vh = anyS1 ? (reuse ? buffer!.VhDb : new float[D * P]) : null;
        int h = mask.DilationPixels;
        var halo = new RasterWindow(Math.Max(0, window.ColumnOffset - h), Math.Max(0, window.RowOffset - h), 0, 0);
        halo = halo with
        {
            Width = Math.Min(Grid.Width, window.ColumnOffset + window.Width + h) - halo.ColumnOffset,
            Height = Math.Min(Grid.Height, window.RowOffset + window.Height + h) - halo.RowOffset,
        };
        int hp = halo.PixelCount;
        var sclBuf = Grow(ref _sclBuf, hp).AsSpan(0, hp);
        var sclBytes = Grow(ref _sclBytes, hp).AsSpan(0, hp);
        var haloFlags = Grow(ref _haloFlags, hp).AsSpan(0, hp);
        var dilationScratch = h > 0 ? Grow(ref _dilationScratch, 2 * hp).AsSpan(0, 2 * hp) : default;
        int dc = window.ColumnOffset - halo.ColumnOffset, dr = window.RowOffset - halo.RowOffset;
        for (int d = 0; d < D; d++)
        {
            var s = Scenes[d];
            for (int b = 0; b < B; b++)
            {
                var dest = refl.AsSpan((d * B + b) * P, P);
                GridReader.ReadOnto(Dataset(s.BandPaths[(S2Band)b]), 1, Grid, window, dest, categorical: false);
                var rad = s.Radiometry;
                for (int i = 0; i < dest.Length; i++) dest[i] = rad.ToReflectance(dest[i]);
            }
            GridReader.ReadOnto(Dataset(s.SclPath), 1, Grid, halo, sclBuf, categorical: true);
            for (int i = 0; i < sclBuf.Length; i++) sclBytes[i] = float.IsNaN(sclBuf[i]) ? (byte)0 : (byte)Math.Clamp(sclBuf[i], 0, 255);
            SclMask.ClassifyInto(sclBytes, halo.Width, halo.Height, mask, haloFlags, dilationScratch);
            for (int r = 0; r < window.Height; r++)
                haloFlags.Slice((r + dr) * halo.Width + dc, window.Width).CopyTo(flags.AsSpan(d * P + r * window.Width, window.Width));
            if (anyS1)
            {
                var vvDest = vv.AsSpan(d * P, P); var vhDest = vh.AsSpan(d * P, P);
                if (S1Pairs[d] is int k)
                {
                    var s1 = Sentinel1[k];
                    ReadS1(s1.VvPath, window, vvDest);
                    ReadS1(s1.VhPath, window, vhDest);
                    for (int i = 0; i < P; i++) { vvDest[i] = s1.ToDecibel(vvDest[i]); vhDest[i] = s1.ToDecibel(vhDest[i]); }
                }
                else { vvDest.Fill(float.NaN); vhDest.Fill(float.NaN); }
            }
        }
        return new StackTile(Dates, window, refl, flags, vv, vh);
    }

    // SCL scratch of ReadTile, grown to the largest halo and reused for every date and window (the stack is not thread-safe)
    private float[] _sclBuf = [];
    private byte[] _sclBytes = [];
    private ObservationFlags[] _haloFlags = [];
    private byte[] _dilationScratch = [];

    private static T[] Grow<T>(ref T[] buffer, int length) => buffer.Length >= length ? buffer : buffer = new T[length];

    private void ReadS1(string path, RasterWindow window, Span<float> dest)
    {
        var ds = Dataset(path);
        if (_warpS1.Contains(path)) { Warp.ToGrid(ds, Grid.Subset(window), Resampling.Bilinear)[0].CopyTo(dest); return; }   // applies scale/offset
        GridReader.ReadOnto(ds, 1, Grid, window, dest, categorical: false, applyScaleOffset: true);   // physical values, as the warp gives
    }

    /// <summary>Sentinel-1 files that are not on the stack grid and are warped (bilinear, GDAL) onto each window.</summary>
    public IReadOnlyCollection<string> WarpedSentinel1Files => _warpS1;

    /// <summary>The processing windows for a tile size.</summary>
    public IEnumerable<RasterWindow> Windows(int tileSize) => RasterWindow.Tiles(Grid.Width, Grid.Height, tileSize);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var ds in _open.Values) ds.Dispose();
        _open.Clear();
        _openOrder.Clear();
    }
}
