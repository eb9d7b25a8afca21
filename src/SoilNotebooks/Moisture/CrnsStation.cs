using SoilNotebooks.Sampling;

namespace SoilNotebooks.Moisture;

/// <summary>Names of the station channels a correction reads (defaults: the crnpy station series' channels).</summary>
/// <param name="Counts">Counts channels, summed into the total raw counts (crnpy's <c>compute_total_raw_counts</c>).</param>
/// <param name="AirTemperature">Air temperature, °C.</param>
/// <param name="RelativeHumidity">Relative humidity, %.</param>
/// <param name="Pressure">Barometric pressure, hPa.</param>
/// <param name="Incoming">Optional incoming neutron-monitor count rate channel (null: none).</param>
public sealed record StationChannels(IReadOnlyList<string> Counts, string AirTemperature = "air_temperature",
    string RelativeHumidity = "relative_humidity", string Pressure = "pressure", string? Incoming = null)
{
    /// <summary>The crnpy KS003 channels: counts1 + counts2, air_temperature, relative_humidity, pressure.</summary>
    public static StationChannels Crnpy { get; } = new(["counts1", "counts2"]);
}

/// <summary>One station's corrected neutron counts over time.</summary>
/// <param name="StationId">Station id.</param>
/// <param name="Times">Record times (as logged).</param>
/// <param name="RawCounts">Total raw counts per record.</param>
/// <param name="AbsoluteHumidityGramsPerM3">Absolute humidity per record, g/m³.</param>
/// <param name="PressureHPa">Pressure per record, hPa.</param>
/// <param name="Factors">Correction factors per record.</param>
/// <param name="Options">The corrections applied.</param>
public sealed record CorrectedCounts(string StationId, IReadOnlyList<DateTime> Times, IReadOnlyList<double> RawCounts,
    IReadOnlyList<double> AbsoluteHumidityGramsPerM3, IReadOnlyList<double> PressureHPa, IReadOnlyList<CorrectionFactors> Factors,
    CorrectionOptions Options)
{
    /// <summary>Corrected counts per record: raw × all factors.</summary>
    public double[] Corrected => RawCounts.Zip(Factors, (n, f) => n * f.Total).ToArray();

    /// <summary>Rows with <paramref name="from"/> ≤ time ≤ <paramref name="to"/>.</summary>
    public int[] Rows(DateTime from, DateTime to) => Enumerable.Range(0, Times.Count).Where(i => Times[i] >= from && Times[i] <= to).ToArray();

    /// <summary>Mean corrected counts over a window (inclusive).</summary>
    public double MeanCorrected(DateTime from, DateTime to)
    {
        var c = Corrected; var rows = Rows(from, to);
        if (rows.Length == 0) throw new ArgumentException($"No records between {from:yyyy-MM-dd HH:mm} and {to:yyyy-MM-dd HH:mm}.");
        return rows.Average(i => c[i]);
    }

    /// <summary>
    /// θ per window of <paramref name="records"/> consecutive records (mean corrected counts of the window, at the window's
    /// last time), with the counting band of that window (<see cref="NeutronSoilWater.ThetaWithCountingUncertainty(double, double, SoilHydrogen, int)"/>).
    /// </summary>
    public ThetaSeries ToTheta(double n0, SoilHydrogen soil, int records = 1)
    {
        Check.InRange(records, 1, Math.Max(1, Times.Count), nameof(records));
        var c = Corrected;
        var t = new List<DateTime>(); var v = new List<ThetaWithUncertainty>(); var counts = new List<double>();
        for (int s = 0; s + records <= c.Length; s += records)
        {
            double mean = 0; for (int i = s; i < s + records; i++) mean += c[i]; mean /= records;
            t.Add(Times[s + records - 1]); counts.Add(mean);
            v.Add(NeutronSoilWater.ThetaWithCountingUncertainty(mean, n0, soil, records));
        }
        return new ThetaSeries(t, counts, v, n0, soil);
    }
}

/// <summary>θ over time with its counting-uncertainty band.</summary>
/// <param name="Times">Times.</param>
/// <param name="CorrectedCounts">Mean corrected counts per record in each window.</param>
/// <param name="Theta">θ and band.</param>
/// <param name="N0">N0 used.</param>
/// <param name="Soil">Soil hydrogen pools used.</param>
public sealed record ThetaSeries(IReadOnlyList<DateTime> Times, IReadOnlyList<double> CorrectedCounts, IReadOnlyList<ThetaWithUncertainty> Theta,
    double N0, SoilHydrogen Soil)
{
    /// <summary>θ values, cm³/cm³.</summary>
    public double[] ThetaCm3PerCm3 => Theta.Select(x => x.ThetaCm3PerCm3).ToArray();

    /// <summary>Lower band, cm³/cm³.</summary>
    public double[] LowerCm3PerCm3 => Theta.Select(x => x.LowerCm3PerCm3).ToArray();

    /// <summary>Upper band, cm³/cm³.</summary>
    public double[] UpperCm3PerCm3 => Theta.Select(x => x.UpperCm3PerCm3).ToArray();

    /// <summary>Franz et al. 2012 penetration depth per time, cm.</summary>
    public double[] PenetrationDepthCm => Theta.Select(x => Footprint.PenetrationDepthFranz2012Cm(Math.Max(0, x.ThetaCm3PerCm3),
        Soil.BulkDensityGramsPerCm3, Soil.LatticeWaterGramsPerGram + Soil.SocWaterEquivalentGramsPerGram)).ToArray();
}

