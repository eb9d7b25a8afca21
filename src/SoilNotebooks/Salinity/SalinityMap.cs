using System.Diagnostics;
using System.Globalization;
using SoilNotebooks.IO;
using SoilNotebooks.Mapping;
using SoilNotebooks.Rasters;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Salinity;

/// <summary>
/// A fitted two-step model with what a map needs besides it: the names and order of its features, and the training
/// points (longitude, latitude, ECe) from which a map cell's Getis-Ord column is computed (<see cref="GetisOrd.Compute"/>:
/// training points only, the k nearest by great-circle distance) when the features include it.
/// </summary>
/// <param name="Model">The fitted model.</param>
/// <param name="Features">Its feature names in training order (the provider's columns plus <paramref name="GiColumn"/> if used).</param>
/// <param name="TrainLon">Training longitudes, degrees.</param>
/// <param name="TrainLat">Training latitudes, degrees.</param>
/// <param name="TrainEce">Training ECe, dS/m.</param>
/// <param name="Neighbours">k of the Getis-Ord k-nearest weights.</param>
/// <param name="GiColumn">Name of the Getis-Ord column (default "GiZ").</param>
public sealed record SalinityMapModel(TwoStepModel Model, IReadOnlyList<string> Features, IReadOnlyList<double> TrainLon,
    IReadOnlyList<double> TrainLat, IReadOnlyList<double> TrainEce, int Neighbours, string GiColumn = SpatialCovariates.DefaultName)
{
    /// <summary>True when the model uses the Getis-Ord column.</summary>
    public bool UsesGi => Features.Contains(GiColumn);

    /// <summary>The Getis-Ord weights of the column: the <see cref="Neighbours"/> nearest, great-circle km.</summary>
    public SpatialWeights Weights => SpatialWeights.KNearest(Neighbours, DistanceMetric.GreatCircleKm);

    /// <summary>
    /// Fits the map's model on all training points: <paramref name="x"/> plus the Getis-Ord column of ECe as the training
    /// rows get it in cross-validation (Gi: each point's own value left out, from the other points,
    /// <see cref="GetisOrd.ForTraining"/> without self), so a map cell (z from the training points,
    /// <see cref="GetisOrd.Compute"/>) and a training row see the same kind of covariate. With
    /// <paramref name="withGi"/> false the model is fit on <paramref name="x"/> alone.
    /// </summary>
    /// <param name="x">Covariates of the training points (the columns a covariate provider returns for a cell).</param>
    /// <param name="lon">Training longitudes, degrees.</param>
    /// <param name="lat">Training latitudes, degrees.</param>
    /// <param name="ece">Training ECe, dS/m.</param>
    /// <param name="options">Two-step options (seeded).</param>
    /// <param name="neighbours">k of the Getis-Ord weights (e.g. 8).</param>
    /// <param name="withGi">Add the Getis-Ord column (default true).</param>
    public static SalinityMapModel Fit(FeatureTable x, IReadOnlyList<double> lon, IReadOnlyList<double> lat, IReadOnlyList<double> ece,
        TwoStepOptions options, int neighbours, bool withGi = true)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(lon); ArgumentNullException.ThrowIfNull(lat);
        ArgumentNullException.ThrowIfNull(ece); ArgumentNullException.ThrowIfNull(options);
        Check.SameLength(x.Rows, ece.Count, "covariates and ECe");
        Check.SameLength(lon.Count, ece.Count, "coordinates and ECe");
        Check.SameLength(lat.Count, ece.Count, "coordinates and ECe");
        Check.Positive(neighbours);
        var w = SpatialWeights.KNearest(neighbours, DistanceMetric.GreatCircleKm);
        var table = withGi ? SpatialCovariates.WithColumn(x, SpatialCovariates.DefaultName, GetisOrd.ForTraining(lon, lat, ece, w, includeSelf: false).Z) : x;
        var model = TwoStepModel.Fit(table, ece, options);
        return new SalinityMapModel(model, table.Names.ToArray(), lon.ToArray(), lat.ToArray(), ece.ToArray(), neighbours);
    }

    /// <summary>
    /// The model's feature table for map cells: the provider's columns in <see cref="Features"/> order, plus the Getis-Ord
    /// column from the training points when the model uses it.
    /// </summary>
    /// <exception cref="ArgumentException">The provider's table has the wrong row count or lacks a feature.</exception>
    public FeatureTable CellFeatures(IReadOnlyList<(double Lat, double Lon)> cells, FeatureTable provided)
    {
        ArgumentNullException.ThrowIfNull(cells); ArgumentNullException.ThrowIfNull(provided);
        if (provided.Rows != cells.Count)
            throw new ArgumentException($"The covariate provider returned {provided.Rows} rows for {cells.Count} cells.", nameof(provided));
        var cols = new float[Features.Count][];
        for (int j = 0; j < Features.Count; j++)
        {
            if (UsesGi && Features[j] == GiColumn)
            {
                cols[j] = GetisOrd.Compute(TrainLon, TrainLat, TrainEce, cells.Select(c => c.Lon).ToArray(), cells.Select(c => c.Lat).ToArray(), Weights)
                    .Z.Select(v => (float)v).ToArray();
                continue;
            }
            int k = -1;
            for (int q = 0; q < provided.Columns && k < 0; q++) if (provided.Names[q] == Features[j]) k = q;
            if (k < 0)
                throw new ArgumentException($"The covariate provider has no column '{Features[j]}' (it has {string.Join(", ", provided.Names)}).", nameof(provided));
            cols[j] = provided.Column(k);
        }
        return FeatureTable.FromColumns(cols, Features);
    }
}

