namespace SoilNotebooks.Rasters;

/// <summary>
/// Element-wise verbs on rasters: <see cref="Map"/>, <see cref="Combine"/> two aligned rasters,
/// <see cref="Where(Raster, Raster, float)"/>, <see cref="Mask(Raster, Raster)"/>, <see cref="Test"/> and
/// <see cref="NormalizedDifference"/>. Nodata (NaN) stays nodata: a function never sees a NaN cell. Two rasters combine
/// only when their grids are aligned (same size, geotransform and CRS); otherwise the error names both grids.
/// </summary>
public static class RasterAlgebra
{
    /// <summary>Throws an <see cref="ArgumentException"/> unless the grids of <paramref name="a"/> and
    /// <paramref name="b"/> are aligned.</summary>
    /// <param name="a">The reference raster.</param>
    /// <param name="b">The raster that must lie on the same grid.</param>
    /// <param name="verb">The verb, named in the message.</param>
    public static void EnsureAligned(Raster a, Raster b, string verb)
    {
        ArgumentNullException.ThrowIfNull(a); ArgumentNullException.ThrowIfNull(b);
        if (!a.Grid.Crs.IsSameAs(b.Grid.Crs))
            throw new ArgumentException($"{verb}: the CRS {b.Grid.Crs} of the second raster differs from " +
                $"{a.Grid.Crs} of the first; expected the same CRS (reproject one with Warp first).");
        if (!a.Grid.IsAlignedWith(b.Grid))
            throw new ArgumentException($"{verb}: grid {b.Grid} does not match grid {a.Grid}; expected the same " +
                "size and geotransform (resample or warp one onto the other first).");
    }

    /// <summary>Applies <paramref name="f"/> to every finite cell of every layer (NaN stays NaN); bands keep their
    /// names.</summary>
    /// <param name="raster">The input.</param>
    /// <param name="f">The function of one cell value.</param>
    /// <param name="unit">Unit of the result (default: the input's units).</param>
    public static Raster Map(this Raster raster, Func<float, float> f, string? unit = null)
    {
        ArgumentNullException.ThrowIfNull(raster); ArgumentNullException.ThrowIfNull(f);
        var layers = raster.Layers.Select(l =>
        {
            var o = new float[l.Length];
            for (int i = 0; i < o.Length; i++) o[i] = float.IsNaN(l[i]) ? float.NaN : f(l[i]);
            return o;
        }).ToArray();
        var units = unit is null ? null : Enumerable.Repeat(unit, raster.BandCount).ToArray();
        return raster.With(layers: layers, units: units, dropClasses: true);
    }

    /// <summary>
    /// Combines two aligned rasters cell by cell: <c>f(a, b)</c> where both are finite, NaN elsewhere. Both single-band
    /// (the result has one band, <paramref name="band"/>), or with the same number of bands (combined band by band).
    /// Dates: the same number, or one of them without dates (it is used at every date of the other).
    /// </summary>
    /// <param name="a">First raster (its band names, dates and grid are kept).</param>
    /// <param name="b">Second raster, on the same grid.</param>
    /// <param name="f">The function of the two cell values.</param>
    /// <param name="band">Name of the result band when both are single-band (default: the first raster's band).</param>
    /// <param name="unit">Unit of the result (default: the first raster's units).</param>
    public static Raster Combine(this Raster a, Raster b, Func<float, float, float> f, string? band = null,
        string? unit = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        EnsureAligned(a, b, "Combine");
        if (a.BandCount != b.BandCount)
            throw new ArgumentException($"Combine: {a.BandCount} band(s) ({string.Join(", ", a.Bands)}) against " +
                $"{b.BandCount} ({string.Join(", ", b.Bands)}); expected the same number of bands (select them by " +
                "name first).");
        int dates = Math.Max(a.DateCount, b.DateCount);
        if (a.DateCount != b.DateCount && a.DateCount != 1 && b.DateCount != 1)
            throw new ArgumentException($"Combine: {a.DateCount} dates against {b.DateCount}; expected the same " +
                $"dates or one raster without dates.");
        var layers = new float[a.BandCount * dates][];
        for (int k = 0; k < a.BandCount; k++)
            for (int d = 0; d < dates; d++)
            {
                var x = a.Layer(k, a.DateCount == 1 ? 0 : d); var y = b.Layer(k, b.DateCount == 1 ? 0 : d);
                var o = new float[x.Length];
                for (int i = 0; i < o.Length; i++)
                    o[i] = float.IsNaN(x[i]) || float.IsNaN(y[i]) ? float.NaN : f(x[i], y[i]);
                layers[k * dates + d] = o;
            }
        var names = a.BandCount == 1 && band is not null ? new[] { band } : a.Bands.ToArray();
        var units = Enumerable.Range(0, a.BandCount).Select(k => unit ?? a.Units[k]).ToArray();
        var withDates = a.DateCount >= b.DateCount ? a.Dates.ToArray() : b.Dates.ToArray();
        return Raster.Build(a.Grid, names, layers, new RasterOptions(Units: units, Dates: withDates, Title: null));
    }

