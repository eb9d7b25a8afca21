using SoilNotebooks.Sampling;

namespace SoilNotebooks.Learning.Neural;

/// <summary>How one sample's activation of a filter is summarised from its feature map.</summary>
public enum ActivationSummary
{
    /// <summary>Maximum over the filter's feature map (default; "preferred inputs" analysis).</summary>
    Max,
    /// <summary>Mean over the feature map.</summary>
    Mean,
}

/// <summary>Five-number summary and Tukey whiskers of one variable, for a box plot.</summary>
/// <param name="Variable">Variable name (a channel, an auxiliary covariate, or "target").</param>
/// <param name="N">Number of values.</param>
/// <param name="Min">Minimum.</param>
/// <param name="Q1">First quartile (type 7).</param>
/// <param name="Median">Median.</param>
/// <param name="Q3">Third quartile.</param>
/// <param name="Max">Maximum.</param>
/// <param name="Mean">Mean.</param>
/// <param name="LowerWhisker">Smallest value ≥ Q1 − 1.5·IQR.</param>
/// <param name="UpperWhisker">Largest value ≤ Q3 + 1.5·IQR.</param>
/// <param name="Values">The values themselves (original units), for charts that compute their own boxes.</param>
public sealed record BoxStats(string Variable, int N, double Min, double Q1, double Median, double Q3, double Max, double Mean,
    double LowerWhisker, double UpperWhisker, double[] Values)
{
    /// <summary>Computes the summary of <paramref name="values"/> (at least one).</summary>
    public static BoxStats Of(string variable, IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException($"No values for '{variable}'.");
        var s = values.ToArray();
        Array.Sort(s);
        double q1 = Statistics.Quantiles.OfSorted(s, 0.25), q3 = Statistics.Quantiles.OfSorted(s, 0.75);
        double iqr = q3 - q1;
        double lo = s.First(v => v >= q1 - 1.5 * iqr), hi = s.Last(v => v <= q3 + 1.5 * iqr);
        return new BoxStats(variable, s.Length, s[0], q1, Statistics.Quantiles.OfSorted(s, 0.5), q3, s[^1], s.Average(), lo, hi, values.ToArray());
    }
}

/// <summary>The training samples that activate one filter most, with box-plot data of their inputs and target.</summary>
/// <param name="Filter">Filter index (0-based) of the analysed layer.</param>
/// <param name="SampleIndices">Indices (into the training points) of the top samples, strongest first.</param>
/// <param name="SampleIds">Their ids.</param>
/// <param name="Scores">Their activation summaries, descending.</param>
/// <param name="MeanTarget">Mean target of the top samples (target units); profiles are ordered by it.</param>
/// <param name="Channels">Box data per channel over all real observations of the top samples (original units).</param>
/// <param name="Auxiliary">Box data per auxiliary covariate (e.g. lat, lon).</param>
/// <param name="Target">Box data of the target.</param>
public sealed record FilterProfile(int Filter, int[] SampleIndices, string[] SampleIds, double[] Scores, double MeanTarget,
    IReadOnlyList<BoxStats> Channels, IReadOnlyList<BoxStats> Auxiliary, BoxStats Target)
{
    /// <summary>Box data of the named channel (e.g. "B12").</summary>
    public BoxStats Channel(string name) => Channels.FirstOrDefault(c => c.Variable == name)
        ?? throw new KeyNotFoundException($"No channel '{name}' in the profile; channels: {string.Join(", ", Channels.Select(c => c.Variable))}.");

    /// <summary>Box data of the named auxiliary covariate (e.g. "lat").</summary>
    public BoxStats Covariate(string name) => Auxiliary.FirstOrDefault(c => c.Variable == name)
        ?? throw new KeyNotFoundException($"No covariate '{name}' in the profile; covariates: {string.Join(", ", Auxiliary.Select(c => c.Variable))}.");

    /// <summary>False for a dead filter: its activation is 0 (ReLU) for every sample, so it ranks nothing.</summary>
    public bool IsActive => Scores.Length > 0 && Scores[0] > 0;
}