/// <summary>How a salinity map is made.</summary>
public sealed record SalinityMapOptions
{
    /// <summary>Cell side in m (default 1000, the poster's 1 km; e.g. 25 000 for a quick map).</summary>
    public double ResolutionMeters { get; init; } = 1000;

    /// <summary>Side of the square processing window, cells (default 512): memory is bounded by one window.</summary>
    public int WindowSize { get; init; } = 512;

    /// <summary>Write Cloud-Optimized GeoTIFFs (default true); false writes tiled DEFLATE GeoTIFFs.</summary>
    public bool CloudOptimized { get; init; } = true;

    /// <summary>Prefix of the file names (default "salinity_": salinity_ece.tif, salinity_class.tif, salinity_p_saline.tif).</summary>
    public string Prefix { get; init; } = "salinity_";

    /// <summary>Largest side of the in-memory display rasters, cells (default 800): the map is decimated (every f-th cell,
    /// nearest) to fit.</summary>
    public int DisplayCells { get; init; } = 800;

    /// <summary>The notebook's map: "quick" 25 km cells (about 7,000 land cells, seconds), "full" the poster's 1 km (about
    /// 4.4 million land cells).</summary>
    /// <exception cref="ArgumentException">A mode other than "quick" or "full".</exception>
    public static SalinityMapOptions For(string mode) => mode switch
    {
        "quick" => new() { ResolutionMeters = 25_000 },
        "full" => new() { ResolutionMeters = 1_000 },
        _ => throw new ArgumentException($"mode must be \"quick\" or \"full\" (got \"{mode}\")."),
    };

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        Check.InRange(ResolutionMeters, 100, 200_000, nameof(ResolutionMeters));
        Check.InRange(WindowSize, 16, 16_384, nameof(WindowSize));
        Check.InRange(DisplayCells, 16, 10_000, nameof(DisplayCells));
        ArgumentNullException.ThrowIfNull(Prefix);
        if (Prefix.IndexOfAny(['/', '\\']) >= 0 || Prefix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"The prefix '{Prefix}' must be part of a file name (no folder separators).");
    }
}

