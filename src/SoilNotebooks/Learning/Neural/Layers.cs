using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// A layer of a model graph. A layer is applied once with <see cref="Call(Node[])"/> (Keras functional
/// API), which fixes its input shapes and creates its parameters. Forward and backward passes work on
/// preallocated batch buffers owned by the <see cref="Model"/>; nothing is allocated per step.
/// </summary>
public abstract class Layer
{
    private Node? _node;

    /// <summary>Layer name, unique in a model (assigned from <see cref="Kind"/> and a counter when not given).</summary>
    public string? Name { get; set; }

    /// <summary>Short kind used for default names ("conv", "linear", "relu", ...).</summary>
    public abstract string Kind { get; }

    /// <summary>Per-sample input shapes, fixed by <see cref="Call(Node[])"/>.</summary>
    public int[][] InputShapes { get; private set; } = [];

    /// <summary>Per-sample output shape, fixed by <see cref="Call(Node[])"/>.</summary>
    public int[] OutputShape { get; private set; } = [];

    /// <summary>Trainable parameters (empty for parameter-free layers).</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>The node this layer produced, once called.</summary>
    public Node? Output => _node;

    /// <summary>Applies the layer to input nodes and returns its output node.</summary>
    /// <exception cref="InvalidOperationException">The layer was already applied (layers are not shared).</exception>
    /// <exception cref="ArgumentException">The input shapes do not suit the layer.</exception>
    public Node Call(params Node[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (_node is not null) throw new InvalidOperationException($"Layer '{Name ?? Kind}' has already been applied; create a new layer for each use.");
        if (inputs.Length == 0) throw new ArgumentException($"Layer '{Name ?? Kind}' needs at least one input node.");
        InputShapes = inputs.Select(i => (int[])i.Shape.Clone()).ToArray();
        OutputShape = Build(InputShapes);
        _node = new Node(Name ?? Kind, OutputShape, this, inputs);
        return _node;
    }

    /// <summary>Checks input shapes, creates parameters and returns the per-sample output shape.</summary>
    protected abstract int[] Build(int[][] inputShapes);

    /// <summary>Initialises parameters (Glorot-uniform kernels, zero biases by default).</summary>
    internal virtual void Initialize(Random random) { }

    /// <summary>Allocates internal buffers for batches of up to <paramref name="maxBatch"/> samples.</summary>
    internal virtual void Allocate(int maxBatch) { }

    /// <summary>True when the output buffer may simply be the input buffer (a view, e.g. Flatten).</summary>
    internal virtual bool IsView => false;

    /// <summary>
    /// True when the layer can work on samples stored with a column period (see <see cref="ColsIn"/>): its
    /// output columns depend only on the same input columns (convolution along axis 1, element-wise
    /// activations) or it pools along the columns.
    /// </summary>
    internal virtual bool SupportsColumnPeriods => false;

    /// <summary>
    /// Per-sample stored column counts of the input (null: full width). Sample s of a [C, H, W] node is then
    /// stored as [C, H, p] with p = ColsIn[s], and full column j equals stored column j mod p — exact when the
    /// observation slots repeat a point's observations cyclically (<see cref="SlotPadding.RepeatObservations"/>).
    /// </summary>
    internal int[]? ColsIn;

    /// <summary>Per-sample stored column counts of the output (set by <see cref="Forward"/>).</summary>
    internal int[]? ColsOut;

    /// <summary>
    /// Layout of the stored columns for the current batch, shared by the model's column-compact layers:
    /// periodic (full column j = stored j mod p) or constant tail (full column j = stored min(j, m − 1), i.e. the
    /// last stored column repeats — zero or median padding).
    /// </summary>
    internal ColumnLayout Layout = new();

    /// <summary>Threads a layer may use to split the samples of a batch (set by the model before <see cref="Allocate"/>).</summary>
    internal int Threads = 1;

    /// <summary>Sample range [lo, hi) of part t of n samples split into parts.</summary>
    internal static (int Lo, int Hi) Part(int n, int parts, int t) => (n * t / parts, n * (t + 1) / parts);

    /// <summary>Computes y for n samples from the inputs (each [n × input size]).</summary>
    internal abstract void Forward(PassContext ctx, float[][] x, float[] y, int n);

    /// <summary>
    /// Accumulates parameter gradients and adds input gradients into <paramref name="dx"/> (entries are
    /// null for inputs that need no gradient).
    /// </summary>
    internal abstract void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n);

