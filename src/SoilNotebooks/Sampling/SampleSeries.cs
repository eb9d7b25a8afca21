using System.Globalization;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Sampling;

/// <summary>
/// THE sample-series value that the pipeline stages exchange: soil samples (field points or pixels), each with an
/// id, a location in a CRS, targets with units, auxiliary covariates by name, and a time-ordered list of dated
/// observations whose channels are addressed by NAME ("B12", "VV"), never by position.
/// <para>Produced by the point twins, <see cref="PointExtraction"/>, <see cref="BareSoilSeries"/> and the dataset
/// loaders (LimeSoDa, UCRB, the crnpy station and cores, CSV tables); consumed by the splits, the folds, the forests (through <see cref="SampleSeriesFeatures"/>), the
/// S2MoS CNN/ANN and the metrics. Immutable and validated: every observation value is finite, each sample's dates
/// are in ascending order, every variable has one value per sample.</para>
/// <para>Storage is compact (one array of dates and one of values for all observations, with per-sample offsets),
/// so 6136 points × 150 observations × 12 channels is one 88 MB array, not 920 000 small ones.</para>
/// </summary>
public sealed partial class SampleSeries
{
    private readonly string[] _ids;
    private readonly double[] _x, _y;
    private readonly string[] _channels;
    private readonly Dictionary<string, int> _channelIndex;
    private readonly int[] _offsets;
    private readonly DateTime[] _dates;
    private readonly double[] _values;
    private readonly SampleVariable[] _targets, _covariates;

    /// <summary>
    /// Creates a series from its parts (see <see cref="SampleSeriesBuilder"/> for the convenient way). Arrays are
    /// copied; sample i's observations are rows <c>offsets[i] … offsets[i + 1] − 1</c> of <paramref name="dates"/>
    /// and of <paramref name="values"/> (row-major, one column per channel).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths disagree, an id or name repeats, a value is not finite, or a
    /// sample's dates are not ascending.</exception>
    public SampleSeries(IReadOnlyList<string> ids, IReadOnlyList<double> x, IReadOnlyList<double> y, Crs crs,
        IReadOnlyList<string> channels, IReadOnlyList<int> offsets, IReadOnlyList<DateTime> dates,
        IReadOnlyList<double> values, IReadOnlyList<SampleVariable>? targets = null,
        IReadOnlyList<SampleVariable>? covariates = null)
        : this(ids.ToArray(), x.ToArray(), y.ToArray(), crs, channels.ToArray(), offsets.ToArray(), dates.ToArray(),
            values.ToArray(), (targets ?? []).ToArray(), (covariates ?? []).ToArray(), validate: true)
    {
    }

