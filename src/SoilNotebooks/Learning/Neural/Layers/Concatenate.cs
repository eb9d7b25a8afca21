using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SoilNotebooks.Learning.Neural;

/// <summary>Concatenates flat inputs along the feature axis (Keras <c>Concatenate</c>, PyTorch <c>torch.cat(dim=1)</c>).</summary>
public sealed class Concatenate : Layer
{
    private int[] _sizes = [];
    private int _total;

    /// <inheritdoc />
    public override string Kind => "concat";

    /// <inheritdoc />
    protected override int[] Build(int[][] s)
    {
        foreach (var x in s)
            if (x.Length != 1) throw new ArgumentException($"Concatenate expects flat inputs; got shape {ShapeText(x)} (insert nn.Flatten() first).");
        _sizes = s.Select(x => x[0]).ToArray();
        _total = _sizes.Sum();
        return [_total];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Forward(PassContext ctx, float[][] x, float[] y, int n)
    {
        for (int s = 0; s < n; s++)
        {
            int off = s * _total;
            for (int i = 0; i < x.Length; i++)
            {
                x[i].AsSpan(s * _sizes[i], _sizes[i]).CopyTo(y.AsSpan(off));
                off += _sizes[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n)
    {
        for (int s = 0; s < n; s++)
        {
            int off = s * _total;
            for (int i = 0; i < x.Length; i++)
            {
                var d = dx[i];
                if (d is not null)
                {
                    var ds = d.AsSpan(s * _sizes[i], _sizes[i]);
                    TensorPrimitives.Add(ds, new ReadOnlySpan<float>(dy, off, _sizes[i]), ds);
                }
                off += _sizes[i];
            }
        }
    }
}
