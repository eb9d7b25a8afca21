namespace SoilNotebooks.Moisture;

/// <summary>Theory of the atmospheric-pressure correction.</summary>
public enum PressureTheory
{
    /// <summary>No correction (factor 1).</summary>
    None,
    /// <summary>Zreda et al. 2012 (HESS 16, 4079, Eq. 5): f = exp((P − P_ref) / L), L the attenuation length in g/cm²
    /// (1 hPa taken as 1 g/cm² of air, as crnpy does).</summary>
    Zreda2012,
    /// <summary>Desilets 2021 (Hydroinnova Technical Document 21-01, doi:10.5281/zenodo.4569062): f = exp(β (P − P_ref))
    /// with a site β coefficient in 1/hPa: supplied, or from latitude, elevation and cutoff rigidity with
    /// <see cref="NeutronCorrections.BetaDesilets2021"/> (<see cref="CorrectionOptions.ForSiteDesilets2021"/>).</summary>
    Desilets2021,
}

/// <summary>Theory of the air-humidity correction.</summary>
public enum HumidityTheory
{
    /// <summary>No correction (factor 1).</summary>
    None,
    /// <summary>Rosolem et al. 2013 (J. Hydrometeorol. 14, 1659, Eq. 6): f = 1 + 0.0054 (h − h_ref), h absolute humidity in g/m³.</summary>
    Rosolem2013,
}

/// <summary>Theory of the incoming cosmic-ray intensity correction.</summary>
public enum IncomingTheory
{
    /// <summary>No correction (factor 1).</summary>
    None,
    /// <summary>Zreda et al. 2012 (Eq. 6): f = I_ref / I, with I a neutron-monitor count rate.</summary>
    Zreda2012,
    /// <summary>Hawdon et al. 2014 (WRR 50, 5029, Eqs. 4–5): f = 1 / (1 + R_corr (I / I_ref − 1)),
    /// R_corr = 1 − 0.075 (R_c − R_c,monitor), cutoff rigidities in GV.</summary>
    Hawdon2014,
}

/// <summary>The theory of each correction and its parameters (neptoon-style: one choice per correction).</summary>
/// <param name="Pressure">Pressure theory (default Zreda 2012).</param>
/// <param name="ReferencePressureHPa">Reference pressure, hPa (crnpy's KS003 example: 976).</param>
/// <param name="AttenuationLengthGramsPerCm2">Attenuation length L of Zreda 2012, g/cm² (crnpy's example: 130).</param>
/// <param name="BetaPerHPa">β of Desilets 2021, 1/hPa (≈ 1/L).</param>
/// <param name="Humidity">Humidity theory (default Rosolem 2013).</param>
/// <param name="ReferenceAbsoluteHumidityGramsPerM3">Reference absolute humidity, g/m³ (crnpy's example: 0).</param>
/// <param name="Incoming">Incoming-intensity theory (default None: no monitor series is embedded).</param>
/// <param name="SiteCutoffRigidityGV">Cutoff rigidity of the site, GV (Hawdon 2014).</param>
/// <param name="MonitorCutoffRigidityGV">Cutoff rigidity of the reference monitor, GV (Jungfraujoch: 4.49).</param>
/// <param name="BiomassKgPerM2">Above-ground dry biomass, kg/m² (Baatz 2015; 0 = no correction).</param>
public sealed record CorrectionOptions(
    PressureTheory Pressure = PressureTheory.Zreda2012,
    double ReferencePressureHPa = CorrectionOptions.DefaultReferencePressureHPa,
    double AttenuationLengthGramsPerCm2 = CorrectionOptions.DefaultAttenuationLengthGramsPerCm2,
    double BetaPerHPa = 1.0 / CorrectionOptions.DefaultAttenuationLengthGramsPerCm2,
    HumidityTheory Humidity = HumidityTheory.Rosolem2013,
    double ReferenceAbsoluteHumidityGramsPerM3 = 0,
    IncomingTheory Incoming = IncomingTheory.None,
    double SiteCutoffRigidityGV = double.NaN,
    double MonitorCutoffRigidityGV = NeutronCorrections.JungfraujochCutoffRigidityGV,
    double BiomassKgPerM2 = 0)
{
    /// <summary>crnpy's KS003 reference pressure, hPa.</summary>
    public const double DefaultReferencePressureHPa = 976;

    /// <summary>crnpy's attenuation length, g/cm².</summary>
    public const double DefaultAttenuationLengthGramsPerCm2 = 130;

    /// <summary>
    /// Desilets 2021 pressure correction with β computed from the site (<see cref="NeutronCorrections.BetaDesilets2021"/>)
    /// and the other corrections as the defaults (Rosolem 2013 humidity, reference 0; no incoming correction).
    /// </summary>
    /// <param name="latitudeDegrees">Site latitude, degrees.</param>
    /// <param name="elevationMeters">Site elevation, m.</param>
    /// <param name="cutoffRigidityGV">Site cutoff rigidity, GV.</param>
    /// <param name="referencePressureHPa">Reference pressure of the correction, hPa.</param>
    /// <param name="meanPressureHPa">The site's mean pressure, hPa (NaN: the standard atmosphere at the elevation).</param>
    public static CorrectionOptions ForSiteDesilets2021(double latitudeDegrees, double elevationMeters, double cutoffRigidityGV,
        double referencePressureHPa, double meanPressureHPa = double.NaN) =>
        new(PressureTheory.Desilets2021, referencePressureHPa,
            BetaPerHPa: NeutronCorrections.BetaDesilets2021(latitudeDegrees, elevationMeters, cutoffRigidityGV, meanPressureHPa),
            SiteCutoffRigidityGV: cutoffRigidityGV);
}

