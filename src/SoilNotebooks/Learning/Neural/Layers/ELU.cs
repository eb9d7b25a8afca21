using System.Runtime.CompilerServices;

namespace SoilNotebooks.Learning.Neural;

/// <summary>Exponential linear unit (Clevert et al. 2016): x for x &gt; 0, α(eˣ − 1) otherwise; α = 1 by default (Keras).</summary>
public sealed class ELU : Activation
{
    /// <summary>Creates the layer with scale α &gt; 0 (default 1).</summary>
    public ELU(double alpha = 1.0) => Alpha = (float)Check.Positive(alpha);

    /// <summary>α.</summary>
    public float Alpha { get; }

    /// <inheritdoc />
    public override string Kind => "elu";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Forward(PassContext ctx, float[][] x, float[] y, int n)
    {
        PassCols(n);
        int m = n * _size; var xa = x[0];
        for (int i = 0; i < m; i++) { float v = xa[i]; y[i] = v > 0 ? v : Alpha * (MathF.Exp(v) - 1f); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n)
    {
        var d = dx[0];
        if (d is null) return;
        int m = n * _size; var xa = x[0];
        for (int i = 0; i < m; i++) d[i] += xa[i] > 0 ? dy[i] : dy[i] * (y[i] + Alpha);
    }
}
