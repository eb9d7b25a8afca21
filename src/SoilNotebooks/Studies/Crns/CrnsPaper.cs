using SoilNotebooks.Moisture;

namespace SoilNotebooks.Studies.Crns;

/// <summary>A claim of the slides (Schmidt, Schrön, Zacharias, Peng, UFZ, 28 September 2023) with what our run shows.</summary>
/// <param name="Step">Notebook step.</param>
/// <param name="Claim">The slides' statement.</param>
/// <param name="Ours">What our run gives.</param>
/// <param name="Reproduced">yes / partly / no / not assessed.</param>
/// <param name="Limits">What a twin can and cannot show here.</param>
public sealed record CrnsClaim(string Step, string Claim, string Ours, string Reproduced, string Limits);

/// <summary>
/// What the CRNS profile soil-moisture notebook needs of the paper and of crnpy's calibration example: presets and the
/// published numbers (Schmidt et al. 2023, "Gridded profile soil moisture through artificial intelligence", slides; no
/// code was published).
/// </summary>
public static class CrnsPaper
{
    /// <summary>Start of the KS003 soil survey (crnpy's example: 2021-10-22 08:00 local time).</summary>
    public static DateTime SurveyStart { get; } = new(2021, 10, 22, 8, 0, 0);

    /// <summary>End of the KS003 soil survey (2021-10-22 16:00).</summary>
    public static DateTime SurveyEnd { get; } = new(2021, 10, 22, 16, 0, 0);

    /// <summary>crnpy's example corrections: Zreda 2012 pressure (976 hPa, 130 g/cm²), Rosolem 2013 humidity (reference 0),
    /// no incoming correction (crnpy downloads NMDB data; no monitor service is reachable here).</summary>
    public static CorrectionOptions Ks003Corrections { get; } = new(PressureTheory.Zreda2012, 976, 130,
        Humidity: HumidityTheory.Rosolem2013, ReferenceAbsoluteHumidityGramsPerM3: 0, Incoming: IncomingTheory.None);

    /// <summary>The survey calibration with a weighting (lattice water 0.03, SOC 0.01 as in crnpy's example).</summary>
    public static CalibrationOptions Ks003Calibration(FootprintWeighting weighting) => new(SurveyStart, SurveyEnd, weighting, 0.03, 0.01);

    /// <summary>KS003's latitude, degrees (the station file's latitude column).</summary>
    public const double Ks003LatitudeDegrees = 38.2346;

    /// <summary>KS003's elevation, m (the station file's altitude column).</summary>
    public const double Ks003ElevationMeters = 455;

    /// <summary>crnpy's documented results of the example: field θ 0.263, mean corrected counts 1546, N0 2650.</summary>
    public static (double FieldTheta, double MeanCounts, double N0) CrnpyDocumented { get; } = (0.263, 1546, 2650);

    /// <summary>Training length of the Merzenhausen-like per-site emulator, years (slides: 2.4 years).</summary>
    public const double EmulatorTrainingYears = 2.4;

    /// <summary>The slides' qualitative claims (no numbers are given on the slides).</summary>
    public static IReadOnlyList<string> SlideClaims { get; } =
    [
        "Surface products capture seasonal variations well; best agreement with CRNS: model-based products, CCI Combined, SMAP L3E",
        "Vertical scale mismatch: better fit through an exponential filter (SWI)",
        "Biases peak in summer, with positive trends",
        "Products fail to replicate the deep dry-down (2018, cropland Schoeneseiffen)",
        "A 1D random forest captures CRNS soil moisture well (Merzenhausen, cropland, 2.4 years of training): high r, low error",
        "Sub-pixel scaling tackles the representativeness mismatch (next step)",
        "A pseudoproxy experiment with ERA5-Land validates off-site estimates (next step; 'not yet')",
        "The aim (title): gridded profile soil moisture from high-resolution remote-sensing covariates",
    ];
}
