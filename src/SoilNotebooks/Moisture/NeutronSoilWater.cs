namespace SoilNotebooks.Moisture;

/// <summary>Soil parameters of the counts → θ conversion.</summary>
/// <param name="BulkDensityGramsPerCm3">Dry bulk density ρ_b, g/cm³.</param>
/// <param name="LatticeWaterGramsPerGram">Lattice water, g/g (crnpy's KS003 example: 0.03).</param>
/// <param name="SocWaterEquivalentGramsPerGram">Water equivalent of soil organic carbon, g/g (crnpy's example: 0.01).</param>
public sealed record SoilHydrogen(double BulkDensityGramsPerCm3, double LatticeWaterGramsPerGram = SoilHydrogen.DefaultLatticeWater,
    double SocWaterEquivalentGramsPerGram = SoilHydrogen.DefaultSocWater)
{
    /// <summary>Lattice water of crnpy's calibration example, g/g.</summary>
    public const double DefaultLatticeWater = 0.03;

    /// <summary>Soil organic carbon water equivalent of crnpy's calibration example, g/g.</summary>
    public const double DefaultSocWater = 0.01;
}

/// <summary>θ with the band of ± one Poisson standard deviation of the counts.</summary>
/// <param name="ThetaCm3PerCm3">θ at the counts.</param>
/// <param name="LowerCm3PerCm3">θ at N + √N (more neutrons: drier).</param>
/// <param name="UpperCm3PerCm3">θ at N − √N.</param>
public readonly record struct ThetaWithUncertainty(double ThetaCm3PerCm3, double LowerCm3PerCm3, double UpperCm3PerCm3)
{
    /// <summary>Half the band width, cm³/cm³.</summary>
    public double HalfWidthCm3PerCm3 => (UpperCm3PerCm3 - LowerCm3PerCm3) / 2;
}

/// <summary>
/// Counts → volumetric water content by the Desilets et al. 2010 curve (WRR 46, W11505, Eq. A1, the form of Zreda et
/// al. 2012 Eq. 7 with lattice water and SOC): θ_v = (a0 / (N/N0 − a1) − a2 − w_lat − w_soc) · ρ_b, with a0 = 0.0808,
/// a1 = 0.372, a2 = 0.115; and its inverse for the N0 calibration.
/// </summary>
public static class NeutronSoilWater
{
    /// <summary>Desilets 2010 a0.</summary>
    public const double A0 = 0.0808;
    /// <summary>Desilets 2010 a1.</summary>
    public const double A1 = 0.372;
    /// <summary>Desilets 2010 a2.</summary>
    public const double A2 = 0.115;

    /// <summary>θ_v (cm³/cm³) from corrected counts (NaN stays NaN; counts at or below a1·N0 give NaN).</summary>
    public static double ThetaFromCounts(double correctedCounts, double n0, SoilHydrogen soil)
    {
        ArgumentNullException.ThrowIfNull(soil);
        double x = correctedCounts / n0 - A1;
        if (!(x > 0)) return double.NaN;
        return (A0 / x - A2 - soil.LatticeWaterGramsPerGram - soil.SocWaterEquivalentGramsPerGram) * soil.BulkDensityGramsPerCm3;
    }

    /// <summary>N0 solving θ(N; N0) = θ exactly: N0 = N / (a0 / (θ/ρ_b + a2 + w_lat + w_soc) + a1).</summary>
    public static double CalibrateN0(double meanCorrectedCounts, double fieldThetaCm3PerCm3, SoilHydrogen soil)
    {
        ArgumentNullException.ThrowIfNull(soil);
        Check.Positive(meanCorrectedCounts, nameof(meanCorrectedCounts));
        double g = fieldThetaCm3PerCm3 / soil.BulkDensityGramsPerCm3 + A2 + soil.LatticeWaterGramsPerGram + soil.SocWaterEquivalentGramsPerGram;
        return meanCorrectedCounts / (A0 / g + A1);
    }

    /// <summary>
    /// θ with the counting uncertainty propagated: counts are Poisson, σ_N = √N over the counting interval
    /// (Zreda et al. 2012 §3), and θ is evaluated at N ∓ σ_N (the curve is convex, so the band is asymmetric;
    /// Jakobi et al. 2020, WRR 56, e2019WR026479, Eq. 5 gives the same to first order).
    /// </summary>
    /// <param name="correctedCounts">Corrected counts per record (a mean over <paramref name="records"/> records).</param>
    /// <param name="n0">N0 (counts per record).</param>
    /// <param name="soil">Soil hydrogen pools.</param>
    /// <param name="records">Records averaged: σ of the mean is √(N / records).</param>
    public static ThetaWithUncertainty ThetaWithCountingUncertainty(double correctedCounts, double n0, SoilHydrogen soil, int records = 1)
    {
        Check.Positive(records, nameof(records));
        double s = Math.Sqrt(Math.Max(0, correctedCounts) / records);
        return new ThetaWithUncertainty(ThetaFromCounts(correctedCounts, n0, soil), ThetaFromCounts(correctedCounts + s, n0, soil),
            ThetaFromCounts(correctedCounts - s, n0, soil));
    }

    /// <summary>First-order σ_θ = |dθ/dN| √N with dθ/dN = −ρ_b a0 / (N0 (N/N0 − a1)²).</summary>
    public static double ThetaStandardError(double correctedCounts, double n0, SoilHydrogen soil)
    {
        ArgumentNullException.ThrowIfNull(soil);
        double x = correctedCounts / n0 - A1;
        return soil.BulkDensityGramsPerCm3 * A0 / (n0 * x * x) * Math.Sqrt(correctedCounts);
    }
}
