namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// Training or prediction data for a <see cref="Model"/>: one row-major array per model input
/// ([count × input size], in the order of <see cref="Model.Inputs"/>) and the targets [count × output size].
/// </summary>
/// <param name="Inputs">Per-input arrays.</param>
/// <param name="Targets">Targets (may be empty for prediction-only data).</param>
/// <param name="Count">Number of samples.</param>
public sealed record TensorData(float[][] Inputs, float[] Targets, int Count)
{
    /// <summary>
    /// Optional per-input, per-sample column periods: for a [C, H, W] input, sample i's columns repeat with
    /// period <c>ColumnPeriods[k][i]</c> (column j equals column j mod period). The engine then computes the
    /// convolution trunk only on the distinct columns — exact, and much faster when points have far fewer
    /// observations than slots. <see cref="NeuralEnsemble.Encode(Sampling.SampleSeries, bool)"/> sets it for <see cref="SlotPadding.RepeatObservations"/>.
    /// Null (default) or a null entry: no periodicity assumed.
    /// </summary>
    public int[]?[]? ColumnPeriods { get; init; }

    /// <summary>
    /// Optional per-input, per-sample constant tails: for a [C, H, W] input, sample i's columns from
    /// <c>ColumnTails[k][i]</c> − 1 on are all equal (zero or median padding after the observations, with the
    /// value m = observations + 1). The engine then convolves only the first m columns — exact.
    /// Used only when <see cref="ColumnPeriods"/> is not given for that input.
    /// </summary>
    public int[]?[]? ColumnTails { get; init; }

    /// <summary>The rows <paramref name="rows"/> as a new dataset (copies).</summary>
    public TensorData Subset(IReadOnlyList<int> rows)
    {
        var ins = new float[Inputs.Length][];
        for (int i = 0; i < Inputs.Length; i++)
        {
            int size = Inputs[i].Length / Count;
            ins[i] = new float[rows.Count * size];
            for (int r = 0; r < rows.Count; r++) Array.Copy(Inputs[i], rows[r] * size, ins[i], r * size, size);
        }
        float[] t = [];
        if (Targets.Length > 0)
        {
            int ts = Targets.Length / Count;
            t = new float[rows.Count * ts];
            for (int r = 0; r < rows.Count; r++) Array.Copy(Targets, rows[r] * ts, t, r * ts, ts);
        }
        int[]?[]? periods = ColumnPeriods?.Select(p => p is null ? null : rows.Select(r => p[r]).ToArray()).ToArray();
        int[]?[]? tails = ColumnTails?.Select(p => p is null ? null : rows.Select(r => p[r]).ToArray()).ToArray();
        return new TensorData(ins, t, rows.Count) { ColumnPeriods = periods, ColumnTails = tails };
    }
}
