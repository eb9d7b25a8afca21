using System.Globalization;

namespace SoilNotebooks.Sampling;

/// <summary>
/// One value per sample with a name and a unit: a target (clay, %) or an auxiliary covariate (latitude, ° N).
/// Missing values are NaN. Immutable: the values are copied on construction and handed out read-only.
/// </summary>
public sealed class SampleVariable
{
    private readonly double[] _values;

    /// <summary>Creates a variable; the values are copied.</summary>
    /// <param name="name">Name used to address it (e.g. "clay", "lat"); not empty.</param>
    /// <param name="unit">Unit as written in tables and axis titles (e.g. "%", "° N", "dS/m"); "" when unitless.</param>
    /// <param name="values">One value per sample; NaN where missing.</param>
    public SampleVariable(string name, string unit, IReadOnlyList<double> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(values);
        Name = name;
        Unit = unit;
        _values = values.ToArray();
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>Its unit ("" when unitless).</summary>
    public string Unit { get; }

    /// <summary>The values, one per sample.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Number of values.</summary>
    public int Count => _values.Length;

    /// <summary>Value of sample <paramref name="i"/>.</summary>
    public double this[int i] => _values[i];

    /// <summary>A copy of the values.</summary>
    public double[] ToArray() => (double[])_values.Clone();

    /// <summary>The heading used in tables and charts: "clay (%)" or "pH".</summary>
    public string Title => Unit.Length == 0 ? Name : $"{Name} ({Unit})";

    /// <summary>The values of the given rows, as a new variable.</summary>
    public SampleVariable Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var v = new double[rows.Count];
        for (int i = 0; i < v.Length; i++) v[i] = _values[rows[i]];
        return new SampleVariable(Name, Unit, v);
    }

    internal ReadOnlySpan<double> Span => _values;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Title}: {_values.Length} values");
}