    private SampleSeries(string[] ids, double[] x, double[] y, Crs crs, string[] channels, int[] offsets,
        DateTime[] dates, double[] values, SampleVariable[] targets, SampleVariable[] covariates, bool validate)
    {
        ArgumentNullException.ThrowIfNull(crs);
        _ids = ids; _x = x; _y = y; Crs = crs; _channels = channels; _offsets = offsets; _dates = dates;
        _values = values; _targets = targets; _covariates = covariates;
        _channelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < channels.Length; c++)
            if (!_channelIndex.TryAdd(channels[c], c))
                throw new ArgumentException($"Channel '{channels[c]}' appears twice; channel names must be unique.");
        if (validate) Validate();
    }

    private void Validate()
    {
        int n = _ids.Length;
        Check.SameLength(n, _x.Length, "ids and x coordinates");
        Check.SameLength(n, _y.Length, "ids and y coordinates");
        if (_offsets.Length != n + 1 || _offsets[0] != 0)
            throw new ArgumentException($"offsets must have {n + 1} entries (one per sample plus one) starting at 0.");
        for (int i = 0; i < n; i++)
            if (_offsets[i + 1] < _offsets[i]) throw new ArgumentException($"offsets must not decrease (sample {i}).");
        Check.SameLength(_offsets[n], _dates.Length, "observation count (offsets) and dates");
        Check.SameLength(_dates.Length * _channels.Length, _values.Length, "observations × channels and values");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in _ids)
        {
            if (string.IsNullOrEmpty(id)) throw new ArgumentException("Sample ids must not be empty.");
            if (!seen.Add(id)) throw new ArgumentException($"Sample id '{id}' appears twice; ids must be unique.");
        }
        for (int i = 0; i < n; i++)
            for (int k = _offsets[i] + 1; k < _offsets[i + 1]; k++)
                if (_dates[k] < _dates[k - 1])
                    throw new ArgumentException($"Sample '{_ids[i]}': observation dates must be ascending " +
                        $"({_dates[k - 1]:yyyy-MM-dd} before {_dates[k]:yyyy-MM-dd}).");
        for (int k = 0; k < _values.Length; k++)
            if (!double.IsFinite(_values[k]))
            {
                int obs = k / Math.Max(1, _channels.Length);
                int sample = Array.FindLastIndex(_offsets, o => o <= obs);
                throw new ArgumentException($"Sample '{_ids[Math.Min(sample, n - 1)]}' has a non-finite value " +
                    $"({_values[k]}) in channel '{_channels[k % _channels.Length]}'; drop masked observations instead.");
            }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in _targets.Concat(_covariates))
        {
            if (!names.Add(v.Name)) throw new ArgumentException($"Variable '{v.Name}' appears twice among targets and covariates.");
            Check.SameLength(n, v.Count, $"samples and values of '{v.Name}'");
        }
    }

    /// <summary>Number of samples.</summary>
    public int Count => _ids.Length;

    /// <summary>Sample ids.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>x coordinate of each sample (longitude or easting) in <see cref="Crs"/>; NaN where unknown.</summary>
    public IReadOnlyList<double> X => _x;

    /// <summary>y coordinate of each sample (latitude or northing) in <see cref="Crs"/>; NaN where unknown.</summary>
    public IReadOnlyList<double> Y => _y;

    /// <summary>CRS of <see cref="X"/> and <see cref="Y"/>.</summary>
    public Crs Crs { get; }

    /// <summary>Channel names of the observations, e.g. B2 … B12, VV, VH.</summary>
    public IReadOnlyList<string> Channels => _channels;

    /// <summary>Targets (what a model predicts), with units.</summary>
    public IReadOnlyList<SampleVariable> Targets => _targets;

    /// <summary>Auxiliary covariates (e.g. latitude and longitude), with units.</summary>
    public IReadOnlyList<SampleVariable> Covariates => _covariates;

    /// <summary>Number of observations over all samples.</summary>
    public int TotalObservations => _dates.Length;

    /// <summary>Number of observations of sample <paramref name="sample"/>.</summary>
    public int ObservationCount(int sample) => _offsets[sample + 1] - _offsets[sample];

    /// <summary>Observations per sample.</summary>
    public int[] ObservationCounts()
    {
        var c = new int[Count];
        for (int i = 0; i < c.Length; i++) c[i] = ObservationCount(i);
        return c;
    }

    /// <summary>Date of observation <paramref name="k"/> of sample <paramref name="sample"/>.</summary>
    public DateTime Date(int sample, int k) => _dates[ObservationRow(sample, k)];

    /// <summary>The dates of a sample's observations, ascending.</summary>
    public DateTime[] Dates(int sample) => _dates.AsSpan(_offsets[sample], ObservationCount(sample)).ToArray();

    /// <summary>The channel values of observation <paramref name="k"/> of a sample, in <see cref="Channels"/> order.</summary>
    public ReadOnlySpan<double> Observation(int sample, int k) =>
        _values.AsSpan(ObservationRow(sample, k) * _channels.Length, _channels.Length);

    /// <summary>Value of channel <paramref name="channel"/> (see <see cref="ChannelIndex"/>) at observation k of a sample.</summary>
    public double Value(int sample, int k, int channel) =>
        _values[ObservationRow(sample, k) * _channels.Length + channel];

    /// <summary>One channel's values over a sample's observations, in date order.</summary>
    public double[] ChannelSeries(int sample, string channel)
    {
        int c = ChannelIndex(channel), n = ObservationCount(sample), row = _offsets[sample];
        var v = new double[n];
        for (int k = 0; k < n; k++) v[k] = _values[(row + k) * _channels.Length + c];
        return v;
    }

    /// <summary>Position of a named channel; throws naming the available channels when it is absent.</summary>
    public int ChannelIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _channelIndex.TryGetValue(name, out int c) ? c
            : throw new KeyNotFoundException($"Unknown channel '{name}'. Available channels: {string.Join(", ", _channels)}.");
    }

    /// <summary>True when the series has a channel of that name.</summary>
    public bool HasChannel(string name) => _channelIndex.ContainsKey(name);

    /// <summary>The target of that name; throws naming the available targets when it is absent.</summary>
    public SampleVariable Target(string name) => Find(_targets, name, "target");

    /// <summary>The covariate of that name; throws naming the available covariates when it is absent.</summary>
    public SampleVariable Covariate(string name) => Find(_covariates, name, "covariate");

    /// <summary>A target or covariate by name.</summary>
    public SampleVariable Variable(string name) =>
        _targets.Concat(_covariates).FirstOrDefault(v => v.Name == name) ?? throw new KeyNotFoundException(
            $"Unknown variable '{name}'. Targets: {Names(_targets)}; covariates: {Names(_covariates)}.");

    private static SampleVariable Find(SampleVariable[] list, string name, string what) =>
        list.FirstOrDefault(v => v.Name == name)
        ?? throw new KeyNotFoundException($"Unknown {what} '{name}'. Available: {Names(list)}.");

    private static string Names(SampleVariable[] list) => list.Length == 0 ? "(none)" : string.Join(", ", list.Select(v => v.Name));

    private int ObservationRow(int sample, int k)
    {
        int n = ObservationCount(sample);
        if ((uint)k >= (uint)n)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Sample '{_ids[sample]}' has {n} observations (got index {k}).");
        return _offsets[sample] + k;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Count} samples, {TotalObservations} observations of {string.Join(", ", _channels)}; " +
        $"targets {Names(_targets)}; covariates {Names(_covariates)}; {Crs}");
}