/// <summary>Key numbers of a salinity map.</summary>
/// <param name="Grid">The full-resolution grid (EPSG:3035).</param>
/// <param name="ResolutionMeters">Cell side, m.</param>
/// <param name="LandCells">Cells on EU27 + GB land, every one predicted.</param>
/// <param name="Classes">Class labels, lowest first.</param>
/// <param name="CellsPerClass">Predicted cells per class.</param>
/// <param name="AreaKm2PerClass">Area per class, km² (cells × cell area; the grid is equal-area).</param>
/// <param name="SalineShare">Share of predicted cells not in the lowest class (ECe ≥ the first boundary).</param>
/// <param name="MeanProbabilitySaline">Mean P(saline) over predicted cells.</param>
/// <param name="MeanEce">Mean predicted ECe, dS/m.</param>
/// <param name="MedianEce">Median predicted ECe, dS/m (from a histogram of 0.001-dS/m bins up to 100 dS/m).</param>
/// <param name="Windows">Windows processed.</param>
/// <param name="WindowSize">Window side, cells.</param>
/// <param name="Seconds">Wall time of the map, s.</param>
/// <param name="Files">Files written per layer ("ece", "class", "p_saline"), empty when none were written.</param>
public sealed record SalinityMapSummary(RasterGrid Grid, double ResolutionMeters, long LandCells,
    IReadOnlyList<string> Classes, IReadOnlyList<long> CellsPerClass, IReadOnlyList<double> AreaKm2PerClass, double SalineShare,
    double MeanProbabilitySaline, double MeanEce, double MedianEce, int Windows, int WindowSize, double Seconds,
    IReadOnlyDictionary<string, string> Files)
{
    /// <summary>Land cells mapped per second of wall time (grid, covariates, Gi*, prediction and writing).</summary>
    public double CellsPerSecond => Seconds > 0 ? LandCells / Seconds : double.NaN;

    /// <summary>The key numbers as one table row.</summary>
    public SalinityMapRow Row => new(string.Create(CultureInfo.InvariantCulture, $"{Grid.Width} × {Grid.Height} cells of {ResolutionMeters / 1000:0.###} km, EPSG:3035"),
        LandCells, SalineShare, MeanProbabilitySaline, MeanEce, MedianEce,
        string.Join("; ", Classes.Select((c, k) => string.Create(CultureInfo.InvariantCulture, $"{c}: {AreaKm2PerClass[k]:N0} km²"))), Seconds, CellsPerSecond);

    /// <summary>The results.json entry (key "map").</summary>
    public IReadOnlyDictionary<string, object?> Result() => new Dictionary<string, object?>
    {
        ["crs"] = "EPSG:3035", ["resolution_m"] = ResolutionMeters, ["width"] = Grid.Width, ["height"] = Grid.Height,
        ["land_cells"] = LandCells, ["cell_area_km2"] = ResolutionMeters * ResolutionMeters / 1e6,
        ["saline_share"] = Finite(SalineShare), ["mean_p_saline"] = Finite(MeanProbabilitySaline), ["mean_ece"] = Finite(MeanEce),
        ["median_ece"] = Finite(MedianEce),
        ["classes"] = Classes.Select((c, k) => new Dictionary<string, object?>
            { ["class"] = c, ["cells"] = CellsPerClass[k], ["area_km2"] = AreaKm2PerClass[k] }).ToArray(),
        ["seconds"] = Seconds, ["cells_per_second"] = Finite(CellsPerSecond),
        ["files"] = Files.ToDictionary(kv => kv.Key, kv => Path.GetFileName(kv.Value)),
    };

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}

/// <summary>The key numbers of a <see cref="SalinityMapSummary"/> (one table row).</summary>
/// <param name="Grid">Size, resolution and CRS.</param>
/// <param name="LandCells">Land cells mapped.</param>
/// <param name="SalineShare">Share of land cells predicted saline.</param>
/// <param name="MeanProbabilitySaline">Mean P(saline).</param>
/// <param name="MeanEce">Mean predicted ECe, dS/m.</param>
/// <param name="MedianEce">Median predicted ECe, dS/m.</param>
/// <param name="AreaPerClass">Area per class, km².</param>
/// <param name="Seconds">Wall time, s.</param>
/// <param name="CellsPerSecond">Land cells per second.</param>
public sealed record SalinityMapRow(string Grid, long LandCells, double SalineShare, double MeanProbabilitySaline, double MeanEce, double MedianEce,
    string AreaPerClass, double Seconds, double CellsPerSecond);

