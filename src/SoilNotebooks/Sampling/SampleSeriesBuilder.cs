using SoilNotebooks.Rasters;

namespace SoilNotebooks.Sampling;

/// <summary>
/// Builds a <see cref="SampleSeries"/> sample by sample: <see cref="AddSample"/>, then its observations in any
/// order (<see cref="AddObservation"/>; they are sorted by date, ties kept in the order added), then the targets
/// and covariates as whole columns. <see cref="Build"/> validates everything once.
/// </summary>
public sealed class SampleSeriesBuilder
{
    private readonly string[] _channels;
    private readonly Crs _crs;
    private readonly List<string> _ids = [];
    private readonly List<double> _x = [], _y = [];
    private readonly List<List<(DateTime Date, double[] Values)>> _obs = [];
    private readonly List<SampleVariable> _targets = [], _covariates = [];

    /// <summary>Starts a series whose observations have <paramref name="channels"/> and whose locations are in <paramref name="crs"/>.</summary>
    public SampleSeriesBuilder(IReadOnlyList<string> channels, Crs crs)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(crs);
        _channels = channels.ToArray();
        _crs = crs;
    }

    /// <summary>Number of samples added so far.</summary>
    public int Count => _ids.Count;

    /// <summary>Adds a sample at (<paramref name="x"/>, <paramref name="y"/>); returns its index.</summary>
    public int AddSample(string id, double x, double y)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        _ids.Add(id); _x.Add(x); _y.Add(y); _obs.Add([]);
        return _ids.Count - 1;
    }

    /// <summary>Adds an observation of sample <paramref name="sample"/>: one value per channel, in channel order.</summary>
    public void AddObservation(int sample, DateTime date, ReadOnlySpan<double> values)
    {
        if ((uint)sample >= (uint)_ids.Count)
            throw new ArgumentOutOfRangeException(nameof(sample), sample, $"Add the sample first (have {_ids.Count}).");
        if (values.Length != _channels.Length)
            throw new ArgumentException($"An observation needs {_channels.Length} values ({string.Join(", ", _channels)}); got {values.Length}.");
        _obs[sample].Add((date, values.ToArray()));
    }

    /// <summary>Adds a target column (one value per sample, in the order added).</summary>
    public SampleSeriesBuilder Target(string name, string unit, IReadOnlyList<double> values)
    {
        _targets.Add(new SampleVariable(name, unit, values));
        return this;
    }

    /// <summary>Adds a covariate column (one value per sample, in the order added).</summary>
    public SampleSeriesBuilder Covariate(string name, string unit, IReadOnlyList<double> values)
    {
        _covariates.Add(new SampleVariable(name, unit, values));
        return this;
    }

    /// <summary>The validated series.</summary>
    public SampleSeries Build()
    {
        int total = _obs.Sum(o => o.Count), C = _channels.Length;
        var offsets = new int[_ids.Count + 1];
        var dates = new DateTime[total];
        var values = new double[total * C];
        for (int i = 0; i < _ids.Count; i++)
        {
            int k = offsets[i];
            foreach (var (date, v) in _obs[i].OrderBy(o => o.Date))   // stable: equal dates keep the order added
            {
                dates[k] = date;
                v.CopyTo(values, k * C);
                k++;
            }
            offsets[i + 1] = k;
        }
        return new SampleSeries(_ids, _x, _y, _crs, _channels, offsets, dates, values, _targets, _covariates);
    }
}
