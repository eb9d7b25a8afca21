using SoilNotebooks.Datasets;
using SoilNotebooks.Moisture;
using SoilNotebooks.Tests.Datasets;

namespace SoilNotebooks.Tests.Moisture;

/// <summary>
/// The Moisture stage against published and hand-derived values. Reference numbers for the KS003 calibration come from
/// crnpy's documented example (docs/examples/calibration/calibration.ipynb: field θ 0.263, mean corrected counts 1546,
/// N0 2650) and from Reference/crnpy_ks003_calibration.py (numpy, the papers' formulas, run on the embedded files).
/// </summary>
public class MoistureTests
{
    private static DatasetCatalog Repo => DataRoots.Repo;

    [Fact]
    public void PressureFactor_Zreda2012_IsExponentialInPressureDifference()
    {
        Assert.Equal(Math.Exp(10.0 / 130), NeutronCorrections.PressureFactorZreda2012(986, 976, 130), 12);   // 1.0799590
        Assert.Equal(1.0799589994, NeutronCorrections.PressureFactorZreda2012(986), 9);
        Assert.Equal(1, NeutronCorrections.PressureFactorZreda2012(976), 12);
        // Desilets 2021 with β = 1/L is the same curve
        Assert.Equal(NeutronCorrections.PressureFactorZreda2012(950, 976, 130), NeutronCorrections.PressureFactorDesilets2021(950, 976, 1.0 / 130), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => NeutronCorrections.PressureFactorZreda2012(976, 976, 0));
    }

    [Theory]
    // Reference/desilets2021_beta.py (standard library, the technical document's formulas written independently)
    [InlineData(51.37, 140, 2.94, 0.0073280299)]     // neptoon's test site
    [InlineData(38.2346, 455, 4.0, 0.0073566981)]    // KS003 Flickner, Rc 4 GV
    [InlineData(0.0, 0, 15.0, 0.0059303736)]         // equator, sea level
    [InlineData(46.5, 2000, 4.5, 0.0074230857)]      // alpine
    [InlineData(69.0, 10, 0.5, 0.0072274163)]        // high latitude
    public void BetaDesilets2021_FromTheSite_MatchesTheIndependentScript(double lat, double elevation, double rc, double expected)
    {
        Assert.Equal(expected, NeutronCorrections.BetaDesilets2021(lat, elevation, rc), 9);
    }

