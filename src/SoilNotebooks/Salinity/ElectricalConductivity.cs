using System.Globalization;

namespace SoilNotebooks.Salinity;

/// <summary>Units of electrical conductivity. 1 dS/m = 100 mS/m = 1000 µS/cm = 1 mS/cm = 1 mmho/cm.</summary>
public enum ConductivityUnit
{
    /// <summary>Decisiemens per metre (dS/m), the unit of ECe in salinity classes (FAO; Richards 1954).</summary>
    DeciSiemensPerMeter,
    /// <summary>Millisiemens per metre (mS/m), the unit of EC 1:5 in LUCAS 2015/2018.</summary>
    MilliSiemensPerMeter,
    /// <summary>Microsiemens per centimetre (µS/cm), the unit of many laboratory meters.</summary>
    MicroSiemensPerCentimeter,
    /// <summary>Millisiemens per centimetre (mS/cm), numerically equal to dS/m and to mmho/cm.</summary>
    MilliSiemensPerCentimeter,
}

/// <summary>
/// An electrical conductivity with its unit typed, so that a LUCAS value in mS/m is never read as dS/m:
/// <c>ElectricalConductivity.FromMilliSiemensPerMeter(40).DeciSiemensPerMeter</c> is 0.4. Stored in dS/m; the value
/// must be finite or NaN (NaN = missing) and not negative.
/// </summary>
public readonly record struct ElectricalConductivity
{
    private ElectricalConductivity(double dsm) => DeciSiemensPerMeter = dsm;

    /// <summary>The conductivity in dS/m.</summary>
    public double DeciSiemensPerMeter { get; }

    /// <summary>The conductivity in mS/m (dS/m × 100).</summary>
    public double MilliSiemensPerMeter => DeciSiemensPerMeter * 100;

    /// <summary>The conductivity in µS/cm (dS/m × 1000).</summary>
    public double MicroSiemensPerCentimeter => DeciSiemensPerMeter * 1000;

    /// <summary>The conductivity in mS/cm (= dS/m).</summary>
    public double MilliSiemensPerCentimeter => DeciSiemensPerMeter;

    /// <summary>True when the value is missing (NaN).</summary>
    public bool IsMissing => double.IsNaN(DeciSiemensPerMeter);

    /// <summary>A conductivity of <paramref name="value"/> in <paramref name="unit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or infinite (NaN is allowed: missing).</exception>
    public static ElectricalConductivity From(double value, ConductivityUnit unit)
    {
        if (double.IsInfinity(value) || value < 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"An electrical conductivity must be ≥ 0 and finite (NaN for missing); got {value} {Symbol(unit)}.");
        return new ElectricalConductivity(unit switch
        {
            ConductivityUnit.DeciSiemensPerMeter or ConductivityUnit.MilliSiemensPerCentimeter => value,
            ConductivityUnit.MilliSiemensPerMeter => value / 100,
            ConductivityUnit.MicroSiemensPerCentimeter => value / 1000,
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown conductivity unit."),
        });
    }

    /// <summary>From dS/m.</summary>
    public static ElectricalConductivity FromDeciSiemensPerMeter(double value) => From(value, ConductivityUnit.DeciSiemensPerMeter);

    /// <summary>From mS/m (LUCAS "EC").</summary>
    public static ElectricalConductivity FromMilliSiemensPerMeter(double value) => From(value, ConductivityUnit.MilliSiemensPerMeter);

    /// <summary>From µS/cm.</summary>
    public static ElectricalConductivity FromMicroSiemensPerCentimeter(double value) => From(value, ConductivityUnit.MicroSiemensPerCentimeter);

    /// <summary>The value in <paramref name="unit"/>.</summary>
    public double In(ConductivityUnit unit) => unit switch
    {
        ConductivityUnit.DeciSiemensPerMeter or ConductivityUnit.MilliSiemensPerCentimeter => DeciSiemensPerMeter,
        ConductivityUnit.MilliSiemensPerMeter => MilliSiemensPerMeter,
        ConductivityUnit.MicroSiemensPerCentimeter => MicroSiemensPerCentimeter,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown conductivity unit."),
    };

    /// <summary>Converts many values at once (NaN stays NaN).</summary>
    public static ElectricalConductivity[] FromMany(IReadOnlyList<double> values, ConductivityUnit unit)
    {
        ArgumentNullException.ThrowIfNull(values);
        var r = new ElectricalConductivity[values.Count];
        for (int i = 0; i < r.Length; i++) r[i] = From(values[i], unit);
        return r;
    }

    /// <summary>The unit's symbol ("dS/m", "mS/m", "µS/cm", "mS/cm").</summary>
    public static string Symbol(ConductivityUnit unit) => unit switch
    {
        ConductivityUnit.DeciSiemensPerMeter => "dS/m",
        ConductivityUnit.MilliSiemensPerMeter => "mS/m",
        ConductivityUnit.MicroSiemensPerCentimeter => "µS/cm",
        ConductivityUnit.MilliSiemensPerCentimeter => "mS/cm",
        _ => unit.ToString(),
    };

    /// <summary>"0.4 dS/m".</summary>
    public override string ToString() => DeciSiemensPerMeter.ToString("G4", CultureInfo.InvariantCulture) + " dS/m";
}
