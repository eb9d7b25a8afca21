namespace SoilNotebooks;

/// <summary>
/// Declares the unit of a numeric property, e.g. <c>[Unit("%")] double Clay</c>. Tables in notebooks show it in
/// the column header ("Clay (%)"). Property names that end in a unit word (Percent, DsPerM, Db, Meters, Degrees,
/// Days, GPerCm3) are recognised without the attribute.
/// </summary>
/// <param name="symbol">The unit symbol as it should be printed, e.g. "%", "dS/m", "g/cm³".</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class UnitAttribute(string symbol) : Attribute
{
    /// <summary>The unit symbol.</summary>
    public string Symbol { get; } = symbol;
}
