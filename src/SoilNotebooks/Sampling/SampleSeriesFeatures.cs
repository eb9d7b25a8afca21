using SoilNotebooks.Statistics;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Sampling;

/// <summary>How a sample's observations of one channel are reduced to one value.</summary>
public enum SeriesReduction
{
    /// <summary>Median over the observations (R type 7: the mean of the two middle values for an even count);
    /// S2MoS's RF and ANN baselines use the per-point median spectrum.</summary>
    Median,
    /// <summary>Arithmetic mean (summed in date order); S2MoS's Kennard–Stone split uses the averaged spectra.</summary>
    Mean,
    /// <summary>Smallest value.</summary>
    Min,
    /// <summary>Largest value.</summary>
    Max,
    /// <summary>Sample standard deviation (n − 1); NaN for one observation.</summary>
    StandardDeviation,
    /// <summary>The first (earliest) observation.</summary>
    First,
}

/// <summary>Per-sample reductions and feature tables of a <see cref="SampleSeries"/>.</summary>
public static class SampleSeriesFeatures
{
    /// <summary>One value per sample: the <paramref name="reduction"/> of channel <paramref name="channel"/>
    /// over the sample's observations (NaN for a sample without observations).</summary>
    public static double[] Reduce(this SampleSeries series, string channel, SeriesReduction reduction = SeriesReduction.Median)
    {
        ArgumentNullException.ThrowIfNull(series);
        int c = series.ChannelIndex(channel);
        var result = new double[series.Count];
        var buffer = new List<double>();
        for (int i = 0; i < series.Count; i++)
        {
            buffer.Clear();
            for (int k = 0; k < series.ObservationCount(i); k++) buffer.Add(series.Value(i, k, c));
            result[i] = Reduce(buffer, reduction);
        }
        return result;
    }

    /// <summary>Per-sample reductions of several channels: rows [sample][channel] (all channels when null).</summary>
    public static double[][] ReduceRows(this SampleSeries series, SeriesReduction reduction = SeriesReduction.Median,
        IReadOnlyList<string>? channels = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var names = channels ?? series.Channels;
        var cols = names.Select(n => series.Reduce(n, reduction)).ToArray();
        var rows = new double[series.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[cols.Length];
            for (int c = 0; c < cols.Length; c++) rows[i][c] = cols[c][i];
        }
        return rows;
    }

    /// <summary>
    /// A feature table for the tree learners and the ANN: the <paramref name="reduction"/> of each named channel
    /// (all channels when null), then each named covariate, one row per sample. Columns are named like the channels
    /// and covariates (e.g. "B12", "lat"), so importances and interpretations read by name.
    /// </summary>
    /// <exception cref="ArgumentException">A sample has no observations (its reduction would be NaN).</exception>
    public static FeatureTable Features(this SampleSeries series, SeriesReduction reduction = SeriesReduction.Median,
        IReadOnlyList<string>? channels = null, IReadOnlyList<string>? covariates = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var names = channels ?? series.Channels;
        var cov = covariates ?? [];
        var empty = Enumerable.Range(0, series.Count).FirstOrDefault(i => series.ObservationCount(i) == 0, -1);
        if (empty >= 0 && names.Count > 0)
            throw new ArgumentException($"Sample '{series.Ids[empty]}' has no observations to reduce; " +
                "drop such samples first (WithMinimumObservations).");
        var columns = names.Select(n => series.Reduce(n, reduction))
            .Concat(cov.Select(n => series.Covariate(n).ToArray())).ToArray();
        return FeatureTable.FromColumns(columns, [.. names, .. cov]);
    }

    /// <summary>The reduction of a list of values (NaN when empty).</summary>
    public static double Reduce(IReadOnlyList<double> values, SeriesReduction reduction)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n == 0) return double.NaN;
        switch (reduction)
        {
            case SeriesReduction.Median:
                var sorted = values.ToArray();
                Array.Sort(sorted);
                return Quantiles.OfSorted(sorted, 0.5);
            case SeriesReduction.Mean:
                double sum = 0;
                for (int k = 0; k < n; k++) sum += values[k];
                return sum / n;
            case SeriesReduction.Min: return values.Min();
            case SeriesReduction.Max: return values.Max();
            case SeriesReduction.First: return values[0];
            case SeriesReduction.StandardDeviation:
                if (n < 2) return double.NaN;
                double mean = values.Average(), ss = 0;
                for (int k = 0; k < n; k++) ss += (values[k] - mean) * (values[k] - mean);
                return Math.Sqrt(ss / (n - 1));
            default:
                throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction.");
        }
    }
}
