namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>
/// The ONE soil–reflectance–SAR model of the synthetic twins: the S2MoS point twin (<see cref="S2MosPointTwin"/>) and the
/// scene simulator (<see cref="SceneSimulator"/>) both call it, so a model trained on twin points and applied to simulated
/// scenes meets the same physics (only the soils and the crop calendars differ between the two areas).
/// </summary>
/// <remarks>
/// <para><b>Dry soil</b>: <see cref="SoilSpectrum.Dry"/> (albedo non-monotonic in clay, Al-OH absorption in B12 and weakly in
/// B11, iron oxides, carbonate, brightness and per-band nuisance).</para>
/// <para><b>Moisture</b>: point/pixel mean θ̄ = clamp(0.16 + 0.0004·(clay − 25) + 0.05·z, 0.03, 0.38) (clay holds water);
/// per date θ = clamp(θ̄ + 0.05·cos(2π(doy − 30)/365) + 0.05·e, 0.02, 0.45).</para>
/// <para><b>Roughness</b> index r = clamp(0.22 + offset + 0.45·exp(−Δt/40 d) + 0.08·e, 0.02, 1) with Δt the days since the last
/// tillage (no tillage: Δt = ∞) and a per-point offset ≈ 0.0005·(clay − 25) + 0.1·z.</para>
/// <para><b>Surface reflectance</b>: soil R = R⁰·exp(−kₖ·θ)·(1 − 0.2·r) (Lobell &amp; Asner 2002), linear mixture with dry
/// residue (cover f_r) and green vegetation (f_v) end-members, times an atmospheric residual.</para>
/// <para><b>SAR</b> (dB, soil part): VV = −15 + 20·(θ − 0.2) + 4.5·(r − 0.35) − 2·f_r; VH = VV − 7 − 1.5·(r − 0.35) + 4·f_r;
/// green vegetation mixes in linearly (−11 / −17 dB); speckle and residual noise N(0, 1²) VV, N(0, 1.2²) VH.</para>
/// </remarks>
public static class SoilSceneModel
{
    /// <summary>A point's or pixel's mean surface moisture, m³/m³, from its clay (%) and a standard normal draw.</summary>
    public static double MeanMoisture(double clayPercent, double z) => Math.Clamp(0.16 + 0.0004 * (clayPercent - 25) + 0.05 * z, 0.03, 0.38);

    /// <summary>Surface moisture on a day of year, m³/m³, from the mean and a standard normal anomaly.</summary>
    public static double Moisture(double mean, int dayOfYear, double anomaly) =>
        Math.Clamp(mean + 0.05 * Math.Cos(2 * Math.PI * (dayOfYear - 30) / 365.0) + 0.05 * anomaly, 0.02, 0.45);

    /// <summary>A point's roughness offset from its clay (%) and a standard normal draw.</summary>
    public static double RoughnessOffset(double clayPercent, double z) => 0.0005 * (clayPercent - 25) + 0.1 * z;

    /// <summary>Roughness index 0–1 some days after tillage (<see cref="double.PositiveInfinity"/> = never tilled).</summary>
    public static double Roughness(double offset, double daysSinceTillage, double noise) =>
        Math.Clamp(0.22 + offset + 0.45 * Math.Exp(-daysSinceTillage / 40.0) + 0.08 * noise, 0.02, 1);

    /// <summary>
    /// Writes the surface reflectance (10 bands B02 … B12, before additive sensor noise) of a soil with dry spectrum
    /// <paramref name="dry"/> under moisture θ, roughness r, residue cover and green cover into <paramref name="destination"/>.
    /// </summary>
    public static void Surface(ReadOnlySpan<double> dry, double moisture, double roughness, double residueCover, double greenCover,
        double atmosphere, Span<double> destination)
    {
        double fs = Math.Max(0, 1 - residueCover - greenCover);
        for (int k = 0; k < 10; k++)
        {
            double soil = dry[k] * Math.Exp(-SoilSpectrum.WaterK[k] * moisture) * (1 - 0.2 * roughness);
            destination[k] = (fs * soil + residueCover * SoilSpectrum.Residue[k] + greenCover * SoilSpectrum.Green[k]) * atmosphere;
        }
    }

    /// <summary>Sentinel-1 VV and VH backscatter (dB) of the surface, with standard normal noise draws.</summary>
    public static (double Vv, double Vh) Backscatter(double moisture, double roughness, double residueCover, double greenCover,
        double noiseVv, double noiseVh)
    {
        double soilVv = -15 + 20 * (moisture - 0.2) + 4.5 * (roughness - 0.35) - 2 * residueCover;
        double soilVh = soilVv - 7 - 1.5 * (roughness - 0.35) + 4 * residueCover;
        double g = Math.Clamp(greenCover, 0, 1);
        double vv = 10 * Math.Log10(g * Math.Pow(10, -1.1) + (1 - g) * Math.Pow(10, soilVv / 10)) + noiseVv;
        double vh = 10 * Math.Log10(g * Math.Pow(10, -1.7) + (1 - g) * Math.Pow(10, soilVh / 10)) + 1.2 * noiseVh;
        return (Math.Clamp(vv, -30, 0), Math.Clamp(vh, -38, -3));
    }
}
