using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Compositing;

/// <summary>One year's composite of a multi-year stack.</summary>
/// <param name="Year">Calendar year of the scenes.</param>
/// <param name="Scenes">Sentinel-2 scenes of that year in the stack.</param>
/// <param name="Composite">The composite of that year's scenes alone.</param>
public sealed record YearComposite(int Year, int Scenes, CompositeResult Composite);

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
