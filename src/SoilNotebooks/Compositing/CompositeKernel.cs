using SoilNotebooks.Masking;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Compositing;

/// <summary>Status of one observation (date × pixel) after masking.</summary>
public enum ObservationStatus : byte
{
    /// <summary>Excluded by the SCL masks or missing data.</summary>
    Invalid = 0,
    /// <summary>Cloud-free but not bare soil.</summary>
    Valid = 1,
    /// <summary>Cloud-free and bare soil (S2MoS rule).</summary>
    Bare = 2,
}

/// <summary>
/// Options of an SCMaP-style composite (Rogge et al. 2018 SCMaP as used by CUP4Soil; bare-soil rule of Tziolas et al. 2020).
/// </summary>
/// <param name="Thresholds">Bare-soil thresholds (default S2MoS 0.25 / 0.075).</param>
/// <param name="Mask">SCL masks and dilation (default: cloud, shadow, cirrus, snow, water; no dilation).</param>
/// <param name="MinFrequency">Bare-soil frequency from which the SRC mosaic takes the bare-soil mean, in [0, 1] (default 0.1).</param>
/// <param name="MinBareCount">Minimum bare observations for bare-soil statistics, ≥ 1 (default 1; std and CI need 2).</param>
/// <param name="TileSize">Processing window side in pixels, 1–4096 (default 256). Memory per window ≈ dates × 10 × TileSize² × 4 bytes.</param>
/// <param name="CloudOptimized">Write the products as Cloud-Optimized GeoTIFFs (COG driver, DEFLATE, overviews) instead of tiled GeoTIFFs (default false).</param>
/// <param name="B02MadLimit">SCMaP's temporal outlier test: per pixel, a bare observation whose B02 lies more than this many
/// scaled MADs (1.4826 · median |B02 − median B02|) from the pixel's median bare B02 is removed from the soil composite
/// (it stays a valid observation for MEAN/MREF); needs ≥ 3 bare observations. 0 switches the test off (default 0; the
/// SCMaP preset <see cref="Scmap"/> uses <see cref="ScmapB02MadLimit"/>).</param>
/// <param name="LandMask">Land-cover mask on the stack grid (e.g. cropland from CORINE): pixels whose first band is 0 or
/// nodata get no product (NaN, mosaic source "none"). Null (default) keeps every pixel.</param>
public sealed record CompositeOptions(BareSoilThresholds? Thresholds = null, SclMaskOptions? Mask = null, double MinFrequency = 0.1,
    int MinBareCount = 1, int TileSize = 256, bool CloudOptimized = false, double B02MadLimit = 0, Rasters.Raster? LandMask = null)
{
    /// <summary>SCMaP's minimum number of bare observations for a soil composite value (3).</summary>
    public const int ScmapMinBareCount = 3;

    /// <summary>Scaled-MAD limit of the B02 outlier test in the SCMaP preset (3, the usual robust z limit).</summary>
    public const double ScmapB02MadLimit = 3;

    /// <summary>SCMaP's maximum sun zenith angle, degrees (70): scenes with a lower sun are not used (a stack filter:
    /// <c>new SceneStackOptions(MinSunElevationDegrees: 90 − 70)</c>, see <see cref="ScmapStackOptions"/>).</summary>
    public const double ScmapMaxSunZenithDegrees = 70;

    /// <summary>
    /// The SCMaP rules as DLR's openEO process applies them (Rogge et al. 2018; ESA APEx): SCL masks, NDVI/NBR2 thresholds,
    /// B02 MAD outlier removal, a soil composite only where ≥ 3 bare observations exist, the mosaic taking the SRC wherever
    /// it exists (no frequency threshold) and MEAN elsewhere. Pass a land-cover mask with <c>with { LandMask = … }</c>.
    /// </summary>
    public static CompositeOptions Scmap { get; } = new(MinFrequency: 0, MinBareCount: ScmapMinBareCount,
        B02MadLimit: ScmapB02MadLimit);

    /// <summary>The scene filter of SCMaP: sun zenith below <paramref name="maxSunZenithDegrees"/> (default 70°) and the
    /// default cloud-cover filter.</summary>
    public static SceneStackOptions ScmapStackOptions(double maxSunZenithDegrees = ScmapMaxSunZenithDegrees,
        int resolutionMetres = 20)
    {
        Check.InRange(maxSunZenithDegrees, 0, 90);
        return new SceneStackOptions(MinSunElevationDegrees: 90 - maxSunZenithDegrees, ResolutionMetres: resolutionMetres);
    }

    /// <summary>Resolved thresholds.</summary>
    public BareSoilThresholds EffectiveThresholds => Thresholds ?? BareSoilThresholds.S2MoS;
    /// <summary>Resolved mask options.</summary>
    public SclMaskOptions EffectiveMask => Mask ?? SclMaskOptions.Default;

    /// <summary>Checks every parameter.</summary>
    public CompositeOptions Validate()
    {
        EffectiveThresholds.Validate();
        EffectiveMask.Validate();
        Check.InRange(MinFrequency, 0, 1);
        Check.InRange(MinBareCount, 1, 100000);
        Check.InRange(TileSize, 1, 4096);
        Check.InRange(B02MadLimit, 0, 1000);
        return this;
    }
}

