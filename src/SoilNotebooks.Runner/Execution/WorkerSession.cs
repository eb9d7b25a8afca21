using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoilNotebooks.Runner.Execution;

/// <summary>The worker process could not be started or did not say it was ready.</summary>
public sealed class WorkerStartException(string message) : Exception(message);

/// <summary>
/// Runs cells in a <c>soilnb serve</c> child process whose working directory is the notebook's folder, so that
/// relative paths in cells (file reads and writes, <c>#r</c>, <c>#load</c>, <c>#i</c>) resolve against the notebook
/// folder while the runner's own current directory never changes. The child speaks the serve protocol (JSON lines,
/// see <see cref="Commands.ServeCommand"/>); a cell that ends the process (<c>Environment.Exit</c>, a stack overflow,
/// a native crash) becomes a failed cell whose message names the cell, and the session is then unusable.
/// </summary>
public sealed class WorkerSession : ICellSession
{
    private const int StderrTailLines = 60;
    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly TextWriter? _diagnostics;
    private readonly Task _stderrPump;
    private int _next;
    private bool _poisoned;
    private bool _stackOverflow;

    private WorkerSession(Process process, string directory, TextWriter? diagnostics)
    {
        _process = process;
        Directory = directory;
        _diagnostics = diagnostics;
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    /// <summary>The notebook folder: the worker's working directory and the session's base directory.</summary>
    public string Directory { get; }

    /// <summary>The worker's process id (for tests and diagnostics).</summary>
    public int ProcessId => _process.Id;

    /// <inheritdoc/>
    public bool IsPoisoned => _poisoned;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private int _interrupts;

    /// <summary>
    /// Sends SIGINT to the worker, which stops the running cell (see <see cref="ScriptSession.Interrupt"/>); a second
    /// interrupt during the same cell kills the worker.
    /// </summary>
    public void Interrupt()
    {
        if (_process.HasExited) return;
        if (Interlocked.Increment(ref _interrupts) > 1)
        {
            _killedByInterrupt = true;
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            return;
        }
        if (!Signal()) return;
        // A SIGINT that reaches the worker before it has begun the cell (while it still reads the request) finds no cell
        // to stop and is lost, and the cell would run to its end: repeat it while the same cell is outstanding. The worker
        // takes a repeat for a cell that is already stopping as a no-op, so this never counts as a second interrupt.
        int cell = _next;
        _ = Task.Run(async () =>
        {
            foreach (var wait in InterruptRepeats)
            {
                await Task.Delay(wait).ConfigureAwait(false);
                if (_process.HasExited || _next != cell || Volatile.Read(ref _finished) == cell) return;
                Signal();
            }
        });
    }

    /// <summary>When an interrupt is repeated while its cell has not ended (after the first signal).</summary>
    internal static readonly TimeSpan[] InterruptRepeats = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    private int _finished;

    private bool Signal()
    {
        try { _ = Kill(_process.Id, 2); return true; }
        catch (EntryPointNotFoundException) { _process.Kill(entireProcessTree: true); }
        catch (DllNotFoundException) { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        return false;
    }

    private volatile bool _killedByInterrupt;

    /// <summary>
    /// Starts <c>soilnb serve --cwd DIR</c> in <paramref name="directory"/> and waits for its ready message.
    /// </summary>
    /// <param name="directory">The notebook folder (must exist).</param>
    /// <param name="diagnostics">Where text that cells write to the worker's stderr outside a cell goes (null: dropped).</param>
    /// <exception cref="WorkerStartException">The worker did not start.</exception>
    public static async Task<WorkerSession> StartAsync(string directory, TextWriter? diagnostics = null)
    {
        var dir = Path.GetFullPath(directory);
        var (file, args) = Command(dir);
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        Process process;
        try { process = Process.Start(psi) ?? throw new WorkerStartException($"could not start '{file}'."); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new WorkerStartException($"could not start the cell worker '{file}': {e.Message}.");
        }
        var worker = new WorkerSession(process, dir, diagnostics);
        var ready = await worker.ReadMessageAsync().ConfigureAwait(false);
        if (ready?["type"]?.GetValue<string>() != "ready")
        {
            var tail = await worker.StderrTailAsync().ConfigureAwait(false);
            worker.Dispose();
            throw new WorkerStartException($"the cell worker (soilnb serve) did not start{(tail.Length > 0 ? ": " + tail : ".")}");
        }
        return worker;
    }

    /// <summary>The command that starts a worker: this very soilnb assembly through the dotnet host.</summary>
    internal static (string File, string[] Args) Command(string directory)
    {
        var dll = typeof(WorkerSession).Assembly.Location;
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
        {
            var self = Environment.ProcessPath;
            host = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        }
        return (host, [dll, "serve", "--cwd", directory]);
    }

    /// <inheritdoc/>
    public async Task<CellResult> ExecuteAsync(string code, string cellName, TimeSpan? timeout, OutputCollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        if (_poisoned) throw new InvalidOperationException("The cell worker can no longer run cells; start a new session.");
        var sw = Stopwatch.StartNew();
        Interlocked.Exchange(ref _interrupts, 0);
        var id = (++_next).ToString(CultureInfo.InvariantCulture);
        var request = new JsonObject { ["id"] = id, ["op"] = "execute", ["code"] = code, ["cell"] = cellName };
        if (timeout is { } t) request["timeout_seconds"] = t.TotalSeconds;
        try
        {
            await _process.StandardInput.WriteAsync(request.ToJsonString() + "\n").ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException) { return await Crashed(cellName, collector, sw).ConfigureAwait(false); }

        while (true)
        {
            var msg = await ReadMessageAsync().ConfigureAwait(false);
            if (msg is null) return await Crashed(cellName, collector, sw).ConfigureAwait(false);
            if (msg["id"]?.ToString() != id) continue;
            var type = msg["type"]?.GetValue<string>();
            if (type == "output" && msg["output"] is JsonObject output) { collector.Append((JsonObject)output.DeepClone()); continue; }
            if (type != "done") continue;
            Volatile.Write(ref _finished, _next);
            collector.Flush();
            if (msg["status"]?.GetValue<string>() != "ok" && !collector.Outputs.Any(o => o["output_type"]?.GetValue<string>() == "error"))
            {
                // an error the server could only report in its done message (a cell that ended the process)
                var ename0 = (msg["ename"] as JsonValue)?.GetValue<string>() ?? "Error";
                var evalue0 = (msg["evalue"] as JsonValue)?.GetValue<string>() ?? "";
                collector.Error(ename0, evalue0, [$"{ename0}: {evalue0}"]);
            }
            var status = (msg["cell_status"] as JsonValue)?.GetValue<string>() switch
            {
                "ok" => CellStatus.Ok,
                "timeout" => CellStatus.TimedOut,
                _ => msg["status"]?.GetValue<string>() == "ok" ? CellStatus.Ok : CellStatus.Error,
            };
            if (status == CellStatus.TimedOut || msg["session_poisoned"] is JsonValue p && p.GetValue<bool>()) _poisoned = true;
            int count = msg["execution_count"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : _next;
            int? line = msg["error_line"] is JsonValue l && l.TryGetValue<int>(out var ln) ? ln : null;
            var elapsed = msg["elapsed_seconds"] is JsonValue e && e.TryGetValue<double>(out var s) ? TimeSpan.FromSeconds(s) : sw.Elapsed;
            return new CellResult(status, collector.Outputs, count, (msg["ename"] as JsonValue)?.GetValue<string>(),
                (msg["evalue"] as JsonValue)?.GetValue<string>(), line, elapsed);
        }
    }

    /// <summary>The worker ended while a cell ran: a failed cell whose message names the cell and how it ended.</summary>
    private async Task<CellResult> Crashed(string cellName, OutputCollector collector, Stopwatch sw)
    {
        _poisoned = true;
        if (!_process.WaitForExit(5000)) { try { _process.Kill(true); } catch (InvalidOperationException) { } }
        await _stderrPump.ConfigureAwait(false);
        int exit = _process.HasExited ? _process.ExitCode : -1;
        string ename, message;
        if (_killedByInterrupt)
        {
            ename = "Interrupted";
            message = $"{cellName} was interrupted twice (SIGINT); the cell worker was stopped and the session's variables are lost.";
        }
        else if (_stackOverflow)
        {
            ename = "StackOverflow";
            message = $"{cellName} overflowed the stack (unbounded recursion?); the cell worker process ended " +
                      $"(exit code {exit}) and the session's variables are lost.";
        }
        else
        {
            ename = "ProcessExited";
            message = $"{cellName} ended the cell worker process (exit code {exit}, e.g. Environment.Exit({exit}) or a " +
                      "native crash); the session's variables are lost.";
        }
        collector.Flush();
        collector.Error(ename, message, [$"{ename}: {message}"]);
        return new CellResult(CellStatus.Error, collector.Outputs, _next, ename, message, null, sw.Elapsed);
    }

    private async Task<JsonObject?> ReadMessageAsync()
    {
        while (true)
        {
            string? line;
            try { line = await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false); }
            catch (IOException) { return null; }
            if (line is null) return null;
            if (line.Length == 0) continue;
            try
            {
                if (JsonNode.Parse(line) is JsonObject o) return o;
            }
            catch (JsonException) { }
            _diagnostics?.WriteLine($"    [worker] {line}");   // not a protocol message: shown, never fatal
        }
    }

    private async Task PumpStderrAsync()
    {
        try
        {
            string? line;
            while ((line = await _process.StandardError.ReadLineAsync().ConfigureAwait(false)) is not null)
            {
                if (line.StartsWith("Stack overflow.", StringComparison.Ordinal)) _stackOverflow = true;
                lock (_stderrTail)
                {
                    _stderrTail.Enqueue(line);
                    while (_stderrTail.Count > StderrTailLines) _stderrTail.Dequeue();
                }
                // a stack overflow's frames are a stack trace: summarised by Crashed instead
                if (!_stackOverflow) _diagnostics?.WriteLine($"    [worker] {line}");
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task<string> StderrTailAsync()
    {
        if (_process.WaitForExit(2000)) await _stderrPump.ConfigureAwait(false);
        lock (_stderrTail) return string.Join(" ", _stderrTail.TakeLast(5)).Trim();
    }

    /// <summary>Asks the worker to shut down, and kills it (with any cell still running) if it does not.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    _process.StandardInput.WriteLine("""{"id":"shutdown","op":"shutdown"}""");
                    _process.StandardInput.Close();
                }
                catch (IOException) { }
                if (_poisoned || !_process.WaitForExit(3000)) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(3000);
            }
        }
        catch (InvalidOperationException) { }
        finally { _process.Dispose(); }
    }
}
