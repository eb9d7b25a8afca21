using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// Fully connected layer y = W·x + b on flat samples (PyTorch <c>nn.Linear</c>, Keras <c>Dense</c>).
/// Weight [out, in], bias [out]; Glorot-uniform weights and zero biases (Keras defaults).
/// </summary>
public sealed class Linear : Layer
{
    private Parameter _w = null!, _b = null!;
    private readonly int? _declaredIn;
    private int _in;

    /// <summary>Creates a layer whose input size is taken from the node it is applied to (Keras <c>Dense(units)</c>).</summary>
    /// <param name="outFeatures">Number of units (≥ 1).</param>
    /// <param name="l2">L2 kernel penalty λ ≥ 0 (default 0; S2MoS uses 0.002).</param>
    public Linear(int outFeatures, float l2 = 0f) { OutFeatures = Check.Positive(outFeatures); L2 = l2; }

    /// <summary>Creates a layer with a declared input size (PyTorch <c>nn.Linear(in, out)</c>); checked when applied.</summary>
    public Linear(int inFeatures, int outFeatures, float l2 = 0f) : this(outFeatures, l2) => _declaredIn = Check.Positive(inFeatures);

    /// <inheritdoc />
    public override string Kind => "linear";
    /// <summary>Number of units.</summary>
    public int OutFeatures { get; }
    /// <summary>Input size.</summary>
    public int InFeatures => _in;
    /// <summary>L2 penalty on the weight.</summary>
    public float L2 { get; }
    /// <summary>Weight [out, in].</summary>
    public Parameter Weight => _w;
    /// <summary>Bias [out].</summary>
    public Parameter Bias => _b;
    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_w, _b];

    /// <inheritdoc />
    protected override int[] Build(int[][] s)
    {
        if (s.Length != 1) throw new ArgumentException("Linear takes one input.");
        if (s[0].Length != 1) throw new ArgumentException($"Linear expects flat samples; got shape {ShapeText(s[0])} (insert nn.Flatten() first).");
        _in = s[0][0];
        if (_declaredIn is int d && d != _in) throw new ArgumentException($"Linear declared with {d} input features but applied to a node with {_in}.");
        _w = new Parameter("weight", [OutFeatures, _in], L2);
        _b = new Parameter("bias", [OutFeatures]);
        return [OutFeatures];
    }

    internal override void Initialize(Random random)
    {
        GlorotUniform(_w.Value, _in, OutFeatures, random);
        Array.Clear(_b.Value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Forward(PassContext ctx, float[][] x, float[] y, int n)
    {
        var w = _w.Value; var b = _b.Value; var xa = x[0];
        for (int s = 0; s < n; s++)
        {
            var xs = new ReadOnlySpan<float>(xa, s * _in, _in);
            for (int o = 0; o < OutFeatures; o++)
                y[s * OutFeatures + o] = TensorPrimitives.Dot(new ReadOnlySpan<float>(w, o * _in, _in), xs) + b[o];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n)
    {
        var w = _w.Value; var gw = _w.Grad; var gb = _b.Grad; var xa = x[0]; var d = dx[0];
        for (int s = 0; s < n; s++)
        {
            var xs = new ReadOnlySpan<float>(xa, s * _in, _in);
            for (int o = 0; o < OutFeatures; o++)
            {
                float g = dy[s * OutFeatures + o];
                if (g == 0) continue;
                gb[o] += g;
                var row = new Span<float>(gw, o * _in, _in);
                TensorPrimitives.MultiplyAdd(xs, g, row, row);
                if (d is not null)
                {
                    var ds = new Span<float>(d, s * _in, _in);
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(w, o * _in, _in), g, ds, ds);
                }
            }
        }
    }
}