    [Fact]
    public void BetaDesilets2021_DependsOnRigidityAndPressure_AndFeedsTheCorrection()
    {
        // with the site's own mean pressure instead of the standard atmosphere (the script's last line)
        Assert.Equal(0.0073549781, NeutronCorrections.BetaDesilets2021(38.2346, 455, 4.0, 961.163), 9);
        Assert.Equal(1013.25, NeutronCorrections.StandardPressureHPa(0), 9);
        Assert.InRange(NeutronCorrections.LocalGravityMetersPerS2(45, 1013.25), 9.80, 9.81);
        // a longer attenuation length (smaller β) where the cutoff rigidity is high: the equator against high latitudes
        Assert.True(NeutronCorrections.BetaDesilets2021(0, 0, 15) < NeutronCorrections.BetaDesilets2021(60, 0, 1.5));
        // 1/β at mid latitudes lies near crnpy's constant attenuation length of 130 g/cm²
        Assert.InRange(1 / NeutronCorrections.BetaDesilets2021(51.37, 140, 2.94), 125, 145);
        var o = CorrectionOptions.ForSiteDesilets2021(38.2346, 455, 4.0, 976);
        Assert.Equal(PressureTheory.Desilets2021, o.Pressure);
        Assert.Equal(0.0073566981, o.BetaPerHPa, 9);
        var f = NeutronCorrections.Factors(986, 20, 50, double.NaN, double.NaN, o);
        Assert.Equal(Math.Exp(0.0073566981 * 10), f.Pressure, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => NeutronCorrections.BetaDesilets2021(38, 455, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NeutronCorrections.BetaDesilets2021(95, 455, 4));
    }

    [Fact]
    public void AbsoluteHumidity_MatchesSaturationVapourDensityTables()
    {
        // saturated air holds 17.3 g/m³ at 20 °C and 30.4 g/m³ at 30 °C (e.g. CRC Handbook vapour-density tables)
        Assert.Equal(17.3, NeutronCorrections.AbsoluteHumidityGramsPerM3(20, 100), 1);
        Assert.InRange(NeutronCorrections.AbsoluteHumidityGramsPerM3(30, 100), 30.2, 30.5);
        Assert.Equal(23.3648, NeutronCorrections.SaturationVapourPressureHPa(20), 3);   // 2.34 kPa
        // KS003's first record (22.3 °C, 41.3 %): 8.1501 g/m³ by hand (2.16679 · 0.413 · e_s / 295.45)
        Assert.Equal(8.1500528, NeutronCorrections.AbsoluteHumidityGramsPerM3(22.3, 41.3), 1e-6);
        Assert.Equal(0, NeutronCorrections.AbsoluteHumidityGramsPerM3(25, 0));
    }

    [Fact]
    public void HumidityIncomingAndBiomassFactors_FollowTheirPapers()
    {
        Assert.Equal(1.054, NeutronCorrections.HumidityFactorRosolem2013(10), 12);          // 0.54 % per g/m³
        Assert.Equal(1 - 0.0054 * 2, NeutronCorrections.HumidityFactorRosolem2013(3, 5), 12);
        Assert.Equal(1.25, NeutronCorrections.IncomingFactorZreda2012(80, 100), 12);
        // Hawdon 2014 at the monitor's own rigidity equals the Zreda ratio
        Assert.Equal(NeutronCorrections.IncomingFactorZreda2012(95, 100), NeutronCorrections.IncomingFactorHawdon2014(95, 100, 4.49), 12);
        // KS003's cutoff rigidity 2.87 GV (crnpy example): R_corr = 1 + 0.075·1.62 = 1.1215, f = 1/(1 − 0.05·1.1215)
        Assert.Equal(1.0594062028, NeutronCorrections.IncomingFactorHawdon2014(95, 100, 2.87), 9);
        Assert.Equal(1 / 0.982, NeutronCorrections.BiomassFactorBaatz2015(2), 12);          // 0.9 % per kg/m²
        Assert.Equal(1, NeutronCorrections.BiomassFactorBaatz2015(0));
    }

    [Fact]
    public void Factors_TheoryPerCorrectionIsSelectable()
    {
        var none = new CorrectionOptions(PressureTheory.None, Humidity: HumidityTheory.None);
        Assert.Equal(1, NeutronCorrections.Factors(900, 25, 60, double.NaN, double.NaN, none).Total);
        var hawdon = new CorrectionOptions(Incoming: IncomingTheory.Hawdon2014, SiteCutoffRigidityGV: 2.87);
        var f = NeutronCorrections.Factors(976, 22.3, 41.3, 95, 100, hawdon);
        Assert.Equal(1, f.Pressure, 12);
        Assert.Equal(1 + 0.0054 * 8.15005279533, f.Humidity, 9);
        Assert.Equal(1.0594062028, f.Incoming, 9);
        Assert.Throws<ArgumentException>(() => NeutronCorrections.Factors(976, 20, 50, 95, 100, new CorrectionOptions(Incoming: IncomingTheory.Hawdon2014)));
        // no incoming series: factor 1
        Assert.Equal(1, NeutronCorrections.Factors(976, 20, 50, double.NaN, 100, new CorrectionOptions(Incoming: IncomingTheory.Zreda2012)).Incoming);
    }

    [Fact]
    public void Desilets2010_CurveAndInverse()
    {
        var bare = new SoilHydrogen(1, 0, 0);
        // at N = N0 the curve gives a0/(1 − a1) − a2 = 0.013662 g/g
        Assert.Equal(0.0136624204, NeutronSoilWater.ThetaFromCounts(1000, 1000, bare), 9);
        Assert.True(double.IsNaN(NeutronSoilWater.ThetaFromCounts(372, 1000, bare)));      // N/N0 ≤ a1
        var soil = new SoilHydrogen(1.15711, 0.03, 0.01);
        double n0 = NeutronSoilWater.CalibrateN0(1545.6796, 0.263310, soil);
        Assert.Equal(0.263310, NeutronSoilWater.ThetaFromCounts(1545.6796, n0, soil), 9);    // exact inverse
        // crnpy's documented numbers: θ 0.263 and 1546 counts at the field bulk density give N0 = 2650
        Assert.Equal(2650, NeutronSoilWater.CalibrateN0(1546, 0.263, soil), 0);
        // fewer counts → wetter; θ decreases monotonically in N
        Assert.True(NeutronSoilWater.ThetaFromCounts(1400, 2650, soil) > NeutronSoilWater.ThetaFromCounts(1600, 2650, soil));
    }

    [Fact]
    public void CountingUncertainty_IsTheCurveAtNPlusMinusSqrtN()
    {
        var soil = new SoilHydrogen(1.4);
        var u = NeutronSoilWater.ThetaWithCountingUncertainty(1600, 2650, soil);
        Assert.Equal(NeutronSoilWater.ThetaFromCounts(1640, 2650, soil), u.LowerCm3PerCm3, 12);   // √1600 = 40
        Assert.Equal(NeutronSoilWater.ThetaFromCounts(1560, 2650, soil), u.UpperCm3PerCm3, 12);
        Assert.True(u.LowerCm3PerCm3 < u.ThetaCm3PerCm3 && u.ThetaCm3PerCm3 < u.UpperCm3PerCm3);
        // first order: half width ≈ |dθ/dN| √N; averaging 24 records shrinks it by √24
        Assert.Equal(NeutronSoilWater.ThetaStandardError(1600, 2650, soil), u.HalfWidthCm3PerCm3, 0.01 * u.HalfWidthCm3PerCm3);
        var day = NeutronSoilWater.ThetaWithCountingUncertainty(1600, 2650, soil, records: 24);
        Assert.Equal(u.HalfWidthCm3PerCm3 / Math.Sqrt(24), day.HalfWidthCm3PerCm3, 0.01 * day.HalfWidthCm3PerCm3);
    }

    [Fact]
    public void PenetrationDepths_FranzAndKohliRanges()
    {
        Assert.Equal(17.8516467, Footprint.PenetrationDepthFranz2012Cm(0.2, 1.4, 0.03), 6);   // 5.8 / (0.042 + 0.2 + 0.0829)
        // Köhli 2015: D86 from about 15 cm (wet) to about 83 cm (dry) at ρ_b = 1.4 next to the sensor
        Assert.Equal(15.62, Footprint.PenetrationDepthKohli2015Cm(0, 0.5, 1.4), 2);
        Assert.InRange(Footprint.PenetrationDepthKohli2015Cm(0, 0.01, 1.4), 80, 90);
        Assert.Equal(26.6996, Footprint.PenetrationDepthKohli2015Cm(0, 0.2, 1.4), 3);
        // deeper far from the sensor? no: shallower (e^(−r/100) falls)
        Assert.True(Footprint.PenetrationDepthKohli2015Cm(200, 0.2, 1.4) < Footprint.PenetrationDepthKohli2015Cm(0, 0.2, 1.4));
        Assert.Equal(1, Footprint.RescaledDistanceMeters(1, 1013.25), 3);
    }

    [Fact]
    public void FootprintRadius_IsInKohlisRangeAndShrinksWhenWet()
    {
        // Köhli et al. 2015: R86 between about 130 and 240 m at sea level, depending on soil moisture and humidity
        double dry = Footprint.RadiusR86Meters(5, 0.05), wet = Footprint.RadiusR86Meters(5, 0.4);
        Assert.InRange(dry, 150, 300);
        Assert.InRange(wet, 100, 200);
        Assert.True(wet < dry);
        Assert.True(Footprint.RadiusR86Meters(20, 0.2) < Footprint.RadiusR86Meters(2, 0.2));   // humid air shrinks it
        Assert.True(Footprint.RadiusR86Meters(5, 0.2, 900) > Footprint.RadiusR86Meters(5, 0.2, 1013.25));   // thinner air widens it
    }

    [Fact]
    public void Ks003_Kohli2015_ReproducesCrnpysDocumentedCalibration()
    {
        var station = CrnpyData.LoadStation(Repo).ToSampleSeries();
        var cores = CrnpyData.LoadCalibrationCores(Repo).ToSampleSeries();
        var counts = CrnsStation.Correct(station, new CorrectionOptions(PressureTheory.Zreda2012, 976, 130));
        var cal = CrnsStation.Calibrate(counts, cores, new CalibrationOptions(new DateTime(2021, 10, 22, 8, 0, 0), new DateTime(2021, 10, 22, 16, 0, 0)));
        // the numpy script (Reference/crnpy_ks003_calibration.py) on the same files
        Assert.Equal(9.353464, cal.MeanAbsoluteHumidityGramsPerM3, 1e-5);
        Assert.Equal(1545.6796, cal.MeanCorrectedCounts, 1e-3);
        Assert.Equal(0.263310, cal.Field.ThetaCm3PerCm3, 1e-5);
        Assert.Equal(1.157110, cal.Field.BulkDensityGramsPerCm3, 1e-5);
        Assert.Equal(2650.2996, cal.N0, 1e-3);
        // and crnpy's printed results
        Assert.Equal(0.263, Math.Round(cal.Field.ThetaCm3PerCm3, 3));
        Assert.Equal(1546, Math.Round(cal.MeanCorrectedCounts));
        Assert.Equal(2650, (int)cal.N0);
        Assert.Equal(1, cal.Field.Weights.Sum(), 12);
    }

    [Fact]
    public void Ks003_Schron2017_ConvergesToAPlausibleFieldAverage()
    {
        var station = CrnpyData.LoadStation(Repo).ToSampleSeries();
        var cores = CrnpyData.LoadCalibrationCores(Repo).ToSampleSeries();
        var counts = CrnsStation.Correct(station);
        var cal = CrnsStation.Calibrate(counts, cores, new CalibrationOptions(new DateTime(2021, 10, 22, 8, 0, 0),
            new DateTime(2021, 10, 22, 16, 0, 0), FootprintWeighting.Schron2017));
        Assert.True(cal.Field.Iterations < 100);
        var samples = CrnsStation.CoreSamples(cores);
        Assert.InRange(cal.Field.ThetaCm3PerCm3, samples.Min(s => s.ThetaCm3PerCm3), samples.Max(s => s.ThetaCm3PerCm3));
        Assert.InRange(cal.N0, 2300, 3000);
        // fixed point: the weights of the final θ reproduce it
        var w = Footprint.WeightsSchron2017(samples, cal.MeanAbsoluteHumidityGramsPerM3, cal.Field.ThetaCm3PerCm3,
            counts.Rows(new DateTime(2021, 10, 22, 8, 0, 0), new DateTime(2021, 10, 22, 16, 0, 0)).Average(i => counts.PressureHPa[i]));
        Assert.Equal(cal.Field.ThetaCm3PerCm3, w.Zip(samples).Sum(z => z.First * z.Second.ThetaCm3PerCm3), 5);
        // near cores weigh more than far ones at the same depth
        int near = Array.FindIndex(samples, s => s.DistanceMeters == 5 && s.MidDepthCm == 2.5);
        int far = Array.FindIndex(samples, s => s.DistanceMeters == 100 && s.MidDepthCm == 2.5);
        Assert.True(cal.Field.Weights[near] > cal.Field.Weights[far]);
        Assert.Equal(0, Footprint.HorizontalWeightSchron2017(0, 5, 0.2));   // near-field term vanishes at r = 0
    }

    [Fact]
    public void ThetaSeries_HasBandAndDepthPerWindow()
    {
        var station = CrnpyData.LoadStation(Repo).ToSampleSeries();
        var counts = CrnsStation.Correct(station);
        var theta = counts.ToTheta(2650, new SoilHydrogen(1.157), records: 24);
        Assert.Equal(counts.Times.Count / 24, theta.Times.Count);
        Assert.Equal(counts.Corrected.Take(24).Average(), theta.CorrectedCounts[0], 9);
        var finite = Enumerable.Range(0, theta.Times.Count).Where(i => double.IsFinite(theta.Theta[i].UpperCm3PerCm3)).ToArray();
        Assert.NotEmpty(finite);
        Assert.All(finite, i => Assert.True(theta.LowerCm3PerCm3[i] <= theta.ThetaCm3PerCm3[i] && theta.ThetaCm3PerCm3[i] <= theta.UpperCm3PerCm3[i]));
        var depth = theta.PenetrationDepthCm;
        // where θ is plausible (0–0.6) the Franz depth lies between 5 and 80 cm (the record's last days have detector trouble)
        Assert.All(finite.Where(i => theta.ThetaCm3PerCm3[i] is > 0 and < 0.6), i => Assert.InRange(depth[i], 5, 80));
    }

    [Fact]
    public void StationChannels_DefaultsAreTheCrnpySeriesChannels()
    {
        var ch = StationChannels.Crnpy;
        Assert.All(ch.Counts.Append(ch.AirTemperature).Append(ch.RelativeHumidity).Append(ch.Pressure),
            c => Assert.Contains(c, CrnpySeries.StationChannels));
    }
}
