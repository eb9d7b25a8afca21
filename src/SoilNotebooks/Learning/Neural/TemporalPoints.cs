using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// One soil sample with its time-ordered bare-soil observations (S2MoS: Sentinel-2 reflectances and the
/// nearest Sentinel-1 VV/VH per date), the auxiliary covariates (e.g. latitude, longitude) and the target.
/// </summary>
/// <param name="Id">Point identifier.</param>
/// <param name="Target">Target value in its own unit (e.g. clay, %); NaN when unknown (prediction only).</param>
/// <param name="Auxiliary">Auxiliary covariates in the order of the training options' names (e.g. lat, lon in degrees).</param>
/// <param name="Observations">Observations ordered by time; <c>Observations[i][c]</c> is channel c of observation i (reflectance 0–1 or dB for VV/VH).</param>
public sealed record TemporalPoint(string Id, double Target, double[] Auxiliary, double[][] Observations)
{
    /// <summary>Number of observations.</summary>
    public int ObservationCount => Observations.Length;
}

/// <summary>How the observation slots beyond a point's observations are filled (the paper does not say; the default is explicit here).</summary>
public enum SlotPadding
{
    /// <summary>Default. Repeat the point's observations cyclically (slot j holds observation j mod n), so every slot
    /// holds a real spectrum of that point and the convolution never sees an artificial one.</summary>
    RepeatObservations,
    /// <summary>Fill with 0 after scaling to [−1, 1] (the middle of each channel's training range), like zero-padding a Keras input.</summary>
    ZeroAfterScaling,
    /// <summary>Fill with the point's per-channel median over its observations.</summary>
    PointMedian,
}

