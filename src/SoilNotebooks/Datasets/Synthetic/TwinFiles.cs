using System.Globalization;
using System.Text;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>
/// Writes the files of a twin as one unit: every file is first written to a temporary file in the output
/// folder; only when all succeeded are they moved over their destinations. A failure deletes the
/// temporaries and leaves existing files untouched.
/// </summary>
public static class TwinFiles
{
    /// <summary>Writes the given files (name → content writer) into <paramref name="folder"/>.</summary>
    /// <returns>Full paths of the written files, in the given order.</returns>
    public static IReadOnlyList<string> WriteAll(string folder, IReadOnlyList<(string Name, Action<TextWriter> Write)> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        foreach (var (name, _) in files)
            if (name.Contains('/') || name.Contains('\\') || name.Contains(".."))
                throw new ArgumentException($"Twin file name '{name}' must be a plain file name.");
        var dir = Directory.CreateDirectory(folder).FullName;
        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (name, write) in files)
            {
                var final = Path.Combine(dir, name);
                var temp = Path.Combine(dir, $".{name}.{Guid.NewGuid():N}.tmp");
                temps.Add((temp, final));
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
                write(w);
            }
            foreach (var (_, final) in temps)
                if (Directory.Exists(final)) throw new IOException($"Cannot write '{final}': a folder of that name exists.");
            foreach (var (temp, final) in temps) File.Move(temp, final, overwrite: true);
            return temps.Select(t => t.Final).ToArray();
        }
        catch
        {
            foreach (var (temp, _) in temps)
                try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>Formats with a fixed number of decimals, invariant culture, trailing zeros trimmed.</summary>
    public static string F(double value, int decimals)
    {
        if (double.IsNaN(value)) return "NaN";
        var s = Math.Round(value, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);
        if (s.Contains('.')) s = s.TrimEnd('0').TrimEnd('.');
        return s == "-0" ? "0" : s;
    }
}
