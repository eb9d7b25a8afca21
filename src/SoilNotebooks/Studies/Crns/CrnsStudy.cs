using System.Globalization;
using SoilNotebooks.IO;
using SoilNotebooks.Moisture;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Studies.Crns;

/// <summary>Sizes of a run of the CRNS notebook.</summary>
/// <param name="Sites">Twin sites.</param>
/// <param name="Days">Twin days from 2015-01-01 (1461 = 2015–2018, so the 2018 drought is in).</param>
/// <param name="Trees">Trees per forest.</param>
/// <param name="PseudoproxySeeds">Field realisations of the pseudoproxy experiment (step 6).</param>
/// <param name="FieldCellDegrees">Grid cell of the ERA5-Land-like field, degrees.</param>
/// <param name="RegionKm">Side of the 1 km product's region, km (step 7).</param>
public sealed record CrnsSizes(int Sites, int Days, int Trees, int PseudoproxySeeds = 2, double FieldCellDegrees = 2, int RegionKm = 40)
{
    /// <summary>
    /// quick: 12 sites × 4 years, 50 trees, 2 pseudoproxy seeds on a 2° field, a 40 km × 40 km product; full: the slides'
    /// 52 sites × 6 years, 500 trees, 3 seeds on a 1° field, 80 km × 80 km. <paramref name="seeds"/> &gt; 0 overrides the
    /// mode's number of pseudoproxy seeds.
    /// </summary>
    public static CrnsSizes For(string mode, int seeds = 0)
    {
        Check.InRange(seeds, 0, 100, nameof(seeds));
        var s = mode switch
        {
            "quick" => new CrnsSizes(12, 1461, 50, 2, 2, 40),
            "full" => new CrnsSizes(52, 2192, Defaults.Trees, 3, 1, 80),
            _ => throw new ArgumentException($"mode must be \"quick\" or \"full\" (got \"{mode}\")."),
        };
        return seeds > 0 ? s with { PseudoproxySeeds = seeds } : s;
    }

    /// <summary>The pseudoproxy options of these sizes.</summary>
    public PseudoproxyOptions Pseudoproxy(int seed) => new(PseudoproxySeeds, Trees, seed, FieldCellDegrees);
}