    internal static int Product(int[] s) { int p = 1; foreach (var d in s) p *= d; return p; }

    internal static string ShapeText(int[] s) => "[" + string.Join("×", s) + "]";

    /// <summary>Glorot/Xavier uniform: U(−a, a), a = √(6 / (fan_in + fan_out)) (Glorot &amp; Bengio 2010; Keras default).</summary>
    internal static void GlorotUniform(float[] w, int fanIn, int fanOut, Random random)
    {
        double a = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < w.Length; i++) w[i] = (float)((random.NextDouble() * 2 - 1) * a);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var p = Parameters.Sum(q => q.Length);
        return $"{Name ?? Kind}: {string.Join(", ", InputShapes.Select(ShapeText))} → {ShapeText(OutputShape)}" + (p > 0 ? $" ({p} parameters)" : "");
    }
}

/// <summary>Padding of a convolution along its kernel axis.</summary>
public enum Padding
{
    /// <summary>No padding: the axis shrinks by kernel − 1 (Keras "valid").</summary>
    Valid,
    /// <summary>Zero padding so the axis keeps its length: ⌊(k−1)/2⌋ before, the rest after (Keras/PyTorch "same").</summary>
    Same,
}

/// <summary>
/// Convolution with a kernel along one axis of a [channels, height, width] (or [channels, length]) sample,
/// stride 1, every output channel connected to all input channels. Equivalent to PyTorch
/// <c>Conv2d(kernel_size=(k,1))</c> (axis 1) or <c>(1,k)</c> (axis 2), and to <c>Conv1d</c> for 2-D samples.
/// Weight shape [out, in, k] (PyTorch [out, in, k, 1] / [out, in, 1, k] squeezed), bias [out].
/// S2MoS (Tziolas et al. 2020, Table 3) convolves along the spectral axis (axis 1) with k = 3, valid,
/// sharing the kernel across the observation axis.
/// Each sample is one register-blocked GEMM over contiguous spans (no im2col copy); the input gradient is the
/// full correlation of the output gradient with the kernel (one GEMM). With kernel axis 1 and valid padding the
/// layer also works on column-periodic samples (see <see cref="Dataset.ColumnPeriods"/>), convolving only the
/// distinct observation columns.
/// </summary>
public sealed unsafe class Conv : Layer
{
    private Parameter _w = null!, _b = null!;
    private int _cin, _h, _wd, _hp, _wp, _ho, _wo, _padBefore, _segments, _n, _segX, _segY;
    private int[] _bOff = [], _cOff = [], _dxOff = [];
    private float[] _pad = [], _dpad = [];

    /// <summary>Creates the layer.</summary>
    /// <param name="outChannels">Number of filters (≥ 1).</param>
    /// <param name="kernelSize">Kernel length along <paramref name="axis"/> (≥ 1).</param>
    /// <param name="axis">Axis of the per-sample shape [C, H, W] the kernel runs along: 1 (H) or 2 (W); for [C, L] samples only 1.</param>
    /// <param name="padding">Valid (default) or same.</param>
    /// <param name="l2">L2 kernel penalty λ (default 0).</param>
    public Conv(int outChannels, int kernelSize, int axis = 1, Padding padding = Padding.Valid, float l2 = 0f)
    {
        OutChannels = Check.Positive(outChannels);
        KernelSize = Check.Positive(kernelSize);
        Axis = Check.InRange(axis, 1, 2);
        PaddingMode = padding;
        L2 = l2;
    }