/// <summary>
/// The map of a two-step salinity model over EU27 + GB land (Zarif et al.'s 1 km map): per cell of an
/// <see cref="EuGbGrid"/>, the covariates from a provider (a function of the cells' latitude/longitude, e.g. a covariate
/// grid twin), the Getis-Ord column from the training points only, then <see cref="TwoStepModel.Predict"/>: predicted ECe
/// (dS/m, Float32), the predicted class (Byte, class index, nodata 255) and P(saline) = 1 − P(lowest class) (Float32; for
/// the binary model P(ECe ≥ threshold), <see cref="TwoStepPrediction.ProbabilityHigh"/>) as the uncertainty layer.
/// Off land every layer is nodata; the provider must give every land cell its covariates (a <see cref="FeatureTable"/> holds
/// finite values only). Window by window (memory of
/// one window), each cell depending only on its own covariates, so the result does not depend on the window size.
/// Files are staged and moved into place only when every window succeeded: no half-written map is ever visible.
/// </summary>
/// <param name="Summary">The key numbers.</param>
/// <param name="Ece">Display raster of predicted ECe (decimated to <see cref="SalinityMapOptions.DisplayCells"/>), dS/m.</param>
/// <param name="Class">Display raster of the class index, with the class names (<see cref="Raster.Classes"/>).</param>
/// <param name="ProbabilitySaline">Display raster of P(saline).</param>
/// <param name="DisplayFactor">Decimation of the display rasters (1 = every cell).</param>
public sealed record SalinityMap(SalinityMapSummary Summary, Raster Ece, Raster Class, Raster ProbabilitySaline, int DisplayFactor)
{
    /// <summary>Layer names (and file name suffixes).</summary>
    public static IReadOnlyList<string> Layers { get; } = ["ece", "class", "p_saline"];

    /// <summary>Nodata value of the class file.</summary>
    public const byte ClassNoData = 255;

    /// <summary>Colours of up to five classes, non-saline to very strongly saline.</summary>
    public static IReadOnlyList<string> ClassColors { get; } = ["#f1eef6", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"];

    /// <summary>
    /// The predictions of <paramref name="model"/> for land cells (the same rows <see cref="Build"/> predicts): the
    /// provider's covariates plus the Getis-Ord column, then <see cref="TwoStepModel.Predict"/>.
    /// </summary>
    public static TwoStepPrediction PredictCells(SalinityMapModel model, Func<IReadOnlyList<(double Lat, double Lon)>, FeatureTable> covariates,
        IReadOnlyList<(double Lat, double Lon)> cells)
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(covariates); ArgumentNullException.ThrowIfNull(cells);
        return model.Model.Predict(model.CellFeatures(cells, covariates(cells) ?? throw new InvalidOperationException("The covariate provider returned null.")));
    }

