using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// Convolution with a kernel along one axis of a [channels, height, width] (or [channels, length]) sample,
/// stride 1, every output channel connected to all input channels. Equivalent to PyTorch
/// <c>Conv2d(kernel_size=(k,1))</c> (axis 1) or <c>(1,k)</c> (axis 2), and to <c>Conv1d</c> for 2-D samples.
/// Weight shape [out, in, k] (PyTorch [out, in, k, 1] / [out, in, 1, k] squeezed), bias [out].
/// S2MoS (Tziolas et al. 2020, Table 3) convolves along the spectral axis (axis 1) with k = 3, valid,
/// sharing the kernel across the observation axis.
/// Each sample is one register-blocked GEMM over contiguous spans (no im2col copy); the input gradient is the
/// full correlation of the output gradient with the kernel (one GEMM). With kernel axis 1 and valid padding the
/// layer also works on column-periodic samples (see <see cref="TensorData.ColumnPeriods"/>), convolving only the
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
