namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// Min/max scaling of each feature to [−1, 1] from training data (S2MoS: inputs and target; the tanh
/// output then covers the training range): x′ = 2(x − min)/(max − min) − 1. A constant feature maps to 0.
/// </summary>
/// <param name="Min">Per-feature training minimum.</param>
/// <param name="Max">Per-feature training maximum.</param>
public sealed record MinMaxScaler(double[] Min, double[] Max)
{
    /// <summary>Number of features.</summary>
    public int Features => Min.Length;

    /// <summary>Scales feature <paramref name="f"/>.</summary>
    public float Scale(int f, double x) => Max[f] > Min[f] ? (float)(2 * (x - Min[f]) / (Max[f] - Min[f]) - 1) : 0f;

    /// <summary>Inverse of <see cref="Scale"/>.</summary>
    public double Unscale(int f, double s) => Max[f] > Min[f] ? Min[f] + (s + 1) / 2 * (Max[f] - Min[f]) : Min[f];

    /// <summary>Fits min/max per feature from rows of values.</summary>
    public static MinMaxScaler Fit(int features, IEnumerable<double[]> rows)
    {
        var min = Enumerable.Repeat(double.PositiveInfinity, features).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, features).ToArray();
        foreach (var r in rows)
            for (int f = 0; f < features; f++) { min[f] = Math.Min(min[f], r[f]); max[f] = Math.Max(max[f], r[f]); }
        for (int f = 0; f < features; f++)
            if (double.IsInfinity(min[f])) { min[f] = 0; max[f] = 0; }
        return new MinMaxScaler(min, max);
    }
}
