using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SoilNotebooks.IO;

namespace SoilNotebooks.Runner.Batch;

/// <summary>How tile tasks are submitted to Slurm.</summary>
/// <param name="Throttle">At most this many array tasks run at once (<c>%K</c> of <c>--array</c>).</param>
/// <param name="Retries">Extra attempts of a failed tile inside its task (a killed or failed tile process is rerun).</param>
/// <param name="Partition">Partition, or null for the default.</param>
/// <param name="MemoryMb">Memory per task, MB (from the plan's estimate unless given).</param>
/// <param name="TimeMinutes">Time limit per task, minutes (from the plan's estimate unless given).</param>
public sealed record SlurmOptions(int Throttle = 8, int Retries = 2, string? Partition = null, int? MemoryMb = null, int? TimeMinutes = null);

/// <summary>
/// Submits a <see cref="BatchManifest"/>'s unfinished tiles to Slurm as ONE job array (<c>sbatch --array</c>): the array
/// index is the tile's position in the manifest; each task runs the tile's command and retries it on failure; a finished
/// tile's task returns at once (the tile verbs skip finished files), so submitting again after a failure only redoes what
/// is missing. Job ids are kept in <c>slurm/jobs.json</c>; <see cref="Queued"/> reads <c>squeue</c> (no slurmdbd needed:
/// <c>sacct</c> is not used), and the tile files themselves say what is finished.
/// </summary>
public static class SlurmBatch
{
    /// <summary>The folder of scripts, logs and job ids beside the manifest.</summary>
    public static string FolderOf(string manifestPath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, "slurm");

    /// <summary>The batch script of an array over <paramref name="indices"/> (positions in the manifest's tile list).</summary>
    public static string Script(BatchManifest m, string folder, IReadOnlyList<int> indices, SlurmOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        int mem = o.MemoryMb ?? (int)Math.Max(256, Math.Ceiling(1.5 * (m.Estimate?.PeakMemoryMb ?? 1024)));
        int minutes = o.TimeMinutes ?? (int)Math.Max(5, Math.Ceiling(3 * (m.Estimate?.Seconds ?? 600) / 60));
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append(inv, $"#SBATCH --job-name=soilnb-{m.Verb}\n");
        sb.Append(inv, $"#SBATCH --array={Ranges(indices)}%{Math.Max(1, o.Throttle)}\n");
        sb.Append("#SBATCH --cpus-per-task=1\n");
        sb.Append(inv, $"#SBATCH --mem={mem}M\n");
        sb.Append(inv, $"#SBATCH --time={minutes}\n");
        sb.Append(inv, $"#SBATCH --output={Path.Combine(folder, "logs", "%A_%a.out")}\n");
        if (o.Partition is { } p) sb.Append(inv, $"#SBATCH --partition={p}\n");
        sb.Append("set -u\n");
        sb.Append(inv, $"id=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" {Quote(Path.Combine(folder, "tiles.txt"))})\n");
        sb.Append(inv, $"for attempt in $(seq 1 {o.Retries + 1}); do\n");
        sb.Append("  ").Append(string.Join(' ', m.TileCommand("__ID__").Select(a => a == "__ID__" ? "\"$id\"" : Quote(a)))).Append(" && exit 0\n");
        sb.Append("  echo \"soilnb batch: tile $id attempt $attempt failed (exit $?)\" >&2\n");
        sb.Append("done\nexit 1\n");
        return sb.ToString();
    }

    /// <summary>Writes the script and tile list and runs <c>sbatch --parsable</c>; returns the job id (also recorded).</summary>
    /// <exception cref="InvalidOperationException">sbatch is missing or refused the job.</exception>
    public static string Submit(string manifestPath, BatchManifest m, IReadOnlyList<int> indices, SlurmOptions o)
    {
        if (indices.Count == 0) throw new ArgumentException("No tile to submit.");
        var folder = FolderOf(manifestPath);
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        AtomicFile.WriteAllText(Path.Combine(folder, "tiles.txt"), string.Join('\n', m.Tiles) + "\n");
        var script = Path.Combine(folder, "array.sbatch");
        AtomicFile.WriteAllText(script, Script(m, folder, indices, o));
        var (code, stdout, stderr) = Run("sbatch", ["--parsable", script]);
        if (code != 0) throw new InvalidOperationException($"sbatch refused the job (exit {code}): {stderr.Trim()}");
        var id = stdout.Trim().Split(';')[0];
        var jobs = Jobs(manifestPath).Append(id).ToArray();
        AtomicFile.WriteAllText(Path.Combine(folder, "jobs.json"), JsonSerializer.Serialize(jobs));
        return id;
    }

    /// <summary>The job ids submitted for this manifest so far.</summary>
    public static IReadOnlyList<string> Jobs(string manifestPath)
    {
        var path = Path.Combine(FolderOf(manifestPath), "jobs.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<string[]>(File.ReadAllText(path)) ?? [] : [];
    }

    /// <summary>Array tasks of <paramref name="jobs"/> still in the queue, by state (PENDING, RUNNING, …), from squeue.</summary>
    public static IReadOnlyDictionary<string, int> Queued(IReadOnlyList<string> jobs)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (jobs.Count == 0) return counts;
        var (code, stdout, _) = Run("squeue", ["-h", "-r", "-j", string.Join(',', jobs), "-o", "%T"]);
        if (code != 0) return counts;   // squeue refuses ids that left the queue long ago: nothing queued
        foreach (var s in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            counts[s] = counts.GetValueOrDefault(s) + 1;
        return counts;
    }

    /// <summary>True when a command is on PATH.</summary>
    public static bool Available(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, command)));

    /// <summary>"0-3,7,9-10" for sorted indices.</summary>
    public static string Ranges(IReadOnlyList<int> indices)
    {
        var parts = new List<string>();
        for (int i = 0; i < indices.Count;)
        {
            int j = i;
            while (j + 1 < indices.Count && indices[j + 1] == indices[j] + 1) j++;
            parts.Add(j == i ? indices[i].ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{indices[i]}-{indices[j]}"));
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static (int Code, string Stdout, string Stderr) Run(string file, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Cannot start {file}.");
        var err = p.StandardError.ReadToEndAsync();
        var outText = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, outText, err.Result);
    }
}