    /// <inheritdoc />
    public override string Kind => "conv";
    /// <summary>Number of filters.</summary>
    public int OutChannels { get; }
    /// <summary>Kernel length.</summary>
    public int KernelSize { get; }
    /// <summary>Axis of the kernel (1 = H, 2 = W).</summary>
    public int Axis { get; }
    /// <summary>Padding mode.</summary>
    public Padding PaddingMode { get; }
    /// <summary>L2 penalty on the kernel.</summary>
    public float L2 { get; }
    /// <summary>Kernel [out, in, k].</summary>
    public Parameter Weight => _w;
    /// <summary>Bias [out].</summary>
    public Parameter Bias => _b;
    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_w, _b];

    /// <inheritdoc />
    protected override int[] Build(int[][] s)
    {
        if (s.Length != 1) throw new ArgumentException("Conv takes one input.");
        var x = s[0];
        bool twoD = x.Length == 2;
        if (x.Length is not (2 or 3)) throw new ArgumentException($"Conv expects samples of shape [channels, height, width] or [channels, length]; got {ShapeText(x)}.");
        if (twoD && Axis != 1) throw new ArgumentException("For [channels, length] samples the kernel axis must be 1.");
        _cin = x[0]; _h = x[1]; _wd = twoD ? 1 : x[2];
        int len = Axis == 1 ? _h : _wd;
        int total = PaddingMode == Padding.Same ? KernelSize - 1 : 0;
        _padBefore = total / 2;
        if (len + total < KernelSize)
            throw new ArgumentException($"Conv '{Name ?? Kind}': the input has {len} positions along axis {Axis}, fewer than the kernel size {KernelSize} (input shape {ShapeText(x)}).");
        _hp = Axis == 1 ? _h + total : _h;
        _wp = Axis == 2 ? _wd + total : _wd;
        _ho = Axis == 1 ? _hp - KernelSize + 1 : _h;
        _wo = Axis == 2 ? _wp - KernelSize + 1 : _wd;
        _w = new Parameter("weight", [OutChannels, _cin, KernelSize], L2);
        _b = new Parameter("bias", [OutChannels]);
        int kk = _cin * KernelSize;
        int kStride = Axis == 1 ? _wp : 1;
        _bOff = new int[kk];
        for (int c = 0; c < _cin; c++)
            for (int k = 0; k < KernelSize; k++) _bOff[c * KernelSize + k] = c * _hp * _wp + k * kStride;
        _cOff = new int[OutChannels];
        for (int o = 0; o < OutChannels; o++) _cOff[o] = o * _ho * _wo;
        _dxOff = new int[_cin];
        if (Axis == 1) { _segments = 1; _n = _ho * _wo; _segX = 0; _segY = 0; }
        else { _segments = _h; _n = _wo; _segX = _wp; _segY = _wo; }
        if (total > 0) { _pad = new float[_cin * _hp * _wp]; _dpad = new float[_pad.Length]; }
        return twoD ? [OutChannels, _ho] : [OutChannels, _ho, _wo];
    }

    internal override bool SupportsColumnPeriods => Axis == 1 && PaddingMode == Padding.Valid && InputShapes[0].Length == 3;

    /// <summary>Per-thread work buffers of the column-periodic path; part 0 writes the real gradients.</summary>
    private sealed class Scratch
    {
        public int[] Cb = [], Cc = [], Co = [], Dxo = [];
        public float[] DyPad = [], Gw = [], Gb = [];
    }

    private Scratch[] _scratch = [];

    private int Parts(int n) => Math.Max(1, Math.Min(Threads, n));

    /// <summary>Forward for column-periodic samples: one GEMM of N = Ho·p per sample; batches split over threads.</summary>
    private void ForwardCompact(float[] x, float[] y, int n)
    {
        int parts = Parts(n);
        if (parts == 1) ForwardCompactRange(x, y, 0, n, _scratch[0]);
        else ForwardCompactParallel(x, y, n, parts); // separate method: no closure allocation on the one-thread path
    }

    private void ForwardCompactParallel(float[] x, float[] y, int n, int parts) =>
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, t =>
        {
            var (lo, hi) = Part(n, parts, t);
            ForwardCompactRange(x, y, lo, hi, _scratch[t]);
        });

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardCompactRange(float[] x, float[] y, int s0, int s1, Scratch sc)
    {
        int inSize = _cin * _h * _wd, outSize = OutChannels * _ho * _wo, kk = _cin * KernelSize;
        fixed (float* xp = x, yp = y, wp = _w.Value, bp = _b.Value)
        fixed (int* cb = sc.Cb, cc = sc.Cc)
            for (int s = s0; s < s1; s++)
            {
                int p = ColsIn![s];
                ColsOut![s] = p;
                for (int c = 0; c < _cin; c++)
                    for (int k = 0; k < KernelSize; k++) cb[c * KernelSize + k] = (c * _h + k) * p;
                for (int o = 0; o < OutChannels; o++) cc[o] = o * _ho * p;
                float* ys = yp + s * outSize;
                for (int o = 0; o < OutChannels; o++) new Span<float>(ys + cc[o], _ho * p).Fill(bp[o]);
                Kernels.GemmAccumulate(OutChannels, _ho * p, kk, wp, kk, xp + s * inSize, cb, ys, cc);
            }
    }

    /// <summary>
    /// Backward for column-periodic samples (gradients of repeated columns are already summed downstream).
    /// With several threads each part accumulates its own weight gradient, added in part order afterwards,
    /// so the result is reproducible for a fixed thread count.
    /// </summary>
    private void BackwardCompact(float[] x, float[] dy, float[]? dx, int n)
    {
        int parts = Parts(n);
        if (parts == 1) BackwardCompactRange(x, dy, dx, 0, n, _scratch[0], _w.Grad, _b.Grad);
        else BackwardCompactParallel(x, dy, dx, n, parts);
    }

    private void BackwardCompactParallel(float[] x, float[] dy, float[]? dx, int n, int parts)
    {
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, t =>
        {
            var (lo, hi) = Part(n, parts, t);
            var sc = _scratch[t];
            if (t > 0) { Array.Clear(sc.Gw); Array.Clear(sc.Gb); }
            BackwardCompactRange(x, dy, dx, lo, hi, sc, t == 0 ? _w.Grad : sc.Gw, t == 0 ? _b.Grad : sc.Gb);
        });
        for (int t = 1; t < parts; t++)
        {
            TensorPrimitives.Add(_w.Grad, _scratch[t].Gw, _w.Grad);
            TensorPrimitives.Add(_b.Grad, _scratch[t].Gb, _b.Grad);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BackwardCompactRange(float[] x, float[] dy, float[]? dx, int s0, int s1, Scratch sc, float[] gwa, float[] gba)
    {
        int inSize = _cin * _h * _wd, outSize = OutChannels * _ho * _wo, kk = _cin * KernelSize, ok = OutChannels * KernelSize;
        int e = KernelSize - 1, hq = _ho + 2 * e;
        fixed (float* xp = x, dyp = dy, dxp = dx, gw = gwa, gb = gba, wtp = _wtFull, dyq = sc.DyPad)
        fixed (int* cb = sc.Cb, cc = sc.Cc, co = sc.Co, dxo = sc.Dxo)
            for (int s = s0; s < s1; s++)
            {
                int p = ColsIn![s];
                for (int c = 0; c < _cin; c++)
                    for (int k = 0; k < KernelSize; k++) cb[c * KernelSize + k] = (c * _h + k) * p;
                for (int o = 0; o < OutChannels; o++) cc[o] = o * _ho * p;
                float* xs = xp + s * inSize, dys = dyp + s * outSize;
                for (int o = 0; o < OutChannels; o++)
                    gb[o] += TensorPrimitives.Sum<float>(new ReadOnlySpan<float>(dys + cc[o], _ho * p));
                Kernels.GemmDots(OutChannels, kk, _ho * p, dys, cc, xs, cb, gw, kk);
                if (dxp == null) continue;
                for (int o = 0; o < OutChannels; o++)
                {
                    float* q = dyq + o * hq * p;
                    new Span<float>(q, e * p).Clear();
                    new ReadOnlySpan<float>(dys + cc[o], _ho * p).CopyTo(new Span<float>(q + e * p, _ho * p));
                    new Span<float>(q + (_ho + e) * p, e * p).Clear();
                    for (int k = 0; k < KernelSize; k++) co[o * KernelSize + k] = o * hq * p + (e - k) * p;
                }
                for (int c = 0; c < _cin; c++) dxo[c] = c * _h * p;
                Kernels.GemmAccumulate(_cin, _h * p, ok, wtp, ok, dyq, co, dxp + s * inSize, dxo);
            }
    }

    internal override void Initialize(Random random)
    {
        GlorotUniform(_w.Value, _cin * KernelSize, OutChannels * KernelSize, random);
        Array.Clear(_b.Value);
    }

    private void CopyPadded(float* src, float* dst)
    {
        // dst is [cin, hp, wp] zero-filled at the borders; src is [cin, h, w].
        for (int c = 0; c < _cin; c++)
            for (int i = 0; i < _h; i++)
            {
                float* d = dst + c * _hp * _wp + (Axis == 1 ? (i + _padBefore) * _wp : i * _wp + _padBefore);
                new ReadOnlySpan<float>(src + (c * _h + i) * _wd, _wd).CopyTo(new Span<float>(d, _wd));
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Forward(PassContext ctx, float[][] x, float[] y, int n)
    {
        if (ColsIn is not null) { ForwardCompact(x[0], y, n); return; }
        int inSize = _cin * _h * _wd, outSize = OutChannels * _ho * _wo, kk = _cin * KernelSize;
        fixed (float* xp = x[0], yp = y, wp = _w.Value, bp = _b.Value, pp = _pad)
        fixed (int* bo = _bOff, co = _cOff)
        {

            for (int s = 0; s < n; s++)
            {
                float* xs = xp + s * inSize;
                if (_pad.Length > 0) { CopyPadded(xs, pp); xs = pp; }
                float* ys = yp + s * outSize;
                for (int o = 0; o < OutChannels; o++) new Span<float>(ys + o * _ho * _wo, _ho * _wo).Fill(bp[o]);
                for (int g = 0; g < _segments; g++)
                    Kernels.GemmAccumulate(OutChannels, _n, kk, wp, kk, xs + g * _segX, bo, ys + g * _segY, co);
            }
        }
    }

    internal override void Allocate(int maxBatch)
    {
        // zero-bordered copy of d output for the input-gradient correlation (K−1 zeros on each side of the axis)
        int e = KernelSize - 1;
        _hq = Axis == 1 ? _ho + 2 * e : _ho;
        _wq = Axis == 2 ? _wo + 2 * e : _wo;
        _dyPad = new float[OutChannels * _hq * _wq];
        int kStride = Axis == 1 ? _wq : 1;
        _dyOffFull = new int[OutChannels * KernelSize];
        for (int o = 0; o < OutChannels; o++)
            for (int k = 0; k < KernelSize; k++) _dyOffFull[o * KernelSize + k] = o * _hq * _wq + (e - k) * kStride;
        _wtFull = new float[_cin * OutChannels * KernelSize];
        for (int c = 0; c < _cin; c++) _dxOff[c] = c * _hp * _wp;
        int kk = _cin * KernelSize;
        _scratch = new Scratch[Math.Max(1, Threads)];
        for (int t = 0; t < _scratch.Length; t++)
            _scratch[t] = new Scratch
            {
                Cb = new int[kk], Cc = new int[OutChannels], Co = new int[OutChannels * KernelSize], Dxo = new int[_cin],
                DyPad = t == 0 ? _dyPad : new float[_dyPad.Length],
                Gw = t == 0 ? [] : new float[_w.Length], Gb = t == 0 ? [] : new float[_b.Length],
            };
    }

    private int _hq, _wq;
    private float[] _dyPad = [], _wtFull = [];
    private int[] _dyOffFull = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n)
    {
        int inSize = _cin * _h * _wd, outSize = OutChannels * _ho * _wo, kk = _cin * KernelSize, ok = OutChannels * KernelSize;
        var dxa = dx[0];
        if (dxa is not null)
        {
            // wtFull[c][o·K + k] = w[o][c][k]
            var w = _w.Value;
            for (int o = 0; o < OutChannels; o++)
                for (int c = 0; c < _cin; c++)
                    for (int k = 0; k < KernelSize; k++)
                        _wtFull[c * ok + o * KernelSize + k] = w[(o * _cin + c) * KernelSize + k];
        }
        if (ColsIn is not null) { BackwardCompact(x[0], dy, dxa, n); return; }
        int e = KernelSize - 1;
        fixed (float* xp = x[0], dyp = dy, gw = _w.Grad, gb = _b.Grad, pp = _pad, dpp = _dpad, wtp = _wtFull, dyq = _dyPad)
        fixed (float* dxp = dxa)
        fixed (int* bo = _bOff, co = _cOff, dxo = _dxOff, dyo = _dyOffFull)
        {

            for (int s = 0; s < n; s++)
            {
                float* xs = xp + s * inSize;
                if (_pad.Length > 0) { CopyPadded(xs, pp); xs = pp; }
                float* dys = dyp + s * outSize;
                for (int o = 0; o < OutChannels; o++)
                    gb[o] += TensorPrimitives.Sum<float>(new ReadOnlySpan<float>(dys + o * _ho * _wo, _ho * _wo));
                for (int g = 0; g < _segments; g++)
                    Kernels.GemmDots(OutChannels, kk, _n, dys + g * _segY, co, xs + g * _segX, bo, gw, kk);
                if (dxp == null) continue;
                // d input = full correlation of d output with the kernel: one GEMM over (o, k)
                for (int o = 0; o < OutChannels; o++)
                    for (int i = 0; i < _ho; i++)
                    {
                        float* dst = dyq + o * _hq * _wq + (Axis == 1 ? (i + e) * _wq : i * _wq + e);
                        new ReadOnlySpan<float>(dys + (o * _ho + i) * _wo, _wo).CopyTo(new Span<float>(dst, _wo));
                    }
                bool padded = _pad.Length > 0;
                float* dxs = padded ? dpp : dxp + s * inSize;
                if (padded) new Span<float>(dpp, _dpad.Length).Clear();
                if (Axis == 1)
                    Kernels.GemmAccumulate(_cin, _hp * _wp, ok, wtp, ok, dyq, dyo, dxs, dxo);
                else
                    for (int g = 0; g < _h; g++)
                        Kernels.GemmAccumulate(_cin, _wp, ok, wtp, ok, dyq + g * _wq, dyo, dxs + g * _wp, dxo);
                if (padded)
                {
                    float* dst = dxp + s * inSize;
                    for (int c = 0; c < _cin; c++)
                        for (int i = 0; i < _h; i++)
                        {
                            float* src = dpp + c * _hp * _wp + (Axis == 1 ? (i + _padBefore) * _wp : i * _wp + _padBefore);
                            var d = new Span<float>(dst + (c * _h + i) * _wd, _wd);
                            TensorPrimitives.Add(d, new ReadOnlySpan<float>(src, _wd), d);
                        }
                }
            }
        }
    }
}

/// <summary>
/// Max pooling along one axis of a [C, H, W] (or [C, L]) sample with window = stride = <see cref="Size"/>
/// and floor rounding (a trailing remainder is dropped; PyTorch <c>MaxPool2d((1,2))</c>, Keras
/// <c>MaxPooling2D((1,2))</c> with valid padding). S2MoS halves the observation axis (axis 2). Ties go to the
/// first maximum.
/// </summary>
public sealed unsafe class MaxPool : Layer
{
    private int _c, _h, _w, _ho, _wo, _inSize, _outSize;
    private int[] _arg = [];

    /// <summary>Creates the layer.</summary>
    /// <param name="size">Window and stride (≥ 1, default 2).</param>
    /// <param name="axis">Axis 1 (H) or 2 (W) of [C, H, W]; 1 for [C, L] samples.</param>
    public MaxPool(int size = 2, int axis = 2)
    {
        Size = Check.Positive(size);
        Axis = Check.InRange(axis, 1, 2);
    }

    /// <inheritdoc />
    public override string Kind => "maxpool";
    /// <summary>Window length and stride.</summary>
    public int Size { get; }
    /// <summary>Pooled axis.</summary>
    public int Axis { get; }

    /// <inheritdoc />
    protected override int[] Build(int[][] s)
    {
        var x = s[0];
        if (s.Length != 1 || x.Length is not (2 or 3)) throw new ArgumentException($"MaxPool expects one input of shape [C, H, W] or [C, L]; got {ShapeText(x)}.");
        bool twoD = x.Length == 2;
        if (twoD && Axis != 1) throw new ArgumentException("For [C, L] samples the pooling axis must be 1.");
        _c = x[0]; _h = x[1]; _w = twoD ? 1 : x[2];
        _ho = Axis == 1 ? _h / Size : _h;
        _wo = Axis == 2 ? _w / Size : _w;
        if (_ho == 0 || _wo == 0)
            throw new ArgumentException($"MaxPool '{Name ?? Kind}': axis {Axis} has {(Axis == 1 ? _h : _w)} positions, fewer than the pool size {Size} (input shape {ShapeText(x)}).");
        _inSize = _c * _h * _w; _outSize = _c * _ho * _wo;
        return twoD ? [_c, _ho] : [_c, _ho, _wo];
    }

    internal override void Allocate(int maxBatch) => _arg = new int[maxBatch * _outSize];

    internal override bool SupportsColumnPeriods => Axis == 2 && InputShapes[0].Length == 3;

    /// <summary>
    /// Stored output columns for a stored input period p: the pooled columns repeat with period
    /// p / gcd(p, size), capped at the output width.
    /// </summary>
    private int PooledCols(int p)
    {
        int a = p, b = Size;
        while (b != 0) (a, b) = (b, a % b);
        return Math.Min(p / a, _wo);
    }

    /// <summary>
    /// Constant-tail layout with m stored columns (full column j = stored min(j, m − 1)): J = ⌊m/size⌋ full
    /// windows, then — when r = m − size·J ≥ 2 — one partial window over the last r stored columns, then the
    /// repeated last column. Pooled stored columns: min(J + 1 (+1 if r ≥ 2), Wo).
    /// </summary>
    private (int Windows, bool Partial, int Cols) TailPlan(int m)
    {
        int j = m / Size, r = m - Size * j;
        bool partial = r >= 2;
        int q = Math.Min(j + (partial ? 2 : 1), _wo);
        return (Math.Min(j, q), partial && j < q, q);
    }

    private void ForwardTail(float* xp, float* yp, int n)
    {
        int rows = _c * _h;
        for (int s = 0; s < n; s++)
        {
            int m = ColsIn![s];
            var (windows, partial, q) = TailPlan(m);
            ColsOut![s] = q;
            float* xs = xp + s * _inSize, ys = yp + s * _outSize;
            for (int row = 0; row < rows; row++)
            {
                float* xr = xs + row * m, yr = ys + row * q;
                if (Size == 2) Kernels.PairMax(xr, yr, windows);
                else
                    for (int j = 0; j < windows; j++)
                    {
                        float v = xr[Size * j];
                        for (int t = 1; t < Size; t++) if (xr[Size * j + t] > v) v = xr[Size * j + t];
                        yr[j] = v;
                    }
                int k = windows;
                if (partial)
                {
                    float v = xr[Size * windows];
                    for (int c = Size * windows + 1; c < m; c++) if (xr[c] > v) v = xr[c];
                    yr[k++] = v;
                }
                if (k < q) yr[k] = xr[m - 1]; // windows of the repeated last column
            }
        }
    }

    private void BackwardTail(float* xp, float* dyp, float* dxp, int n)
    {
        int rows = _c * _h;
        for (int s = 0; s < n; s++)
        {
            int m = ColsIn![s];
            var (windows, partial, q) = TailPlan(m);
            float* xs = xp + s * _inSize, dys = dyp + s * _outSize, dxs = dxp + s * _inSize;
            for (int row = 0; row < rows; row++)
            {
                float* xr = xs + row * m, dyr = dys + row * q, dxr = dxs + row * m;
                if (Size == 2) Kernels.PairMaxBackward(xr, dyr, dxr, windows);
                else
                    for (int j = 0; j < windows; j++)
                    {
                        int best = Size * j;
                        for (int t = 1; t < Size; t++) if (xr[Size * j + t] > xr[best]) best = Size * j + t;
                        dxr[best] += dyr[j];
                    }
                int k = windows;
                if (partial)
                {
                    int best = Size * windows;
                    for (int c = best + 1; c < m; c++) if (xr[c] > xr[best]) best = c;
                    dxr[best] += dyr[k++];
                }
                if (k < q) dxr[m - 1] += dyr[k];
            }
        }
    }

    private void ForwardCompact(float* xp, float* yp, int n)
    {
        if (Layout.Tail) { ForwardTail(xp, yp, n); return; }
        int rows = _c * _h;
        for (int s = 0; s < n; s++)
        {
            int p = ColsIn![s], q = PooledCols(p);
            ColsOut![s] = q;
            float* xs = xp + s * _inSize, ys = yp + s * _outSize;
            if (Size == 2)
            {
                // pairs (2j, 2j+1) mod p: contiguous from column 0 for j < p/2, then (for odd p) the wrapping
                // pair (p−1, 0), then contiguous again from column 1
                int h = Math.Min(p / 2, q);
                for (int row = 0; row < rows; row++)
                {
                    float* xr = xs + row * p, yr = ys + row * q;
                    Kernels.PairMax(xr, yr, h);
                    if (q > h)
                    {
                        yr[h] = xr[0] > xr[p - 1] ? xr[0] : xr[p - 1];
                        if (q > h + 1) Kernels.PairMax(xr + 1, yr + h + 1, q - h - 1);
                    }
                }
            }
            else
                for (int row = 0; row < rows; row++)
                    for (int j = 0; j < q; j++)
                    {
                        float m = xs[row * p + (Size * j) % p];
                        for (int t = 1; t < Size; t++) { float v = xs[row * p + (Size * j + t) % p]; if (v > m) m = v; }
                        ys[row * q + j] = m;
                    }
        }
    }

    private void BackwardCompact(float* xp, float* dyp, float* dxp, int n)
    {
        if (Layout.Tail) { BackwardTail(xp, dyp, dxp, n); return; }
        int rows = _c * _h;
        for (int s = 0; s < n; s++)
        {
            int p = ColsIn![s], q = PooledCols(p);
            float* xs = xp + s * _inSize, dys = dyp + s * _outSize, dxs = dxp + s * _inSize;
            if (Size == 2)
            {
                int h = Math.Min(p / 2, q);
                for (int row = 0; row < rows; row++)
                {
                    float* xr = xs + row * p, dyr = dys + row * q, dxr = dxs + row * p;
                    Kernels.PairMaxBackward(xr, dyr, dxr, h);
                    if (q > h)
                    {
                        if (xr[0] > xr[p - 1]) dxr[0] += dyr[h]; else dxr[p - 1] += dyr[h];
                        if (q > h + 1) Kernels.PairMaxBackward(xr + 1, dyr + h + 1, dxr + 1, q - h - 1);
                    }
                }
            }
            else
                for (int row = 0; row < rows; row++)
                    for (int j = 0; j < q; j++)
                    {
                        int best = row * p + (Size * j) % p;
                        for (int t = 1; t < Size; t++) { int idx = row * p + (Size * j + t) % p; if (xs[idx] > xs[best]) best = idx; }
                        dxs[best] += dys[row * q + j];
                    }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Forward(PassContext ctx, float[][] x, float[] y, int n)
    {
        var xa = x[0];
        int step = Axis == 1 ? _w : 1;
        if (ColsIn is not null)
        {
            fixed (float* xp = xa, yp = y) ForwardCompact(xp, yp, n);
            return;
        }
        if (Axis == 2 && Size == 2)
        {
            // pairs along contiguous rows (the S2MoS case): vectorised; the backward recomputes the argmax
            int rows = _c * _h;
            fixed (float* xp = xa, yp = y)
                for (int s = 0; s < n; s++)
                    for (int row = 0; row < rows; row++)
                        Kernels.PairMax(xp + s * _inSize + row * _w, yp + s * _outSize + row * _wo, _wo);
            return;
        }
        for (int s = 0; s < n; s++)
        {
            int xb = s * _inSize, yb = s * _outSize;
            for (int c = 0; c < _c; c++)
                for (int i = 0; i < _ho; i++)
                    for (int j = 0; j < _wo; j++)
                    {
                        int start = Axis == 1 ? xb + (c * _h + i * Size) * _w + j : xb + (c * _h + i) * _w + j * Size;
                        int best = start; float m = xa[start];
                        for (int q = 1; q < Size; q++)
                        {
                            int idx = start + q * step;
                            if (xa[idx] > m || float.IsNaN(xa[idx])) { m = xa[idx]; best = idx; }
                        }
                        int o = yb + (c * _ho + i) * _wo + j;
                        y[o] = m; _arg[o] = best;
                    }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n)
    {
        var d = dx[0];
        if (d is null) return;
        if (ColsIn is not null)
        {
            fixed (float* xp = x[0], dyp = dy, dxp = d) BackwardCompact(xp, dyp, dxp, n);
            return;
        }
        if (Axis == 2 && Size == 2)
        {
            int rows = _c * _h;
            fixed (float* xp = x[0], dyp = dy, dxp = d)
                for (int s = 0; s < n; s++)
                    for (int row = 0; row < rows; row++)
                    {
                        int xo = s * _inSize + row * _w;
                        Kernels.PairMaxBackward(xp + xo, dyp + s * _outSize + row * _wo, dxp + xo, _wo);
                    }
            return;
        }
        int m = n * _outSize;
        for (int o = 0; o < m; o++) d[_arg[o]] += dy[o];
    }
}

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

/// <summary>How a batch's stored columns map to full columns (see <see cref="Layer.Layout"/>).</summary>
internal sealed class ColumnLayout
{
    /// <summary>False: periodic (j mod p); true: constant tail (min(j, m − 1)).</summary>
    public bool Tail;

    /// <summary>The stored column holding full column j of a sample with <paramref name="m"/> stored columns.</summary>
    public int Source(int j, int m) => Tail ? Math.Min(j, m - 1) : j % m;
}
