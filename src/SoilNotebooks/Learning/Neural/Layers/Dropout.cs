using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SoilNotebooks.Learning.Neural;

/// <summary>Inverted dropout (Srivastava et al. 2014; Keras/PyTorch semantics): while training each value is
/// zeroed with probability p and the survivors scaled by 1/(1−p); identity at inference.</summary>
public sealed class Dropout : Layer
{
    private float[] _mask = [];
    private int _size;

    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Drop probability p in [0, 1).</param>
    public Dropout(double rate)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Dropout rate must be in [0, 1) (got {rate}).");
        Rate = rate;
    }

    /// <inheritdoc />
    public override string Kind => "dropout";
    /// <summary>Drop probability.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    protected override int[] Build(int[][] s) { _size = Product(s[0]); return (int[])s[0].Clone(); }

    internal override void Allocate(int maxBatch) => _mask = new float[maxBatch * _size];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Forward(PassContext ctx, float[][] x, float[] y, int n)
    {
        int m = n * _size;
        if (!ctx.Training || Rate == 0)
        {
            x[0].AsSpan(0, m).CopyTo(y);
            _mask.AsSpan(0, m).Fill(1f);
            return;
        }
        float keep = (float)(1.0 / (1.0 - Rate));
        var r = ctx.DropoutRandom;
        for (int i = 0; i < m; i++) _mask[i] = r.NextDouble() < Rate ? 0f : keep;
        TensorPrimitives.Multiply(new ReadOnlySpan<float>(x[0], 0, m), new ReadOnlySpan<float>(_mask, 0, m), y.AsSpan(0, m));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n)
    {
        var d = dx[0];
        if (d is null) return;
        int m = n * _size;
        var ds = d.AsSpan(0, m);
        TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(dy, 0, m), new ReadOnlySpan<float>(_mask, 0, m), ds, ds);
    }
}
