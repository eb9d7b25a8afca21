namespace SoilNotebooks.Learning.Neural;

/// <summary>How a batch's stored columns map to full columns (see <see cref="Layer.Layout"/>).</summary>
internal sealed class ColumnLayout
{
    /// <summary>False: periodic (j mod p); true: constant tail (min(j, m − 1)).</summary>
    public bool Tail;

    /// <summary>The stored column holding full column j of a sample with <paramref name="m"/> stored columns.</summary>
    public int Source(int j, int m) => Tail ? Math.Min(j, m - 1) : j % m;
}
