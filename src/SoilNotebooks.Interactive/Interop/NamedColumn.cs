namespace SoilNotebooks.Interactive.Interop;

/// <summary>
/// One column for <see cref="DataFrames.FromColumns(IEnumerable{NamedColumn})"/>: a name, an optional unit and the
/// values — an array of <see cref="double"/>, <see cref="float"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="bool"/>, <see cref="DateTime"/> (or their nullable forms) or <see cref="string"/>. The DataFrame column
/// is named "Name (unit)", e.g. "Clay (%)", the way our tables show units.
/// </summary>
/// <param name="Name">Column name, e.g. "Clay".</param>
/// <param name="Values">The values (one per row).</param>
/// <param name="Unit">Unit symbol, e.g. "%", "m", "dS/m"; null or empty for none.</param>
public sealed record NamedColumn(string Name, Array Values, string? Unit = null)
{
    /// <summary>The header: the name, with the unit in parentheses when there is one.</summary>
    public string Header => string.IsNullOrEmpty(Unit) ? Name : $"{Name} ({Unit})";

    /// <summary>A double column.</summary>
    public static NamedColumn Of(string name, double[] values, string? unit = null) => new(name, values, unit);

    /// <summary>A string column.</summary>
    public static NamedColumn Of(string name, string[] values) => new(name, values);

    /// <summary>An int column.</summary>
    public static NamedColumn Of(string name, int[] values, string? unit = null) => new(name, values, unit);

    /// <summary>A date/time column.</summary>
    public static NamedColumn Of(string name, DateTime[] values) => new(name, values);
}
