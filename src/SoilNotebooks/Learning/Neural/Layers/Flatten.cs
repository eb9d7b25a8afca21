using System.Numerics.Tensors;

namespace SoilNotebooks.Learning.Neural;

/// <summary>Flattens a sample to one dimension in row-major order (channel, height, width — as PyTorch <c>flatten(1)</c> on NCHW). A view: no copy.</summary>
public sealed class Flatten : Layer
{
    /// <inheritdoc />
    public override string Kind => "flatten";
    /// <inheritdoc />
    protected override int[] Build(int[][] s) { _in = s[0]; return [Product(s[0])]; }
    private int[] _in = [];
    internal override bool IsView => true;

    // With a column-compact input the flatten is not a view: it expands [C, H, p] to [C, H, W] (see ColumnLayout).
    internal override void Forward(PassContext ctx, float[][] x, float[] y, int n)
    {
        if (ColsIn is null) return;
        int w = _in[^1], rows = Product(_in) / w, size = rows * w;
        var xa = x[0];
        for (int s = 0; s < n; s++)
        {
            int p = ColsIn[s], xb = s * size, yb = s * size;
            for (int r = 0; r < rows; r++)
            {
                int src = xb + r * p, dst = yb + r * w;
                if (Layout.Tail)
                {
                    int len = Math.Min(p, w);
                    Array.Copy(xa, src, y, dst, len);
                    if (w > len) y.AsSpan(dst + len, w - len).Fill(xa[src + p - 1]);
                }
                else
                    for (int j = 0; j < w; j += p) Array.Copy(xa, src, y, dst + j, Math.Min(p, w - j));
            }
        }
    }

    internal override void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n)
    {
        var d = dx[0];
        if (ColsIn is null || d is null) return;
        int w = _in[^1], rows = Product(_in) / w, size = rows * w;
        for (int s = 0; s < n; s++)
        {
            int p = ColsIn[s], b = s * size;
            if (Layout.Tail)
            {
                for (int r = 0; r < rows; r++)
                {
                    int len = Math.Min(p, w);
                    var ds = d.AsSpan(b + r * p, len);
                    TensorPrimitives.Add(ds, new ReadOnlySpan<float>(dy, b + r * w, len), ds);
                    if (w > len) d[b + r * p + p - 1] += TensorPrimitives.Sum(new ReadOnlySpan<float>(dy, b + r * w + len, w - len));
                }
                continue;
            }
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < w; j += p)
                {
                    int len = Math.Min(p, w - j);
                    var ds = d.AsSpan(b + r * p, len);
                    TensorPrimitives.Add(ds, new ReadOnlySpan<float>(dy, b + r * w + j, len), ds);
                }
        }
    }
}
