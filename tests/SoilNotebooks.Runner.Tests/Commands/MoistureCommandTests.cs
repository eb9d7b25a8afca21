using SoilNotebooks.Runner.Commands;
using System.Globalization;
using System.Text.Json;

namespace SoilNotebooks.Runner.Tests.Commands;

/// <summary><c>soilnb swi</c> and <c>soilnb crns</c>: outputs, the crnpy example's N0, and bad input (exit 1, no file).</summary>
[Collection("Console")]
public class MoistureCommandTests
{
    private static (int code, string stdout, string stderr) Run(params string[] args) => CliHarness.Run(args);

    private static string Crnpy(string file) => RepoPaths.Combine("data-manifests", "crnpy", file);

    [Fact]
    public void Swi_AddsTheColumn_OnRealTimestamps_AndFitsT()
    {
        var dir = RepoPaths.NewTempDir("soilnb-swi");
        var input = Path.Combine(dir, "s.csv");
        File.WriteAllText(input, "date,ssm,crns\n2020-01-01,0.2,0.25\n2020-01-02,0.3,0.26\n2020-01-05,,0.27\n2020-01-06,0.1,0.22\n");
        var output = Path.Combine(dir, "o.csv");
        var (code, stdout, stderr) = Run("swi", "--in", input, "--time-column", "date", "--value-column", "ssm", "--t-days", "2", "--out", output);
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal("date,ssm,crns,swi", lines[0]);
        double At(int row) => double.Parse(lines[row].Split(',')[3], CultureInfo.InvariantCulture);
        Assert.Equal(0.2, At(1), 12);
        double k1 = 1 / (1 + Math.Exp(-0.5));                 // Δt 1 day, T 2 days
        Assert.Equal(0.2 + k1 * 0.1, At(2), 12);
        Assert.Equal("", lines[3].Split(',')[3]);               // gap stays a gap
        double k2 = k1 / (k1 + Math.Exp(-4 / 2.0));           // Δt 4 days since the last valid value
        Assert.Equal(At(2) + k2 * (0.1 - At(2)), At(4), 12);
        Assert.Contains("\"t_days\":2", stdout);

        (code, stdout, stderr) = Run("swi", "--in", input, "--time-column", "date", "--value-column", "ssm", "--fit-to", "crns");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout.Trim());
        Assert.InRange(json.RootElement.GetProperty("t_days").GetDouble(), 1, 100);
    }

    [Fact]
    public void Swi_BadInput_Exit2_NoOutput()
    {
        var dir = RepoPaths.NewTempDir("soilnb-swi");
        var input = Path.Combine(dir, "s.csv");
        File.WriteAllText(input, "date,ssm\n2020-01-02,0.2\n2020-01-01,0.3\n");
        var output = Path.Combine(dir, "o.csv");
        var (code, _, stderr) = Run("swi", "--in", input, "--time-column", "date", "--value-column", "ssm", "--t-days", "2", "--out", output);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("must increase", stderr);
        Assert.Equal(ExitCodes.Usage, Run("swi", "--in", input, "--time-column", "date", "--value-column", "ssm", "--out", output).code);   // no T, no fit
        Assert.Equal(ExitCodes.Usage, Run("swi", "--in", input, "--time-column", "date", "--value-column", "nope", "--t-days", "2", "--out", output).code);
        Assert.Equal(ExitCodes.Usage, Run("swi", "--in", input, "--time-column", "date", "--value-column", "ssm", "--t-days", "-1", "--out", output).code);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Crns_CorrectAndCalibrate_TheCrnpyExample()
    {
        var dir = RepoPaths.NewTempDir("soilnb-crns");
        var output = Path.Combine(dir, "c.csv");
        var (code, _, stderr) = Run("crns", "correct", "--station", Crnpy("crnpy_station_data.csv"), "--toa5", "--out", output);
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal("time,raw_counts,abs_humidity_g_m3,f_pressure,f_humidity,f_incoming,f_biomass,corrected_counts", lines[0]);
        var second = lines[2].Split(',');   // 2021-09-22 13:00: 755 + 870 counts, 972 hPa
        Assert.Equal(1625, double.Parse(second[1], CultureInfo.InvariantCulture));
        Assert.Equal(Math.Exp((972 - 976) / 130.0), double.Parse(second[3], CultureInfo.InvariantCulture), 12);

        string stdout;
        (code, stdout, stderr) = Run("crns", "calibrate", "--station", Crnpy("crnpy_station_data.csv"), "--toa5", "--cores", Crnpy("crnpy_soil_data.csv"),
            "--start", "2021-10-22 08:00", "--end", "2021-10-22 16:00");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout.Trim());
        Assert.Equal(2650, Math.Round(json.RootElement.GetProperty("n0").GetDouble()));           // crnpy's documented N0
        Assert.Equal(0.263, Math.Round(json.RootElement.GetProperty("field_theta_v").GetDouble(), 3));

        var bad = Path.Combine(dir, "bad.csv");
        Assert.Equal(ExitCodes.Usage, Run("crns", "correct", "--station", Crnpy("crnpy_station_data.csv"), "--out", bad).code);   // TOA5 without --toa5
        Assert.Equal(ExitCodes.Usage, Run("crns", "calibrate", "--station", Crnpy("crnpy_station_data.csv"), "--toa5", "--cores", Crnpy("crnpy_soil_data.csv"),
            "--start", "2021-10-22 08:00", "--end", "2021-10-22 16:00", "--weighting", "foo").code);
        Assert.Equal(ExitCodes.Usage, Run("crns", "correct", "--station", Crnpy("crnpy_station_data.csv"), "--toa5", "--pressure-theory", "x", "--out", bad).code);
        Assert.False(File.Exists(bad));
    }

    [Fact]
    public void Crns_Desilets2021_BetaFromTheSite_OrAsGiven()
    {
        var dir = RepoPaths.NewTempDir("soilnb-crns-beta");
        var output = Path.Combine(dir, "c.csv");
        // KS003: 38.2346 N, 455 m; Rc 4 GV: β = 0.0073566981 1/hPa (Reference/desilets2021_beta.py in SoilNotebooks.Tests)
        var (code, stdout, stderr) = Run("crns", "correct", "--station", Crnpy("crnpy_station_data.csv"), "--toa5", "--out", output,
            "--pressure-theory", "desilets2021", "--latitude", "38.2346", "--elevation", "455", "--cutoff-rigidity", "4");
        Assert.True(code == 0, stderr);
        using (var json = JsonDocument.Parse(stdout.Trim()))
        {
            Assert.Equal("desilets2021", json.RootElement.GetProperty("pressure_theory").GetString());
            Assert.Equal(0.0073566981, json.RootElement.GetProperty("beta_per_hpa").GetDouble(), 9);
        }
        var second = File.ReadAllLines(output)[2].Split(',');   // 972 hPa against the reference 976
        Assert.Equal(Math.Exp(0.0073566981 * (972 - 976)), double.Parse(second[3], CultureInfo.InvariantCulture), 8);

        (code, stdout, stderr) = Run("crns", "correct", "--station", Crnpy("crnpy_station_data.csv"), "--toa5", "--out", output,
            "--pressure-theory", "desilets2021", "--beta", "0.0075");
        Assert.True(code == 0, stderr);
        using (var json = JsonDocument.Parse(stdout.Trim()))
            Assert.Equal(0.0075, json.RootElement.GetProperty("beta_per_hpa").GetDouble(), 12);
        Assert.Equal(ExitCodes.Usage, Run("crns", "correct", "--station", Crnpy("crnpy_station_data.csv"), "--toa5", "--out", output,
            "--pressure-theory", "desilets2021", "--beta", "130").code);   // an attenuation length given as β
    }
}
