using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Datasets;
using SoilNotebooks.Moisture;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb crns</c>: corrections and N0 calibration of a stationary cosmic-ray neutron sensor from a station CSV (a
/// plain CSV with a header row, or a Campbell TOA5 file with <c>--toa5</c>). <c>crns correct</c> writes the factors and
/// corrected counts per record; <c>crns calibrate</c> adds a soil-core survey (crnpy's template columns) and prints N0.
/// Defaults are crnpy's KS003 example (976 hPa, 130 g/cm², humidity reference 0, lattice water 0.03, SOC 0.01).
/// </summary>
public sealed class CrnsCommand : ICommandFactory
{
    private sealed record StationOptions(Option<string> Station, Option<bool> Toa5, Option<string> Time, Option<string> Counts,
        Option<string> Temperature, Option<string> Humidity, Option<string> Pressure, Option<string?> Incoming,
        Option<string> PressureTheory, Option<double> PressureRef, Option<double> Attenuation, Option<double> Beta,
        Option<double> HumidityRef, Option<string> IncomingTheory, Option<double> Rigidity, Option<double> Biomass,
        Option<double> Latitude, Option<double> Elevation)
    {
        public IEnumerable<Option> All => [Station, Toa5, Time, Counts, Temperature, Humidity, Pressure, Incoming, PressureTheory, PressureRef,
            Attenuation, Beta, HumidityRef, IncomingTheory, Rigidity, Biomass, Latitude, Elevation];
    }

    /// <inheritdoc />
    public Command Create()
    {
        var cmd = new Command("crns", "Correct and calibrate a stationary cosmic-ray neutron sensor (CRNS) station file.");
        cmd.Subcommands.Add(CorrectVerb());
        cmd.Subcommands.Add(CalibrateVerb());
        return cmd;
    }

    private static StationOptions Options() => new(
        new Option<string>("--station") { Description = "Station CSV (header row) or TOA5 file with --toa5.", Required = true },
        new Option<bool>("--toa5") { Description = "The station file is Campbell TOA5 (4 header lines)." },
        new Option<string>("--time-column") { Description = "Time column (yyyy-MM-dd HH:mm[:ss]); default TIMESTAMP.", DefaultValueFactory = _ => "TIMESTAMP" },
        new Option<string>("--counts-columns") { Description = "Comma-separated counts columns, summed; default counts_1_Tot,counts_2_Tot.", DefaultValueFactory = _ => "counts_1_Tot,counts_2_Tot" },
        new Option<string>("--temperature-column") { Description = "Air temperature (°C); default air_temperature_Avg.", DefaultValueFactory = _ => "air_temperature_Avg" },
        new Option<string>("--rh-column") { Description = "Relative humidity (%); default relative_humidity_Avg.", DefaultValueFactory = _ => "relative_humidity_Avg" },
        new Option<string>("--pressure-column") { Description = "Pressure (hPa); default barometric_pressure_Avg.", DefaultValueFactory = _ => "barometric_pressure_Avg" },
        new Option<string?>("--incoming-column") { Description = "Incoming neutron-monitor count rate column (optional; reference = first value)." },
        new Option<string>("--pressure-theory") { Description = "zreda2012 (default), desilets2021 or none.", DefaultValueFactory = _ => "zreda2012" },
        new Option<double>("--pressure-ref") { Description = "Reference pressure, hPa (default 976).", DefaultValueFactory = _ => CorrectionOptions.DefaultReferencePressureHPa },
        new Option<double>("--attenuation") { Description = "Attenuation length, g/cm² (default 130).", DefaultValueFactory = _ => CorrectionOptions.DefaultAttenuationLengthGramsPerCm2 },
        new Option<double>("--beta") { Description = "β of Desilets 2021, 1/hPa (default: from --latitude, --elevation and --cutoff-rigidity when all are given, else 1/130).", DefaultValueFactory = _ => double.NaN },
        new Option<double>("--humidity-ref") { Description = "Reference absolute humidity, g/m³ (default 0).", DefaultValueFactory = _ => 0 },
        new Option<string>("--incoming-theory") { Description = "zreda2012 (default with --incoming-column), hawdon2014 or none.", DefaultValueFactory = _ => "zreda2012" },
        new Option<double>("--cutoff-rigidity") { Description = "Site cutoff rigidity, GV (hawdon2014).", DefaultValueFactory = _ => double.NaN },
        new Option<double>("--biomass") { Description = "Dry above-ground biomass, kg/m² (Baatz 2015; default 0).", DefaultValueFactory = _ => 0 },
        new Option<double>("--latitude") { Description = "Site latitude, degrees (β of desilets2021).", DefaultValueFactory = _ => double.NaN },
        new Option<double>("--elevation") { Description = "Site elevation, m (β of desilets2021).", DefaultValueFactory = _ => double.NaN });

    private static (CorrectedCounts Counts, CorrectionOptions Options) Correct(ParseResult parse, StationOptions o)
    {
        var path = parse.GetValue(o.Station)!;
        var table = parse.GetValue(o.Toa5) ? Toa5.Read(path).Data : CsvTable.Read(path);
        var counts = ForestCommand.ParseList(parse.GetValue(o.Counts))!;
        string? inc = parse.GetValue(o.Incoming);
        var cols = counts.Concat([parse.GetValue(o.Temperature)!, parse.GetValue(o.Humidity)!, parse.GetValue(o.Pressure)!])
            .Concat(inc is null ? [] : [inc]).ToArray();
        var data = cols.Select(c => table.GetDoubles(c, allowMissing: true)).ToArray();
        var times = table.GetStrings(parse.GetValue(o.Time)!);
        var names = counts.Select((_, i) => $"counts{i + 1}").Concat(["air_temperature", "relative_humidity", "pressure"])
            .Concat(inc is null ? [] : ["incoming"]).ToArray();
        var b = new SampleSeriesBuilder(names, Crs.FromEpsg(4326));
        int s = b.AddSample(Path.GetFileNameWithoutExtension(path), double.NaN, double.NaN);
        DateTime last = DateTime.MinValue; int kept = 0;
        for (int i = 0; i < table.RowCount; i++)
        {
            if (!DateTime.TryParse(times[i], CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
                throw new FormatException($"{table.Source}: {parse.GetValue(o.Time)} row {i + 1} \"{times[i]}\" is not a date-time.");
            var v = data.Select(c => c[i]).ToArray();
            if (!v.All(double.IsFinite) || (kept > 0 && when <= last)) continue;   // records with gaps or a clock set back
            b.AddObservation(s, when, v); last = when; kept++;
        }
        if (kept == 0) throw new InvalidDataException($"{table.Source}: no record has every column {string.Join(", ", cols)} finite.");
        var options = new CorrectionOptions(
            ParseEnum<PressureTheory>(parse.GetValue(o.PressureTheory)!, "--pressure-theory"), parse.GetValue(o.PressureRef), parse.GetValue(o.Attenuation),
            Beta(parse, o), HumidityTheory.Rosolem2013, parse.GetValue(o.HumidityRef),
            inc is null ? IncomingTheory.None : ParseEnum<IncomingTheory>(parse.GetValue(o.IncomingTheory)!, "--incoming-theory"),
            parse.GetValue(o.Rigidity), BiomassKgPerM2: parse.GetValue(o.Biomass));
        var channels = new StationChannels(names.Take(counts.Length).ToArray(), Incoming: inc is null ? null : "incoming");
        return (CrnsStation.Correct(b.Build(), options, channels), options);
    }

    /// <summary>--beta as given; else Desilets 2021's β of the site when latitude, elevation and cutoff rigidity are all given; else 1/130.</summary>
    private static double Beta(ParseResult parse, StationOptions o)
    {
        double beta = parse.GetValue(o.Beta);
        if (!double.IsNaN(beta)) return beta > 0 && beta < 1 ? beta : throw new ArgumentException($"--beta must be in (0, 1) 1/hPa (got {beta}).");
        double lat = parse.GetValue(o.Latitude), elev = parse.GetValue(o.Elevation), rc = parse.GetValue(o.Rigidity);
        return double.IsFinite(lat) && double.IsFinite(elev) && double.IsFinite(rc)
            ? NeutronCorrections.BetaDesilets2021(lat, elev, rc)
            : 1 / CorrectionOptions.DefaultAttenuationLengthGramsPerCm2;
    }

    private static T ParseEnum<T>(string text, string option) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<T>(name)
            : throw new ArgumentException($"{option} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))} (got \"{text}\").");

    private static Command CorrectVerb()
    {
        var o = Options();
        var output = new Option<string>("--out") { Description = "Output CSV: time, raw counts, absolute humidity, each factor, corrected counts.", Required = true };
        var cmd = new Command("correct", "Correct the counts of a station for pressure, humidity, incoming intensity and biomass.");
        foreach (var opt in o.All) cmd.Options.Add(opt);
        cmd.Options.Add(output);
        cmd.SetAction(parse => CommandErrors.Guard("crns correct", () =>
        {
            var (c, options) = Correct(parse, o);
            var corrected = c.Corrected;
            string F(double v) => CsvTable.Format(v);
            CsvTable.WriteCsv(parse.GetValue(output)!,
                ["time", "raw_counts", "abs_humidity_g_m3", "f_pressure", "f_humidity", "f_incoming", "f_biomass", "corrected_counts"],
                Enumerable.Range(0, c.Times.Count).Select(i => (IReadOnlyList<string>)[c.Times[i].ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    F(c.RawCounts[i]), F(c.AbsoluteHumidityGramsPerM3[i]), F(c.Factors[i].Pressure), F(c.Factors[i].Humidity),
                    F(c.Factors[i].Incoming), F(c.Factors[i].Biomass), F(corrected[i])]));
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "crns correct", records = c.Times.Count, mean_corrected_counts = corrected.Average(),
                pressure_theory = options.Pressure.ToString().ToLowerInvariant(), beta_per_hpa = options.BetaPerHPa,
            }));
            return 0;
        }));
        return cmd;
    }

    private static Command CalibrateVerb()
    {
        var o = Options();
        var cores = new Option<string>("--cores") { Description = "Soil-core CSV (crnpy template columns distance_from_station, top_depth, bottom_depth, bulk_density, theta_v).", Required = true };
        var start = new Option<string>("--start") { Description = "Survey start, yyyy-MM-dd HH:mm.", Required = true };
        var end = new Option<string>("--end") { Description = "Survey end, yyyy-MM-dd HH:mm.", Required = true };
        var weighting = new Option<string>("--weighting") { Description = "kohli2015 (default) or schron2017.", DefaultValueFactory = _ => "kohli2015" };
        var lattice = new Option<double>("--lattice-water") { Description = "Lattice water, g/g (default 0.03).", DefaultValueFactory = _ => SoilHydrogen.DefaultLatticeWater };
        var soc = new Option<double>("--soc") { Description = "SOC water equivalent, g/g (default 0.01).", DefaultValueFactory = _ => SoilHydrogen.DefaultSocWater };
        var cmd = new Command("calibrate", "Calibrate N0 from a soil-core survey (Köhli 2015 or Schrön 2017 weights; Desilets 2010 inverted).");
        foreach (var opt in o.All) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { cores, start, end, weighting, lattice, soc }) cmd.Options.Add(opt);
        cmd.SetAction(parse => CommandErrors.Guard("crns calibrate", () =>
        {
            DateTime When(Option<string> opt) => DateTime.TryParse(parse.GetValue(opt), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new FormatException($"{opt.Name} \"{parse.GetValue(opt)}\" is not a date-time (yyyy-MM-dd HH:mm).");
            var (from, to) = (When(start), When(end));
            if (to < from) throw new ArgumentException("--end is before --start.");
            var w = ParseEnum<FootprintWeighting>(parse.GetValue(weighting)!, "--weighting");
            var t = CsvTable.Read(parse.GetValue(cores)!);
            var r = t.GetDoubles("distance_from_station"); var top = t.GetDoubles("top_depth"); var bottom = t.GetDoubles("bottom_depth");
            var bd = t.GetDoubles("bulk_density"); var theta = t.GetDoubles("theta_v");
            var b = new SampleSeriesBuilder([], Crs.FromEpsg(4326));
            for (int i = 0; i < t.RowCount; i++) b.AddSample($"core{i + 1}", double.NaN, double.NaN);
            var series = b.Target("theta", "cm³/cm³", theta).Covariate("distance", "m", r).Covariate("top_depth", "cm", top)
                .Covariate("bottom_depth", "cm", bottom).Covariate("bulk_density", "g/cm³", bd).Build();
            var (c, _) = Correct(parse, o);
            var cal = CrnsStation.Calibrate(c, series, new CalibrationOptions(from, to, w, parse.GetValue(lattice), parse.GetValue(soc)));
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "crns calibrate", weighting = w.ToString(), n0 = cal.N0, field_theta_v = cal.Field.ThetaCm3PerCm3,
                field_bulk_density = cal.Field.BulkDensityGramsPerCm3, mean_corrected_counts = cal.MeanCorrectedCounts,
                mean_abs_humidity = cal.MeanAbsoluteHumidityGramsPerM3, cores = t.RowCount,
            }));
            return 0;
        }));
        return cmd;
    }
}
