using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SoilNotebooks.Learning.Neural;

/// <summary>Hyperbolic tangent; S2MoS uses it on the output, whose target is scaled to [−1, 1].</summary>
public sealed class Tanh : Activation
{
    /// <inheritdoc />
    public override string Kind => "tanh";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Forward(PassContext ctx, float[][] x, float[] y, int n)
    {
        PassCols(n);
        int m = n * _size;
        TensorPrimitives.Tanh(new ReadOnlySpan<float>(x[0], 0, m), y.AsSpan(0, m));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n)
    {
        var d = dx[0];
        if (d is null) return;
        int m = n * _size;
        for (int i = 0; i < m; i++) d[i] += dy[i] * (1f - y[i] * y[i]);
    }
}