    /// <summary>
    /// Builds the map (see the type's remarks) and, when <paramref name="folder"/> is given, writes
    /// <c>{prefix}ece.tif</c>, <c>{prefix}class.tif</c> and <c>{prefix}p_saline.tif</c> there (COG by default).
    /// </summary>
    /// <param name="model">The fitted model with its training points.</param>
    /// <param name="covariates">Covariates of cells given as (lat, lon): one row per cell, the model's columns by name
    /// (extra columns are ignored; the Getis-Ord column is added here).</param>
    /// <param name="folder">Output folder, or null to keep the map in memory only (display rasters and summary).</param>
    /// <param name="options">Resolution, window, output format.</param>
    /// <param name="progress">Receives one report per window.</param>
    /// <exception cref="IOException">The folder cannot be written (no file is left behind).</exception>
    public static SalinityMap Build(SalinityMapModel model, Func<IReadOnlyList<(double Lat, double Lon)>, FeatureTable> covariates,
        string? folder = null, SalinityMapOptions? options = null, IProgress<MapProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(covariates);
        options ??= new SalinityMapOptions();
        options.Validate();
        var sw = Stopwatch.StartNew();
        var grid = EuGbGrid.Create(options.ResolutionMeters);
        var g = grid.Grid;
        var windows = grid.Windows(options.WindowSize);
        var labels = model.Model.Labels;
        int K = labels.Count;
        int f = Math.Max(1, (int)Math.Ceiling(Math.Max(g.Width, g.Height) / (double)options.DisplayCells));
        int dw = (g.Width + f - 1) / f, dh = (g.Height + f - 1) / f;
        var dEce = Nan(dw * dh); var dCls = Nan(dw * dh); var dP = Nan(dw * dh);
        var acc = new Accumulator(K);

        void Run(Action<RasterWindow, float[], float[], float[]>? write)
        {
            int max = windows.Max(w => w.PixelCount);
            var ece = new float[max]; var cls = new float[max]; var p = new float[max];
            for (int wi = 0; wi < windows.Count; wi++)
            {
                var win = windows[wi];
                int n = win.PixelCount;
                Array.Fill(ece, float.NaN, 0, n); Array.Fill(cls, float.NaN, 0, n); Array.Fill(p, float.NaN, 0, n);
                var land = grid.Land(win);
                acc.Land += land.Pixels.Length;
                if (land.Pixels.Length > 0) PredictWindow(model, covariates, land, ece, cls, p, acc);
                for (int r = 0; r < win.Height; r++)
                {
                    int gr = win.RowOffset + r;
                    if (gr % f != f / 2) continue;
                    for (int c = 0; c < win.Width; c++)
                    {
                        int gc = win.ColumnOffset + c;
                        if (gc % f != f / 2) continue;
                        int d = gr / f * dw + gc / f, i = r * win.Width + c;
                        dEce[d] = ece[i]; dCls[d] = cls[i]; dP[d] = p[i];
                    }
                }
                write?.Invoke(win, ece, cls, p);
                progress?.Report(new MapProgress(wi + 1, windows.Count, acc.Predicted));
            }
        }

        var files = new Dictionary<string, string>();
        if (folder is null) Run(null);
        else
        {
            var paths = Layers.Select(l => Path.Combine(Path.GetFullPath(folder), options.Prefix + l + ".tif")).ToArray();
            try { WriteFiles(grid, paths, labels, options.CloudOptimized, Run); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or GdalException)
            {
                throw new IOException($"Cannot write the salinity map to '{folder}': {e.Message} (no map file was left there).", e);
            }
            for (int k = 0; k < Layers.Count; k++) files[Layers[k]] = paths[k];
        }
        sw.Stop();

        double cellKm2 = grid.CellAreaKm2;
        var summary = new SalinityMapSummary(g, options.ResolutionMeters, acc.Land, labels.ToArray(),
            acc.PerClass.ToArray(), acc.PerClass.Select(c => c * cellKm2).ToArray(),
            acc.Predicted == 0 ? double.NaN : (double)(acc.Predicted - acc.PerClass[0]) / acc.Predicted,
            acc.Predicted == 0 ? double.NaN : acc.SumP / acc.Predicted, acc.Predicted == 0 ? double.NaN : acc.SumEce / acc.Predicted,
            acc.Median(), windows.Count, options.WindowSize, sw.Elapsed.TotalSeconds, files);
        var dg = new RasterGrid(dw, dh, GeoTransform.NorthUp(g.Transform.OriginX, g.Transform.OriginY, options.ResolutionMeters * f), g.Crs);
        string res = options.ResolutionMeters >= 1000 ? $"{options.ResolutionMeters / 1000:0.###} km" : $"{options.ResolutionMeters:0} m";
        var classes = new RasterClasses(labels.Select((l, k) => new RasterClass(k, ClassName(labels, k), ClassColors[Math.Min(k, ClassColors.Count - 1)])));
        return new SalinityMap(summary,
            Raster.Create(dg, ["ece"], [dEce], new RasterOptions("dS/m", Title: $"predicted ECe, {res} grid")),
            Raster.Create(dg, ["class"], [dCls], new RasterOptions(Classes: classes, Title: $"predicted salinity class, {res} grid")),
            Raster.Create(dg, ["p_saline"], [dP], new RasterOptions("", Title: $"P(saline), {res} grid")), f);
    }

