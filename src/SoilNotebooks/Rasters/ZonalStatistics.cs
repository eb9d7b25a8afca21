using SoilNotebooks.Evaluation;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Rasters;

/// <summary>
/// Zonal (per-zone) summaries of a raster: the median of the finite values of each zone (e.g. a parcel), and the raster with
/// every pixel replaced by its zone's median — the "median parcel level" map of S2MoS (Tziolas et al. 2020, Figure 13).
/// Medians use the type-7 quantile (<see cref="Quantiles.OfSorted(ReadOnlySpan{double}, double)"/>), so an even count
/// gives the mean of the two middle values.
/// </summary>
public static class ZonalStatistics
{
    /// <summary>Median of the finite values of each zone; zones without a finite value are absent from the result.</summary>
    /// <param name="zones">Zone id per pixel (row-major), same length as <paramref name="values"/>.</param>
    /// <param name="values">Values per pixel; NaN (no prediction) is ignored.</param>
    public static IReadOnlyDictionary<int, double> Median(IReadOnlyList<int> zones, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(values);
        Check.SameLength(zones.Count, values.Count, "zones and values");
        var groups = new Dictionary<int, List<double>>();
        for (int i = 0; i < zones.Count; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v)) continue;
            if (!groups.TryGetValue(zones[i], out var list)) groups[zones[i]] = list = [];
            list.Add(v);
        }
        var result = new Dictionary<int, double>(groups.Count);
        foreach (var (zone, list) in groups)
        {
            var s = list.ToArray();
            Array.Sort(s);
            result[zone] = Quantiles.OfSorted(s, 0.5);
        }
        return result;
    }

    /// <summary>
    /// Replaces every pixel by the median of its zone's finite values (NaN where the zone has none, or where
    /// <paramref name="include"/> is false), ready to show as a map.
    /// </summary>
    /// <param name="zones">Zone id per pixel.</param>
    /// <param name="values">Values per pixel (NaN ignored).</param>
    /// <param name="include">Optional per-pixel filter for the output (e.g. leave water parcels blank).</param>
    public static float[] MedianRaster(IReadOnlyList<int> zones, IReadOnlyList<double> values, IReadOnlyList<bool>? include = null)
    {
        var med = Median(zones, values);
        if (include is not null) Check.SameLength(zones.Count, include.Count, "zones and the include filter");
        var o = new float[zones.Count];
        for (int i = 0; i < o.Length; i++)
            o[i] = (include is null || include[i]) && med.TryGetValue(zones[i], out var m) ? (float)m : float.NaN;
        return o;
    }
}
