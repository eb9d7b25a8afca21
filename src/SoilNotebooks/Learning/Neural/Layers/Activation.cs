namespace SoilNotebooks.Learning.Neural;

/// <summary>Base of element-wise activations.</summary>
public abstract class Activation : Layer
{
    private protected int _size;

    internal override bool SupportsColumnPeriods => true;

    /// <summary>Element-wise layers keep the column layout of their input.</summary>
    private protected void PassCols(int n) { if (ColsIn is not null) Array.Copy(ColsIn, ColsOut!, n); }

    /// <inheritdoc />
    protected override int[] Build(int[][] s)
    {
        if (s.Length != 1) throw new ArgumentException($"{Kind} takes one input.");
        _size = Product(s[0]);
        return (int[])s[0].Clone();
    }
}