/// <summary>Which layer of the mosaic a pixel comes from.</summary>
public enum MosaicSource : byte
{
    /// <summary>No valid observation at all.</summary>
    None = 0,
    /// <summary>Bare-soil mean (SRC), frequency ≥ the threshold.</summary>
    Src = 1,
    /// <summary>Mean of all valid observations (MEAN).</summary>
    Mean = 2,
}

/// <summary>
/// Composite products of one window. Per-band arrays are band-major: value of band b, pixel p at b × PixelCount + p.
/// NaN marks pixels without enough observations.
/// </summary>
public sealed class CompositeTile
{
    internal CompositeTile(int pixels)
    {
        PixelCount = pixels;
        int nb = S2Bands.Count * pixels;
        BareFrequency = new float[pixels]; ValidCount = new float[pixels]; BareCount = new float[pixels];
        BareMean = new float[nb]; BareMedian = new float[nb]; BareStd = new float[nb]; BareCi95 = new float[nb];
        ValidMean = new float[nb]; Mosaic = new float[nb]; Source = new MosaicSource[pixels];
    }

    /// <summary>Pixels in the window (arrays may be longer when buffers are reused; per-band offsets use PixelCount).</summary>
    public int PixelCount { get; private set; }

    internal sealed record ScratchArrays(int[] Nv, int[] Nb, int[] Count, double[] Acc, double[] BareAcc, float[] Gather);
    private ScratchArrays? _scratch;

    internal ScratchArrays Scratch(int pixels, int dates)
    {
        if (_scratch is null || _scratch.Nv.Length < pixels || _scratch.Gather.Length < pixels * dates)
            _scratch = new ScratchArrays(new int[pixels], new int[pixels], new int[pixels], new double[pixels], new double[pixels], new float[pixels * dates]);
        return _scratch;
    }

    private double[]? _t975;

    /// <summary>Student-t 0.975 quantiles for up to <paramref name="dates"/> observations, computed once per buffer (not per window).</summary>
    internal double[] T975(int dates) => _t975 is { } t && t.Length > dates ? t : _t975 = CompositeKernel.TQuantiles(dates);

    internal CompositeTile Reshape(int pixels)
    {
        if (BareFrequency.Length < pixels) throw new ArgumentException($"Buffer holds {BareFrequency.Length} pixels, {pixels} needed.");
        PixelCount = pixels;
        return this;
    }

    /// <summary>Bare observations / valid observations (NaN when no valid observation).</summary>
    public float[] BareFrequency { get; }
    /// <summary>Number of valid (cloud-free, complete) observations.</summary>
    public float[] ValidCount { get; }
    /// <summary>Number of bare-soil observations.</summary>
    public float[] BareCount { get; }
    /// <summary>Mean bare-soil reflectance per band (SRC).</summary>
    public float[] BareMean { get; }
    /// <summary>Median bare-soil reflectance per band.</summary>
    public float[] BareMedian { get; }
    /// <summary>Sample standard deviation (n − 1) of bare-soil reflectance per band; NaN for n &lt; 2.</summary>
    public float[] BareStd { get; }
    /// <summary>Half-width of the 95 % confidence interval of the bare-soil mean: t(0.975, n − 1) · s / √n; NaN for n &lt; 2.</summary>
    public float[] BareCi95 { get; }
    /// <summary>Mean reflectance of all valid observations per band (MEAN).</summary>
    public float[] ValidMean { get; }
    /// <summary>SRC where frequency ≥ MinFrequency (and bare count ≥ MinBareCount), MEAN elsewhere.</summary>
    public float[] Mosaic { get; }
    /// <summary>Which layer <see cref="Mosaic"/> took per pixel.</summary>
    public MosaicSource[] Source { get; }
}

