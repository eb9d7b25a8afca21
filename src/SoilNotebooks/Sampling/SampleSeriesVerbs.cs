using System.Globalization;

namespace SoilNotebooks.Sampling;

/// <summary>Decides whether one dated observation of a sample is kept (see <see cref="SampleSeries.WhereObservations"/>).</summary>
/// <param name="sample">Sample index.</param>
/// <param name="date">Observation date.</param>
/// <param name="values">Channel values in <see cref="SampleSeries.Channels"/> order.</param>
public delegate bool ObservationFilter(int sample, DateTime date, ReadOnlySpan<double> values);

public sealed partial class SampleSeries
{
    /// <summary>The samples at <paramref name="rows"/> (in that order), with their observations and variables.</summary>
    public SampleSeries Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int C = _channels.Length, total = 0;
        foreach (int r in rows)
        {
            if ((uint)r >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row must be in [0, {Count - 1}] (got {r}).");
            total += ObservationCount(r);
        }
        var offsets = new int[rows.Count + 1];
        var dates = new DateTime[total];
        var values = new double[total * C];
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i], n = ObservationCount(r);
            Array.Copy(_dates, _offsets[r], dates, offsets[i], n);
            Array.Copy(_values, _offsets[r] * C, values, offsets[i] * C, n * C);
            offsets[i + 1] = offsets[i] + n;
        }
        var ids = rows.Select(r => _ids[r]).ToArray();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Length)
            throw new ArgumentException("The rows repeat a sample; a series holds each sample once.");
        return new SampleSeries(ids, rows.Select(r => _x[r]).ToArray(), rows.Select(r => _y[r]).ToArray(), Crs,
            _channels, offsets, dates, values, _targets.Select(t => t.Select(rows)).ToArray(),
            _covariates.Select(c => c.Select(rows)).ToArray(), validate: false);
    }

    /// <summary>The same samples with only the named channels, in the order given (e.g. the ten Sentinel-2 bands without VV/VH).</summary>
    public SampleSeries SelectChannels(params IReadOnlyList<string> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 0) throw new ArgumentException("Select at least one channel.");
        var idx = channels.Select(ChannelIndex).ToArray();
        int C = _channels.Length, total = TotalObservations;
        var values = new double[total * idx.Length];
        for (int k = 0; k < total; k++)
            for (int c = 0; c < idx.Length; c++) values[k * idx.Length + c] = _values[k * C + idx[c]];
        return new SampleSeries(_ids, _x, _y, Crs, channels.ToArray(), _offsets, _dates, values, _targets, _covariates,
            validate: false);
    }

    /// <summary>The same samples with only the named covariates (none when empty): a model's auxiliary inputs.</summary>
    public SampleSeries SelectCovariates(params IReadOnlyList<string> covariates)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        return new SampleSeries(_ids, _x, _y, Crs, _channels, _offsets, _dates, _values, _targets,
            covariates.Select(Covariate).ToArray(), validate: false);
    }

    /// <summary>The same samples with <paramref name="variable"/> added as (or replacing) a target.</summary>
    public SampleSeries WithTarget(SampleVariable variable) => WithVariable(variable, asTarget: true);

    /// <summary>The same samples with <paramref name="variable"/> added as (or replacing) a covariate.</summary>
    public SampleSeries WithCovariate(SampleVariable variable) => WithVariable(variable, asTarget: false);

    private SampleSeries WithVariable(SampleVariable v, bool asTarget)
    {
        ArgumentNullException.ThrowIfNull(v);
        Check.SameLength(Count, v.Count, $"samples and values of '{v.Name}'");
        var targets = _targets.Where(t => t.Name != v.Name).ToList();
        var covariates = _covariates.Where(c => c.Name != v.Name).ToList();
        (asTarget ? targets : covariates).Add(v);
        return new SampleSeries(_ids, _x, _y, Crs, _channels, _offsets, _dates, _values, [.. targets], [.. covariates],
            validate: false);
    }

    /// <summary>The same samples keeping only the observations <paramref name="keep"/> accepts (a mask applied to the
    /// series); samples may be left with none (see <see cref="WithMinimumObservations"/>).</summary>
    public SampleSeries WhereObservations(ObservationFilter keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        int C = _channels.Length;
        var offsets = new int[Count + 1];
        var dates = new List<DateTime>(TotalObservations);
        var values = new List<double>(_values.Length);
        for (int i = 0; i < Count; i++)
        {
            for (int k = _offsets[i]; k < _offsets[i + 1]; k++)
            {
                var row = _values.AsSpan(k * C, C);
                if (!keep(i, _dates[k], row)) continue;
                dates.Add(_dates[k]);
                foreach (var v in row) values.Add(v);
            }
            offsets[i + 1] = dates.Count;
        }
        return new SampleSeries(_ids, _x, _y, Crs, _channels, offsets, [.. dates], [.. values], _targets, _covariates,
            validate: false);
    }

    /// <summary>The samples with at least <paramref name="minimum"/> observations (a model needs ≥ 1).</summary>
    public SampleSeries WithMinimumObservations(int minimum = 1)
    {
        Check.NonNegative(minimum);
        return Select(Enumerable.Range(0, Count).Where(i => ObservationCount(i) >= minimum).ToArray());
    }

    /// <summary>
    /// Every time step as its own channel, for learners without a time axis (S2MoS Appendix A: RF and ANN on all
    /// time steps): each sample gets ONE observation (dated like its first) with <paramref name="width"/> × C channels
    /// named "t1 B2", "t1 B3", …, "t{width} VH"; slot j holds observation j mod n, the CNN's repeat padding.
    /// </summary>
    public SampleSeries AllTimeSteps(int width)
    {
        Check.InRange(width, 1, 10_000);
        int C = _channels.Length;
        var empty = Enumerable.Range(0, Count).FirstOrDefault(i => ObservationCount(i) == 0, -1);
        if (empty >= 0) throw new ArgumentException($"Sample '{_ids[empty]}' has no observations; drop it first (WithMinimumObservations).");
        var values = new double[Count * width * C];
        var dates = new DateTime[Count];
        var offsets = new int[Count + 1];
        for (int i = 0; i < Count; i++)
        {
            int n = ObservationCount(i);
            for (int j = 0; j < width; j++)
                Array.Copy(_values, (_offsets[i] + j % n) * C, values, (i * width + j) * C, C);
            dates[i] = _dates[_offsets[i]];
            offsets[i + 1] = i + 1;
        }
        var names = Enumerable.Range(1, width)
            .SelectMany(j => _channels.Select(c => string.Create(CultureInfo.InvariantCulture, $"t{j} {c}"))).ToArray();
        return new SampleSeries(_ids, _x, _y, Crs, names, offsets, dates, values, _targets, _covariates, validate: false);
    }
}
