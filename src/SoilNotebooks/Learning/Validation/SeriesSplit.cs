using SoilNotebooks.Sampling;

namespace SoilNotebooks.Learning.Validation;

/// <summary>A calibration/test partition of a sample series.</summary>
/// <param name="Calibration">The calibration samples.</param>
/// <param name="Test">The test samples.</param>
/// <param name="CalibrationRows">Their rows in the original series (Kennard–Stone: in selection order).</param>
/// <param name="TestRows">The test rows, ascending.</param>
public sealed record SeriesSplit(SampleSeries Calibration, SampleSeries Test, int[] CalibrationRows, int[] TestRows);

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