/// <summary>
/// The per-window SCMaP composite computation. Pure and allocation-light; memory is that of the window.
/// </summary>
public static class CompositeKernel
{
    /// <summary>
    /// Classifies every observation of a tile: invalid (masked by SCL flags or a missing band), valid, or bare
    /// (valid and passing <paramref name="thresholds"/>). Result index d × PixelCount + p.
    /// </summary>
    public static ObservationStatus[] Classify(StackTile tile, BareSoilThresholds thresholds, SclMaskOptions? mask = null) => Classify(tile, thresholds, mask, null);

    internal static ObservationStatus[] Classify(StackTile tile, BareSoilThresholds thresholds, SclMaskOptions? mask, ObservationStatus[]? buffer)
    {
        ArgumentNullException.ThrowIfNull(tile); ArgumentNullException.ThrowIfNull(thresholds);
        var invalid = (mask ?? SclMaskOptions.Default).InvalidFlags;
        int P = tile.PixelCount, D = tile.Dates.Count, B = S2Bands.Count;
        var r = tile.Reflectance;
        var status = buffer is not null && buffer.Length >= D * P ? buffer : new ObservationStatus[D * P];
        Array.Clear(status, 0, D * P);
        for (int d = 0; d < D; d++)
        {
            int baseIdx = d * B * P;
            for (int p = 0; p < P; p++)
            {
                if ((tile.Flags[d * P + p] & invalid) != 0) continue;
                bool complete = true;
                for (int b = 0; b < B; b++) if (float.IsNaN(r[baseIdx + b * P + p])) { complete = false; break; }
                if (!complete) continue;
                bool bare = thresholds.IsBare(r[baseIdx + p], r[baseIdx + P + p], r[baseIdx + 2 * P + p], r[baseIdx + 6 * P + p], r[baseIdx + 8 * P + p], r[baseIdx + 9 * P + p]);
                status[d * P + p] = bare ? ObservationStatus.Bare : ObservationStatus.Valid;
            }
        }
        return status;
    }

    /// <summary>
    /// SCMaP's temporal outlier test on B02: per pixel with ≥ 3 bare observations, a bare observation whose B02 differs from
    /// the pixel's median bare B02 by more than <paramref name="limit"/> × 1.4826 × MAD is re-labelled valid (not bare), so
    /// haze and undetected cloud edges leave the soil composite. Returns the number of observations re-labelled; a limit of 0
    /// does nothing. Pixels whose MAD is 0 keep every observation.
    /// </summary>
    public static int RejectB02Outliers(StackTile tile, ObservationStatus[] status, double limit)
    {
        ArgumentNullException.ThrowIfNull(tile); ArgumentNullException.ThrowIfNull(status);
        Check.InRange(limit, 0, 1000);
        if (limit == 0) return 0;
        int P = tile.PixelCount, D = tile.Dates.Count, B = S2Bands.Count, removed = 0;
        if (status.Length < D * P) throw new ArgumentException($"The status array holds {status.Length} observations; the tile has {D * P}.");
        var values = new float[D]; var dev = new float[D];
        for (int p = 0; p < P; p++)
        {
            int n = 0;
            for (int d = 0; d < D; d++)
                if (status[d * P + p] == ObservationStatus.Bare) values[n++] = tile.Reflectance[d * B * P + p];
            if (n < 3) continue;
            float med = Median(values.AsSpan(0, n), dev);
            for (int k = 0; k < n; k++) dev[k] = Math.Abs(values[k] - med);
            float mad = Median(dev.AsSpan(0, n), null);
            if (mad <= 0) continue;
            double cut = limit * 1.4826 * mad;
            for (int d = 0; d < D; d++)
            {
                int i = d * P + p;
                if (status[i] == ObservationStatus.Bare && Math.Abs(tile.Reflectance[d * B * P + p] - med) > cut)
                { status[i] = ObservationStatus.Valid; removed++; }
            }
        }
        return removed;
    }

    private static float Median(Span<float> values, float[]? scratch)
    {
        Span<float> s = scratch is null ? values : scratch.AsSpan(0, values.Length);
        if (scratch is not null) values.CopyTo(s);
        s.Sort();
        int n = s.Length;
        return (n & 1) == 1 ? s[n / 2] : 0.5f * (s[n / 2 - 1] + s[n / 2]);
    }

