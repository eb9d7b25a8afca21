using SoilNotebooks.Datasets;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Salinity;

/// <summary>
/// Typed EC from the salinity tables, so a notebook converts in one line:
/// <c>var ece = twin.Points.Ec15().ToEce("landon-6.4");</c>, <c>ucrb.Ec12().ToEce(EcConversions.DefaultOneToTwo)</c>.
/// </summary>
public static class SalinityData
{
    /// <summary>EC 1:5 of LUCAS(-like) points, typed from the mS/m LUCAS reports.</summary>
    public static ElectricalConductivity[] Ec15(this IReadOnlyList<LucasTopsoilPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Select(p => ElectricalConductivity.FromMilliSiemensPerMeter(p.Ec15MilliSiemensPerMeter)).ToArray();
    }

    /// <summary>Soil contexts of LUCAS(-like) points for the texture-dependent conversions (USDA texture, clay %, OC %).</summary>
    public static EcSoilContext[] SoilContexts(this IReadOnlyList<LucasTopsoilPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Select(p => EcSoilContext.FromLucas(p.ClayPercent, p.SiltPercent, p.SandPercent, p.OrganicCarbonGramsPerKg)).ToArray();
    }

    /// <summary>EC 1:2 of the UCRB horizons (ec_12pre, dS/m), typed.</summary>
    public static ElectricalConductivity[] Ec12(this UcrbSalinityTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Horizons.Select(h => ElectricalConductivity.FromDeciSiemensPerMeter(h.Ec12DeciSiemensPerMeter)).ToArray();
    }

    /// <summary>Converts extract ECs to ECe with the catalogue method <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">A texture-dependent method without <paramref name="soils"/>.</exception>
    public static EcConversionBatch ToEce(this IReadOnlyList<ElectricalConductivity> extracts, string method, IReadOnlyList<EcSoilContext>? soils = null,
        OutOfRangePolicy policy = OutOfRangePolicy.Flag) => EcConversions.Get(method).ToEce(extracts, soils, policy);
}
