using SoilNotebooks.Sampling;

namespace SoilNotebooks.Interactive.Display;

/// <summary>Tables of a <see cref="SampleSeries"/>.</summary>
public static class SeriesTables
{
    /// <summary>
    /// The first <paramref name="rows"/> samples as a table: id, location (with the CRS), observation count, every
    /// target and covariate with its unit, and the <paramref name="reduction"/> (default median) of the named channels
    /// (default all).
    /// </summary>
    public static Table Head(this SampleSeries series, int rows = 10, IReadOnlyList<string>? channels = null,
        SeriesReduction reduction = SeriesReduction.Median)
    {
        ArgumentNullException.ThrowIfNull(series);
        Check.Positive(rows);
        var names = channels ?? series.Channels;
        var take = Enumerable.Range(0, Math.Min(rows, series.Count)).ToArray();
        var head = series.Select(take);
        var reduced = names.Select(c => head.Reduce(c, reduction)).ToArray();
        var vars = series.Targets.Concat(series.Covariates).ToArray();
        string crs = series.Crs.ToString();
        var headers = new List<string> { "id", $"x ({crs})", $"y ({crs})", "observations" };
        headers.AddRange(vars.Select(v => v.Title));
        headers.AddRange(names.Select(n => reduction == SeriesReduction.Median ? n : $"{n} ({reduction.ToString().ToLowerInvariant()})"));
        var cells = take.Select(i => (object?[])[series.Ids[i], series.X[i], series.Y[i], series.ObservationCount(i),
            .. vars.Select(v => (object?)v[i]), .. reduced.Select(r => (object?)r[i])]);
        return new Table(headers, cells) { Caption = $"First {take.Length} of {series.Count} samples" };
    }
}
