using SoilNotebooks.Moisture;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Studies.Crns;

/// <summary>Sizes of a run of the CRNS notebook.</summary>
/// <param name="Sites">Twin sites.</param>
/// <param name="Days">Twin days from 2015-01-01 (1461 = 2015–2018, so the 2018 drought is in).</param>
/// <param name="Trees">Trees per forest.</param>
public sealed record CrnsSizes(int Sites, int Days, int Trees)
{
    /// <summary>quick: 12 sites × 4 years, 50 trees; full: the slides' 52 sites × 6 years, 500 trees.</summary>
    public static CrnsSizes For(string mode) => mode switch
    {
        "quick" => new(12, 1461, 50),
        "full" => new(52, 2192, Defaults.Trees),
        _ => throw new ArgumentException($"mode must be \"quick\" or \"full\" (got \"{mode}\")."),
    };
}

/// <summary>One row of the calibration table.</summary>
/// <param name="Weighting">Weighting.</param>
/// <param name="FieldThetaCm3PerCm3">Weighted field θ.</param>
/// <param name="FieldBulkDensityGramsPerCm3">Weighted bulk density.</param>
/// <param name="MeanCorrectedCounts">Mean corrected counts (per hour) during the survey.</param>
/// <param name="MeanAbsoluteHumidityGramsPerM3">Mean absolute humidity used for the weights.</param>
/// <param name="N0">Calibrated N0 (counts per hour).</param>
/// <param name="Iterations">Weighting iterations.</param>
public sealed record CalibrationRow(string Weighting, double FieldThetaCm3PerCm3, double FieldBulkDensityGramsPerCm3, double MeanCorrectedCounts,
    double MeanAbsoluteHumidityGramsPerM3, double N0, int Iterations)
{
    /// <summary>The row of a result.</summary>
    public static CalibrationRow Of(CalibrationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Weighting == FootprintWeighting.Kohli2015 ? "Köhli 2015" : "Schrön 2017", r.Field.ThetaCm3PerCm3, r.Field.BulkDensityGramsPerCm3,
            r.MeanCorrectedCounts, r.MeanAbsoluteHumidityGramsPerM3, r.N0, r.Field.Iterations);
    }
}

/// <summary>The steps of the CRNS notebook that need more than one call.</summary>
public static class CrnsStudy
{
    /// <summary>The KS003 survey calibrated with both weightings (Köhli 2015, then Schrön 2017).</summary>
    public static IReadOnlyList<CalibrationResult> CalibrateBoth(CorrectedCounts counts, SampleSeries cores) =>
        [CrnsStation.Calibrate(counts, cores, CrnsPaper.Ks003Calibration(FootprintWeighting.Kohli2015)),
         CrnsStation.Calibrate(counts, cores, CrnsPaper.Ks003Calibration(FootprintWeighting.Schron2017))];