/// <summary>Reads S2MoS-style tables into <see cref="TemporalPoint"/>s, with clear errors for bad input.</summary>
public static class TemporalPoints
{
    /// <summary>
    /// Joins <c>points</c> (id, target, auxiliary columns) with <c>observations</c> (id, t, one column per channel;
    /// t orders a point's observations, any sortable number such as a day number or a yyyymmdd date).
    /// Observations of ids absent from the points table are ignored.
    /// </summary>
    /// <param name="points">Points table.</param>
    /// <param name="observations">Observations table.</param>
    /// <param name="target">Target column of the points table; cells may be missing only if <paramref name="allowMissingTarget"/>.</param>
    /// <param name="channels">Channel columns of the observations table, in network order.</param>
    /// <param name="auxiliary">Auxiliary columns of the points table (may be empty).</param>
    /// <param name="allowMissingTarget">Allow empty/NaN targets (prediction-only points).</param>
    /// <exception cref="ArgumentException">A channel or column is missing, a reflectance or covariate is NaN, a point has no observations, or ids repeat.</exception>
    public static IReadOnlyList<TemporalPoint> FromTables(CsvTable points, CsvTable observations, string target,
        IReadOnlyList<string> channels, IReadOnlyList<string> auxiliary, bool allowMissingTarget = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(observations);
        if (channels.Count == 0) throw new ArgumentException("At least one channel is needed.");
        foreach (var c in new[] { "id" }.Concat(channels).Append("t"))
            if (!observations.HasColumn(c))
                throw new ArgumentException($"{observations.Source}: channel or column '{c}' is missing from the observations file. Available columns: {string.Join(", ", observations.Columns)}.");
        foreach (var c in new[] { "id", target }.Concat(auxiliary))
            if (!points.HasColumn(c))
                throw new ArgumentException($"{points.Source}: column '{c}' is missing from the points file. Available columns: {string.Join(", ", points.Columns)}.");
        var ids = points.GetStrings("id");
        var y = points.GetDoubles(target, allowMissing: true);
        var aux = auxiliary.Select(a => points.GetDoubles(a, allowMissing: true)).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            if (!index.TryAdd(ids[i], i)) throw new ArgumentException($"{points.Source}: point id '{ids[i]}' appears twice.");
            if (!allowMissingTarget && !double.IsFinite(y[i])) throw new ArgumentException($"{points.Source}: point '{ids[i]}' has no valid target '{target}' (got {y[i]}).");
            for (int a = 0; a < aux.Length; a++)
                if (!double.IsFinite(aux[a][i])) throw new ArgumentException($"{points.Source}: point '{ids[i]}' has a missing or non-finite '{auxiliary[a]}' ({aux[a][i]}).");
        }
        var oid = observations.GetStrings("id");
        var t = observations.GetDoubles("t");
        var cols = channels.Select(c => observations.GetDoubles(c, allowMissing: true)).ToArray();
        var lists = new List<(double T, double[] V)>[ids.Length];
        for (int r = 0; r < oid.Length; r++)
        {
            if (!index.TryGetValue(oid[r], out int p)) continue;
            var v = new double[channels.Count];
            for (int c = 0; c < v.Length; c++)
            {
                v[c] = cols[c][r];
                if (!double.IsFinite(v[c]))
                    throw new ArgumentException($"{observations.Source}: point '{oid[r]}' at t = {t[r]} has a NaN or missing value in channel '{channels[c]}' (row {r + 1}); remove or fill that observation.");
            }
            (lists[p] ??= new()).Add((t[r], v));
        }
        var result = new TemporalPoint[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            if (lists[i] is null || lists[i].Count == 0)
                throw new ArgumentException($"Point '{ids[i]}' has no observations in {observations.Source}; every point needs at least one.");
            var obs = lists[i].OrderBy(o => o.T).Select(o => o.V).ToArray();
            result[i] = new TemporalPoint(ids[i], y[i], aux.Select(a => a[i]).ToArray(), obs);
        }
        return result;
    }

    /// <summary>Reads the files (see <see cref="FromTables"/>).</summary>
    public static IReadOnlyList<TemporalPoint> Read(string pointsCsv, string observationsCsv, string target,
        IReadOnlyList<string> channels, IReadOnlyList<string> auxiliary, bool allowMissingTarget = false) =>
        FromTables(CsvTable.Read(pointsCsv), CsvTable.Read(observationsCsv), target, channels, auxiliary, allowMissingTarget);

    /// <summary>Checks points for the network: consistent channel and auxiliary counts, finite values, at least one observation.</summary>
    internal static void Validate(IReadOnlyList<TemporalPoint> points, int channels, int aux, bool needTarget)
    {
        if (points.Count == 0) throw new ArgumentException("No points given.");
        foreach (var p in points)
        {
            if (p.Observations.Length == 0) throw new ArgumentException($"Point '{p.Id}' has no observations; every point needs at least one.");
            if (p.Auxiliary.Length != aux) throw new ArgumentException($"Point '{p.Id}' has {p.Auxiliary.Length} auxiliary values; the model expects {aux}.");
            if (needTarget && !double.IsFinite(p.Target)) throw new ArgumentException($"Point '{p.Id}' has no finite target ({p.Target}).");
            foreach (var v in p.Auxiliary) if (!double.IsFinite(v)) throw new ArgumentException($"Point '{p.Id}' has a non-finite auxiliary value ({v}).");
            for (int i = 0; i < p.Observations.Length; i++)
            {
                var o = p.Observations[i];
                if (o.Length != channels) throw new ArgumentException($"Point '{p.Id}' observation {i} has {o.Length} channels; the model expects {channels}.");
                for (int c = 0; c < o.Length; c++)
                    if (!double.IsFinite(o[c])) throw new ArgumentException($"Point '{p.Id}' observation {i} has a NaN reflectance in channel {c}.");
            }
        }
    }
}

/// <summary>
/// Min/max scaling of each feature to [−1, 1] from training data (S2MoS: inputs and target; the tanh
/// output then covers the training range): x′ = 2(x − min)/(max − min) − 1. A constant feature maps to 0.
/// </summary>
/// <param name="Min">Per-feature training minimum.</param>
/// <param name="Max">Per-feature training maximum.</param>
public sealed record MinMaxScaler(double[] Min, double[] Max)
{
    /// <summary>Number of features.</summary>
    public int Features => Min.Length;

    /// <summary>Scales feature <paramref name="f"/>.</summary>
    public float Scale(int f, double x) => Max[f] > Min[f] ? (float)(2 * (x - Min[f]) / (Max[f] - Min[f]) - 1) : 0f;

    /// <summary>Inverse of <see cref="Scale"/>.</summary>
    public double Unscale(int f, double s) => Max[f] > Min[f] ? Min[f] + (s + 1) / 2 * (Max[f] - Min[f]) : Min[f];

    /// <summary>Fits min/max per feature from rows of values.</summary>
    public static MinMaxScaler Fit(int features, IEnumerable<double[]> rows)
    {
        var min = Enumerable.Repeat(double.PositiveInfinity, features).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, features).ToArray();
        foreach (var r in rows)
            for (int f = 0; f < features; f++) { min[f] = Math.Min(min[f], r[f]); max[f] = Math.Max(max[f], r[f]); }
        for (int f = 0; f < features; f++)
            if (double.IsInfinity(min[f])) { min[f] = 0; max[f] = 0; }
        return new MinMaxScaler(min, max);
    }
}
