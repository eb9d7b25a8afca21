using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Runner.Batch;

/// <summary>How one tile's process ended.</summary>
/// <param name="Id">Tile id.</param>
/// <param name="ExitCode">Exit code of the last attempt.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Seconds">Wall time of the last attempt.</param>
/// <param name="PeakMemoryMb">Peak resident memory of the last attempt (VmHWM, sampled every 50 ms), MB.</param>
/// <param name="Stderr">The last attempt's stderr (last 2000 characters).</param>
public sealed record TileRun(string Id, int ExitCode, int Attempts, double Seconds, double PeakMemoryMb, string Stderr);

/// <summary>Runs tile tasks as child processes on this machine: one (<see cref="RunOne"/>) or a pool (<see cref="RunLocal"/>).</summary>
public static class TileProcesses
{
    /// <summary>Runs one tile's command, with up to <paramref name="retries"/> more attempts after a failure.</summary>
    public static TileRun RunOne(BatchManifest manifest, string id, int retries = 0, CancellationToken cancel = default)
    {
        TileRun? last = null;
        for (int attempt = 1; attempt <= retries + 1; attempt++)
        {
            cancel.ThrowIfCancellationRequested();
            last = Start(manifest.TileCommand(id), id, attempt, cancel);
            if (last.ExitCode == 0) break;
        }
        return last!;
    }

    /// <summary>
    /// Runs every tile that is not finished with <paramref name="workers"/> processes at once (the <c>--local N</c> path of
    /// <c>soilnb batch submit</c>: the same tile commands a Slurm array runs), each retried up to
    /// <paramref name="retries"/> times; reports each finished tile.
    /// </summary>
    public static IReadOnlyList<TileRun> RunLocal(BatchManifest manifest, int workers, int retries, IProgress<TileRun>? progress = null,
        CancellationToken cancel = default)
    {
        var tiling = manifest.Tiling();
        var todo = new ConcurrentQueue<string>(manifest.Tiles.Where(id => !manifest.IsFinished(tiling, id)));
        var runs = new ConcurrentBag<TileRun>();
        var threads = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => new Thread(() =>
        {
            while (!cancel.IsCancellationRequested && todo.TryDequeue(out var id))
            {
                var r = RunOne(manifest, id, retries, cancel);
                runs.Add(r);
                progress?.Report(r);
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        return runs.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
    }

    private static TileRun Start(IReadOnlyList<string> command, string id, int attempt, CancellationToken cancel)
    {
        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Cannot start '{command[0]}'.");
        var stderr = p.StandardError.ReadToEndAsync(cancel);
        var drain = p.StandardOutput.ReadToEndAsync(cancel);   // the tile's JSON line is not needed; drain the pipe
        double peak = 0;
        while (!p.WaitForExit(50))
        {
            peak = Math.Max(peak, PeakResidentMb(p.Id));
            if (cancel.IsCancellationRequested) { try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }
        }
        p.WaitForExit();
        string err = stderr.IsCompletedSuccessfully ? stderr.Result : "";
        return new TileRun(id, p.ExitCode, attempt, sw.Elapsed.TotalSeconds, peak, err.Length > 2000 ? err[^2000..] : err);
    }

    /// <summary>VmHWM of a running process in MB (0 when it cannot be read, e.g. after it ended).</summary>
    public static double PeakResidentMb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return 0;
    }
}