/// <summary>
/// Post-hoc interpretation of the S2MoS CNN (Tziolas et al. 2020 §2.3.2): for each feature map of the last
/// convolution, the top 5 % of training samples by activation, their input reflectances, VV/VH,
/// coordinates and target, ordered by the samples' mean target.
/// </summary>
public static class FilterInterpretation
{
    /// <summary>
    /// Profiles every filter of <paramref name="layer"/> (default "relu3": the feature maps of the last
    /// convolution after its activation) in model <paramref name="bag"/> of the ensemble.
    /// </summary>
    /// <param name="ensemble">A trained CNN ensemble.</param>
    /// <param name="train">The training samples (or any samples with the ensemble's channels, covariates and target) to rank.</param>
    /// <param name="topFraction">Fraction of samples kept per filter (default 0.05; at least one sample).</param>
    /// <param name="layer">Node name whose per-sample shape is [filters, ...].</param>
    /// <param name="bag">Model index (default 0).</param>
    /// <param name="summary">Max (default) or mean over each feature map.</param>
    /// <returns>One profile per filter, ordered by mean target ascending.</returns>
    public static IReadOnlyList<FilterProfile> TopActivatingSamples(NeuralEnsemble ensemble, SampleSeries train,
        double topFraction = 0.05, string layer = "relu3", int bag = 0, ActivationSummary summary = ActivationSummary.Max)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(train);
        if (ensemble.Options.Model != NeuralModelKind.S2MoSCnn) throw new ArgumentException("Filter interpretation needs a CNN ensemble.");
        Check.Fraction(topFraction);
        Check.InRange(bag, 0, ensemble.Models.Count - 1);
        var model = ensemble.Models[bag];
        var node = model[layer];
        if (node.Shape.Length < 2) throw new ArgumentException($"Layer '{layer}' has flat output {Layer.ShapeText(node.Shape)}; choose a convolution or pooling layer.");
        var act = model.Activations(ensemble.Encode(train), node);
        int filters = node.Shape[0], per = node.Size / filters, n = train.Count;
        var o = ensemble.Options;
        var targetValues = train.Target(o.Target);
        var channelIndex = o.Channels.Select(train.ChannelIndex).ToArray();
        var auxValues = o.Auxiliary.Select(train.Covariate).ToArray();
        int top = Math.Max(1, (int)Math.Ceiling(topFraction * n - 1e-9)); // 0.05 × 100 is 5.000000000000001 in floating point
        var profiles = new List<FilterProfile>();
        var score = new double[n];
        for (int f = 0; f < filters; f++)
        {
            for (int i = 0; i < n; i++)
            {
                var span = new ReadOnlySpan<float>(act, i * node.Size + f * per, per);
                score[i] = summary == ActivationSummary.Max ? System.Numerics.Tensors.TensorPrimitives.Max(span) : System.Numerics.Tensors.TensorPrimitives.Sum(span) / per;
            }
            var idx = Enumerable.Range(0, n).OrderByDescending(i => score[i]).ThenBy(i => i).Take(top).ToArray();
            var channels = new List<BoxStats>();
            for (int c = 0; c < o.Channels.Length; c++)
                channels.Add(BoxStats.Of(o.Channels[c], idx.SelectMany(i => Enumerable.Range(0, Math.Min(o.Width, train.ObservationCount(i)))
                    .Select(k => train.Value(i, k, channelIndex[c]))).ToArray()));
            var aux = new List<BoxStats>();
            for (int a = 0; a < o.Auxiliary.Length; a++)
                aux.Add(BoxStats.Of(o.Auxiliary[a], idx.Select(i => auxValues[a][i]).ToArray()));
            var target = BoxStats.Of("target", idx.Select(i => targetValues[i]).ToArray());
            profiles.Add(new FilterProfile(f, idx, idx.Select(i => train.Ids[i]).ToArray(), idx.Select(i => score[i]).ToArray(),
                target.Mean, channels, aux, target));
        }
        return profiles.OrderBy(p => p.MeanTarget).ThenBy(p => p.Filter).ToArray();
    }
}
