namespace SoilNotebooks.Evaluation;

/// <summary>
/// Per-sample prediction intervals at one nominal level, e.g. the 5 % and 95 % quantiles of a quantile regression
/// forest for a 90 % interval (Meinshausen 2006). Immutable: the bounds are copied on construction.
/// </summary>
public sealed record IntervalBounds
{
    /// <summary>The usual nominal level, 0.90 (a 5–95 % interval).</summary>
    public const double DefaultLevel = 0.9;

    private readonly double[] _lower;
    private readonly double[] _upper;

    /// <summary>Creates the bounds; both lists of equal length, lower ≤ upper where both are finite.</summary>
    /// <param name="level">Nominal coverage in (0, 1), e.g. 0.90.</param>
    /// <param name="lower">Lower bound per sample (target unit).</param>
    /// <param name="upper">Upper bound per sample (target unit).</param>
    public IntervalBounds(double level, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level,
                $"level must be in (0, 1), e.g. 0.9 (got {level}).");
        Check.SameLength(lower.Count, upper.Count, "lower and upper bounds");
        for (int i = 0; i < lower.Count; i++)
            if (lower[i] > upper[i])
                throw new ArgumentException($"Row {i}: lower bound {lower[i]} is above upper bound {upper[i]}; " +
                    $"expected lower ≤ upper.");
        Level = level;
        _lower = lower.ToArray();
        _upper = upper.ToArray();
    }

    /// <summary>Nominal coverage, e.g. 0.90.</summary>
    public double Level { get; }

    /// <summary>Lower bound per sample.</summary>
    public IReadOnlyList<double> Lower => _lower;

    /// <summary>Upper bound per sample.</summary>
    public IReadOnlyList<double> Upper => _upper;

    /// <summary>Number of samples.</summary>
    public int Count => _lower.Length;

    /// <summary>The bounds of the given rows, in that order.</summary>
    public IntervalBounds Rows(IReadOnlyList<int> rows) =>
        new(Level, rows.Select(r => _lower[r]).ToArray(), rows.Select(r => _upper[r]).ToArray());
}
