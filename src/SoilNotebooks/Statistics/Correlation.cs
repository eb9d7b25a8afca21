namespace SoilNotebooks.Statistics;

/// <summary>Pearson's product-moment and Spearman's rank correlation.</summary>
public static class Correlation
{
    /// <summary>Pearson's r of two equally long series over the pairs where both are finite (NaN for fewer than 3 pairs or a constant).</summary>
    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Check.SameLength(a.Count, b.Count, "the two series");
        double sa = 0, sb = 0; int n = 0;
        for (int i = 0; i < a.Count; i++) if (double.IsFinite(a[i]) && double.IsFinite(b[i])) { sa += a[i]; sb += b[i]; n++; }
        if (n < 3) return double.NaN;
        double ma = sa / n, mb = sb / n, sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Count; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i])) continue;
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db; saa += da * da; sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>Spearman's rank correlation: Pearson's r of the ranks (average ranks for ties); NaN for fewer than 3 values
    /// or a constant sample. Every value must be finite.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a); ArgumentNullException.ThrowIfNull(b);
        Check.SameLength(a.Count, b.Count, "the two samples");
        if (a.Count < 3) return double.NaN;
        var ra = Ranks(a); var rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < ra.Length; i++) { sab += (ra[i] - ma) * (rb[i] - mb); saa += (ra[i] - ma) * (ra[i] - ma); sbb += (rb[i] - mb) * (rb[i] - mb); }
        return saa == 0 || sbb == 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>1-based ranks, ties sharing their average rank.</summary>
    public static double[] Ranks(IReadOnlyList<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var idx = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
        var r = new double[v.Count];
        for (int s = 0; s < idx.Length;)
        {
            int e = s;
            while (e + 1 < idx.Length && v[idx[e + 1]] == v[idx[s]]) e++;
            for (int k = s; k <= e; k++) r[idx[k]] = 0.5 * (s + e) + 1;
            s = e + 1;
        }
        return r;
    }
}
