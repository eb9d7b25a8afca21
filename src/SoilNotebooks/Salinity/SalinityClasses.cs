using System.Globalization;

namespace SoilNotebooks.Salinity;

/// <summary>
/// Salinity classes of ECe (dS/m) cut at ascending boundaries; a value ON a boundary belongs to the class above
/// (ECe ≥ 2 is saline at the poster's 2 dS/m). The FAO classes (Abrol, Yadav &amp; Massoud 1988, FAO Soils Bulletin 39;
/// FAO 2006 Guidelines for soil description): &lt; 2 non-saline, 2–4 slightly, 4–8 moderately, 8–16 strongly, ≥ 16 very
/// strongly saline.
/// </summary>
public static class SalinityClasses
{
    /// <summary>The poster's binary threshold, 2 dS/m ECe (Zarif et al.).</summary>
    public const double DefaultThreshold = 2.0;

    /// <summary>FAO class boundaries, dS/m: 2, 4, 8, 16.</summary>
    public static IReadOnlyList<double> FaoBoundaries { get; } = [2, 4, 8, 16];

    /// <summary>FAO class names, in order.</summary>
    public static IReadOnlyList<string> FaoNames { get; } = ["non-saline", "slightly saline", "moderately saline", "strongly saline", "very strongly saline"];

    /// <summary>Class index 0 … boundaries.Count of one ECe (NaN → −1).</summary>
    public static int Classify(double ece, IReadOnlyList<double> boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        if (double.IsNaN(ece)) return -1;
        int k = 0;
        while (k < boundaries.Count && ece >= boundaries[k]) k++;
        return k;
    }

    /// <summary>Class index per value.</summary>
    public static int[] Classify(IReadOnlyList<double> ece, IReadOnlyList<double> boundaries)
    {
        Validate(boundaries);
        ArgumentNullException.ThrowIfNull(ece);
        var r = new int[ece.Count];
        for (int i = 0; i < r.Length; i++) r[i] = Classify(ece[i], boundaries);
        return r;
    }

    /// <summary>FAO class name of one ECe (dS/m).</summary>
    public static string Fao(double ece) => Classify(ece, FaoBoundaries) is var k && k >= 0 ? FaoNames[k]
        : throw new ArgumentException("ECe is NaN: no salinity class.", nameof(ece));

    /// <summary>Labels of the classes: "ECe &lt; 2", "2 ≤ ECe &lt; 4", …, "ECe ≥ 16" (dS/m).</summary>
    public static string[] Labels(IReadOnlyList<double> boundaries)
    {
        Validate(boundaries);
        static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        var r = new string[boundaries.Count + 1];
        r[0] = $"ECe < {F(boundaries[0])}";
        for (int k = 1; k < boundaries.Count; k++) r[k] = $"{F(boundaries[k - 1])} ≤ ECe < {F(boundaries[k])}";
        r[^1] = $"ECe ≥ {F(boundaries[^1])}";
        return r;
    }

    /// <summary>Throws unless the boundaries are finite, at least one, and strictly ascending.</summary>
    public static void Validate(IReadOnlyList<double> boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        if (boundaries.Count == 0) throw new ArgumentException("At least one class boundary is needed.", nameof(boundaries));
        for (int k = 0; k < boundaries.Count; k++)
        {
            if (!double.IsFinite(boundaries[k])) throw new ArgumentException($"Class boundary {k} is not finite.", nameof(boundaries));
            if (k > 0 && boundaries[k] <= boundaries[k - 1])
                throw new ArgumentException($"Class boundaries must ascend strictly; got {string.Join(", ", boundaries)}.", nameof(boundaries));
        }
    }
}