/// <summary>The correction factors of one record (multipliers: N_corrected = N_raw · Pressure · Humidity · Incoming · Biomass).</summary>
/// <param name="Pressure">Pressure factor.</param>
/// <param name="Humidity">Humidity factor.</param>
/// <param name="Incoming">Incoming-intensity factor.</param>
/// <param name="Biomass">Biomass factor.</param>
public readonly record struct CorrectionFactors(double Pressure, double Humidity, double Incoming, double Biomass)
{
    /// <summary>Product of the four factors.</summary>
    public double Total => Pressure * Humidity * Incoming * Biomass;
}

/// <summary>
/// Corrections of epithermal neutron counts for atmospheric pressure, air humidity, incoming cosmic-ray intensity and
/// biomass. Every factor is a multiplier applied to the raw counts, so N_corr = N_raw · f_p · f_h · f_i · f_b
/// (crnpy writes the same as N_raw · f_w / (f_p' · f_i') with reciprocal pressure and intensity factors).
/// </summary>
public static class NeutronCorrections
{
    /// <summary>Cutoff rigidity of the Jungfraujoch neutron monitor, GV (Hawdon et al. 2014).</summary>
    public const double JungfraujochCutoffRigidityGV = 4.49;

    /// <summary>
    /// Saturation vapour pressure over water, hPa: 6.11 exp(17.502 T / (T + 240.97)) (Campbell &amp; Norman 1998,
    /// Environmental Biophysics, Eq. 3.8, there in kPa: 0.611 …).
    /// </summary>
    public static double SaturationVapourPressureHPa(double airTemperatureCelsius) =>
        6.11 * Math.Exp(17.502 * airTemperatureCelsius / (airTemperatureCelsius + 240.97));

    /// <summary>
    /// Absolute humidity, g/m³, from air temperature and relative humidity: ρ_v = 2.16679 · e / (T + 273.15) with the
    /// vapour pressure e = RH/100 · e_s(T) in Pa (ideal gas, R_v = 461.5 J/(kg K); Rosolem et al. 2013; crnpy's
    /// <c>estimate_abs_humidity</c> uses the same constants).
    /// </summary>
    public static double AbsoluteHumidityGramsPerM3(double airTemperatureCelsius, double relativeHumidityPercent) =>
        2.16679 * (relativeHumidityPercent / 100 * SaturationVapourPressureHPa(airTemperatureCelsius) * 100) / (airTemperatureCelsius + 273.15);

    /// <summary>Zreda et al. 2012, Eq. 5: exp((P − P_ref) / L), P in hPa, L in g/cm².</summary>
    public static double PressureFactorZreda2012(double pressureHPa, double referencePressureHPa = CorrectionOptions.DefaultReferencePressureHPa,
        double attenuationLengthGramsPerCm2 = CorrectionOptions.DefaultAttenuationLengthGramsPerCm2)
    {
        Check.Positive(attenuationLengthGramsPerCm2, nameof(attenuationLengthGramsPerCm2));
        return Math.Exp((pressureHPa - referencePressureHPa) / attenuationLengthGramsPerCm2);
    }

    /// <summary>Desilets 2021 (Hydroinnova TD 21-01): exp(β (P − P_ref)), β in 1/hPa (<see cref="BetaDesilets2021"/>).</summary>
    public static double PressureFactorDesilets2021(double pressureHPa, double referencePressureHPa, double betaPerHPa) =>
        Math.Exp(betaPerHPa * (pressureHPa - referencePressureHPa));

