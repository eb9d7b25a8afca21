using SoilNotebooks.Sampling;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Learning.Validation;

/// <summary>A calibration/test partition of a sample series.</summary>
/// <param name="Calibration">The calibration samples.</param>
/// <param name="Test">The test samples.</param>
/// <param name="CalibrationRows">Their rows in the original series (Kennard–Stone: in selection order).</param>
/// <param name="TestRows">The test rows, ascending.</param>
public sealed record SeriesSplit(SampleSeries Calibration, SampleSeries Test, int[] CalibrationRows, int[] TestRows);

/// <summary>A split in spectral space (S2MoS Fig. 5a): principal-component scores of each sample's reduced spectrum.</summary>
/// <param name="Components">The components, fitted on calibration and test samples together.</param>
/// <param name="Calibration">Scores of the calibration samples (sample × component).</param>
/// <param name="Test">Scores of the test samples.</param>
/// <param name="Channels">The channels of the spectra.</param>
/// <param name="Reduction">How each sample's observations were reduced to one spectrum.</param>
public sealed record SplitComponents(PrincipalComponents Components, double[][] Calibration, double[][] Test,
    IReadOnlyList<string> Channels, SeriesReduction Reduction)
{
    /// <summary>"PC1 (83 % of variance)" for component <paramref name="k"/> (0-based).</summary>
    public string AxisTitle(int k) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"PC{k + 1} ({Components.ExplainedShare[k]:P0} of variance)");
}

/// <summary>Splits and folds of a <see cref="SampleSeries"/>.</summary>
public static class SeriesSplits
{
    /// <summary>
    /// The Kennard–Stone split S2MoS uses (Tziolas et al. 2020 §2.3.4): the calibration set is the
    /// round(<paramref name="calibrationFraction"/> × n) samples the CADEX algorithm picks on each sample's
    /// <paramref name="reduction"/> (default the mean, "averaged spectra") of <paramref name="channels"/> (default all);
    /// the rest is the test set.
    /// </summary>
    public static SeriesSplit KennardStone(this SampleSeries series, double calibrationFraction,
        IReadOnlyList<string>? channels = null, SeriesReduction reduction = SeriesReduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(series);
        Check.InRange(calibrationFraction, 0, 1);
        return series.KennardStone((int)Math.Round(series.Count * calibrationFraction), channels, reduction);
    }

    /// <summary>The Kennard–Stone split with exactly <paramref name="calibrationCount"/> calibration samples (2 ≤ n ≤ count).</summary>
    public static SeriesSplit KennardStone(this SampleSeries series, int calibrationCount,
        IReadOnlyList<string>? channels = null, SeriesReduction reduction = SeriesReduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(series);
        var rows = series.ReduceRows(reduction, channels);
        int n = calibrationCount;
        var x = new double[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
        for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows[i].Length; j++) x[i, j] = rows[i][j];
        var (cal, test) = Validation.KennardStone.Split(x, n);
        return new SeriesSplit(series.Select(cal), series.Select(test), cal, test);
    }

    /// <summary>
    /// The split in spectral space: the first <paramref name="components"/> principal components of every sample's
    /// <paramref name="reduction"/> (default the mean, the spectra Kennard–Stone chose on) of <paramref name="channels"/>
    /// (default all), fitted on calibration and test together, and each set's scores (S2MoS Fig. 5a).
    /// </summary>
    public static SplitComponents SpectralComponents(this SeriesSplit split, IReadOnlyList<string>? channels = null,
        SeriesReduction reduction = SeriesReduction.Mean, int components = 2)
    {
        ArgumentNullException.ThrowIfNull(split);
        var names = channels ?? split.Calibration.Channels;
        var cal = split.Calibration.ReduceRows(reduction, names);
        var test = split.Test.ReduceRows(reduction, names);
        var pca = PrincipalComponents.Fit([.. cal, .. test]);
        return new SplitComponents(pca, pca.Scores(cal, components), pca.Scores(test, components), names.ToArray(), reduction);
    }

    /// <summary>The partition given by a predefined fold covariate (e.g. LimeSoDa's "fold").</summary>
    public static FoldAssignment PredefinedFolds(this SampleSeries series, string covariate = "fold")
    {
        ArgumentNullException.ThrowIfNull(series);
        return Folds.Predefined(series.Covariate(covariate).Values.Select(v => (int)v).ToArray());
    }

    /// <summary>Seeded k-fold assignment of the series' samples (see <see cref="Folds.KFold"/>).</summary>
    public static FoldAssignment KFold(this SampleSeries series, int k = Defaults.Folds, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Folds.KFold(series.Count, k, seed);
    }
}
