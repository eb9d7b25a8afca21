namespace SoilNotebooks.Scenes;

/// <summary>One Sentinel-2 acquisition of a stack's folder: kept or excluded, its cloud cover and Sentinel-1 pair.</summary>
/// <param name="Date">Acquisition date (yyyy-MM-dd).</param>
/// <param name="CloudCoverPercent">Scene cloud cover (eo:cloud_cover) of a kept scene; null for an excluded one.</param>
/// <param name="Sentinel1Pair">Time of the paired Sentinel-1 scene, or "—".</param>
/// <param name="InStack">"kept" or "excluded: " and the reason.</param>
public sealed record SceneInventoryRow(string Date, double? CloudCoverPercent, string Sentinel1Pair, string InStack);

/// <summary>The acquisitions behind a <see cref="SceneStack"/>, in date order.</summary>
public static class SceneInventory
{
    /// <summary>Every kept and excluded Sentinel-2 scene of <paramref name="stack"/>, sorted by date.</summary>
    public static IReadOnlyList<SceneInventoryRow> Inventory(this SceneStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var kept = stack.Scenes.Select((s, d) => (s.Date, Row: new SceneInventoryRow(s.Date.ToString("yyyy-MM-dd"),
            s.CloudCoverPercent, stack.S1Pairs[d] is int k ? stack.Sentinel1[k].Date.ToString("yyyy-MM-dd HH:mm") : "—", "kept")));
        var excluded = stack.Excluded.Select(e => (e.Date, Row: new SceneInventoryRow(e.Date.ToString("yyyy-MM-dd"), null, "—",
            "excluded: " + e.Reason)));
        return kept.Concat(excluded).OrderBy(r => r.Date).Select(r => r.Row).ToArray();
    }

    /// <summary>The kept date with the lowest scene cloud cover among the given months (1–12); the first date when none.</summary>
    public static DateTime ClearestDate(this SceneStack stack, params int[] months)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var d = Enumerable.Range(0, stack.Dates.Count).Where(i => months.Contains(stack.Dates[i].Month))
            .OrderBy(i => stack.Scenes[i].CloudCoverPercent ?? 100).DefaultIfEmpty(0).First();
        return stack.Dates[d];
    }

    /// <summary>The kept date whose scene cloud cover is nearest <paramref name="percent"/> (e.g. a partly cloudy date to show the masks).</summary>
    public static DateTime DateNearestCloudCover(this SceneStack stack, double percent)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return stack.Dates[Enumerable.Range(0, stack.Dates.Count)
            .OrderBy(i => Math.Abs((stack.Scenes[i].CloudCoverPercent ?? 0) - percent)).First()];
    }
}
