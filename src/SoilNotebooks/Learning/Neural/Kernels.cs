using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// Register-blocked single-precision GEMM micro-kernels used by the convolution layers. Rows of the
/// right-hand and result matrices are addressed through offset tables, so a convolution along one axis
/// becomes one small GEMM over contiguous spans without an im2col copy:
/// <c>C[cOff[i] + j] += Σ_r A[i·lda + r] · B[bOff[r] + j]</c> for i &lt; m, j &lt; n, r &lt; k.
/// Blocks of 4 rows × 16 columns keep 8 <see cref="Vector256{T}"/> accumulators in registers.
/// Element-wise work elsewhere uses <see cref="System.Numerics.Tensors.TensorPrimitives"/>.
/// </summary>
internal static unsafe class Kernels
{
    /// <summary>C[cOff[i] + j] += Σ_r A[i·lda + r] · B[bOff[r] + j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GemmAccumulate(int m, int n, int k, float* a, int lda, float* b, int* bOff, float* c, int* cOff)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && (n >= 32 || (System.Runtime.Intrinsics.X86.Avx512F.IsSupported && n >= 4)))
        {
            int n32 = n & ~31;
            for (; i + 4 <= m; i += 4)
            {
                float* a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
                float* c0 = c + cOff[i], c1 = c + cOff[i + 1], c2 = c + cOff[i + 2], c3 = c + cOff[i + 3];
                for (int j = 0; j < n32; j += 32)
                {
                    var s00 = Vector512.Load(c0 + j); var s01 = Vector512.Load(c0 + j + 16);
                    var s10 = Vector512.Load(c1 + j); var s11 = Vector512.Load(c1 + j + 16);
                    var s20 = Vector512.Load(c2 + j); var s21 = Vector512.Load(c2 + j + 16);
                    var s30 = Vector512.Load(c3 + j); var s31 = Vector512.Load(c3 + j + 16);
                    for (int r = 0; r < k; r++)
                    {
                        float* br = b + bOff[r] + j;
                        var b0 = Vector512.Load(br); var b1 = Vector512.Load(br + 16);
                        var w = Vector512.Create(a0[r]); s00 = Vector512.FusedMultiplyAdd(w, b0, s00); s01 = Vector512.FusedMultiplyAdd(w, b1, s01);
                        w = Vector512.Create(a1[r]); s10 = Vector512.FusedMultiplyAdd(w, b0, s10); s11 = Vector512.FusedMultiplyAdd(w, b1, s11);
                        w = Vector512.Create(a2[r]); s20 = Vector512.FusedMultiplyAdd(w, b0, s20); s21 = Vector512.FusedMultiplyAdd(w, b1, s21);
                        w = Vector512.Create(a3[r]); s30 = Vector512.FusedMultiplyAdd(w, b0, s30); s31 = Vector512.FusedMultiplyAdd(w, b1, s31);
                    }
                    s00.Store(c0 + j); s01.Store(c0 + j + 16);
                    s10.Store(c1 + j); s11.Store(c1 + j + 16);
                    s20.Store(c2 + j); s21.Store(c2 + j + 16);
                    s30.Store(c3 + j); s31.Store(c3 + j + 16);
                }
            }
            // the column tail of the blocked rows: one 32-column block with masked loads and stores (lanes past n are
            // neither read nor written); the remaining rows (all columns) go through the 256-bit path
            if (n32 < n && System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
                GemmTail512(i, n - n32, n32, k, a, lda, b, bOff, c, cOff);
            else if (n32 < n)
            {
                int* shifted = stackalloc int[i];
                for (int q = 0; q < i; q++) shifted[q] = cOff[q] + n32;
                int* bShift = stackalloc int[k];
                for (int r = 0; r < k; r++) bShift[r] = bOff[r] + n32;
                Gemm256(i, n - n32, k, a, lda, b, bShift, c, shifted, 0);
            }
            Gemm256(m, n, k, a, lda, b, bOff, c, cOff, i);
            return;
        }
        Gemm256(m, n, k, a, lda, b, bOff, c, cOff, 0);
    }

