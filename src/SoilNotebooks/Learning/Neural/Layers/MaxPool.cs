using System.Runtime.CompilerServices;

namespace SoilNotebooks.Learning.Neural;

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
                if (p % 2 == 0 && q == h)
                {
                    // even period: no pair wraps, so the rows' pairs are one contiguous run (one vectorised call)
                    Kernels.PairMax(xs, ys, rows * q);
                    continue;
                }
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
                if (p % 2 == 0 && q == h)
                {
                    Kernels.PairMaxBackward(xs, dys, dxs, rows * q);
                    continue;
                }
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