/// <summary>Options of the N0 calibration from a soil-core survey.</summary>
/// <param name="Start">Survey start (station time).</param>
/// <param name="End">Survey end.</param>
/// <param name="Weighting">Köhli 2015 or Schrön 2017.</param>
/// <param name="LatticeWaterGramsPerGram">Lattice water, g/g.</param>
/// <param name="SocWaterEquivalentGramsPerGram">SOC water equivalent, g/g.</param>
/// <param name="VegetationHeightMeters">Vegetation height for the Schrön 2017 rescaling, m.</param>
public sealed record CalibrationOptions(DateTime Start, DateTime End, FootprintWeighting Weighting = FootprintWeighting.Kohli2015,
    double LatticeWaterGramsPerGram = SoilHydrogen.DefaultLatticeWater, double SocWaterEquivalentGramsPerGram = SoilHydrogen.DefaultSocWater,
    double VegetationHeightMeters = 0);

/// <summary>The result of an N0 calibration.</summary>
/// <param name="Weighting">Weighting used.</param>
/// <param name="Field">Weighted field averages.</param>
/// <param name="MeanCorrectedCounts">Mean corrected counts during the survey.</param>
/// <param name="MeanAbsoluteHumidityGramsPerM3">Mean absolute humidity from the first record to the survey end, g/m³.</param>
/// <param name="N0">Calibrated N0 (counts per record interval).</param>
/// <param name="Soil">The soil hydrogen pools with the field bulk density (for the θ series).</param>
public sealed record CalibrationResult(FootprintWeighting Weighting, FieldAverage Field, double MeanCorrectedCounts,
    double MeanAbsoluteHumidityGramsPerM3, double N0, SoilHydrogen Soil);

/// <summary>Correction and calibration of a stationary CRNS given as a <see cref="SampleSeries"/> (one sample per station).</summary>
public static class CrnsStation
{
    /// <summary>Corrects the counts of the station with the crnpy channels and the given corrections (default: crnpy's example).</summary>
    public static CorrectedCounts Correct(SampleSeries station, CorrectionOptions? options = null, StationChannels? channels = null,
        double referenceIncoming = double.NaN, int sample = 0)
    {
        ArgumentNullException.ThrowIfNull(station);
        var o = options ?? new CorrectionOptions();
        var ch = channels ?? StationChannels.Crnpy;
        Check.InRange(sample, 0, station.Count - 1, nameof(sample));
        var times = station.Dates(sample);
        var counts = ch.Counts.Select(c => station.ChannelSeries(sample, c)).ToArray();
        var raw = Enumerable.Range(0, times.Length).Select(i => counts.Sum(c => c[i])).ToArray();
        var ta = station.ChannelSeries(sample, ch.AirTemperature);
        var rh = station.ChannelSeries(sample, ch.RelativeHumidity);
        var p = station.ChannelSeries(sample, ch.Pressure);
        var inc = ch.Incoming is null ? null : station.ChannelSeries(sample, ch.Incoming);
        double iref = double.IsFinite(referenceIncoming) ? referenceIncoming : inc?.FirstOrDefault(double.IsFinite) ?? double.NaN;
        var h = Enumerable.Range(0, times.Length).Select(i => NeutronCorrections.AbsoluteHumidityGramsPerM3(ta[i], rh[i])).ToArray();
        var f = Enumerable.Range(0, times.Length).Select(i =>
            NeutronCorrections.Factors(p[i], ta[i], rh[i], inc?[i] ?? double.NaN, iref, o)).ToArray();
        return new CorrectedCounts(station.Ids[sample], times, raw, h, p, f, o);
    }

    /// <summary>
    /// The soil-core survey as samples for the weighting: covariates <c>distance</c> (m), <c>top_depth</c> and
    /// <c>bottom_depth</c> (cm; mid-depth used), <c>bulk_density</c> (g/cm³), target <c>theta</c> (cm³/cm³).
    /// </summary>
    public static CoreSample[] CoreSamples(SampleSeries cores)
    {
        ArgumentNullException.ThrowIfNull(cores);
        var r = cores.Covariate("distance").Values; var top = cores.Covariate("top_depth").Values;
        var bottom = cores.Covariate("bottom_depth").Values; var bd = cores.Covariate("bulk_density").Values;
        var th = cores.Target("theta").Values;
        return Enumerable.Range(0, cores.Count).Select(i => new CoreSample(r[i], (top[i] + bottom[i]) / 2, th[i], bd[i])).ToArray();
    }

    /// <summary>
    /// N0 from a survey, the way crnpy's calibration example does it: absolute humidity averaged from the first record to
    /// the survey end, field θ and bulk density by the chosen weighting, corrected counts averaged over the survey, and
    /// Desilets 2010 inverted for N0 (closed form instead of a root search).
    /// </summary>
    public static CalibrationResult Calibrate(CorrectedCounts counts, SampleSeries cores, CalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(options);
        var rows = counts.Rows(DateTime.MinValue, options.End);
        if (rows.Length == 0) throw new ArgumentException($"No station records before the survey end {options.End:yyyy-MM-dd HH:mm}.");
        double h = rows.Average(i => counts.AbsoluteHumidityGramsPerM3[i]);
        double p = counts.Rows(options.Start, options.End).Select(i => counts.PressureHPa[i]).DefaultIfEmpty(1013.25).Average();
        var field = Footprint.Average(CoreSamples(cores), options.Weighting, h, p, options.VegetationHeightMeters);
        var soil = new SoilHydrogen(field.BulkDensityGramsPerCm3, options.LatticeWaterGramsPerGram, options.SocWaterEquivalentGramsPerGram);
        double mean = counts.MeanCorrected(options.Start, options.End);
        return new CalibrationResult(options.Weighting, field, mean, h, NeutronSoilWater.CalibrateN0(mean, field.ThetaCm3PerCm3, soil), soil);
    }
}
