using System.Globalization;

namespace SoilNotebooks.Evaluation;

/// <summary>
/// One difference of model scores over several training seeds (model initialisation, bag draws): its value and
/// bootstrap interval per seed, and their mean, sample SD (n − 1) and range.
/// </summary>
/// <param name="Label">What is compared, e.g. "9C − 9B".</param>
/// <param name="PerSeed">The difference with its test-set bootstrap interval, one per seed.</param>
public sealed record SeedSpreadDifference(string Label, IReadOnlyList<Difference> PerSeed)
{
    /// <summary>Number of seeds.</summary>
    public int Seeds => PerSeed.Count;

    /// <summary>Mean of the per-seed values.</summary>
    public double Mean => PerSeed.Average(d => d.Value);

    /// <summary>Sample standard deviation (n − 1) of the per-seed values; NaN for one seed.</summary>
    public double Sd => Statistics.Moments.StandardDeviation(PerSeed.Select(d => d.Value).ToArray());

    /// <summary>Smallest per-seed value.</summary>
    public double Min => PerSeed.Min(d => d.Value);

    /// <summary>Largest per-seed value.</summary>
    public double Max => PerSeed.Max(d => d.Value);

    /// <summary>True when the difference is positive for every seed.</summary>
    public bool RightDirectionInEverySeed => PerSeed.All(d => d.RightDirection);

    /// <summary>True when the bootstrap interval is above zero for every seed.</summary>
    public bool ClearOfNoiseInEverySeed => PerSeed.All(d => d.ClearOfNoise);

    /// <summary>The models involved (over all seeds).</summary>
    public IReadOnlyList<string> Models => PerSeed.SelectMany(d => d.Models).Distinct().ToArray();

    /// <summary>"9C − 9B mean +0.031, SD 0.010, range [+0.020, +0.042] over 3 seeds".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Label} mean {Difference.Signed(Mean)}, SD {Sd:0.000}, range [{Difference.Signed(Min)}, " +
            $"{Difference.Signed(Max)}]" +
        $" over {Seeds} seeds");
}

/// <summary>
/// Model comparison over several seeds (issue 13 point 5): one <see cref="PairedBootstrap"/> per seed's predictions,
/// and differences that report their spread over seeds. The verdict needs the direction to hold in every seed.
/// </summary>
public sealed class SeedSpread
{
    private SeedSpread(IReadOnlyList<PairedBootstrap> perSeed) => PerSeed = perSeed;

    /// <summary>The paired bootstrap of each seed's predictions.</summary>
    public IReadOnlyList<PairedBootstrap> PerSeed { get; }

    /// <summary>
    /// Bootstraps each seed's predictions (the same models by name in every seed, all on the same test samples);
    /// seed k's resampling uses <c>options.Seed + k</c>.
    /// </summary>
    /// <param name="predictionsPerSeed">Per training seed, the predictions of the compared models.</param>
    /// <param name="options">Bootstrap options (default: 1000 resamples, seed 42, 95 %, R²).</param>
    public static SeedSpread Run(IReadOnlyList<IReadOnlyList<Prediction>> predictionsPerSeed,
        PairedBootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predictionsPerSeed);
        if (predictionsPerSeed.Count == 0) throw new ArgumentException("Predictions of at least one seed are needed " +
            "(got none).");
        options ??= new PairedBootstrapOptions();
        var models = predictionsPerSeed[0].Select(p => p.Model).Order(StringComparer.Ordinal).ToArray();
        for (int k = 1; k < predictionsPerSeed.Count; k++)
            if (!predictionsPerSeed[k].Select(p => p.Model).Order(StringComparer.Ordinal).SequenceEqual(models))
                throw new ArgumentException($"Seed {k + 1} has models " +
                    $"[{string.Join(", ", predictionsPerSeed[k].Select(p => p.Model))}]; " +
                    $"expected the same models as seed 1 ([{string.Join(", ", models)}]).");
        var boots = predictionsPerSeed.Select((ps, k) => PairedBootstrap.Run(ps, options with { Seed = options.Seed
            + k }))
            .ToArray();
        return new SeedSpread(boots);
    }

    /// <summary>Number of seeds.</summary>
    public int Seeds => PerSeed.Count;

    /// <summary><see cref="PairedBootstrap.Gain"/> in every seed.</summary>
    public SeedSpreadDifference Gain(string better, string than) =>
        new($"{better} − {than}", PerSeed.Select(b => b.Gain(better, than)).ToArray());

    /// <summary><see cref="PairedBootstrap.Contrast"/> in every seed.</summary>
    public SeedSpreadDifference Contrast(string label, Func<Func<string, double>, double> of) =>
        new(label, PerSeed.Select(b => b.Contrast(label, of)).ToArray());

    /// <summary>
    /// The verdict over seeds: "yes (all s seeds)" when every difference is clear of noise in every seed; "partly
    /// (right direction in all s seeds, k of n clear of noise in every seed)" when every difference is positive in
    /// every seed; "partly (k of n in the right direction in all s seeds)"; else "no (direction not stable over s
    /// seeds)". With a flagged model involved: "not assessed (model X flagged: reason)".
    /// </summary>
    public static Verdict VerdictOf(IReadOnlyList<SeedSpreadDifference> differences,
        IEnumerable<ModelHealth>? health = null)
    {
        ArgumentNullException.ThrowIfNull(differences);
        if (differences.Count == 0) throw new ArgumentException("A verdict needs at least one difference (got none).");
        if (health is not null)
        {
            var used = differences.SelectMany(d => d.Models).ToHashSet(StringComparer.Ordinal);
            var flagged = health.FirstOrDefault(h => h.IsFlagged && used.Contains(h.Model));
            if (flagged is not null) return Verdict.NotAssessed(flagged);
        }
        int n = differences.Count, s = differences.Min(d => d.Seeds);
        int clear = differences.Count(d => d.ClearOfNoiseInEverySeed);
        int right = differences.Count(d => d.RightDirectionInEverySeed);
        return clear == n ? new(VerdictKind.Yes, $"yes (all {s} seeds)")
            : right == n ? new(VerdictKind.PartlyRightDirection,
                $"partly (right direction in all {s} seeds, {clear} of {n} clear of noise in every seed)")
            : right > 0 ? new(VerdictKind.PartlySomeDirection,
                $"partly ({right} of {n} in the right direction in all {s} seeds)")
            : new(VerdictKind.No, $"no (direction not stable over {s} seeds)");
    }

    /// <summary>The verdict over seeds of the given differences (see the list overload).</summary>
    public static Verdict VerdictOf(params SeedSpreadDifference[] differences) =>
        VerdictOf((IReadOnlyList<SeedSpreadDifference>)differences);
}
