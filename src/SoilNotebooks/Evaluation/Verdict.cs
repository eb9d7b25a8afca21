namespace SoilNotebooks.Evaluation;

/// <summary>How far a claim that compares models holds.</summary>
public enum VerdictKind
{
    /// <summary>Every difference the claim needs is in its direction and clear of the noise.</summary>
    Yes,
    /// <summary>Every difference is in the claim's direction, but not every one is clear of the noise.</summary>
    PartlyRightDirection,
    /// <summary>Some, not all, differences are in the claim's direction.</summary>
    PartlySomeDirection,
    /// <summary>No difference is in the claim's direction.</summary>
    No,
    /// <summary>Not assessed: a model the claim rests on is flagged as degenerate.</summary>
    NotAssessed,
}

/// <summary>
/// The verdict on a claim that rests on differences of model scores, each oriented so that positive is the claim's
/// direction: "yes" only when every difference's interval is above zero; "partly (right direction, k of n clear of
/// noise)" when all are positive; "partly (k of n in the right direction)" when some are; else "no". A verdict never
/// rests on a flagged model: it is then "not assessed (model X flagged: reason)".
/// </summary>
/// <param name="Kind">The verdict's kind.</param>
/// <param name="Text">The verdict as a table shows it.</param>
public sealed record Verdict(VerdictKind Kind, string Text)
{
    /// <summary>The verdict on <paramref name="differences"/> (at least one).</summary>
    public static Verdict Of(params Difference[] differences) => Of((IReadOnlyList<Difference>)differences);

    /// <summary>The verdict on <paramref name="differences"/> (at least one).</summary>
    public static Verdict Of(IReadOnlyList<Difference> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        if (differences.Count == 0) throw new ArgumentException("A verdict needs at least one difference (got none).");
        int n = differences.Count;
        int clear = differences.Count(d => d.ClearOfNoise), right = differences.Count(d => d.RightDirection);
        return clear == n ? new(VerdictKind.Yes, "yes")
            : right == n ? new(VerdictKind.PartlyRightDirection,
                $"partly (right direction, {clear} of {n} clear of noise)")
            : right > 0 ? new(VerdictKind.PartlySomeDirection, $"partly ({right} of {n} in the right direction)")
            : new(VerdictKind.No, "no");
    }

    /// <summary>
    /// The verdict on <paramref name="differences"/>, or "not assessed (model X flagged: reason)" when the health
    /// check of a model they involve (<see cref="Difference.Models"/>) is flagged.
    /// </summary>
    public static Verdict Of(IReadOnlyList<Difference> differences, IEnumerable<ModelHealth> health)
    {
        ArgumentNullException.ThrowIfNull(differences);
        ArgumentNullException.ThrowIfNull(health);
        var used = differences.SelectMany(d => d.Models).ToHashSet(StringComparer.Ordinal);
        var flagged = health.FirstOrDefault(h => h.IsFlagged && used.Contains(h.Model));
        return flagged is null ? Of(differences) : NotAssessed(flagged);
    }

    /// <summary>"not assessed (model X flagged: reason)".</summary>
    public static Verdict NotAssessed(ModelHealth flagged)
    {
        ArgumentNullException.ThrowIfNull(flagged);
        return new(VerdictKind.NotAssessed, $"not assessed (model {flagged.Model} flagged: {flagged.Reason})");
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
