using System.Globalization;

namespace SoilNotebooks.Datasets;

/// <summary>One record of the KS003 cosmic-ray neutron station (Campbell TOA5 logger table).</summary>
/// <param name="TimestampLocal">Logger time (local standard time of the station).</param>
/// <param name="Record">Logger record number.</param>
/// <param name="Counts1">Neutron counts of detector 1 in the record interval.</param>
/// <param name="Counts2">Neutron counts of detector 2 in the record interval.</param>
/// <param name="AirTemperatureCelsius">Air temperature, °C.</param>
/// <param name="RelativeHumidityPercent">Relative humidity, %.</param>
/// <param name="BarometricPressureHPa">Barometric pressure, hPa (logger unit mbar).</param>
/// <param name="VaporPressureHPa">Vapour pressure, hPa.</param>
/// <param name="PrecipitationMm">Precipitation in the interval, mm.</param>
public sealed record CrnsStationRecord(
    DateTime TimestampLocal, long Record, double Counts1, double Counts2, double AirTemperatureCelsius,
    double RelativeHumidityPercent, double BarometricPressureHPa, double VaporPressureHPa, double PrecipitationMm);

/// <summary>The station file: TOA5 header, station metadata and the records.</summary>
/// <param name="Header">The four TOA5 header lines.</param>
/// <param name="StationId">Station id (e.g. KS003).</param>
/// <param name="LatitudeDegrees">Station latitude.</param>
/// <param name="LongitudeDegrees">Station longitude.</param>
/// <param name="AltitudeMeters">Station altitude, m.</param>
/// <param name="Records">Records in file order.</param>
public sealed record CrnsStationSeries(Toa5Header Header, string StationId, double LatitudeDegrees, double LongitudeDegrees, double AltitudeMeters, IReadOnlyList<CrnsStationRecord> Records);

/// <summary>One layer of a calibration soil core around the station.</summary>
/// <param name="Field">Field name.</param>
/// <param name="Date">Sampling date (the file gives "22-Oct"; the year, 2021, is from the crnpy example).</param>
/// <param name="CoreNumber">Core id.</param>
/// <param name="DistanceFromStationMeters">Radial distance from the station, m.</param>
/// <param name="LatitudeDegrees">Core latitude (N positive).</param>
/// <param name="LongitudeDegrees">Core longitude (E positive; the file's 'W97.57' becomes −97.57).</param>
/// <param name="TopDepthCm">Layer top, cm.</param>
/// <param name="BottomDepthCm">Layer bottom, cm.</param>
/// <param name="BulkDensityGramsPerCm3">Oven-dry bulk density, g/cm³.</param>
/// <param name="GravimetricWaterGramsPerGram">Gravimetric water content, g/g.</param>
/// <param name="VolumetricWaterCm3PerCm3">Volumetric water content, cm³/cm³.</param>
public sealed record CalibrationCoreLayer(
    string Field, DateOnly Date, int CoreNumber, double DistanceFromStationMeters, double LatitudeDegrees, double LongitudeDegrees,
    double TopDepthCm, double BottomDepthCm, double BulkDensityGramsPerCm3, double GravimetricWaterGramsPerGram, double VolumetricWaterCm3PerCm3);

/// <summary>One record of the three RDT detectors (crnpy_rdt.csv; NaN where a count is missing).</summary>
/// <param name="Timestamp">Local time.</param>
/// <param name="PressureHPa">Barometric pressure, hPa.</param>
/// <param name="RelativeHumidityPercent">Relative humidity, %.</param>
/// <param name="AirTemperatureCelsius">Air temperature, °C.</param>
/// <param name="DewPointCelsius">Dew point, °C.</param>
/// <param name="BatteryVolts">Battery voltage, V.</param>
/// <param name="Counts1">Detector 1 counts in the interval (NaN when missing).</param>
/// <param name="Counts2">Detector 2 counts (NaN when missing).</param>
/// <param name="Counts3">Detector 3 counts (NaN when missing).</param>
public sealed record RdtRecord(
    DateTime Timestamp, double PressureHPa, double RelativeHumidityPercent, double AirTemperatureCelsius, double DewPointCelsius,
    double BatteryVolts, double Counts1, double Counts2, double Counts3);

/// <summary>
/// Typed loaders for the embedded crnpy example data (MIT; Peraza Rud, Ochsner, Patrignani): the KS003
/// station TOA5 file, the calibration cores and the RDT detector file. Files are verified against the manifest.
/// </summary>
public static class CrnpyData
{
    /// <summary>Dataset id in the catalog.</summary>
    public const string DatasetId = "crnpy";

