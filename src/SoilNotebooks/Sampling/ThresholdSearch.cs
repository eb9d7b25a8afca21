using SoilNotebooks.Evaluation;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Masking;

namespace SoilNotebooks.Sampling;

/// <summary>One NDVI × NBR2 threshold pair and how well the bare-soil medians it yields agree with reference spectra.</summary>
/// <param name="Ndvi">NDVI threshold.</param>
/// <param name="Nbr2">NBR2 threshold.</param>
/// <param name="Points">Points with at least one bare-soil observation (those entering the correlations).</param>
/// <param name="BareObservations">Bare-soil observations over all points.</param>
/// <param name="PearsonR">Per band (B02…B12), Pearson r across points between the median bare-soil reflectance and the reference spectrum; NaN when fewer than 2 points or no variance.</param>
/// <param name="MeanAbsR">Mean of |r| over the bands with a defined r (the score).</param>
public sealed record ThresholdCandidate(double Ndvi, double Nbr2, int Points, int BareObservations, double[] PearsonR, double MeanAbsR)
{
    /// <summary>Pearson r of the named band (e.g. "B12").</summary>
    public double R(string band)
    {
        for (int k = 0; k < S2Bands.Count; k++)
            if (S2Bands.Ids[k] == band) return PearsonR[k];
        throw new KeyNotFoundException($"'{band}' is not one of {string.Join(", ", S2Bands.Ids)}.");
    }
}

/// <summary>Pearson r of one band at two threshold pairs.</summary>
/// <param name="Band">Band id.</param>
/// <param name="RAtPaperPair">r at the first pair (e.g. the paper's).</param>
/// <param name="RAtBestPair">r at the second (e.g. the search's best).</param>
public sealed record BandCorrelation(string Band, double RAtPaperPair, double RAtBestPair);

/// <summary>Grid of thresholds and the selection rule.</summary>
/// <param name="NdviValues">NDVI thresholds (default 0.20, 0.25, 0.30: the paper's 0.20–0.30 step 0.05).</param>
/// <param name="Nbr2Values">NBR2 thresholds (default 0.015, 0.045, …, 0.285: 0.015–0.30 step 0.03).</param>
/// <param name="MinPoints">Minimum points with bare observations for a pair to be eligible, ≥ 2 (default 10).</param>
/// <param name="Mask">SCL masks.</param>
public sealed record ThresholdSearchOptions(IReadOnlyList<double>? NdviValues = null, IReadOnlyList<double>? Nbr2Values = null, int MinPoints = 10, SclMaskOptions? Mask = null)
{
    /// <summary>The paper's NDVI grid.</summary>
    public static IReadOnlyList<double> PaperNdvi { get; } = [0.20, 0.25, 0.30];
    /// <summary>The paper's NBR2 grid (0.015 + 0.03 k ≤ 0.30).</summary>
    public static IReadOnlyList<double> PaperNbr2 { get; } = Enumerable.Range(0, 10).Select(k => Math.Round(0.015 + 0.03 * k, 3)).ToArray();
}

/// <summary>Result of the threshold search: every candidate and the selected pair.</summary>
public sealed record ThresholdSearchResult(IReadOnlyList<ThresholdCandidate> Candidates, ThresholdCandidate? Best)
{
    /// <summary>The candidate with thresholds <paramref name="ndvi"/> and <paramref name="nbr2"/> (within 1e-9).</summary>
    public ThresholdCandidate At(double ndvi, double nbr2) =>
        Candidates.FirstOrDefault(c => Math.Abs(c.Ndvi - ndvi) < 1e-9 && Math.Abs(c.Nbr2 - nbr2) < 1e-9)
        ?? throw new KeyNotFoundException($"No candidate NDVI < {ndvi}, NBR2 < {nbr2} in the search grid.");

    /// <summary>Per band, r at <paramref name="first"/> and at <paramref name="second"/> (default the best pair).</summary>
    public IReadOnlyList<BandCorrelation> BandCorrelations(ThresholdCandidate first, ThresholdCandidate? second = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        var other = second ?? Best ?? first;
        return S2Bands.Ids.Select(b => new BandCorrelation(b, first.R(b), other.R(b))).ToArray();
    }

    /// <summary>Score matrix (NDVI rows × NBR2 columns) of mean |r| for display as a heat map.</summary>
    public double[,] ScoreGrid(IReadOnlyList<double> ndvi, IReadOnlyList<double> nbr2)
    {
        var g = new double[ndvi.Count, nbr2.Count];
        for (int i = 0; i < ndvi.Count; i++)
            for (int j = 0; j < nbr2.Count; j++)
                g[i, j] = Candidates.FirstOrDefault(c => c.Ndvi == ndvi[i] && c.Nbr2 == nbr2[j])?.MeanAbsR ?? double.NaN;
        return g;
    }
}

