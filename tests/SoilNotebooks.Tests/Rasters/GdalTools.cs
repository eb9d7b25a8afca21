using System.Diagnostics;
using System.Text.Json;

namespace SoilNotebooks.Tests.Rasters;

/// <summary>Runs GDAL's command-line tools (Debian gdal-bin) as reference implementations.</summary>
internal static class GdalTools
{
    public static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
    }

    public static JsonElement Info(string path) => JsonDocument.Parse(Run("gdalinfo", "-json", path)).RootElement;

    public static double LocationValue(string path, int band, int col, int row) =>
        double.Parse(Run("gdallocationinfo", "-valonly", "-b", band.ToString(), path, col.ToString(), row.ToString()).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Python with NumPy and GDAL bindings (Debian python3-numpy, python3-gdal).</summary>
    public static string Python(string script, params string[] args) => Run("/usr/bin/python3", [script, .. args]);
}
