using System.Globalization;
using SoilNotebooks.Compositing;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Learning.Validation;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>
/// Charts of the domain library's results: rasters as maps, SCMaP composites, threshold searches, CNN filter
/// interpretation, cross-validation. Each is also what <c>display(result)</c> shows (see <see cref="Display.Displayer"/>).
/// </summary>
public static class DomainCharts
{
    /// <summary>"EPSG:n" for a CRS with an EPSG code, else "custom CRS".</summary>
    public static string Label(Crs crs) => crs.Epsg is { } e ? $"EPSG:{e}" : "custom CRS";

    /// <summary>
    /// A single-band raster (row-major values on <paramref name="grid"/>) as a map with a colour bar, map
    /// coordinates on the axes and nodata (non-finite) transparent.
    /// </summary>
    /// <param name="grid">The raster grid (size, geotransform, CRS). North-up grids only (no rotation).</param>
    /// <param name="values">Width × height values, row by row from the top.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="colorBarTitle">Colour bar title with unit, e.g. "Clay (%)".</param>
    /// <param name="scale">Colour scale (default Viridis).</param>
    /// <param name="zMin">Lower end of the colour range (default: the data's minimum).</param>
    /// <param name="zMax">Upper end of the colour range (default: the data's maximum).</param>
    public static Chart RasterMap(RasterGrid grid, IReadOnlyList<float> values, string? title = null, string? colorBarTitle = null,
        ColorScale? scale = null, double? zMin = null, double? zMax = null)
    {
        var z = ToGrid(grid, values);
        var t = grid.Transform;
        return Chart.RasterMap(z, t.OriginX, t.PixelWidth, t.OriginY, t.PixelHeight, Label(grid.Crs), title, colorBarTitle, scale, zMin, zMax);
    }

    /// <summary>
    /// A raster value as a map (see <see cref="RasterCharts.Map"/>): north-up, CRS in the axis titles, the band's
    /// unit in the colour bar, nodata transparent, a legend of class names for categorical rasters.
    /// </summary>
    /// <param name="raster">The raster.</param>
    /// <param name="band">Band to draw (default: the first).</param>
    /// <param name="title">Title (default: the raster's title or band, and date).</param>
    /// <param name="scale">Colour scale of a continuous raster (default Viridis).</param>
    /// <param name="min">Lower end of the colour range (default: data minimum).</param>
    /// <param name="max">Upper end of the colour range (default: data maximum).</param>
    public static Chart Map(Raster raster, string? band = null, string? title = null, ColorScale? scale = null,
        double? min = null, double? max = null) =>
        RasterCharts.Map(raster, new RasterMapOptions(band, 0, title, scale, min, max));

    /// <summary>True colour (or any three bands) of a raster, percent-clip stretched, on map coordinates.</summary>
    public static Chart RgbMap(RasterGrid grid, IReadOnlyList<float> red, IReadOnlyList<float> green, IReadOnlyList<float> blue,
        string? title = null, double lowPercent = 2, double highPercent = 98)
    {
        var t = grid.Transform;
        return Chart.RgbMap(ToGrid(grid, red), ToGrid(grid, green), ToGrid(grid, blue), t.OriginX, t.PixelWidth, t.OriginY, t.PixelHeight, Label(grid.Crs), title, lowPercent, highPercent);
    }

