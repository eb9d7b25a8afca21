namespace SoilNotebooks.Compositing;

/// <summary>
/// Bare-soil frequency from an NDVI time series alone (for data without SWIR bands, such as the eo-learn test patch):
/// per pixel, the fraction of valid observations with NDVI &lt; threshold. This is the NDVI part of the S2MoS rule only
/// (no NBR2 or band-order conditions); use <see cref="ScmapComposite"/> when all ten bands are available.
/// </summary>
public static class NdviBareFrequency
{
    /// <summary>
    /// Computes the frequency map.
    /// </summary>
    /// <param name="ndvi">NDVI, C order [time, row, col] (T × H × W).</param>
    /// <param name="valid">Validity (non-zero = valid), same layout.</param>
    /// <param name="times">T.</param>
    /// <param name="pixels">H × W.</param>
    /// <param name="ndviThreshold">NDVI upper limit (exclusive), default 0.25.</param>
    /// <returns>Frequency per pixel (NaN without valid observation) and the valid count per pixel.</returns>
    public static (float[] Frequency, int[] ValidCount) Compute(ReadOnlySpan<float> ndvi, ReadOnlySpan<float> valid, int times, int pixels, double ndviThreshold = 0.25)
    {
        Check.Positive(times); Check.Positive(pixels); Check.InRange(ndviThreshold, -1, 1);
        Check.SameLength(ndvi.Length, times * pixels, "NDVI array vs times × pixels");
        Check.SameLength(valid.Length, times * pixels, "Valid mask vs times × pixels");
        var bare = new int[pixels]; var count = new int[pixels];
        float t = (float)ndviThreshold;
        for (int d = 0; d < times; d++)
            for (int p = 0; p < pixels; p++)
            {
                int i = d * pixels + p;
                if (valid[i] == 0 || float.IsNaN(ndvi[i])) continue;
                count[p]++;
                if (ndvi[i] < t) bare[p]++;
            }
        var f = new float[pixels];
        for (int p = 0; p < pixels; p++) f[p] = count[p] == 0 ? float.NaN : (float)bare[p] / count[p];
        return (f, count);
    }
}