    /// <summary>The standard-atmosphere pressure at an elevation, hPa: 1013.25 (1 − 2.25577·10⁻⁵ h)^5.25588 (the mean
    /// pressure Desilets 2021 uses when a site's own is not given).</summary>
    public static double StandardPressureHPa(double elevationMeters)
    {
        Check.InRange(elevationMeters, -500, 9000, nameof(elevationMeters));
        return 1013.25 * Math.Pow(1 - 2.25577e-5 * elevationMeters, 5.25588);
    }

    /// <summary>
    /// Local gravity, m/s², as Desilets 2021 computes it for the atmospheric depth: the 1967 international gravity formula
    /// 978032.7 (1 + 0.0053024 sin²φ − 0.0000058 sin²2φ) mGal, with the free-air (−0.3087691 mGal/m) and Bouguer
    /// (0.04193 ρ mGal/m, ρ = 2.67 g/cm³) terms at the height z that the technical document derives from the pressure P
    /// (hPa) by the cubic z = −4.48211·10⁻⁶ P³ + 0.0160234 P² − 27.0977 P + 15666.1 m.
    /// </summary>
    public static double LocalGravityMetersPerS2(double latitudeDegrees, double pressureHPa)
    {
        Check.InRange(latitudeDegrees, -90, 90, nameof(latitudeDegrees));
        double z = ((-0.00000448211 * pressureHPa + 0.0160234) * pressureHPa - 27.0977) * pressureHPa + 15666.1;
        double phi = latitudeDegrees * Math.PI / 180, s1 = Math.Sin(phi), s2 = Math.Sin(2 * phi);
        double mgal = 978032.7 * (1 + 0.0053024 * s1 * s1 - 0.0000058 * s2 * s2) - 0.3087691 * z + 0.04193 * 2.67 * z;
        return mgal / 1e5;
    }

    /// <summary>
    /// β of the Desilets 2021 pressure correction, 1/hPa, from the site (Desilets, Hydroinnova Technical Document 21-01,
    /// doi:10.5281/zenodo.4569062): the attenuation coefficient 1/Λ(x, R_c) of Desilets &amp; Zreda 2003 (Earth Planet.
    /// Sci. Lett. 206, 21–42, their fit of the neutron elevation scaling),
    /// 1/Λ = n / (1 + e^(−α R_c^k)) + (b₀ + b₁R_c + b₂R_c²) x + (b₃ + b₄R_c + b₅R_c²) x² + (b₆ + b₇R_c + b₈R_c²) x³
    /// (n = 0.01231386, α = 0.0554611, k = 0.6012159, b₀…b₈ as the document), averaged between the site's mean pressure
    /// x₀ (hPa) and its atmospheric depth x = x₀ / (g / 10) (g/cm², g from <see cref="LocalGravityMetersPerS2"/>):
    /// β = |∫ 1/Λ dx from x₀ to x| / |x − x₀|, the integral in closed form. Typical values are 0.0072–0.0075 at mid
    /// latitudes (1/β ≈ 135 g/cm², close to crnpy's constant L = 130), lower at high cutoff rigidity. The published
    /// implementations write the x³ term's 1/3 as 0.3333; this uses 1/3 (β differs by less than 3·10⁻⁶ 1/hPa). Checked
    /// against an independent script, tests/SoilNotebooks.Tests/Moisture/Reference/desilets2021_beta.py.
    /// </summary>
    /// <param name="latitudeDegrees">Latitude, degrees (−90 to 90).</param>
    /// <param name="elevationMeters">Elevation, m.</param>
    /// <param name="cutoffRigidityGV">Cutoff rigidity R_c, GV (0–20).</param>
    /// <param name="meanPressureHPa">The site's mean pressure, hPa (NaN: <see cref="StandardPressureHPa"/> of the elevation).</param>
    public static double BetaDesilets2021(double latitudeDegrees, double elevationMeters, double cutoffRigidityGV, double meanPressureHPa = double.NaN)
    {
        Check.InRange(cutoffRigidityGV, 0, 20, nameof(cutoffRigidityGV));
        double x0 = double.IsNaN(meanPressureHPa) ? StandardPressureHPa(elevationMeters) : Check.InRange(meanPressureHPa, 300, 1100, nameof(meanPressureHPa));
        double x = x0 / (LocalGravityMetersPerS2(latitudeDegrees, x0) / 10);
        double rc = cutoffRigidityGV;
        double c1 = 0.01231386 / (1 + Math.Exp(-0.0554611 * Math.Pow(rc, 0.6012159)));
        double c2 = 4.74235e-06 - 9.66624e-07 * rc + 1.42783e-09 * rc * rc;
        double c3 = -3.70478e-09 + 1.27739e-09 * rc + 3.58814e-11 * rc * rc;
        double c4 = -3.146e-15 - 3.5528e-13 * rc - 4.29191e-14 * rc * rc;
        double integral = c1 * (x - x0) + c2 / 2 * (x * x - x0 * x0) + c3 / 3 * (x * x * x - x0 * x0 * x0)
            + c4 / 4 * (x * x * x * x - x0 * x0 * x0 * x0);
        return Math.Abs(integral / (x - x0));
    }