    /// <summary>The legend name of class <paramref name="k"/>: the FAO name for the FAO boundaries or the binary 2 dS/m
    /// split, with the label ("non-saline, ECe &lt; 2").</summary>
    public static string ClassName(IReadOnlyList<string> labels, int k)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Check.InRange(k, 0, labels.Count - 1, nameof(k));
        var fao = SalinityClasses.Labels(SalinityClasses.FaoBoundaries);
        if (labels.SequenceEqual(fao)) return $"{SalinityClasses.FaoNames[k]}, {labels[k]}";
        if (labels.SequenceEqual(SalinityClasses.Labels([SalinityClasses.DefaultThreshold]))) return (k == 0 ? "non-saline, " : "saline, ") + labels[k];
        return labels[k];
    }

    private static void PredictWindow(SalinityMapModel model, Func<IReadOnlyList<(double Lat, double Lon)>, FeatureTable> covariates, LandWindow land,
        float[] ece, float[] cls, float[] p, Accumulator acc)
    {
        var provided = covariates(land.Cells) ?? throw new InvalidOperationException("The covariate provider returned null.");
        var pred = model.Model.Predict(model.CellFeatures(land.Cells, provided));
        for (int j = 0; j < land.Pixels.Length; j++)
        {
            int i = land.Pixels[j];
            ece[i] = (float)pred.Ece[j]; cls[i] = pred.ClassIndex[j]; p[i] = (float)(1 - pred.Probabilities[j, 0]);
            acc.Add(pred.Ece[j], pred.ClassIndex[j], 1 - pred.Probabilities[j, 0]);
        }
    }

    private static void WriteFiles(EuGbGrid grid, string[] paths, IReadOnlyList<string> labels, bool cog,
        Action<Action<RasterWindow, float[], float[], float[]>?> run)
    {
        var g = grid.Grid;
        string classNames = string.Join("; ", labels.Select((l, k) => $"{k}={ClassName(labels, k)}"));
        var opts = new[]
        {
            new GeoTiffOptions(GdalDataType.Float32, float.NaN, Descriptions: ["ece"], Metadata: Meta("ece", "dS/m", "predicted ECe of the two-step model")),
            new GeoTiffOptions(GdalDataType.Byte, ClassNoData, Descriptions: ["class"], Metadata: Meta("class", "", "predicted class index: " + classNames)),
            new GeoTiffOptions(GdalDataType.Float32, float.NaN, Descriptions: ["p_saline"],
                Metadata: Meta("p_saline", "", "P(saline) = 1 - P(lowest class) of the classifier")),
        };
        QuantileMap.WriteAll(paths, 0, new string[paths.Length], temps =>
        {
            var targets = cog ? temps.Select(t => t + ".staging.tif").ToArray() : temps;
            try
            {
                var writers = new List<GeoTiffWriter>();
                try
                {
                    for (int k = 0; k < paths.Length; k++) writers.Add(GeoTiffWriter.Create(targets[k], g, 1, opts[k]));
                    run((win, ece, cls, p) =>
                    {
                        int n = win.PixelCount;
                        writers[0].WriteWindow(1, win, ece.AsSpan(0, n));
                        writers[1].WriteWindow(1, win, cls.AsSpan(0, n));
                        writers[2].WriteWindow(1, win, p.AsSpan(0, n));
                    });
                }
                finally { foreach (var w in writers) w.Dispose(); }
                if (cog) for (int k = 0; k < paths.Length; k++) GeoTiff.ToCogUnchecked(targets[k], temps[k]);
            }
            finally
            {
                if (cog) foreach (var s in targets) if (File.Exists(s)) File.Delete(s);
            }
        });
    }

    private static Dictionary<string, string> Meta(string band, string unit, string what) => new()
    {
        [RasterFiles.BandsKey] = band, [RasterFiles.UnitsKey] = unit, ["SOILNB_LAYER"] = what,
        ["SOILNB_SOURCE"] = "two-step salinity model (Zarif et al.), EU27 + GB land (Natural Earth 1:50m), EPSG:3035",
    };

    private static float[] Nan(int n) { var a = new float[n]; Array.Fill(a, float.NaN); return a; }

    private sealed class Accumulator(int classes)
    {
        private const double Bin = 0.001, Top = 100;
        private readonly long[] _hist = new long[(int)(Top / Bin) + 2];
        public long Land, Predicted;
        public double SumEce, SumP;
        public long[] PerClass { get; } = new long[classes];

        public void Add(double ece, int k, double p)
        {
            Predicted++; SumEce += ece; SumP += p; PerClass[k]++;
            _hist[Math.Clamp((int)Math.Floor(ece / Bin), 0, _hist.Length - 1)]++;
        }

        public double Median()
        {
            if (Predicted == 0) return double.NaN;
            long half = (Predicted + 1) / 2, s = 0;
            for (int b = 0; b < _hist.Length; b++) { s += _hist[b]; if (s >= half) return (b + 0.5) * Bin; }
            return double.NaN;
        }
    }
}
