using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>One active filter of the last convolution: its top samples' mean target and inputs.</summary>
/// <param name="Filter">Filter label (F0, F1, …).</param>
/// <param name="Samples">Top samples.</param>
/// <param name="MeanClayPercent">Their mean clay, %.</param>
/// <param name="MeanB12">Mean B12 reflectance of their observations.</param>
/// <param name="MeanB4">Mean B04 reflectance.</param>
/// <param name="MeanVvDb">Mean VV, dB.</param>
/// <param name="MeanVhDb">Mean VH, dB.</param>
/// <param name="MeanLatitude">Mean latitude, ° N.</param>
/// <param name="MeanB11">Mean B11 reflectance.</param>
public sealed record FilterRow(string Filter, int Samples, double MeanClayPercent, double MeanB12, double MeanB4, double MeanVvDb,
    double MeanVhDb, double MeanLatitude, double MeanB11)
{
    /// <summary>Band depth of B12 relative to B11: 1 − B12/B11 (grows with the Al-OH absorption at 2.2 µm, independent of
    /// overall brightness, which raw B12 confounds).</summary>
    public double B12Depth => 1 - MeanB12 / MeanB11;
}

/// <summary>
/// The paper's interpretation of the CNN (Tziolas et al. 2020 §2.3.2, §4.2, Figs. 10–11): the top-5 % samples of each filter
/// of the last convolution, ordered by their mean clay, and how that clay co-varies across filters with B12, latitude, VV
/// and VH (Pearson r across filters).
/// </summary>
/// <param name="All">Every filter's profile.</param>
/// <param name="Active">The filters that fire (a dead ReLU ranks nothing and is left out).</param>
/// <param name="Rows">One row per active filter, by mean clay.</param>
/// <param name="CorrB12">r(mean clay, mean B12) across active filters.</param>
/// <param name="CorrLatitude">r(mean clay, mean latitude).</param>
/// <param name="CorrVv">r(mean clay, mean VV).</param>
/// <param name="CorrVh">r(mean clay, mean VH).</param>
/// <param name="CorrB12Depth">r(mean clay, B12 depth 1 − B12/B11) across active filters.</param>
/// <param name="CorrB4">r(mean clay, mean B04): brightness, which raw B12 shares.</param>
public sealed record S2MosInterpretation(IReadOnlyList<FilterProfile> All, IReadOnlyList<FilterProfile> Active,
    IReadOnlyList<FilterRow> Rows, double CorrB12, double CorrLatitude, double CorrVv, double CorrVh, double CorrB12Depth,
    double CorrB4)
{
    /// <summary>Share of dead filters (0–1).</summary>
    public double DeadShare => All.Count == 0 ? 0 : 1 - (double)Active.Count / All.Count;

    /// <summary>Interprets <paramref name="cnn"/> on <paramref name="calibration"/> samples (top <paramref name="topFraction"/>).</summary>
    public static S2MosInterpretation Of(NeuralEnsemble cnn, Sampling.SampleSeries calibration, double topFraction = 0.05)
    {
        var all = FilterInterpretation.TopActivatingSamples(cnn, calibration, topFraction);
        var active = all.Where(p => p.IsActive).ToList();
        var rows = active.Select(p => new FilterRow($"F{p.Filter}", p.SampleIds.Length, p.MeanTarget, p.Channel("B12").Mean,
            p.Channel("B04").Mean, p.Channel("VV").Mean, p.Channel("VH").Mean, p.Covariate("lat").Mean, p.Channel("B11").Mean)).ToList();
        double Corr(Func<FilterRow, double> f) => rows.Count < 2 ? double.NaN
            : RegressionMetrics.Compute(rows.Select(r => r.MeanClayPercent).ToArray(), rows.Select(f).ToArray()).PearsonR;
        return new S2MosInterpretation(all, active, rows, Corr(r => r.MeanB12), Corr(r => r.MeanLatitude), Corr(r => r.MeanVvDb),
            Corr(r => r.MeanVhDb), Corr(r => r.B12Depth), Corr(r => r.MeanB4));
    }

    /// <summary>The numbers a results file keeps: filter counts, the clay range of the active filters, the correlations.</summary>
    public object Summary() => new
    {
        filters = All.Count, activeFilters = Active.Count, deadShare = DeadShare,
        minMeanClay = Rows.Count > 0 ? Rows[0].MeanClayPercent : double.NaN,
        maxMeanClay = Rows.Count > 0 ? Rows[^1].MeanClayPercent : double.NaN,
        corrB12 = CorrB12, corrLatitude = CorrLatitude, corrVv = CorrVv, corrVh = CorrVh, corrB12Depth = CorrB12Depth, corrB4 = CorrB4,
    };

    /// <summary>Six active filters spread over the clay range (lowest two, middle two, highest two), for the box plots.</summary>
    public IReadOnlyList<FilterProfile> Spread()
    {
        int n = Active.Count;
        return new[] { 0, 1, n / 2 - 1, n / 2, n - 2, n - 1 }.Where(i => i >= 0 && i < n).Distinct().Select(i => Active[i]).ToArray();
    }
}
