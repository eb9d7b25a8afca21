using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SoilNotebooks.Learning.Neural;

/// <summary>Rectified linear unit, max(x, 0).</summary>
public sealed class ReLU : Activation
{
    /// <inheritdoc />
    public override string Kind => "relu";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Forward(PassContext ctx, float[][] x, float[] y, int n)
    {
        PassCols(n);
        if (ColsIn is not null)
        {
            int w = InputShapes[0][^1];
            for (int s = 0; s < n; s++)
            {
                int len = _size / w * ColsIn[s];
                TensorPrimitives.Max(new ReadOnlySpan<float>(x[0], s * _size, len), 0f, y.AsSpan(s * _size, len));
            }
            return;
        }
        int m = n * _size;
        TensorPrimitives.Max(new ReadOnlySpan<float>(x[0], 0, m), 0f, y.AsSpan(0, m));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n)
    {
        var d = dx[0];
        if (d is null) return;
        if (ColsIn is not null)
        {
            int w = InputShapes[0][^1];
            for (int s = 0; s < n; s++) Kernels.AddWherePositive(y, dy, d, s * _size, _size / w * ColsIn[s]);
            return;
        }
        Kernels.AddWherePositive(y, dy, d, 0, n * _size);
    }
}