    /// <summary>Lanes [0, count) set (count clamped to [0, 16]), as a float mask for the AVX-512 masked moves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> FirstLanes(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    /// <summary>Columns [j0, j0 + rem) of rows [0, rows) of <see cref="GemmAccumulate"/> (rows a multiple of 4,
    /// 0 &lt; rem &lt; 32) as one masked block of 4 × 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GemmTail512(int rows, int rem, int j0, int k, float* a, int lda, float* b, int* bOff, float* c,
        int* cOff)
    {
        var m0 = FirstLanes(rem); var m1 = FirstLanes(rem - 16);
        var z = Vector512<float>.Zero;
        for (int i = 0; i + 4 <= rows; i += 4)
        {
            float* a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            float* c0 = c + cOff[i] + j0, c1 = c + cOff[i + 1] + j0, c2 = c + cOff[i + 2] + j0, c3 = c + cOff[i + 3] + j0;
            var s00 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(c0, m0, z);
            var s01 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(c0 + 16, m1, z);
            var s10 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(c1, m0, z);
            var s11 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(c1 + 16, m1, z);
            var s20 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(c2, m0, z);
            var s21 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(c2 + 16, m1, z);
            var s30 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(c3, m0, z);
            var s31 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(c3 + 16, m1, z);
            for (int r = 0; r < k; r++)
            {
                float* br = b + bOff[r] + j0;
                var b0 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(br, m0, z);
                var b1 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(br + 16, m1, z);
                var w = Vector512.Create(a0[r]); s00 = Vector512.FusedMultiplyAdd(w, b0, s00); s01 = Vector512.FusedMultiplyAdd(w, b1, s01);
                w = Vector512.Create(a1[r]); s10 = Vector512.FusedMultiplyAdd(w, b0, s10); s11 = Vector512.FusedMultiplyAdd(w, b1, s11);
                w = Vector512.Create(a2[r]); s20 = Vector512.FusedMultiplyAdd(w, b0, s20); s21 = Vector512.FusedMultiplyAdd(w, b1, s21);
                w = Vector512.Create(a3[r]); s30 = Vector512.FusedMultiplyAdd(w, b0, s30); s31 = Vector512.FusedMultiplyAdd(w, b1, s31);
            }
            System.Runtime.Intrinsics.X86.Avx512F.MaskStore(c0, m0, s00); System.Runtime.Intrinsics.X86.Avx512F.MaskStore(c0 + 16, m1, s01);
            System.Runtime.Intrinsics.X86.Avx512F.MaskStore(c1, m0, s10); System.Runtime.Intrinsics.X86.Avx512F.MaskStore(c1 + 16, m1, s11);
            System.Runtime.Intrinsics.X86.Avx512F.MaskStore(c2, m0, s20); System.Runtime.Intrinsics.X86.Avx512F.MaskStore(c2 + 16, m1, s21);
            System.Runtime.Intrinsics.X86.Avx512F.MaskStore(c3, m0, s30); System.Runtime.Intrinsics.X86.Avx512F.MaskStore(c3 + 16, m1, s31);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gemm256(int m, int n, int k, float* a, int lda, float* b, int* bOff, float* c, int* cOff, int i)
    {
        for (; i + 4 <= m; i += 4)
        {
            float* a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            float* c0 = c + cOff[i], c1 = c + cOff[i + 1], c2 = c + cOff[i + 2], c3 = c + cOff[i + 3];
            int j = 0;
            for (; j + 16 <= n; j += 16)
            {
                var s00 = Vector256.Load(c0 + j); var s01 = Vector256.Load(c0 + j + 8);
                var s10 = Vector256.Load(c1 + j); var s11 = Vector256.Load(c1 + j + 8);
                var s20 = Vector256.Load(c2 + j); var s21 = Vector256.Load(c2 + j + 8);
                var s30 = Vector256.Load(c3 + j); var s31 = Vector256.Load(c3 + j + 8);
                for (int r = 0; r < k; r++)
                {
                    float* br = b + bOff[r] + j;
                    var b0 = Vector256.Load(br); var b1 = Vector256.Load(br + 8);
                    var w = Vector256.Create(a0[r]); s00 = Vector256.FusedMultiplyAdd(w, b0, s00); s01 = Vector256.FusedMultiplyAdd(w, b1, s01);
                    w = Vector256.Create(a1[r]); s10 = Vector256.FusedMultiplyAdd(w, b0, s10); s11 = Vector256.FusedMultiplyAdd(w, b1, s11);
                    w = Vector256.Create(a2[r]); s20 = Vector256.FusedMultiplyAdd(w, b0, s20); s21 = Vector256.FusedMultiplyAdd(w, b1, s21);
                    w = Vector256.Create(a3[r]); s30 = Vector256.FusedMultiplyAdd(w, b0, s30); s31 = Vector256.FusedMultiplyAdd(w, b1, s31);
                }
                s00.Store(c0 + j); s01.Store(c0 + j + 8);
                s10.Store(c1 + j); s11.Store(c1 + j + 8);
                s20.Store(c2 + j); s21.Store(c2 + j + 8);
                s30.Store(c3 + j); s31.Store(c3 + j + 8);
            }
            for (; j + 8 <= n; j += 8)
            {
                var s0 = Vector256.Load(c0 + j); var s1 = Vector256.Load(c1 + j);
                var s2 = Vector256.Load(c2 + j); var s3 = Vector256.Load(c3 + j);
                for (int r = 0; r < k; r++)
                {
                    var b0 = Vector256.Load(b + bOff[r] + j);
                    s0 = Vector256.FusedMultiplyAdd(Vector256.Create(a0[r]), b0, s0);
                    s1 = Vector256.FusedMultiplyAdd(Vector256.Create(a1[r]), b0, s1);
                    s2 = Vector256.FusedMultiplyAdd(Vector256.Create(a2[r]), b0, s2);
                    s3 = Vector256.FusedMultiplyAdd(Vector256.Create(a3[r]), b0, s3);
                }
                s0.Store(c0 + j); s1.Store(c1 + j); s2.Store(c2 + j); s3.Store(c3 + j);
            }
            for (; j < n; j++)
            {
                float s0 = c0[j], s1 = c1[j], s2 = c2[j], s3 = c3[j];
                for (int r = 0; r < k; r++)
                {
                    float bv = b[bOff[r] + j];
                    s0 += a0[r] * bv; s1 += a1[r] * bv; s2 += a2[r] * bv; s3 += a3[r] * bv;
                }
                c0[j] = s0; c1[j] = s1; c2[j] = s2; c3[j] = s3;
            }
        }
        for (; i < m; i++)
        {
            float* ai = a + i * lda;
            float* ci = c + cOff[i];
            int j = 0;
            for (; j + 16 <= n; j += 16)
            {
                var s0 = Vector256.Load(ci + j); var s1 = Vector256.Load(ci + j + 8);
                for (int r = 0; r < k; r++)
                {
                    float* br = b + bOff[r] + j;
                    var w = Vector256.Create(ai[r]);
                    s0 = Vector256.FusedMultiplyAdd(w, Vector256.Load(br), s0);
                    s1 = Vector256.FusedMultiplyAdd(w, Vector256.Load(br + 8), s1);
                }
                s0.Store(ci + j); s1.Store(ci + j + 8);
            }
            for (; j + 8 <= n; j += 8)
            {
                var s0 = Vector256.Load(ci + j);
                for (int r = 0; r < k; r++)
                    s0 = Vector256.FusedMultiplyAdd(Vector256.Create(ai[r]), Vector256.Load(b + bOff[r] + j), s0);
                s0.Store(ci + j);
            }
            for (; j < n; j++)
            {
                float s = ci[j];
                for (int r = 0; r < k; r++) s += ai[r] * b[bOff[r] + j];
                ci[j] = s;
            }
        }
    }

    /// <summary>
    /// Dot-product GEMM for weight gradients: G[i·ldg + r] += Σ_j A[aOff[i] + j] · B[bOff[r] + j] for i &lt; m,
    /// r &lt; k, j &lt; n (blocks of 2 × 4 dot products with vector accumulators).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GemmDots(int m, int k, int n, float* a, int* aOff, float* b, int* bOff, float* g, int ldg)
    {
        int i = 0;
        bool wide = Vector512.IsHardwareAccelerated && n >= 16;
        bool masked = wide && System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
        var tailMask = FirstLanes(n & 15);
        for (; i + 2 <= m; i += 2)
        {
            float* a0 = a + aOff[i], a1 = a + aOff[i + 1];
            int r = 0;
            for (; r + 4 <= k; r += 4)
            {
                float* b0 = b + bOff[r], b1 = b + bOff[r + 1], b2 = b + bOff[r + 2], b3 = b + bOff[r + 3];
                var s00 = Vector256<float>.Zero; var s01 = s00; var s02 = s00; var s03 = s00;
                var s10 = s00; var s11 = s00; var s12 = s00; var s13 = s00;
                int j = 0;
                if (wide)
                {
                    var w00 = Vector512<float>.Zero; var w01 = w00; var w02 = w00; var w03 = w00;
                    var w10 = w00; var w11 = w00; var w12 = w00; var w13 = w00;
                    for (; j + 16 <= n; j += 16)
                    {
                        var x0 = Vector512.Load(a0 + j); var x1 = Vector512.Load(a1 + j);
                        var y = Vector512.Load(b0 + j); w00 = Vector512.FusedMultiplyAdd(x0, y, w00); w10 = Vector512.FusedMultiplyAdd(x1, y, w10);
                        y = Vector512.Load(b1 + j); w01 = Vector512.FusedMultiplyAdd(x0, y, w01); w11 = Vector512.FusedMultiplyAdd(x1, y, w11);
                        y = Vector512.Load(b2 + j); w02 = Vector512.FusedMultiplyAdd(x0, y, w02); w12 = Vector512.FusedMultiplyAdd(x1, y, w12);
                        y = Vector512.Load(b3 + j); w03 = Vector512.FusedMultiplyAdd(x0, y, w03); w13 = Vector512.FusedMultiplyAdd(x1, y, w13);
                    }
                    if (masked && j < n)
                    {
                        // the last n mod 16 columns: masked loads (zero beyond n), so no 256-bit or scalar tail follows
                        var zero = Vector512<float>.Zero;
                        var x0 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(a0 + j, tailMask, zero);
                        var x1 = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(a1 + j, tailMask, zero);
                        var y = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(b0 + j, tailMask, zero);
                        w00 = Vector512.FusedMultiplyAdd(x0, y, w00); w10 = Vector512.FusedMultiplyAdd(x1, y, w10);
                        y = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(b1 + j, tailMask, zero);
                        w01 = Vector512.FusedMultiplyAdd(x0, y, w01); w11 = Vector512.FusedMultiplyAdd(x1, y, w11);
                        y = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(b2 + j, tailMask, zero);
                        w02 = Vector512.FusedMultiplyAdd(x0, y, w02); w12 = Vector512.FusedMultiplyAdd(x1, y, w12);
                        y = System.Runtime.Intrinsics.X86.Avx512F.MaskLoad(b3 + j, tailMask, zero);
                        w03 = Vector512.FusedMultiplyAdd(x0, y, w03); w13 = Vector512.FusedMultiplyAdd(x1, y, w13);
                        j = n;
                    }
                    s00 = w00.GetLower() + w00.GetUpper(); s01 = w01.GetLower() + w01.GetUpper();
                    s02 = w02.GetLower() + w02.GetUpper(); s03 = w03.GetLower() + w03.GetUpper();
                    s10 = w10.GetLower() + w10.GetUpper(); s11 = w11.GetLower() + w11.GetUpper();
                    s12 = w12.GetLower() + w12.GetUpper(); s13 = w13.GetLower() + w13.GetUpper();
                }
                for (; j + 8 <= n; j += 8)
                {
                    var x0 = Vector256.Load(a0 + j); var x1 = Vector256.Load(a1 + j);
                    var y = Vector256.Load(b0 + j); s00 = Vector256.FusedMultiplyAdd(x0, y, s00); s10 = Vector256.FusedMultiplyAdd(x1, y, s10);
                    y = Vector256.Load(b1 + j); s01 = Vector256.FusedMultiplyAdd(x0, y, s01); s11 = Vector256.FusedMultiplyAdd(x1, y, s11);
                    y = Vector256.Load(b2 + j); s02 = Vector256.FusedMultiplyAdd(x0, y, s02); s12 = Vector256.FusedMultiplyAdd(x1, y, s12);
                    y = Vector256.Load(b3 + j); s03 = Vector256.FusedMultiplyAdd(x0, y, s03); s13 = Vector256.FusedMultiplyAdd(x1, y, s13);
                }
                if (j == n && System.Runtime.Intrinsics.X86.Avx.IsSupported)
                {
                    // eight sums at once: two rounds of horizontal adds, then the two 128-bit halves
                    var q0 = System.Runtime.Intrinsics.X86.Avx.HorizontalAdd(
                        System.Runtime.Intrinsics.X86.Avx.HorizontalAdd(s00, s01), System.Runtime.Intrinsics.X86.Avx.HorizontalAdd(s02, s03));
                    var q1 = System.Runtime.Intrinsics.X86.Avx.HorizontalAdd(
                        System.Runtime.Intrinsics.X86.Avx.HorizontalAdd(s10, s11), System.Runtime.Intrinsics.X86.Avx.HorizontalAdd(s12, s13));
                    float* h0 = g + i * ldg + r, h1 = h0 + ldg;
                    (Vector128.Load(h0) + q0.GetLower() + q0.GetUpper()).Store(h0);
                    (Vector128.Load(h1) + q1.GetLower() + q1.GetUpper()).Store(h1);
                    continue;
                }
                float t00 = Vector256.Sum(s00), t01 = Vector256.Sum(s01), t02 = Vector256.Sum(s02), t03 = Vector256.Sum(s03);
                float t10 = Vector256.Sum(s10), t11 = Vector256.Sum(s11), t12 = Vector256.Sum(s12), t13 = Vector256.Sum(s13);
                for (; j < n; j++)
                {
                    float x0 = a0[j], x1 = a1[j];
                    t00 += x0 * b0[j]; t01 += x0 * b1[j]; t02 += x0 * b2[j]; t03 += x0 * b3[j];
                    t10 += x1 * b0[j]; t11 += x1 * b1[j]; t12 += x1 * b2[j]; t13 += x1 * b3[j];
                }
                float* g0 = g + i * ldg + r, g1 = g0 + ldg;
                g0[0] += t00; g0[1] += t01; g0[2] += t02; g0[3] += t03;
                g1[0] += t10; g1[1] += t11; g1[2] += t12; g1[3] += t13;
            }
            for (; r < k; r++)
            {
                g[i * ldg + r] += Dot(a0, b + bOff[r], n);
                g[(i + 1) * ldg + r] += Dot(a1, b + bOff[r], n);
            }
        }
        for (; i < m; i++)
            for (int r = 0; r < k; r++)
                g[i * ldg + r] += Dot(a + aOff[i], b + bOff[r], n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float* x, float* y, int n)
    {
        var s = Vector256<float>.Zero;
        int j = 0;
        for (; j + 8 <= n; j += 8) s = Vector256.FusedMultiplyAdd(Vector256.Load(x + j), Vector256.Load(y + j), s);
        float t = Vector256.Sum(s);
        for (; j < n; j++) t += x[j] * y[j];
        return t;
    }
    /// <summary>d[i] += dy[i] where y[i] &gt; 0 (ReLU backward), vectorised and branch-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddWherePositive(float[] y, float[] dy, float[] d, int offset, int m)
    {
        fixed (float* y0 = y, g0 = dy, d0 = d)
        {
            float* yp = y0 + offset, gp = g0 + offset, dp = d0 + offset;
            int i = 0;
            for (; i + 8 <= m; i += 8)
            {
                var mask = Vector256.GreaterThan(Vector256.Load(yp + i), Vector256<float>.Zero);
                (Vector256.Load(dp + i) + (Vector256.Load(gp + i) & mask)).Store(dp + i);
            }
            for (; i < m; i++) dp[i] += yp[i] > 0 ? gp[i] : 0f;
        }
    }

    /// <summary>y[yb + j] = max(x[xb + 2j], x[xb + 2j + 1]) for j &lt; count (AVX2 de-interleave, scalar tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PairMax(float* xs, float* ys, int count)
    {
        int j = 0;
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            for (; j + 8 <= count; j += 8)
            {
                var v0 = Vector256.Load(xs + 2 * j); var v1 = Vector256.Load(xs + 2 * j + 8);
                var even = System.Runtime.Intrinsics.X86.Avx.Shuffle(v0, v1, 0x88);
                var odd = System.Runtime.Intrinsics.X86.Avx.Shuffle(v0, v1, 0xDD);
                var m = System.Runtime.Intrinsics.X86.Avx.BlendVariable(even, odd, Vector256.GreaterThan(odd, even));
                System.Runtime.Intrinsics.X86.Avx2.Permute4x64(m.AsDouble(), 0b11_01_10_00).AsSingle().Store(ys + j);
            }
        }
        for (; j < count; j++) { float u = xs[2 * j], v = xs[2 * j + 1]; ys[j] = v > u ? v : u; }
    }

    /// <summary>Backward of <see cref="PairMax"/>: dx[2j + (x[2j+1] &gt; x[2j])] += dy[j] (first maximum on ties).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PairMaxBackward(float* xs, float* dys, float* dxs, int count)
    {
        int j = 0;
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            for (; j + 8 <= count; j += 8)
            {
                var v0 = Vector256.Load(xs + 2 * j); var v1 = Vector256.Load(xs + 2 * j + 8);
                var even = System.Runtime.Intrinsics.X86.Avx.Shuffle(v0, v1, 0x88);
                var odd = System.Runtime.Intrinsics.X86.Avx.Shuffle(v0, v1, 0xDD);
                var second = Vector256.GreaterThan(odd, even);            // order 0,1,4,5 | 2,3,6,7
                var g = System.Runtime.Intrinsics.X86.Avx2.Permute4x64(Vector256.Load(dys + j).AsDouble(), 0b11_01_10_00).AsSingle();
                var ge = Vector256.AndNot(g, second); var go = g & second;
                var lo = System.Runtime.Intrinsics.X86.Avx.UnpackLow(ge, go);   // x positions 0..7
                var hi = System.Runtime.Intrinsics.X86.Avx.UnpackHigh(ge, go);  // x positions 8..15
                (Vector256.Load(dxs + 2 * j) + lo).Store(dxs + 2 * j);
                (Vector256.Load(dxs + 2 * j + 8) + hi).Store(dxs + 2 * j + 8);
            }
        }
        for (; j < count; j++)
        {
            int second = xs[2 * j + 1] > xs[2 * j] ? 1 : 0;
            dxs[2 * j + second] += dys[j];
        }
    }
}