    /// <summary>Loads the station file (TOA5, 4 header lines).</summary>
    public static CrnsStationSeries LoadStation(DatasetCatalog? catalog = null)
    {
        var ds = (catalog ?? DatasetCatalog.Default).Open(DatasetId);
        const string file = "crnpy_station_data.csv";
        var toa5 = Toa5.Read(ds.Require(file));
        var t = toa5.Data;
        var ct = new CheckedTable(t, ManifestTables.Check(t, ds.Manifest.File(file)));
        var ts = t.GetStrings("TIMESTAMP");
        var D = ct.Number;
        var rec = D("RECORD"); var c1 = D("counts_1_Tot"); var c2 = D("counts_2_Tot"); var ta = D("air_temperature_Avg");
        var rh = D("relative_humidity_Avg"); var p = D("barometric_pressure_Avg"); var vp = D("vapor_pressure_Avg"); var pr = D("precipitation_Tot");
        var records = new CrnsStationRecord[t.RowCount];
        for (int i = 0; i < records.Length; i++)
        {
            if (!DateTime.TryParseExact(ts[i], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
                throw new FormatException($"{t.Source}: TIMESTAMP row {i + 1} \"{ts[i]}\" is not yyyy-MM-dd HH:mm:ss.");
            records[i] = new CrnsStationRecord(when, (long)rec[i], c1[i], c2[i], ta[i], rh[i], p[i], vp[i], pr[i]);
        }
        var first = 0;
        return new CrnsStationSeries(toa5.Header, t.GetStrings("station")[first],
            D("latitude")[first], D("longitude")[first], D("altitude")[first], records);
    }

    /// <summary>Loads the calibration soil cores (one row per core layer).</summary>
    public static IReadOnlyList<CalibrationCoreLayer> LoadCalibrationCores(DatasetCatalog? catalog = null)
    {
        var ds = (catalog ?? DatasetCatalog.Default).Open(DatasetId);
        var ct = ManifestTables.ReadChecked(ds, "crnpy_soil_data.csv");
        var t = ct.Table;
        var field = t.GetStrings("field"); var date = t.GetStrings("date"); var core = ct.GetDoubles("core_number");
        var dist = ct.GetDoubles("distance_from_station"); var lat = t.GetStrings("latitude"); var lon = t.GetStrings("longitude");
        var top = ct.GetDoubles("top_depth"); var bottom = ct.GetDoubles("bottom_depth"); var bd = ct.GetDoubles("bulk_density");
        var tg = ct.GetDoubles("theta_g"); var tv = ct.GetDoubles("theta_v");
        var rows = new CalibrationCoreLayer[t.RowCount];
        for (int i = 0; i < rows.Length; i++)
        {
            if (!DateTime.TryParseExact(date[i] + "-2021", "d-MMM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                throw new FormatException($"{t.Source}: date row {i + 1} \"{date[i]}\" is not like '22-Oct'.");
            rows[i] = new CalibrationCoreLayer(field[i], DateOnly.FromDateTime(d), (int)core[i], dist[i],
                ParseHemisphere(lat[i], 'N', 'S', t.Source, i + 1), ParseHemisphere(lon[i], 'E', 'W', t.Source, i + 1),
                top[i], bottom[i], bd[i], tg[i], tv[i]);
        }
        return rows;
    }

    /// <summary>Loads the RDT three-detector file (headerless; column names from the crnpy RDT example).</summary>
    public static IReadOnlyList<RdtRecord> LoadRdt(DatasetCatalog? catalog = null)
    {
        var ds = (catalog ?? DatasetCatalog.Default).Open(DatasetId);
        var ct = ManifestTables.ReadChecked(ds, "crnpy_rdt.csv");
        var t = ct.Table;
        var ts = t.GetStrings("timestamp");
        var D = ct.Number;
        var p = D("pressure"); var rh = D("RH"); var ta = D("T"); var dp = D("DP"); var bv = D("BattVolt");
        var c1 = D("counts_1"); var c2 = D("counts_2"); var c3 = D("counts_3");
        var rows = new RdtRecord[t.RowCount];
        for (int i = 0; i < rows.Length; i++)
        {
            if (!DateTime.TryParseExact(ts[i], "M/d/yyyy H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
                throw new FormatException($"{t.Source}: timestamp row {i + 1} \"{ts[i]}\" is not M/d/yyyy H:mm.");
            rows[i] = new RdtRecord(when, p[i], rh[i], ta[i], dp[i], bv[i], c1[i], c2[i], c3[i]);
        }
        return rows;
    }

    /// <summary>Parses 'N38.23459' / 'W97.57101' style coordinates into signed decimal degrees.</summary>
    public static double ParseHemisphere(string text, char positive, char negative, string source = "value", int row = 0)
    {
        var s = text.Trim();
        if (s.Length >= 2 && (s[0] == positive || s[0] == negative)
            && double.TryParse(s[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            return s[0] == negative ? -v : v;
        throw new FormatException($"{source}: row {row} coordinate \"{text}\" is not like '{positive}38.2346' or '{negative}97.5710'.");
    }
}