    /// <summary>Row-major raster values on a north-up grid as [row, column].</summary>
    private static double[,] ToGrid(RasterGrid grid, IReadOnlyList<float> values)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Check.SameLength(grid.Width * grid.Height, values.Count, "raster grid cells and values");
        if (grid.Transform.RowRotation != 0 || grid.Transform.ColumnRotation != 0)
            throw new ArgumentException("Rotated rasters cannot be drawn as maps; warp them to a north-up grid first.");
        var z = new double[grid.Height, grid.Width];
        for (int r = 0, k = 0; r < grid.Height; r++)
            for (int c = 0; c < grid.Width; c++, k++) z[r, c] = values[k];
        return z;
    }

    /// <summary>Bare-soil frequency (bare / valid observations, 0–1) of an SCMaP composite, sequential yellow–brown palette.</summary>
    public static Chart BareFrequencyMap(CompositeResult result, string title = "Bare-soil frequency") =>
        RasterMap(result.Grid, result.Data.BareFrequency, title, "bare / valid obs.", ColorScale.YlOrBr, 0, 1);

    /// <summary>Number of bare-soil observations per pixel (S2MoS Figure 12).</summary>
    public static Chart BareCountMap(CompositeResult result, string title = "Bare-soil observations per pixel") =>
        RasterMap(result.Grid, result.Data.BareCount, title, "count", ColorScale.Viridis, 0, null);

    /// <summary>
    /// The NDVI × NBR2 threshold search as a heat map of the mean absolute per-band Pearson r (cells labelled),
    /// the best pair named in the title.
    /// </summary>
    public static Chart ThresholdHeatmap(ThresholdSearchResult result)
    {
        var ndvi = result.Candidates.Select(c => c.Ndvi).Distinct().Order().ToArray();
        var nbr2 = result.Candidates.Select(c => c.Nbr2).Distinct().Order().ToArray();
        var z = result.ScoreGrid(ndvi, nbr2);
        string title = result.Best is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"Threshold search: best NDVI < {b.Ndvi:0.00}, NBR2 < {b.Nbr2:0.000} (mean |r| {b.MeanAbsR:0.000})")
            : "Threshold search: no pair had enough bare observations";
        return Chart.Heatmap(z, nbr2.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)).ToArray(),
            ndvi.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)).ToArray(), title, "NBR2 threshold", "NDVI threshold",
            "mean |r|", ColorScale.Viridis, "0.00");
    }

    /// <summary>
    /// The threshold search as two heat maps on numeric NDVI × NBR2 axes: mean |r| per pair and the number of points with a
    /// bare observation per pair, each with a marked pair (e.g. the paper's NDVI &lt; 0.25, NBR2 &lt; 0.075) and the best pair.
    /// </summary>
    /// <param name="result">The search.</param>
    /// <param name="markNdvi">NDVI threshold of the pair to mark.</param>
    /// <param name="markNbr2">NBR2 threshold of the pair to mark.</param>
    /// <param name="markName">Legend name of the marked pair.</param>
    public static Chart ThresholdPanels(ThresholdSearchResult result, double markNdvi, double markNbr2, string markName = "paper's pair")
    {
        ArgumentNullException.ThrowIfNull(result);
        var ndvi = result.Candidates.Select(c => c.Ndvi).Distinct().Order().ToArray();
        var nbr2 = result.Candidates.Select(c => c.Nbr2).Distinct().Order().ToArray();
        var score = result.ScoreGrid(ndvi, nbr2);
        var points = new double[ndvi.Length, nbr2.Length];
        for (int i = 0; i < ndvi.Length; i++)
            for (int j = 0; j < nbr2.Length; j++)
                points[i, j] = result.Candidates.FirstOrDefault(c => c.Ndvi == ndvi[i] && c.Nbr2 == nbr2[j])?.Points ?? double.NaN;
        Chart Panel(double[,] z, string title, string bar, string format) =>
            new Chart
            {
                Traces = [new HeatmapTrace(z) { X = nbr2, Y = ndvi, ColorBarTitle = bar, Scale = ColorScale.Viridis, CellTextFormat = format }],
                Title = title, XAxis = new Axis("NBR2 threshold"), YAxis = new Axis("NDVI threshold"), ShowLegend = true,
            }.WithPoints([markNbr2], [markNdvi], markName, color: "#d62728", size: 14)
             .WithPoints(result.Best is { } b ? [b.Nbr2] : [], result.Best is { } b2 ? [b2.Ndvi] : [], "best pair", color: "#ffffff", size: 9);
        return Chart.Grid(2, [Panel(score, "Mean |r| of median bare-soil and lab spectra", "mean |r|", "0.00"),
            Panel(points, "Points with a bare observation", "points", "0")]);
    }

    /// <summary>Observed against predicted values of a cross-validation (pooled over folds), with the 1:1 line and metrics.</summary>
    public static Chart ObservedVsPredicted(CrossValidationResult cv, string? title = null, string unit = "", string target = "value") =>
        Chart.ObservedVsPredicted(cv.Observed, cv.Predicted, title, unit, target);

    /// <summary>
    /// CNN filter interpretation (Tziolas et al. 2020 §2.3.2, Figures 10–11): for the top-activating samples of each
    /// filter (filters ordered by the samples' mean target) box plots of the target, of every input channel, and of the
    /// auxiliary covariates, one subplot each.
    /// </summary>
    /// <param name="profiles">Profiles from <see cref="FilterInterpretation"/>.</param>
    /// <param name="targetTitle">Target with unit, e.g. "Clay (%)".</param>
    /// <param name="columns">Subplot columns (default 3).</param>
    /// <param name="maxValuesPerBox">A box of more values is drawn from its quartiles, whiskers and mean (no outlier points).</param>
    public static Chart FilterBoxPlots(IReadOnlyList<FilterProfile> profiles, string targetTitle = "target", int columns = 3, int maxValuesPerBox = 500)
    {
        if (profiles.Count == 0) throw new ArgumentException("No filter profiles to plot.");
        var ordered = profiles.OrderBy(p => p.MeanTarget).ToArray();
        string Name(FilterProfile p) => $"F{p.Filter}";
        // one colour per filter, the same in every panel (yellow-brown by rank of mean target: low clay light, high clay dark)
        string Color(int rank) => ColorScale.YlOrBr.Stops![Math.Min(ColorScale.YlOrBr.Stops!.Count - 1, 2 + rank * (ColorScale.YlOrBr.Stops!.Count - 3) / Math.Max(1, ordered.Length - 1))].Color;
        Chart Panel(string title, Func<FilterProfile, BoxStats> pick, string yTitle) => new Chart
        {
            Traces = ordered.Select((p, rank) => Box(pick(p), Name(p), Color(rank))).ToArray(),
            Title = title, YAxis = new Axis(yTitle), XAxis = new Axis("filter (by mean target)"), ShowLegend = false,
        };
        // a box of many values (every observation of every top sample: up to W × 5 % of the samples) is drawn from its
        // summary, which keeps a full-size run's figure small; small boxes keep their values and show outliers
        Trace Box(BoxStats b, string name, string color) => b.Values.Length > maxValuesPerBox
            ? new BoxSummaryTrace(b.Q1, b.Median, b.Q3, b.LowerWhisker, b.UpperWhisker) { Name = name, Mean = b.Mean, Color = color }
            : new BoxTrace(b.Values) { Name = name, ShowMean = true, Color = color };
        var panels = new List<Chart> { Panel(targetTitle, p => p.Target, targetTitle) };
        foreach (var ch in ordered[0].Channels.Select(c => c.Variable))
            panels.Add(Panel(ch, p => p.Channels.First(c => c.Variable == ch), ch));
        foreach (var aux in ordered[0].Auxiliary.Select(c => c.Variable))
            panels.Add(Panel(aux, p => p.Auxiliary.First(c => c.Variable == aux), aux));
        return Chart.Grid(columns, panels.ToArray());
    }

    /// <summary>
    /// CNN filter interpretation laid out like the paper's Figures 10–11: one row per filter (ordered by its top samples'
    /// mean target, one colour each), and in each row small box-plot panels of the target, the Sentinel-2 reflectances
    /// (one box per band, in wavelength order), the SAR backscatter (VV, VH) and the auxiliary covariates (lat, lon).
    /// Every column has one y range for all rows, so filters compare down a column. Height about 110 px per filter.
    /// </summary>
    /// <param name="profiles">Profiles from <see cref="FilterInterpretation"/> (e.g. six spread over the target range).</param>
    /// <param name="targetTitle">Target with unit, e.g. "Clay (%)".</param>
    /// <param name="maxValuesPerBox">A box of more values is drawn from its quartiles, whiskers and mean (no outlier points).</param>
    public static Chart FilterPanels(IReadOnlyList<FilterProfile> profiles, string targetTitle = "target", int maxValuesPerBox = 500)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (profiles.Count == 0) throw new ArgumentException("No filter profiles to plot.");
        var ordered = profiles.OrderBy(p => p.MeanTarget).ToArray();
        var layout = FilterPanelLayout.Of(ordered[0]);
        var stops = ColorScale.YlOrBr.Stops!;
        string Color(int rank) => stops[Math.Min(stops.Count - 1, 2 + rank * (stops.Count - 3) / Math.Max(1, ordered.Length - 1))].Color;
        Trace Box(BoxStats b, string name, string color) => b.Values.Length > maxValuesPerBox
            ? new BoxSummaryTrace(b.Q1, b.Median, b.Q3, b.LowerWhisker, b.UpperWhisker) { Name = name, Mean = b.Mean, Color = color }
            : new BoxTrace(b.Values) { Name = name, ShowMean = true, Color = color };
        // one y range per column over every filter's boxes (whiskers and outliers), with a small margin
        var ranges = layout.Columns.Select(col =>
        {
            var all = ordered.SelectMany(p => col.Pick(p)).ToArray();
            double lo = all.Min(b => b.Min), hi = all.Max(b => b.Max), pad = (hi - lo) * 0.06 + 1e-9;
            return (Lo: lo - pad, Hi: hi + pad);
        }).ToArray();
        var panels = new List<Chart>();
        for (int row = 0; row < ordered.Length; row++)
        {
            var p = ordered[row];
            for (int c = 0; c < layout.Columns.Count; c++)
            {
                var col = layout.Columns[c];
                string? title = c == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"F{p.Filter}: mean {p.MeanTarget:0.#}, n = {p.SampleIds.Length}")
                    : row == 0 ? col.Title : null;
                panels.Add(new Chart
                {
                    Traces = col.Pick(p).Select(b => Box(b, c == 0 ? "F" + p.Filter : b.Variable, Color(row))).ToArray(),
                    Title = title,
                    YAxis = new Axis(c == 0 ? targetTitle : null, ranges[c].Lo, ranges[c].Hi),
                    ShowLegend = false,
                });
            }
        }
        var grid = Chart.Grid(layout.Columns.Count, layout.Columns.Select(k => k.Width).ToArray(), [.. panels],
            rowGapPixels: 42, columnGap: 0.05);
        return grid.WithSize(null, Chart.TitledTopMargin + 80 + ordered.Length * 110 + (ordered.Length - 1) * 42)
            .WithTitle("Top 5 % activating calibration samples per filter (cf. paper Figs. 10–11)");
    }

    /// <summary>The columns of <see cref="FilterPanels"/>: target, Sentinel-2 bands, SAR, other channels, covariates.</summary>
    internal sealed record FilterPanelLayout(IReadOnlyList<FilterPanelColumn> Columns)
    {
        internal static FilterPanelLayout Of(FilterProfile first)
        {
            var names = first.Channels.Select(c => c.Variable).ToArray();
            var optical = Scenes.SentinelChannels.Optical.Where(names.Contains).ToArray();
            var radar = Scenes.SentinelChannels.Radar.Where(names.Contains).ToArray();
            var other = names.Except(optical).Except(radar).ToArray();
            var cols = new List<FilterPanelColumn> { new("target", 1, p => [p.Target]) };
            if (optical.Length > 0) cols.Add(new("Sentinel-2 reflectance (0–1)", Math.Max(2, optical.Length * 0.5),
                p => optical.Select(p.Channel).ToArray()));
            if (radar.Length > 0) cols.Add(new("Sentinel-1 (dB)", 1.3, p => radar.Select(p.Channel).ToArray()));
            if (other.Length > 0) cols.Add(new("other channels", Math.Max(1.3, other.Length * 0.5), p => other.Select(p.Channel).ToArray()));
            bool located = first.Auxiliary.All(a => a.Variable is "lat" or "lon" or "latitude" or "longitude");
            if (first.Auxiliary.Count > 0)
                cols.Add(new(located ? "location (°)" : "covariates", 1.3, p => p.Auxiliary.ToArray()));
            return new FilterPanelLayout(cols);
        }
    }

    /// <summary>One column of <see cref="FilterPanels"/>: title (with unit), relative width, and the boxes of a profile.</summary>
    internal sealed record FilterPanelColumn(string Title, double Width, Func<FilterProfile, BoxStats[]> Pick);

    /// <summary>
    /// Loss curves of neural training runs (one per bag): training loss solid, validation/out-of-bag loss dashed,
    /// log scale, the best epoch of each marked.
    /// </summary>
    public static Chart LossCurves(IReadOnlyList<TrainingHistory> histories, string title = "Training loss (MSE on the [−1, 1] target scale)")
    {
        if (histories.Count == 0) throw new ArgumentException("No training histories to plot.");
        string[] palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
        var traces = new List<Trace>();
        for (int b = 0; b < histories.Count; b++)
        {
            var h = histories[b];
            string color = palette[b % palette.Length];
            var epochs = Enumerable.Range(1, h.Loss.Length).Select(e => (double)e).ToArray();
            traces.Add(new ScatterTrace(epochs, h.Loss) { Mode = "lines", Name = $"bag {b + 1} train", LineColor = color });
            if (h.ValidationLoss.Length > 0)
                traces.Add(new ScatterTrace(epochs[..h.ValidationLoss.Length], h.ValidationLoss) { Mode = "lines", Name = $"bag {b + 1} validation", LineColor = color, LineDash = "dash" });
        }
        return new Chart { Traces = traces, Title = title, XAxis = new Axis("epoch"), YAxis = new Axis("loss", Log: true) };
    }

    /// <summary>
    /// The layers of a neural model as a printed model summary (<see cref="Model.BlockSummary"/>): one row per block — a
    /// layer with the activation and dropout after it — with its layers, output shape and trainable parameters; the
    /// caption gives the total.
    /// </summary>
    public static Display.Table LayerTable(Model model, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var blocks = model.BlockSummary();
        return new Display.Table(["block", "layers", "output shape", "parameters"],
            blocks.Select(b => new object?[] { b.Kinds, string.Join(", ", b.Layers), b.Shape, b.Parameters }))
        {
            Caption = (caption is null ? "" : caption + ": ") + $"{model.ParameterCount:N0} trainable parameters", MaxRows = 200,
        };
    }

    /// <summary>Observed against predicted with the 1:1 line and metrics; prediction intervals as vertical error bars when present.</summary>
    public static Chart ObservedVsPredicted(Evaluation.ObservedVsPredicted ovp, string unit = "")
    {
        var chart = Chart.ObservedVsPredicted(ovp.Observed, ovp.Predicted, target: ovp.Target, unit: unit);
        if (ovp.Lower is null || ovp.Upper is null) return chart;
        var lower = ovp.Lower; var upper = ovp.Upper;
        var xs = new List<double>(); var ys = new List<double>();
        for (int i = 0; i < ovp.Observed.Length; i++)
        {
            xs.AddRange([ovp.Observed[i], ovp.Observed[i], double.NaN]);
            ys.AddRange([lower[i], upper[i], double.NaN]);
        }
        var bars = new ScatterTrace(xs, ys) { Mode = "lines", LineColor = "rgba(31,119,180,0.35)", Name = "prediction interval", ShowLegend = false };
        return chart with { Traces = [bars, .. chart.Traces] };
    }

    /// <summary>A ROC curve with the chance diagonal and the AUC in the title.</summary>
    public static Chart RocChart(RocCurve roc, string? title = null) => new Chart
    {
        Traces = [new ScatterTrace(roc.FalsePositiveRate, roc.TruePositiveRate) { Mode = "lines", Name = "ROC", LineColor = "#8a5a2b", LineWidth = 2 }],
        Shapes = [new LineShape(0, 0, 1, 1, "#999")],
        Title = title ?? string.Create(CultureInfo.InvariantCulture, $"ROC curve (AUC = {roc.Auc:0.000})"),
        XAxis = new Axis("false positive rate", 0, 1), YAxis = new Axis("true positive rate", 0, 1),
        EqualAspect = true, ShowLegend = false, Width = 480, Height = 460,
    };

    /// <summary>Feature importances as horizontal bars (permutation importance when computed, else impurity), largest on top.</summary>
    public static Chart ImportanceBars(IReadOnlyList<Learning.Forests.FeatureImportance> importances, string title = "Feature importance")
    {
        bool permutation = importances.Any(i => double.IsFinite(i.Permutation));
        var rows = importances.Select(i => (i.Feature, Value: permutation ? i.Permutation : i.Impurity)).Where(r => double.IsFinite(r.Value)).OrderBy(r => r.Value).ToArray();
        return new Chart
        {
            Traces = [new BarTrace(rows.Select(r => r.Feature).ToArray(), rows.Select(r => r.Value).ToArray()) { Horizontal = true, Color = "#8a5a2b" }],
            Title = title, XAxis = new Axis(permutation ? "permutation importance (increase in OOB error)" : "impurity importance (decrease in node impurity)"),
            ShowLegend = false, Height = Math.Max(300, 22 * rows.Length + 120),
        };
    }

    /// <summary>A confusion matrix as a labelled heat map (rows observed, columns predicted).</summary>
    public static Chart ConfusionHeatmap(ClassificationMetrics m)
    {
        int k = m.Classes.Count;
        var z = new double[k, k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) z[i, j] = m.ConfusionMatrix[i, j];
        return Chart.Heatmap(z, m.Classes, m.Classes, string.Create(CultureInfo.InvariantCulture, $"Confusion matrix (accuracy {m.Accuracy:0.000})"),
            "predicted", "observed", "count", ColorScale.Blues, "0");
    }
}
