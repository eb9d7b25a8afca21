using SoilNotebooks.Learning.Neural;
using Xunit;

namespace SoilNotebooks.Tests.Learning.Neural;

/// <summary>
/// The GEMM micro-kernels against a plain double-precision triple loop, over every size class their blocking
/// distinguishes (row blocks of 4 and 2 and the remainder; 512-bit column blocks of 32 and 16, the masked tail, the
/// 256-bit and scalar paths), with offset tables that leave gaps between rows, so that a kernel writing past its
/// columns or reading the wrong row fails.
/// </summary>
public sealed unsafe class KernelTests
{
    private static readonly int[] Sizes = [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 100];

    [Fact]
    public void GemmAccumulateEqualsTheTripleLoopAndLeavesOtherColumnsAlone()
    {
        var rng = new Random(3);
        foreach (int m in new[] { 1, 2, 3, 4, 5, 8, 9, 16 })
            foreach (int k in new[] { 1, 3, 4, 7, 48 })
                foreach (int n in Sizes)
                {
                    int gap = 5, ldb = n + gap, ldc = n + gap;
                    var a = Random(rng, m * k); var b = Random(rng, k * ldb); var c = Random(rng, m * ldc + gap);
                    var expected = (float[])c.Clone();
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                        {
                            double sum = c[i * ldc + j];
                            for (int r = 0; r < k; r++) sum += (double)a[i * k + r] * b[r * ldb + j];
                            expected[i * ldc + j] = (float)sum;
                        }
                    var bOff = Enumerable.Range(0, k).Select(r => r * ldb).ToArray();
                    var cOff = Enumerable.Range(0, m).Select(i => i * ldc).ToArray();
                    fixed (float* ap = a, bp = b, cp = c)
                    fixed (int* bo = bOff, co = cOff)
                        Kernels.GemmAccumulate(m, n, k, ap, k, bp, bo, cp, co);
                    AssertClose(expected, c, $"m {m} k {k} n {n}");
                }
    }

    [Fact]
    public void GemmDotsEqualsTheTripleLoop()
    {
        var rng = new Random(4);
        foreach (int m in new[] { 1, 2, 3, 4, 5, 16 })
            foreach (int k in new[] { 1, 3, 4, 5, 8, 48 })
                foreach (int n in Sizes)
                {
                    int gap = 3, ld = n + gap, ldg = k + 2;
                    var a = Random(rng, m * ld); var b = Random(rng, k * ld); var g = Random(rng, m * ldg);
                    var expected = (float[])g.Clone();
                    for (int i = 0; i < m; i++)
                        for (int r = 0; r < k; r++)
                        {
                            double sum = g[i * ldg + r];
                            for (int j = 0; j < n; j++) sum += (double)a[i * ld + j] * b[r * ld + j];
                            expected[i * ldg + r] = (float)sum;
                        }
                    var aOff = Enumerable.Range(0, m).Select(i => i * ld).ToArray();
                    var bOff = Enumerable.Range(0, k).Select(r => r * ld).ToArray();
                    fixed (float* ap = a, bp = b, gp = g)
                    fixed (int* ao = aOff, bo = bOff)
                        Kernels.GemmDots(m, k, n, ap, ao, bp, bo, gp, ldg);
                    AssertClose(expected, g, $"m {m} k {k} n {n}");
                }
    }

    [Fact]
    public void PairMaxTakesTheLargerOfEachPair()
    {
        var rng = new Random(5);
        foreach (int count in Sizes)
        {
            var x = Random(rng, 2 * count + 1); var y = new float[count + 1];
            y[count] = 42f;
            fixed (float* xp = x, yp = y) Kernels.PairMax(xp, yp, count);
            for (int j = 0; j < count; j++) Assert.Equal(Math.Max(x[2 * j], x[2 * j + 1]), y[j]);
            Assert.Equal(42f, y[count]);
        }
    }

    // every element, also those the kernel must not touch (the gaps between rows), within 1e-4 relative
    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        for (int q = 0; q < actual.Length; q++)
            Assert.True(Math.Abs(actual[q] - expected[q]) <= 1e-4 * (1 + Math.Abs(expected[q])),
                $"{what}: element {q} is {actual[q]}, expected {expected[q]}");
    }

    private static float[] Random(Random rng, int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
}
