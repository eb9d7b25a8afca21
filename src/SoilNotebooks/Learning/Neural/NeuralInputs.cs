using SoilNotebooks.Sampling;

namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// A sample series seen through a network's options: the named channels in network order, the named auxiliary
/// covariates and (when training) the target, resolved once and checked with messages that name what is missing.
/// </summary>
internal sealed class NeuralInputs
{
    private readonly SampleSeries _series;
    private readonly int[] _channels;

    private NeuralInputs(SampleSeries series, int[] channels, double[][] auxiliary, double[] target)
    {
        _series = series; _channels = channels; Auxiliary = auxiliary; Target = target;
    }

    /// <summary>Number of samples.</summary>
    public int Count => _series.Count;

    /// <summary>Auxiliary covariate columns [covariate][sample].</summary>
    public double[][] Auxiliary { get; }

    /// <summary>Target per sample (empty unless resolved for training).</summary>
    public double[] Target { get; }

    /// <summary>Resolves the options' channels, covariates and (when <paramref name="needTarget"/>) target.</summary>
    public static NeuralInputs Of(SampleSeries series, NeuralTrainingOptions options, bool needTarget)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("No samples given.");
        var channels = options.Channels.Select(series.ChannelIndex).ToArray();
        var aux = options.Auxiliary.Select(a => series.Covariate(a).ToArray()).ToArray();
        for (int i = 0; i < series.Count; i++)
        {
            if (series.ObservationCount(i) == 0)
                throw new ArgumentException($"Sample '{series.Ids[i]}' has no observations; every sample needs at least one " +
                    "(drop the others with WithMinimumObservations).");
            for (int a = 0; a < aux.Length; a++)
                if (!double.IsFinite(aux[a][i]))
                    throw new ArgumentException($"Sample '{series.Ids[i]}' has a non-finite '{options.Auxiliary[a]}' ({aux[a][i]}).");
        }
        double[] target = [];
        if (needTarget)
        {
            target = series.Target(options.Target).ToArray();
            for (int i = 0; i < target.Length; i++)
                if (!double.IsFinite(target[i]))
                    throw new ArgumentException($"Sample '{series.Ids[i]}' has no finite target '{options.Target}' ({target[i]}).");
        }
        return new NeuralInputs(series, channels, aux, target);
    }

    /// <summary>Observations of sample <paramref name="i"/>.</summary>
    public int ObservationCount(int i) => _series.ObservationCount(i);

    /// <summary>Network channel <paramref name="c"/> of observation <paramref name="k"/> of sample <paramref name="i"/>.</summary>
    public double Value(int i, int k, int c) => _series.Value(i, k, _channels[c]);

    /// <summary>The first <paramref name="width"/> observations of every sample as rows of network channels.</summary>
    public IEnumerable<double[]> ObservationRows(int width)
    {
        for (int i = 0; i < Count; i++)
            for (int k = 0; k < Math.Min(width, ObservationCount(i)); k++)
            {
                var row = new double[_channels.Length];
                for (int c = 0; c < row.Length; c++) row[c] = Value(i, k, c);
                yield return row;
            }
    }

    /// <summary>Rows of auxiliary values, one per sample.</summary>
    public IEnumerable<double[]> AuxiliaryRows()
    {
        for (int i = 0; i < Count; i++)
        {
            var row = new double[Auxiliary.Length];
            for (int a = 0; a < row.Length; a++) row[a] = Auxiliary[a][i];
            yield return row;
        }
    }

    /// <summary>Per-channel median (R type 7) of sample <paramref name="i"/>'s observations.</summary>
    public double[] MedianSpectrum(int i)
    {
        var m = new double[_channels.Length];
        var col = new double[ObservationCount(i)];
        for (int c = 0; c < m.Length; c++)
        {
            for (int k = 0; k < col.Length; k++) col[k] = Value(i, k, c);
            m[c] = SampleSeriesFeatures.Reduce(col, SeriesReduction.Median);
        }
        return m;
    }

    /// <summary>Median spectra of every sample.</summary>
    public double[][] MedianSpectra() => Enumerable.Range(0, Count).Select(MedianSpectrum).ToArray();
}