    /// <summary>R86 (m) per θ window: the window's mean absolute humidity and pressure, θ clipped to 0.01–0.6.</summary>
    public static double[] RadiusOverTime(CorrectedCounts counts, ThetaSeries theta, int records)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(theta);
        return Enumerable.Range(0, theta.Times.Count).Select(w =>
        {
            var rows = Enumerable.Range(w * records, records).ToArray();
            double h = rows.Average(i => counts.AbsoluteHumidityGramsPerM3[i]), p = rows.Average(i => counts.PressureHPa[i]);
            double t = theta.ThetaCm3PerCm3[w];
            return double.IsFinite(t) ? Footprint.RadiusR86Meters(Math.Clamp(h, 0.1, 50), Math.Clamp(t, 0.01, 0.6), p) : double.NaN;
        }).ToArray();
    }

    /// <summary>The "what was reproduced" table: the slides' claims beside our numbers.</summary>
    public static IReadOnlyList<CrnsClaim> Claims(IReadOnlyList<CalibrationResult> calibrations, ProductComparison products, EmulatorResult emulator,
        IReadOnlyList<SubPixelSkill>? subPixel = null)
    {
        ArgumentNullException.ThrowIfNull(calibrations);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(emulator);
        var med = products.Medians.ToDictionary(m => m.Product);
        var k = calibrations[0];
        var byR = products.Medians.OrderByDescending(m => m.PearsonR).Select(m => m.Product).ToArray();
        var jja = products.PerSeason.Where(s => s.Group == "JJA").ToDictionary(s => s.Product);
        var absBias = products.PerSeason.GroupBy(s => s.Product).Select(g => (g.Key, Peak: g.MaxBy(s => Math.Abs(s.BiasCm3PerCm3))!.Group)).ToArray();
        int summerPeaks = absBias.Count(a => a.Peak == "JJA");
        double rSite = ProductSkillMetrics.Median(emulator.PerSite.Select(s => s.PearsonR));
        double rLoso = emulator.LeaveSiteOut.Metrics.PearsonR;
        string F(double v) => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            new("1", "crnpy's KS003 example: field θ 0.263, 1546 counts, N0 2650 (Köhli weights)",
                $"θ {k.Field.ThetaCm3PerCm3:0.000}, {k.MeanCorrectedCounts:0} counts, N0 {k.N0:0}; Schrön 2017: θ {calibrations[1].Field.ThetaCm3PerCm3:0.000}, N0 {calibrations[1].N0:0}",
                Math.Round(k.N0) is >= 2645 and <= 2655 ? "yes" : "no", "real data; crnpy's incoming correction (NMDB download) is left out: no monitor series offline"),
            new("2", CrnsPaper.SlideClaims[1], $"median r SSM {F(med["S1 SSM"].PearsonR)} → SWI {F(med["SWI"].PearsonR)}",
                med["SWI"].PearsonR > med["S1 SSM"].PearsonR ? "yes" : "no", "the twin's CRNS is a fixed mix of a surface and a root-zone layer, as the vertical-support argument assumes"),
            new("3", CrnsPaper.SlideClaims[0], $"ranking by median r: {string.Join(" > ", byR)}",
                byR.Take(3).Contains("Model (ERA5-Land L2)") ? "partly" : "no",
                "twin products are built from the twin's own layers; their ranking follows our noise choices, not the real sensors"),
            new("3", CrnsPaper.SlideClaims[2], $"|bias| peaks in JJA for {summerPeaks} of {absBias.Length} products; bias trends (m³/m³ per year): " +
                string.Join(", ", products.BiasTrendPerYear.Select(kv => $"{kv.Key} {kv.Value:+0.0000;-0.0000}")),
                summerPeaks == absBias.Length ? "yes" : summerPeaks > 0 ? "partly" : "no", "the twin has one imposed drought (2018); trends over 4–6 twin years are weak evidence"),
            new("4", CrnsPaper.SlideClaims[4], $"per-site RF: median r {F(rSite)}, RMSE {ProductSkillMetrics.Median(emulator.PerSite.Select(s => s.RmseCm3PerCm3)):0.000}; leave-site-out r {F(rLoso)}",
                rSite > 0.8 ? "yes" : rSite > 0.6 ? "partly" : "no", "the twin's CRNS is a smooth function of its predictors' truth; real sites add land-use and sensor effects"),
            subPixel is { Count: > 0 }
                ? new("5", CrnsPaper.SlideClaims[5], $"RMSE against the true 1 km pixel: direct {Median(subPixel, x => x.DirectRmseCm3PerCm3):0.000}, " +
                    $"sub-pixel {Median(subPixel, x => x.SubPixelRmseCm3PerCm3):0.000} (CRNS as the pixel: {Median(subPixel, x => x.CrnsVsPixelRmseCm3PerCm3):0.000}); " +
                    $"sub-pixel better at {subPixel.Count(x => x.SubPixelRmseCm3PerCm3 < x.DirectRmseCm3PerCm3)} of {subPixel.Count} sites",
                    subPixel.Count(x => x.SubPixelRmseCm3PerCm3 < x.DirectRmseCm3PerCm3) * 2 > subPixel.Count ? "yes (twin)" : "no (twin)",
                    "a twin of 4 × 4 sub-pixels with an invented wetness pattern; real sub-1 km predictors (Sentinel-1 at 20 m, texture maps) are not here")
                : new("5", CrnsPaper.SlideClaims[5], "not run", "not assessed", "CrnsSubPixel.Run was not called"),
            new("6", CrnsPaper.SlideClaims[6], "not done", "not assessed", "needs an ERA5-Land-like field off the sites; not built in this version"),
        ];
    }

    /// <summary>The results.json sections of the run (keys as the issue lists them).</summary>
    public static IReadOnlyDictionary<string, object?> Results(IReadOnlyList<CalibrationResult> calibrations, ProductComparison products, EmulatorResult emulator,
        IReadOnlyList<SubPixelSkill>? subPixel = null)
    {
        ArgumentNullException.ThrowIfNull(calibrations);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(emulator);
        var k = calibrations.First(c => c.Weighting == FootprintWeighting.Kohli2015);
        var s = calibrations.First(c => c.Weighting == FootprintWeighting.Schron2017);
        static Dictionary<string, double> Skill(double r, double rmse, double kge) => new() { ["r"] = r, ["rmse"] = rmse, ["kge"] = kge };
        return new Dictionary<string, object?>
        {
            ["calibration"] = new Dictionary<string, double>
            {
                ["n0_kohli2015"] = k.N0, ["n0_schron2017"] = s.N0,
                ["field_theta_v_kohli2015"] = k.Field.ThetaCm3PerCm3, ["field_theta_v_schron2017"] = s.Field.ThetaCm3PerCm3,
                ["mean_corrected_counts"] = k.MeanCorrectedCounts,
            },
            ["swi"] = products.Sites.ToDictionary(x => x.Site.SiteId, x => x.SwiTDays),
            ["products"] = products.Medians.ToDictionary(m => m.Product, m => new Dictionary<string, double>
                { ["r"] = m.PearsonR, ["bias"] = m.BiasCm3PerCm3, ["ubrmse"] = m.UbRmseCm3PerCm3, ["kge"] = m.Kge }),
            ["emulator"] = new Dictionary<string, object>
            {
                ["per_site"] = Skill(ProductSkillMetrics.Median(emulator.PerSite.Select(x => x.PearsonR)),
                    ProductSkillMetrics.Median(emulator.PerSite.Select(x => x.RmseCm3PerCm3)), ProductSkillMetrics.Median(emulator.PerSite.Select(x => x.Kge))),
                ["leave_site_out"] = Skill(emulator.LeaveSiteOut.Metrics.PearsonR, emulator.LeaveSiteOut.Metrics.Rmse, emulator.LeaveSiteOut.Metrics.Kge),
            },
            ["subpixel"] = subPixel is { Count: > 0 }
                ? new Dictionary<string, double>
                {
                    ["direct_rmse"] = Median(subPixel, x => x.DirectRmseCm3PerCm3), ["subpixel_rmse"] = Median(subPixel, x => x.SubPixelRmseCm3PerCm3),
                    ["crns_vs_pixel_rmse"] = Median(subPixel, x => x.CrnsVsPixelRmseCm3PerCm3), ["ssm_vs_crns_rmse"] = Median(subPixel, x => x.SsmVsCrnsRmseCm3PerCm3),
                    ["sites_improved"] = subPixel.Count(x => x.SubPixelRmseCm3PerCm3 < x.DirectRmseCm3PerCm3), ["sites"] = subPixel.Count,
                }
                : new Dictionary<string, string> { ["status"] = "not run" },
            ["pseudoproxy"] = new Dictionary<string, string> { ["status"] = "not implemented in this version" },
        };
    }

    private static double Median(IEnumerable<SubPixelSkill> s, Func<SubPixelSkill, double> f) => ProductSkillMetrics.Median(s.Select(f));
}