    /// <summary>Rosolem et al. 2013, Eq. 6: 1 + 0.0054 (h − h_ref), h in g/m³.</summary>
    public static double HumidityFactorRosolem2013(double absoluteHumidityGramsPerM3, double referenceGramsPerM3 = 0) =>
        1 + 0.0054 * (absoluteHumidityGramsPerM3 - referenceGramsPerM3);

    /// <summary>Zreda et al. 2012, Eq. 6: I_ref / I.</summary>
    public static double IncomingFactorZreda2012(double incomingCountRate, double referenceCountRate) =>
        referenceCountRate / incomingCountRate;

    /// <summary>
    /// Hawdon et al. 2014, Eqs. 4–5: the monitor's relative change scaled to the site by R_corr = 1 − 0.075 (R_c,site −
    /// R_c,monitor); factor 1 / (1 + R_corr (I / I_ref − 1)).
    /// </summary>
    public static double IncomingFactorHawdon2014(double incomingCountRate, double referenceCountRate, double siteCutoffRigidityGV,
        double monitorCutoffRigidityGV = JungfraujochCutoffRigidityGV)
    {
        double rcorr = 1 - 0.075 * (siteCutoffRigidityGV - monitorCutoffRigidityGV);
        return 1 / (1 + rcorr * (incomingCountRate / referenceCountRate - 1));
    }

    /// <summary>
    /// Baatz et al. 2015 (WRR 51, 5030): counts fall by 0.9 % per kg/m² of dry above-ground biomass, so the factor that
    /// returns them to bare-soil conditions is 1 / (1 − 0.009 B).
    /// </summary>
    public static double BiomassFactorBaatz2015(double biomassKgPerM2)
    {
        Check.InRange(biomassKgPerM2, 0, 100, nameof(biomassKgPerM2));
        return 1 / (1 - 0.009 * biomassKgPerM2);
    }

    /// <summary>The factors of one record under <paramref name="options"/> (incoming NaN → factor 1).</summary>
    public static CorrectionFactors Factors(double pressureHPa, double airTemperatureCelsius, double relativeHumidityPercent,
        double incomingCountRate, double referenceIncomingCountRate, CorrectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double fp = options.Pressure switch
        {
            PressureTheory.Zreda2012 => PressureFactorZreda2012(pressureHPa, options.ReferencePressureHPa, options.AttenuationLengthGramsPerCm2),
            PressureTheory.Desilets2021 => PressureFactorDesilets2021(pressureHPa, options.ReferencePressureHPa, options.BetaPerHPa),
            _ => 1,
        };
        double fh = options.Humidity == HumidityTheory.Rosolem2013
            ? HumidityFactorRosolem2013(AbsoluteHumidityGramsPerM3(airTemperatureCelsius, relativeHumidityPercent), options.ReferenceAbsoluteHumidityGramsPerM3)
            : 1;
        bool haveIncoming = double.IsFinite(incomingCountRate) && double.IsFinite(referenceIncomingCountRate);
        double fi = !haveIncoming ? 1 : options.Incoming switch
        {
            IncomingTheory.Zreda2012 => IncomingFactorZreda2012(incomingCountRate, referenceIncomingCountRate),
            IncomingTheory.Hawdon2014 => double.IsFinite(options.SiteCutoffRigidityGV)
                ? IncomingFactorHawdon2014(incomingCountRate, referenceIncomingCountRate, options.SiteCutoffRigidityGV, options.MonitorCutoffRigidityGV)
                : throw new ArgumentException("Hawdon 2014 needs SiteCutoffRigidityGV.", nameof(options)),
            _ => 1,
        };
        double fb = options.BiomassKgPerM2 > 0 ? BiomassFactorBaatz2015(options.BiomassKgPerM2) : 1;
        return new CorrectionFactors(fp, fh, fi, fb);
    }
}
