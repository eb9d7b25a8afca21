namespace SoilNotebooks.Statistics;

/// <summary>Pearson's product-moment correlation.</summary>
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
}