    /// <summary>
    /// The raster where <paramref name="condition"/> is true (finite and not 0), <paramref name="otherwise"/> where it
    /// is 0, and nodata where the condition is nodata. The condition has one band (used for every band) or as many
    /// bands.
    /// </summary>
    public static Raster Where(this Raster raster, Raster condition, float otherwise = float.NaN) =>
        WhereCore(raster, condition, (_, _) => otherwise, "Where");

    /// <summary>
    /// The raster where <paramref name="condition"/> is true, the aligned raster <paramref name="otherwise"/> (same
    /// bands and dates) where it is 0, nodata where the condition is nodata.
    /// </summary>
    public static Raster Where(this Raster raster, Raster condition, Raster otherwise)
    {
        EnsureAligned(raster, otherwise, "Where");
        if (otherwise.BandCount != raster.BandCount || otherwise.DateCount != raster.DateCount)
            throw new ArgumentException($"Where: the alternative raster has {otherwise.BandCount} band(s) × " +
                $"{otherwise.DateCount} " +
                $"date(s); expected {raster.BandCount} × {raster.DateCount} like the raster.");
        return WhereCore(raster, condition, (layer, i) => otherwise.Layers[layer][i], "Where");
    }

    /// <summary>Keeps the cells where <paramref name="mask"/> is true (finite, not 0); every other cell becomes
    /// nodata.</summary>
    public static Raster Mask(this Raster raster, Raster mask) => WhereCore(raster, mask, (_, _) => float.NaN, "Mask");

    /// <summary>Keeps the cells whose value satisfies <paramref name="keep"/>; the others become nodata.</summary>
    public static Raster Mask(this Raster raster, Func<float, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var layers = raster.Layers.Select(l => l.Select(v => !float.IsNaN(v) && keep(v) ? v : float.NaN).ToArray());
        return raster.With(layers: layers.ToArray());
    }

    /// <summary>A 0/1 raster: 1 where the cell satisfies <paramref name="predicate"/>, 0 where not, NaN where
    /// nodata.</summary>
    public static Raster Test(this Raster raster, Func<float, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return raster.Map(v => predicate(v) ? 1f : 0f, unit: "");
    }

    /// <summary>(a − b) / (a + b) of two named bands, NaN where the sum is 0 (NDVI is B08 and B04, NBR2 B11 and
    /// B12).</summary>
    /// <param name="raster">The raster holding both bands.</param>
    /// <param name="a">The first band, e.g. "B08".</param>
    /// <param name="b">The second band, e.g. "B04".</param>
    /// <param name="name">Name of the result band, e.g. "NDVI".</param>
    public static Raster NormalizedDifference(this Raster raster, string a, string b, string name)
    {
        ArgumentNullException.ThrowIfNull(raster);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return raster[a].Combine(raster[b], (x, y) => x + y == 0 ? float.NaN : (x - y) / (x + y), name, "");
    }

    private static Raster WhereCore(Raster raster, Raster condition, Func<int, int, float> otherwise, string verb)
    {
        EnsureAligned(raster, condition, verb);
        if (condition.BandCount != 1 && condition.BandCount != raster.BandCount)
            throw new ArgumentException($"{verb}: the condition has {condition.BandCount} bands; expected 1 or " +
                $"{raster.BandCount}.");
        if (condition.DateCount != 1 && condition.DateCount != raster.DateCount)
            throw new ArgumentException($"{verb}: the condition has {condition.DateCount} dates; expected 1 or " +
                $"{raster.DateCount}.");
        var layers = new float[raster.Layers.Count][];
        for (int k = 0; k < raster.BandCount; k++)
            for (int d = 0; d < raster.DateCount; d++)
            {
                int layer = k * raster.DateCount + d;
                var v = raster.Layers[layer];
                var c = condition.Layer(condition.BandCount == 1 ? 0 : k, condition.DateCount == 1 ? 0 : d);
                var o = new float[v.Length];
                for (int i = 0; i < o.Length; i++)
                    o[i] = float.IsNaN(c[i]) ? float.NaN : c[i] != 0 ? v[i] : otherwise(layer, i);
                layers[layer] = o;
            }
        return raster.With(layers: layers);
    }
}