/// <summary>
/// The S2MoS threshold search (Tziolas et al. 2020, §2.2): for each NDVI × NBR2 pair, the bare-soil observations at sample
/// points are selected, their per-point median reflectance per band is correlated (Pearson, across points) with the point's
/// reference spectrum (a laboratory spectrum resampled to Sentinel-2 with <see cref="SpectralResponse"/>), and the pair with
/// the highest mean |r| over the ten bands among pairs with ≥ MinPoints points is selected. (The paper picked 0.25/0.075 by
/// inspecting the correlations, B12 in particular; the per-band r of every pair is returned for that inspection.)
/// </summary>
public static class ThresholdSearch
{
    /// <summary>
    /// Runs the search on a series of usable (SCL-clear) observations with the Sentinel-2 channels by name (every date,
    /// e.g. <see cref="PointExtraction.Extract(SceneStack, IReadOnlyList{SamplePoint}, Rasters.Crs)"/>'s series) and
    /// reference spectra by sample id (ten values in <see cref="SentinelChannels.Optical"/> order). Samples without a
    /// reference spectrum are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">A reference spectrum does not have ten values, or a band is missing.</exception>
    public static ThresholdSearchResult Run(SampleSeries observations, IReadOnlyDictionary<string, float[]> referenceSpectra,
        ThresholdSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observations); ArgumentNullException.ThrowIfNull(referenceSpectra);
        options ??= new ThresholdSearchOptions();
        Check.InRange(options.MinPoints, 2, int.MaxValue);
        var ndvis = options.NdviValues ?? ThresholdSearchOptions.PaperNdvi;
        var nbr2s = options.Nbr2Values ?? ThresholdSearchOptions.PaperNbr2;
        foreach (var (id, s) in referenceSpectra)
            if (s.Length != S2Bands.Count) throw new ArgumentException($"Reference spectrum of '{id}' has {s.Length} values; 10 bands (B02…B12) expected.");
        var band = S2Bands.Ids.Select(observations.ChannelIndex).ToArray();
        int Band(S2Band b) => band[(int)b];
        int b2 = Band(S2Band.B02), b3 = Band(S2Band.B03), b4 = Band(S2Band.B04), b8 = Band(S2Band.B08),
            b11 = Band(S2Band.B11), b12 = Band(S2Band.B12);
        var samples = Enumerable.Range(0, observations.Count)
            .Where(i => observations.ObservationCount(i) > 0 && referenceSpectra.ContainsKey(observations.Ids[i])).ToArray();
        var candidates = new List<ThresholdCandidate>();
        var values = new List<double>();
        foreach (var nd in ndvis)
            foreach (var nb in nbr2s)
            {
                var rule = new BareSoilThresholds(nd, nb).Validate();
                var medians = new List<double[]>(); var refs = new List<float[]>(); int bareObs = 0;
                foreach (var i in samples)
                {
                    var bare = Enumerable.Range(0, observations.ObservationCount(i)).Where(k =>
                    {
                        var o = observations.Observation(i, k);
                        return rule.IsBare((float)o[b2], (float)o[b3], (float)o[b4], (float)o[b8], (float)o[b11], (float)o[b12]);
                    }).ToArray();
                    if (bare.Length == 0) continue;
                    bareObs += bare.Length;
                    var med = new double[S2Bands.Count];
                    for (int b = 0; b < S2Bands.Count; b++)
                    {
                        values.Clear();
                        foreach (var k in bare) values.Add((float)observations.Value(i, k, band[b]));
                        med[b] = (float)Statistics.Quantiles.Median(values);
                    }
                    medians.Add(med); refs.Add(referenceSpectra[observations.Ids[i]]);
                }
                var r = new double[S2Bands.Count];
                for (int b = 0; b < S2Bands.Count; b++)
                    r[b] = medians.Count < 2 ? double.NaN
                        : RegressionMetrics.Compute(refs.Select(x => (double)x[b]).ToArray(), medians.Select(x => x[b]).ToArray()).PearsonR;
                var defined = r.Where(double.IsFinite).ToArray();
                candidates.Add(new ThresholdCandidate(nd, nb, medians.Count, bareObs, r, defined.Length == 0 ? double.NaN : defined.Average(Math.Abs)));
            }
        var best = candidates.Where(c => c.Points >= options.MinPoints && double.IsFinite(c.MeanAbsR)).OrderByDescending(c => c.MeanAbsR).FirstOrDefault();
        return new ThresholdSearchResult(candidates, best);
    }

    /// <summary>Extracts the observation table from a stack at points and runs the search.</summary>
    public static ThresholdSearchResult Run(SceneStack stack, IReadOnlyList<SamplePoint> points, Rasters.Crs pointsCrs, IReadOnlyDictionary<string, float[]> referenceSpectra, ThresholdSearchOptions? options = null)
    {
        options ??= new ThresholdSearchOptions();
        var table = PointExtraction.Extract(stack, points, pointsCrs, new PointExtractionOptions(Mask: options.Mask, IncludeSar: false));
        return Run(table.Series, referenceSpectra, options);
    }
}
