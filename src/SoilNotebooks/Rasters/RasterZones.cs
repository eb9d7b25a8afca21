namespace SoilNotebooks.Rasters;

/// <summary>A statistic of the finite values of a zone.</summary>
public enum ZonalStatistic
{
    /// <summary>The median (type-7 quantile: an even count gives the mean of the two middle values).</summary>
    Median,
    /// <summary>The arithmetic mean.</summary>
    Mean,
    /// <summary>The number of finite values.</summary>
    Count,
}

/// <summary>Which band, date and statistic a zonal verb uses.</summary>
/// <param name="Band">Band to summarise (default: the first).</param>
/// <param name="Date">0-based date index of a stack (default 0).</param>
/// <param name="Statistic">Statistic painted by <see cref="RasterZones.ZonalMap(Raster, Raster, ZonalOptions)"/>
/// (default median).</param>
public sealed record ZonalOptions(string? Band = null, int Date = 0, ZonalStatistic Statistic = ZonalStatistic.Median);

/// <summary>The summary of one zone of a raster band.</summary>
/// <param name="Zone">Zone id (e.g. a parcel).</param>
/// <param name="Count">Number of finite values in the zone.</param>
/// <param name="Mean">Mean of the finite values.</param>
/// <param name="Median">Median of the finite values (type-7 quantile).</param>
public sealed record ZoneSummary(int Zone, int Count, double Mean, double Median);

/// <summary>
/// Zonal statistics of a raster by an aligned zone raster (integer zone ids, NaN = no zone): per-zone summaries, and
/// the map with every cell replaced by its zone's statistic (S2MoS's "median parcel level" map), built on
/// <see cref="ZonalStatistics"/>.
/// </summary>
public static class RasterZones
{
    /// <summary>Count, mean and median of the finite values of one band in each zone (zones without a value are
    /// absent).</summary>
    /// <param name="raster">The values.</param>
    /// <param name="zones">Zone ids on the same grid (one band, integer values, NaN outside every zone).</param>
    /// <param name="band">Band to summarise (default: the first).</param>
    /// <param name="date">0-based date index (default 0).</param>
    public static IReadOnlyList<ZoneSummary> Zonal(this Raster raster, Raster zones, string? band = null,
        int date = 0) =>
        raster.Zonal(zones, new ZonalOptions(band, date));

    /// <summary>Count, mean and median per zone of the band and date that <paramref name="options"/> name.</summary>
    public static IReadOnlyList<ZoneSummary> Zonal(this Raster raster, Raster zones, ZonalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (ids, values) = Pairs(raster, zones, options.Band, options.Date, "Zonal");
        var medians = ZonalStatistics.Median(ids, values);
        var groups = new Dictionary<int, (int N, double Sum)>();
        for (int i = 0; i < ids.Length; i++)
        {
            if (!double.IsFinite(values[i])) continue;
            groups.TryGetValue(ids[i], out var g);
            groups[ids[i]] = (g.N + 1, g.Sum + values[i]);
        }
        return groups.OrderBy(g => g.Key)
            .Select(g => new ZoneSummary(g.Key, g.Value.N, g.Value.Sum / g.Value.N, medians[g.Key])).ToArray();
    }

    /// <summary>
    /// Every cell replaced by its zone's <paramref name="statistic"/> of one band (NaN outside every zone and where the
    /// zone has no finite value): a one-band raster named like the band, ready to display.
    /// </summary>
    public static Raster ZonalMap(this Raster raster, Raster zones, ZonalStatistic statistic = ZonalStatistic.Median,
        string? band = null, int date = 0) =>
        raster.ZonalMap(zones, new ZonalOptions(band, date, statistic));

    /// <summary>Every cell replaced by its zone's statistic; band, date and statistic from
    /// <paramref name="options"/>.</summary>
    public static Raster ZonalMap(this Raster raster, Raster zones, ZonalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (band, statistic) = (options.Band, options.Statistic);
        if (!Enum.IsDefined(statistic))
            throw new ArgumentOutOfRangeException(nameof(options), statistic,
                $"Statistic must be Median, Mean or Count (got {(int)statistic}).");
        var summary = raster.Zonal(zones, options).ToDictionary(z => z.Zone);
        var zoneLayer = zones.Layer(0, 0);
        var o = new float[raster.PixelCount];
        for (int i = 0; i < o.Length; i++)
        {
            float z = zoneLayer[i];
            o[i] = !float.IsNaN(z) && summary.TryGetValue((int)z, out var s)
                ? (float)(statistic switch
                {
                    ZonalStatistic.Mean => s.Mean,
                    ZonalStatistic.Count => s.Count,
                    _ => s.Median,
                })
                : float.NaN;
        }
        int b = band is null ? 0 : raster.IndexOf(band);
        string unit = statistic == ZonalStatistic.Count ? "count" : raster.Units[b];
        return Raster.Build(raster.Grid, [raster.Bands[b]], [o], new RasterOptions(unit,
            Title: $"{raster.Bands[b]}, zone {statistic.ToString().ToLowerInvariant()}"));
    }

    private static (int[] Ids, double[] Values) Pairs(Raster raster, Raster zones, string? band, int date, string verb)
    {
        RasterAlgebra.EnsureAligned(raster, zones, verb);
        if (zones.BandCount != 1 || zones.DateCount != 1)
            throw new ArgumentException($"{verb}: the zone raster has {zones.BandCount} band(s) × {zones.DateCount} " +
                $"date(s); expected one band, one date.");
        Check.InRange(date, 0, raster.DateCount - 1);
        var v = raster.Layer(band is null ? 0 : raster.IndexOf(band), date);
        var z = zones.Layer(0, 0);
        var ids = new List<int>(z.Length); var values = new List<double>(z.Length);
        for (int i = 0; i < z.Length; i++)
        {
            if (float.IsNaN(z[i])) continue;
            if (z[i] != MathF.Round(z[i]) || !float.IsFinite(z[i]))
                throw new ArgumentException($"{verb}: zone id {z[i]} at cell {i} is not an integer; expected integer " +
                    $"zone ids or NaN.");
            ids.Add((int)z[i]); values.Add(v[i]);
        }
        return (ids.ToArray(), values.ToArray());
    }
}
