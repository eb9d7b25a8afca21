using System.Globalization;

namespace SoilNotebooks.Statistics;

/// <summary>
/// A Table-2-style summary of one variable in one data set (S2MoS, Tziolas et al. 2020, Table 2): n, min, quartiles
/// (type 7, as NumPy's default and R's <c>quantile</c>), max, mean and the sample SD (n − 1). Published rows can be
/// typed in with the constructor (n may be unknown); computed rows come from <see cref="Describe.Of"/>.
/// </summary>
public sealed record DescriptiveStatistics
{
    /// <summary>Creates a validated row: min ≤ Q1 ≤ median ≤ Q3 ≤ max, SD ≥ 0, n ≥ 1 when given.</summary>
    /// <param name="data">Which data set, e.g. "LUCAS 2009 cropland (paper Table 2)".</param>
    /// <param name="variable">The variable, e.g. "Clay".</param>
    /// <param name="unit">Its unit, e.g. "%" ("" for none).</param>
    /// <param name="n">Number of values (null when a source does not give it).</param>
    /// <param name="min">Minimum.</param>
    /// <param name="q1">First quartile.</param>
    /// <param name="median">Median.</param>
    /// <param name="q3">Third quartile.</param>
    /// <param name="max">Maximum.</param>
    /// <param name="mean">Mean.</param>
    /// <param name="sd">Sample standard deviation (n − 1); NaN for a single value.</param>
    public DescriptiveStatistics(string data, string variable, string unit, int? n, double min, double q1,
        double median,
        double q3, double max, double mean, double sd)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(unit);
        if (n is < 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"n must be ≥ 1 or null (got {n}).");
        double[] order = [min, q1, median, q3, max];
        for (int i = 0; i < order.Length; i++) Check.Finite(order[i], "min, Q1, median, Q3 and max");
        for (int i = 1; i < order.Length; i++)
            if (order[i] < order[i - 1])
                throw new ArgumentException($"Expected min ≤ Q1 ≤ median ≤ Q3 ≤ max (got {string.Join(", ", order)}).");
        Check.Finite(mean);
        if (mean < min
            || mean > max) throw new ArgumentException($"The mean {mean} lies outside [min {min}, max {max}].");
        if (sd < 0 || double.IsInfinity(sd)) throw new ArgumentOutOfRangeException(nameof(sd), sd,
            $"sd must be ≥ 0 or NaN (got {sd}).");
        Data = data; Variable = variable; Unit = unit; N = n;
        Min = min; Q1 = q1; Median = median; Q3 = q3; Max = max; Mean = mean; Sd = sd;
    }

    /// <summary>Which data set.</summary>
    public string Data { get; }
    /// <summary>The variable.</summary>
    public string Variable { get; }
    /// <summary>Its unit ("" for none).</summary>
    public string Unit { get; }
    /// <summary>Number of values (null when unknown).</summary>
    public int? N { get; }
    /// <summary>Minimum.</summary>
    public double Min { get; }
    /// <summary>First quartile (type 7).</summary>
    public double Q1 { get; }
    /// <summary>Median.</summary>
    public double Median { get; }
    /// <summary>Third quartile (type 7).</summary>
    public double Q3 { get; }
    /// <summary>Maximum.</summary>
    public double Max { get; }
    /// <summary>Mean.</summary>
    public double Mean { get; }
    /// <summary>Sample standard deviation (n − 1).</summary>
    public double Sd { get; }

    /// <summary>Interquartile range Q3 − Q1.</summary>
    public double Iqr => Q3 - Q1;

    /// <summary>The variable with its unit, e.g. "Clay (%)".</summary>
    public string VariableWithUnit => Unit.Length > 0 ? $"{Variable} ({Unit})" : Variable;

    /// <summary>"Point twin — Clay (%): n 250, min 1, Q1 16, median 23, Q3 32, max 79, mean 24.6, SD 12.8".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Data} — {VariableWithUnit}: n {(N is { } n ? n.ToString(CultureInfo.InvariantCulture) : "?")}, min " +
            $"{Min:G4}, " +
        $"Q1 {Q1:G4}, median {Median:G4}, Q3 {Q3:G4}, max {Max:G4}, mean {Mean:G4}, SD {Sd:G4}");
}

/// <summary>The describe verb: a <see cref="DescriptiveStatistics"/> row of a sample.</summary>
public static class Describe
{
    /// <summary>
    /// Summarises <paramref name="values"/> (at least one, all finite): n, min, Q1, median, Q3 (type 7 on the sorted
    /// values, <see cref="Quantiles.OfSorted"/>), max, mean and the sample SD with the n − 1 denominator.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="data">Which data set, e.g. "Point twin (this run)".</param>
    /// <param name="variable">The variable, e.g. "Clay".</param>
    /// <param name="unit">Its unit, e.g. "%".</param>
    public static DescriptiveStatistics Of(IEnumerable<double> values, string data = "sample",
        string variable = "value",
        string unit = "")
    {
        ArgumentNullException.ThrowIfNull(values);
        var s = values.ToArray();
        if (s.Length == 0) throw new ArgumentException($"No values to describe for '{data}'.");
        for (int i = 0; i < s.Length; i++)
            if (!double.IsFinite(s[i])) throw new ArgumentException($"Value {i} of '{data}' is {s[i]}; expected " +
                $"finite values.");
        Array.Sort(s);
        double mean = s.Average();
        double sd = Moments.StandardDeviation(s);
        return new DescriptiveStatistics(data, variable, unit, s.Length, s[0], Quantiles.OfSorted(s, 0.25),
            Quantiles.OfSorted(s, 0.5), Quantiles.OfSorted(s, 0.75), s[^1], Math.Clamp(mean, s[0], s[^1]), sd);
    }
}
