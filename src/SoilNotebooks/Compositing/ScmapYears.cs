using SoilNotebooks.IO;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Compositing;

/// <summary>One year's composite of a multi-year stack.</summary>
/// <param name="Year">Calendar year of the scenes.</param>
/// <param name="Scenes">Sentinel-2 scenes of that year in the stack.</param>
/// <param name="Composite">The composite of that year's scenes alone.</param>
public sealed record YearComposite(int Year, int Scenes, CompositeResult Composite);

/// <summary>Progress of a multi-year composite: which composite ("all years" or the year) and its windows.</summary>
/// <param name="Composite">"all years", or the year.</param>
/// <param name="WindowsDone">Windows done in that composite.</param>
/// <param name="WindowsTotal">Windows of that composite.</param>
public sealed record ScmapYearsProgress(string Composite, int WindowsDone, int WindowsTotal);

/// <summary>What a multi-year composite wrote.</summary>
/// <param name="All">The all-years composite (files in the output folder).</param>
/// <param name="Years">Each year's composite (files in the sub-folder named by the year), ascending.</param>
/// <param name="FrequencyByYear">The bare-soil frequency with a band per year ("frequency_2018", …).</param>
public sealed record ScmapYearsSummary(CompositeSummary All, IReadOnlyList<(int Year, int Scenes, CompositeSummary Summary)> Years,
    string FrequencyByYear);

/// <summary>
/// Multi-year SCMaP composites (CUP4Soil: 2018–2022): the composite of every year's scenes alone, and how the years add up.
/// The all-years composite is <see cref="ScmapComposite.Compute(SceneStack, CompositeOptions?, IProgress{StackProgress}?)"/>
/// on the whole stack.
/// </summary>
public static class ScmapYears
{
    /// <summary>The composite of each calendar year of <paramref name="stack"/> (same options; years in ascending order).</summary>
    public static IReadOnlyList<YearComposite> PerYear(SceneStack stack, CompositeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var result = new List<YearComposite>();
        foreach (var year in stack.Scenes.Select(s => s.Date.Year).Distinct().Order())
        {
            var scenes = stack.Scenes.Where(s => s.Date.Year == year).ToArray();
            using var sub = SceneStack.Create(scenes, stack.Sentinel1, stack.Options with { CheckReflectanceScale = false });
            result.Add(new YearComposite(year, scenes.Length, ScmapComposite.Compute(sub, options)));
        }
        return result;
    }

