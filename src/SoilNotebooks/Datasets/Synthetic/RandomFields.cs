namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>
/// Seeded, spatially autocorrelated Gaussian random fields: white noise smoothed by three successive box filters (a close
/// approximation of a Gaussian kernel, central limit theorem; Wells 1986), then standardised to mean 0 and variance 1.
/// The correlation length is the standard deviation σ of the equivalent Gaussian kernel, in pixels. Three boxes of width
/// n = 2r + 1 have variance 3·(n² − 1)/12, so n = √(4σ² + 1) and r = round((n − 1)/2) (at least 1).
/// </summary>
public static class RandomFields
{
    /// <summary>A standard normal draw (Box–Muller, <see cref="Datasets.Synthetic.Gaussian.Next"/>).</summary>
    public static double Normal(Random rng) => Datasets.Synthetic.Gaussian.Next(rng);

    /// <summary>A Gamma(shape k, scale 1/k) draw (mean 1), Marsaglia–Tsang; multiplicative speckle with k looks.</summary>
    public static double GammaUnitMean(Random rng, double k)
    {
        double d = k - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal(rng), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v / k;
        }
    }

    /// <summary>
    /// A standardised autocorrelated field of <paramref name="width"/> × <paramref name="height"/> (row-major) with correlation
    /// length <paramref name="sigmaPixels"/> (≥ 0.5).
    /// </summary>
    public static float[] Gaussian(int width, int height, double sigmaPixels, Random rng)
    {
        Check.Positive(width); Check.Positive(height); Check.InRange(sigmaPixels, 0.5, 10000);
        var a = new float[width * height];
        for (int i = 0; i < a.Length; i++) a[i] = (float)Normal(rng);
        // three box passes with half-width r: variance of one box = ((2r+1)^2 - 1) / 12
        int r = Math.Max(1, (int)Math.Round((Math.Sqrt(4 * sigmaPixels * sigmaPixels + 1) - 1) / 2));
        var tmp = new float[a.Length];
        for (int pass = 0; pass < 3; pass++) { BoxRows(a, tmp, width, height, r); BoxCols(tmp, a, width, height, r); }
        double mean = 0; foreach (var v in a) mean += v; mean /= a.Length;
        double ss = 0; foreach (var v in a) ss += (v - mean) * (v - mean);
        double sd = Math.Sqrt(ss / a.Length); if (sd == 0) sd = 1;
        for (int i = 0; i < a.Length; i++) a[i] = (float)((a[i] - mean) / sd);
        return a;
    }

    // running mean with reflecting edges (clamped index)
    private static void BoxRows(float[] src, float[] dst, int w, int h, int r)
    {
        float inv = 1f / (2 * r + 1);
        for (int y = 0; y < h; y++)
        {
            int row = y * w; double s = 0;
            for (int k = -r; k <= r; k++) s += src[row + Math.Clamp(k, 0, w - 1)];
            for (int x = 0; x < w; x++)
            {
                dst[row + x] = (float)(s * inv);
                s += src[row + Math.Clamp(x + r + 1, 0, w - 1)] - src[row + Math.Clamp(x - r, 0, w - 1)];
            }
        }
    }

    private static void BoxCols(float[] src, float[] dst, int w, int h, int r)
    {
        float inv = 1f / (2 * r + 1);
        for (int x = 0; x < w; x++)
        {
            double s = 0;
            for (int k = -r; k <= r; k++) s += src[Math.Clamp(k, 0, h - 1) * w + x];
            for (int y = 0; y < h; y++)
            {
                dst[y * w + x] = (float)(s * inv);
                s += src[Math.Clamp(y + r + 1, 0, h - 1) * w + x] - src[Math.Clamp(y - r, 0, h - 1) * w + x];
            }
        }
    }
}