    /// <summary>Student-t 0.975 quantiles for n − 1 = 1 … <paramref name="maxN"/> − 1 degrees of freedom (index n).</summary>
    internal static double[] TQuantiles(int maxN)
    {
        var t = new double[Math.Max(maxN + 1, 3)];
        for (int n = 2; n < t.Length; n++) t[n] = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 1, 0.975);
        return t;
    }

    /// <summary>Computes all composite products of one tile.</summary>
    public static CompositeTile Compute(StackTile tile, CompositeOptions? options = null)
    {
        options = (options ?? new CompositeOptions()).Validate();
        var status = Classify(tile, options.EffectiveThresholds, options.EffectiveMask);
        RejectB02Outliers(tile, status, options.B02MadLimit);
        return Compute(tile, status, options);
    }

    internal static CompositeTile Compute(StackTile tile, ObservationStatus[] status, CompositeOptions options, CompositeTile? buffer = null)
    {
        int P = tile.PixelCount, D = tile.Dates.Count, B = S2Bands.Count;
        var r = tile.Reflectance;
        var o = buffer is not null && buffer.BareFrequency.Length >= P ? buffer.Reshape(P) : new CompositeTile(P);
        var t975 = o.T975(D);
        float minFreq = (float)options.MinFrequency;
        // scratch (kept with the output buffer so repeated windows allocate nothing)
        var sc = o.Scratch(P, D);
        int[] nv = sc.Nv, nb = sc.Nb, cnt = sc.Count;
        double[] acc = sc.Acc, bacc = sc.BareAcc;
        float[] gather = sc.Gather;
        Array.Clear(nv, 0, P); Array.Clear(nb, 0, P);
        // counts: contiguous passes over dates
        for (int d = 0; d < D; d++)
        {
            var row = status.AsSpan(d * P, P);
            for (int p = 0; p < row.Length; p++)
            {
                var st = row[p];
                if (st == ObservationStatus.Invalid) continue;
                nv[p]++;
                if (st == ObservationStatus.Bare) nb[p]++;
            }
        }
        for (int p = 0; p < P; p++)
        {
            o.ValidCount[p] = nv[p]; o.BareCount[p] = nb[p];
            o.BareFrequency[p] = nv[p] == 0 ? float.NaN : (float)nb[p] / nv[p];
            bool useSrc = nb[p] >= options.MinBareCount && nv[p] > 0 && (float)nb[p] / nv[p] >= minFreq;
            o.Source[p] = nv[p] == 0 ? MosaicSource.None : useSrc ? MosaicSource.Src : MosaicSource.Mean;
        }
        for (int b = 0; b < B; b++)
        {
            Array.Clear(acc, 0, P); Array.Clear(bacc, 0, P); Array.Clear(cnt, 0, P);
            // sums and the gather of bare values: contiguous in the pixel index, dates in ascending order
            for (int d = 0; d < D; d++)
            {
                var vals = r.AsSpan((d * B + b) * P, P);
                var row = status.AsSpan(d * P, P);
                for (int p = 0; p < P; p++)
                {
                    var st = row[p];
                    if (st == ObservationStatus.Invalid) continue;
                    float v = vals[p];
                    acc[p] += v;
                    if (st == ObservationStatus.Bare) { bacc[p] += v; gather[p * D + cnt[p]++] = v; }
                }
            }
            int bo = b * P;
            for (int p = 0; p < P; p++)
            {
                int q = bo + p, n = nb[p];
                float validMean = nv[p] == 0 ? float.NaN : (float)(acc[p] / nv[p]);
                o.ValidMean[q] = validMean;
                if (n < options.MinBareCount || n == 0)
                {
                    o.BareMean[q] = o.BareMedian[q] = o.BareStd[q] = o.BareCi95[q] = float.NaN;
                    o.Mosaic[q] = validMean;
                    continue;
                }
                double mean = bacc[p] / n;
                o.BareMean[q] = (float)mean;
                var seg = gather.AsSpan(p * D, n);
                if (n >= 2)
                {
                    double ss = 0;
                    for (int k = 0; k < seg.Length; k++) { double e = seg[k] - mean; ss += e * e; }
                    double sd = Math.Sqrt(ss / (n - 1));
                    o.BareStd[q] = (float)sd;
                    o.BareCi95[q] = (float)(t975[n] * sd / Math.Sqrt(n));
                }
                else o.BareStd[q] = o.BareCi95[q] = float.NaN;
                seg.Sort();
                o.BareMedian[q] = (n & 1) == 1 ? seg[n / 2] : 0.5f * (seg[n / 2 - 1] + seg[n / 2]);
                o.Mosaic[q] = o.Source[p] == MosaicSource.Src ? (float)mean : validMean;
            }
        }
        return o;
    }
}