    /// <summary>
    /// Writes the all-years composite of <paramref name="stack"/> into <paramref name="folder"/> (the products of
    /// <see cref="ScmapComposite.Products"/>), each calendar year's composite into <c>folder/YEAR/</c>, and
    /// <c>frequency_by_year.tif</c> (a band per year) — window by window, every file written atomically.
    /// </summary>
    public static ScmapYearsSummary Write(SceneStack stack, string folder, CompositeOptions? options = null,
        IProgress<ScmapYearsProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        IProgress<StackProgress>? For(string what) => progress is null ? null
            : new StageProgress(x => progress.Report(new ScmapYearsProgress(what, x.WindowsDone, x.WindowsTotal)));
        options = (options ?? new CompositeOptions()).Validate();
        var yearList = stack.Scenes.Select(s => s.Date.Year).Distinct().Order().ToArray();
        var all = ScmapComposite.Write(stack, folder, options, For("all years"));
        var years = new List<(int, int, CompositeSummary)>();
        foreach (var year in yearList)
        {
            var scenes = stack.Scenes.Where(s => s.Date.Year == year).ToArray();
            using var sub = SceneStack.Create(scenes, stack.Sentinel1, stack.Options with { CheckReflectanceScale = false });
            years.Add((year, scenes.Length, ScmapComposite.Write(sub, Path.Combine(folder,
                year.ToString(System.Globalization.CultureInfo.InvariantCulture)), options, For(year.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        }
        var byYear = Path.Combine(folder, "frequency_by_year.tif");
        var sources = years.Select(y => y.Item3.Files["bare_frequency"]).ToArray();
        var names = yearList.Select(y => $"frequency_{y}").ToArray();
        AtomicFile.WriteVia(byYear, temp =>
        {
            var target = options.CloudOptimized ? temp + ".staging.tif" : temp;
            try
            {
                var datasets = sources.Select(RasterDataset.Open).ToList();
                try
                {
                    using (var w = GeoTiffWriter.Create(target, stack.Grid, names.Length, new GeoTiffOptions(GdalDataType.Float32,
                        float.NaN, Descriptions: names, Metadata: new Dictionary<string, string>
                        {
                            [RasterFiles.BandsKey] = string.Join(";", names),
                            [RasterFiles.UnitsKey] = string.Join(";", names.Select(_ => "fraction")),
                            [RasterFiles.TitleKey] = "Bare-soil frequency per year",
                        })))
                    {
                        var buffer = new float[Math.Min(options.TileSize, stack.Grid.Width) * Math.Min(options.TileSize, stack.Grid.Height)];
                        foreach (var win in RasterWindow.Tiles(stack.Grid.Width, stack.Grid.Height, options.TileSize))
                            for (int k = 0; k < datasets.Count; k++)
                            {
                                var span = buffer.AsSpan(0, win.PixelCount);
                                datasets[k].ReadFloat(1, win, span);
                                w.WriteWindow(k + 1, win, span);
                            }
                    }
                }
                finally { foreach (var d in datasets) d.Dispose(); }
                if (options.CloudOptimized) GeoTiff.ToCogUnchecked(target, temp);
            }
            finally { if (options.CloudOptimized && File.Exists(target)) File.Delete(target); }
        });
        return new ScmapYearsSummary(all, years, byYear);
    }

    private sealed class StageProgress(Action<StackProgress> report) : IProgress<StackProgress>
    {
        public void Report(StackProgress value) => report(value);
    }

    /// <summary>The per-year bare-soil frequencies as one raster with a band per year ("frequency_2018", …).</summary>
    public static Raster FrequencyByYear(IReadOnlyList<YearComposite> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        if (years.Count == 0) throw new ArgumentException("No year to stack: the list of per-year composites is empty.");
        return Raster.Create(years[0].Composite.Grid, years.Select(y => $"frequency_{y.Year}").ToArray(),
            years.Select(y => y.Composite.Data.BareFrequency[..(y.Composite.Grid.Width * y.Composite.Grid.Height)]).ToArray(),
            new RasterOptions("fraction", Title: "Bare-soil frequency per year"));
    }

    /// <summary>
    /// The share of pixels (with a valid observation in every year) that have at least the SCMaP minimum of bare
    /// observations after 1, 2, … years: how the years add up to a soil composite (index k = first k + 1 years).
    /// </summary>
    public static double[] CumulativeCoverage(IReadOnlyList<YearComposite> years, int minBareCount = CompositeOptions.ScmapMinBareCount)
    {
        ArgumentNullException.ThrowIfNull(years);
        Check.InRange(minBareCount, 1, 100000);
        if (years.Count == 0) return [];
        int n = years[0].Composite.Grid.Width * years[0].Composite.Grid.Height;
        var acc = new float[n];
        var keep = Enumerable.Range(0, n).Where(p => years.All(y => y.Composite.Data.ValidCount[p] > 0)).ToArray();
        var result = new double[years.Count];
        for (int k = 0; k < years.Count; k++)
        {
            var bare = years[k].Composite.Data.BareCount;
            int covered = 0;
            foreach (var p in keep) { acc[p] += bare[p]; if (acc[p] >= minBareCount) covered++; }
            result[k] = keep.Length == 0 ? double.NaN : (double)covered / keep.Length;
        }
        return result;
    }
}