/// <summary>KS003 calibrated with the Desilets 2021 pressure correction at one cutoff rigidity.</summary>
/// <param name="CutoffRigidityGV">The cutoff rigidity assumed, GV.</param>
/// <param name="BetaPerHPa">β from the site (38.2346° N, 455 m), 1/hPa.</param>
/// <param name="AttenuationLengthGramsPerCm2">1/β, g/cm² (crnpy's constant: 130).</param>
/// <param name="N0">N0 with Köhli 2015 weights (crnpy's Zreda 2012 setting gives 2650).</param>
/// <param name="FieldThetaCm3PerCm3">The weighted field θ (does not depend on the pressure correction).</param>
public sealed record DesiletsCalibrationRow(double CutoffRigidityGV, double BetaPerHPa, double AttenuationLengthGramsPerCm2, double N0,
    double FieldThetaCm3PerCm3);

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

    /// <summary>
    /// The KS003 calibration (Köhli 2015 weights) with the Desilets 2021 pressure correction, β computed from the station's
    /// latitude and elevation and each cutoff rigidity (the station file carries none), reference pressure 976 hPa as in
    /// crnpy's example; the humidity correction as there.
    /// </summary>
    public static IReadOnlyList<DesiletsCalibrationRow> CalibrateDesilets2021(SampleSeries station, SampleSeries cores, IReadOnlyList<double> cutoffRigiditiesGV)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(cores);
        ArgumentNullException.ThrowIfNull(cutoffRigiditiesGV);
        return cutoffRigiditiesGV.Select(rc =>
        {
            var o = CorrectionOptions.ForSiteDesilets2021(CrnsPaper.Ks003LatitudeDegrees, CrnsPaper.Ks003ElevationMeters, rc,
                CrnsPaper.Ks003Corrections.ReferencePressureHPa);
            var cal = CrnsStation.Calibrate(CrnsStation.Correct(station, o), cores, CrnsPaper.Ks003Calibration(FootprintWeighting.Kohli2015));
            return new DesiletsCalibrationRow(rc, o.BetaPerHPa, 1 / o.BetaPerHPa, cal.N0, cal.Field.ThetaCm3PerCm3);
        }).ToArray();
    }

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
        IReadOnlyList<SubPixelSkill>? subPixel = null, PseudoproxyResult? pseudoproxy = null, DailyProduct? product = null)
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
                string.Join(", ", products.BiasTrendPerYear.Select(kv => $"{kv.Key} {kv.Value:+0.0000;-0.0000;0.0000}")),
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
            pseudoproxy is null
                ? new("6", CrnsPaper.SlideClaims[6], "not run", "not assessed", "CrnsPseudoproxy.Run was not called")
                : PseudoproxyClaim(pseudoproxy),
            product is null
                ? new("7", CrnsPaper.SlideClaims[7], "not run", "not assessed", "CrnsDailyProduct.Build was not called")
                : new("7", CrnsPaper.SlideClaims[7],
                    $"{product.Daily.Width} × {product.Daily.Height} km, {product.Daily.DateCount} days of {product.Year}-{product.Month:00}: mean θ " +
                    $"{product.MeanThetaCm3PerCm3:0.000} m³/m³, anomaly {product.MeanAnomalyCm3PerCm3:+0.000;-0.000;0.000} against " +
                    $"{string.Join(", ", product.ReferenceYears)} (hidden truth {product.MeanTruthAnomalyCm3PerCm3:+0.000;-0.000;0.000}); RMSE against the hidden θ " +
                    $"{product.RmseCm3PerCm3:0.000}, of the anomaly map {product.AnomalyRmseCm3PerCm3:0.000}",
                    "done (twin)", "a twin region around one site; the forest learnt the twin's CRNS from predictors built by the same water balance, " +
                    "so the map's skill is an upper bound; the anomaly's reference is the period's other years, not a 30-year climatology"),
        ];
    }

    private static CrnsClaim PseudoproxyClaim(PseudoproxyResult p)
    {
        var o = p.Overall;
        var near = p.ByDistance.Where(b => b.Seeds > 0).ToArray();
        string I(FormattableString f) => FormattableString.Invariant(f);
        string trend = near.Length == 0 ? "" : "; KGE by distance, emulator | nearest site: " +
            string.Join(", ", near.Select(b => I($"{b.Bin} km {b.Kge:0.00} | {b.NearestSiteKge:0.00}")));
        double rho = p.SpearmanDistanceR.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        double rhoC = p.SpearmanDissimilarityR.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        string sd(double v) => double.IsFinite(v) ? I($" ± {v:0.00}") : "";
        var far = near.LastOrDefault();
        return new("6", CrnsPaper.SlideClaims[6],
            I($"off-site cells (site cells excluded), {p.Runs.Count} field seeds: emulator r {o.PearsonR:0.00}{sd(o.PearsonRSd)}, RMSE {o.RmseCm3PerCm3:0.000}, ") +
            I($"ubRMSE {o.UbRmseCm3PerCm3:0.000}, KGE {o.Kge:0.00}{sd(o.KgeSd)}; nearest site's series r {o.NearestSiteR:0.00}, KGE {o.NearestSiteKge:0.00}") +
            trend + I($"; Spearman ρ(distance, r) {rho:+0.00;-0.00;0.00}, ρ(climate dissimilarity, r) {rhoC:+0.00;-0.00;0.00}"),
            far is not null && far.PearsonR > far.NearestSiteR ? "done (twin)" : "done (twin); the emulator does not beat the nearest site far off",
            "the ERA5-Land-like truth and the predictors come from one water balance, so the relation the forest learns holds everywhere by " +
            "construction; off-site skill here measures how soils, climate and a smooth model offset transfer, not whether real Sentinel-1 relates to real ERA5-Land");
    }

    /// <summary>The results.json sections of the run (keys as the issue lists them).</summary>
    public static IReadOnlyDictionary<string, object?> Results(IReadOnlyList<CalibrationResult> calibrations, ProductComparison products, EmulatorResult emulator,
        IReadOnlyList<SubPixelSkill>? subPixel = null, PseudoproxyResult? pseudoproxy = null, DailyProduct? product = null)
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
            ["pseudoproxy"] = pseudoproxy is null ? new Dictionary<string, string> { ["status"] = "not run" } : PseudoproxyResults(pseudoproxy),
            ["product_1km"] = product is null ? new Dictionary<string, string> { ["status"] = "not run" } : new Dictionary<string, object?>
            {
                ["width_px"] = product.Daily.Width, ["height_px"] = product.Daily.Height, ["pixel_m"] = product.Daily.Grid.Transform.PixelWidth,
                ["crs"] = "EPSG:3035", ["year"] = product.Year, ["month"] = product.Month, ["days"] = product.Daily.DateCount,
                ["nodata_pixels"] = product.NoDataPixels, ["reference_years"] = product.ReferenceYears, ["swi_t_days"] = product.SwiTDays,
                ["mean_theta"] = Finite(product.MeanThetaCm3PerCm3), ["mean_anomaly"] = Finite(product.MeanAnomalyCm3PerCm3),
                ["mean_truth_anomaly"] = Finite(product.MeanTruthAnomalyCm3PerCm3), ["rmse_vs_truth"] = Finite(product.RmseCm3PerCm3),
                ["anomaly_rmse_vs_truth"] = Finite(product.AnomalyRmseCm3PerCm3),
                ["anomaly_reference"] = "the same month's mean in the period's other years",
            },
        };
    }

    /// <summary>The results.json section of the pseudoproxy experiment (bins with NaN or infinite edges written as null).</summary>
    public static IReadOnlyDictionary<string, object?> PseudoproxyResults(PseudoproxyResult p)
    {
        ArgumentNullException.ThrowIfNull(p);
        static Dictionary<string, object?> Bin(PseudoproxyBin b, string unit, double lower, double upper) => new()
        {
            ["bin"] = b.Bin, ["lower" + unit] = Finite(lower), ["upper" + unit] = Finite(upper), ["seeds"] = b.Seeds, ["cells"] = b.Cells,
            ["r"] = Finite(b.PearsonR), ["r_sd"] = Finite(b.PearsonRSd), ["rmse"] = Finite(b.RmseCm3PerCm3), ["rmse_sd"] = Finite(b.RmseSd),
            ["ubrmse"] = Finite(b.UbRmseCm3PerCm3), ["kge"] = Finite(b.Kge), ["kge_sd"] = Finite(b.KgeSd),
            ["nearest_site_r"] = Finite(b.NearestSiteR), ["nearest_site_kge"] = Finite(b.NearestSiteKge),
        };
        return new Dictionary<string, object?>
        {
            ["seeds"] = p.Runs.Select(r => r.Seed).ToArray(),
            ["cell_degrees"] = p.Options.CellDegrees, ["day_stride"] = p.Options.DayStride,
            ["training_sites"] = p.Runs[0].TrainingSites, ["training_rows"] = p.Runs.Select(r => r.TrainingRows).ToArray(),
            ["cells_scored"] = p.Runs.Select(r => r.Cells.Count).ToArray(), ["site_cells_excluded"] = p.Runs.Select(r => r.SiteCellsExcluded).ToArray(),
            ["swi_t_days"] = p.Runs.Select(r => r.SwiTDays).ToArray(),
            ["overall"] = Bin(p.Overall, "", 0, double.PositiveInfinity),
            ["by_distance"] = p.ByDistance.Select((b, i) => Bin(b, "_km", p.Options.DistanceEdgesKm[i], p.Options.DistanceEdgesKm[i + 1])).ToArray(),
            ["by_climate"] = p.ByDissimilarity.Select((b, i) => Bin(b, "", p.Options.DissimilarityEdges[i], p.Options.DissimilarityEdges[i + 1])).ToArray(),
            ["spearman_distance_r"] = p.SpearmanDistanceR.Select(Finite).ToArray(),
            ["spearman_dissimilarity_r"] = p.SpearmanDissimilarityR.Select(Finite).ToArray(),
        };
    }

    private static object? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>
    /// Key numbers of this run (its results.json sections, sizes and cell time) beside those of a recorded results.json,
    /// e.g. the full-mode run committed as notebooks/results/03-crns-full.json; the recorded values are read from the file,
    /// never typed in.
    /// </summary>
    public static IReadOnlyList<RunComparison> CompareWithRecorded(IReadOnlyDictionary<string, object?> thisRun, CrnsSizes sizes,
        TimeSpan cellTime, string recordedPath)
    {
        ArgumentNullException.ThrowIfNull(thisRun);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedPath);
        var now = RecordedRun.ToJson(thisRun).AsObject();
        now["sizes"] = RecordedRun.ToJson(sizes);
        now["seconds"] = cellTime.TotalSeconds;
        RecordedQuantity[] rows =
        [
            new("sites × days, trees", "{sizes.sites} × {sizes.days}, {sizes.trees}", "0"),
            new("N0, Köhli 2015 (crnpy: 2650)", "calibration.n0_kohli2015", "0"),
            new("median r against CRNS: S1 SSM", "products.S1 SSM.r", "0.00"),
            new("median r against CRNS: SWI", "products.SWI.r", "0.00"),
            new("emulator per site: median r", "emulator.per_site.r", "0.00"),
            new("emulator leave-site-out: r", "emulator.leave_site_out.r", "0.00"),
            new("emulator leave-site-out: KGE", "emulator.leave_site_out.kge", "0.00"),
            new("sub-pixel: RMSE direct / sub-pixel (m³/m³)", "subpixel.direct_rmse|subpixel.subpixel_rmse", "0.000"),
            new("pseudoproxy: field seeds", "pseudoproxy.seeds#", "0"),
            new("pseudoproxy: off-site r (± SD over seeds)", "pseudoproxy.overall.r±pseudoproxy.overall.r_sd", "0.00"),
            new("pseudoproxy: off-site KGE (± SD)", "pseudoproxy.overall.kge±pseudoproxy.overall.kge_sd", "0.00"),
            new("pseudoproxy: off-site RMSE (m³/m³)", "pseudoproxy.overall.rmse", "0.000"),
            new("pseudoproxy: nearest site's series KGE", "pseudoproxy.overall.nearest_site_kge", "0.00"),
            new("pseudoproxy: emulator KGE, nearest / farthest distance bin", "pseudoproxy.by_distance.first.kge|pseudoproxy.by_distance.last.kge", "0.00"),
            new("pseudoproxy: nearest-site KGE, nearest / farthest bin", "pseudoproxy.by_distance.first.nearest_site_kge|pseudoproxy.by_distance.last.nearest_site_kge", "0.00"),
            new("1 km product: region (px)", "product_1km.width_px", "0"),
            new("1 km product: mean anomaly / true anomaly (m³/m³)", "product_1km.mean_anomaly|product_1km.mean_truth_anomaly", "+0.000;-0.000;0.000"),
            new("1 km product: RMSE against the hidden θ (m³/m³)", "product_1km.rmse_vs_truth", "0.000"),
            new("cell time (s)", "seconds", "0"),
        ];
        return RecordedRun.Compare(now, RecordedRun.Load(recordedPath), rows);
    }

    private static double Median(IEnumerable<SubPixelSkill> s, Func<SubPixelSkill, double> f) => ProductSkillMetrics.Median(s.Select(f));
}
