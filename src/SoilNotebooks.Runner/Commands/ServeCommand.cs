using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Runner.Execution;
using SoilNotebooks.Runner.Notebooks;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb serve [--cwd DIR] [--timeout SECONDS]</c>: the execution back end of the Jupyter kernel. One JSON object
/// per line on stdin, one per line on stdout; no network port. Requests:
/// <c>{"id":"1","op":"execute","code":"..."}</c>, <c>{"id":"2","op":"shutdown"}</c>. For an execute request the
/// server writes zero or more <c>{"id":"1","type":"output","output":{…nbformat output…}}</c> as they happen
/// (console text, <c>display</c>, the trailing value), then exactly one
/// <c>{"id":"1","type":"done","status":"ok"|"error","execution_count":n,"ename":…,"evalue":…,"traceback":[…]}</c>.
/// A line that is not a JSON object, or a field of the wrong type, gets a done reply with <c>"ename":"ProtocolError"</c>
/// naming what was expected; the server goes on.
/// An execute request may also carry <c>"cell"</c> (the name messages use, e.g. "cell 4") and
/// <c>"timeout_seconds"</c>; the done message then also has <c>"cell_status"</c> (ok, error, timeout),
/// <c>"elapsed_seconds"</c>, <c>"error_line"</c> and <c>"session_poisoned"</c>. Serve never changes the process's
/// current directory: start it in the notebook's folder; <c>--cwd</c> is the base folder of <c>#r</c>/<c>#load</c>.
/// The protocol has its own channel: at start the server moves the protocol's stdin and stdout to private descriptors,
/// gives cells an empty stdin and sends anything written to the process's stdout (a raw
/// <c>Console.OpenStandardOutput()</c>, a background thread) to stderr. SIGINT interrupts the running cell
/// (<see cref="ScriptSession.Interrupt"/>); a cell that calls <c>Environment.Exit</c> gets a done message naming it.
/// </summary>
public sealed class ServeCommand : ICommandFactory
{
    /// <inheritdoc/>
    public Command Create()
    {
        var cwd = new Option<string?>("--cwd") { Description = "Base folder of the session for #r, #load and #i (the notebook's folder); default: the current folder." };
        var timeout = new Option<string?>("--timeout") { Description = $"Time limit per cell in seconds, 0 < T ≤ {RunCommand.MaxTimeoutSeconds:0} (default: none)." };
        var cmd = new Command("serve", "Serve the Jupyter kernel back end: JSON lines on stdin/stdout.") { cwd, timeout };
        cmd.SetAction(async (parse, ct) =>
        {
            // The process's current directory is never changed: the caller starts serve in the notebook's folder
            // (the Jupyter wrapper and `soilnb run` do); --cwd is the session's base folder for #r, #load and #i.
            var dir = parse.GetValue(cwd) ?? Environment.CurrentDirectory;
            if (!Directory.Exists(dir)) { Console.Error.WriteLine($"soilnb serve: --cwd '{dir}' is not an existing folder."); return ExitCodes.Usage; }
            TimeSpan? limit;
            try { limit = RunCommand.ParseTimeout(parse.GetValue(timeout), "serve"); }
            catch (ParameterException e) { Console.Error.WriteLine($"soilnb serve: {e.Message}"); return ExitCodes.Usage; }
            var (input, output) = ProtocolChannel.Open();
            return await ServeAsync(input, output, Path.GetFullPath(dir), limit).ConfigureAwait(false);
        });
        return cmd;
    }

    /// <summary>Runs the request loop until end of input or a shutdown request. Returns the exit code.</summary>
    public static async Task<int> ServeAsync(TextReader input, TextWriter output, string directory, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        RoutingConsole.Install();
        // The protocol owns its writer; stray console writes outside a cell go to stderr.
        var protocol = output == Console.Out ? RoutingConsole.OriginalOut : output;
        var gate = new object();
        bool closed = false;
        void Send(JsonObject o)
        {
            lock (gate)
            {
                if (closed) return;
                protocol.Write(o.ToJsonString() + "\n");
                protocol.Flush();
            }
        }

        var session = new ScriptSession(directory, new Displayer());
        string? runningId = null, runningCell = null;
        void OnExit(object? sender, EventArgs e)
        {
            if (runningId is not { } rid) return;
            var done = Done(rid, "error", session.ExecutionCount, "ProcessExit",
                $"{runningCell} ended the kernel process (Environment.Exit({Environment.ExitCode})); the session's variables are lost.");
            done["cell_status"] = "error";
            done["session_poisoned"] = true;
            Send(done);
            lock (gate) closed = true;
        }
        AppDomain.CurrentDomain.ProcessExit += OnExit;
        using var sigint = RegisterInterrupt(session);
        try
        {
            Send(new JsonObject { ["type"] = "ready", ["protocol"] = 1, ["language"] = "csharp" });
            string? line;
            while ((line = await input.ReadLineAsync().ConfigureAwait(false)) is not null)
            {
                if (line.Trim().Length == 0) continue;
                if (ServeRequest.Parse(line, timeout) is not { } req)
                {
                    Send(Done(null, "error", session.ExecutionCount, "ProtocolError", ServeRequest.LastError(line)));
                    continue;
                }
                if (req.Error is { } bad) { SendError(Send, req.Id, session.ExecutionCount, "ProtocolError", bad); continue; }
                if (req.Op == "shutdown") { Send(new JsonObject { ["id"] = req.Id, ["type"] = "done", ["status"] = "ok" }); return 0; }
                if (req.Op == "interrupt") { Send(new JsonObject { ["id"] = req.Id, ["type"] = "done", ["status"] = "ok" }); continue; }
                var code = req.Code;
                var cellName = req.Cell ?? $"cell {session.ExecutionCount + 1}";
                if (session.IsPoisoned)
                {
                    SendError(Send, req.Id, session.ExecutionCount, "SessionUnusable", "A previous cell exceeded its time limit; restart the kernel.");
                    continue;
                }
                string kernel = "csharp";
                if (Kernels.SplitLeadingDirective(code) is { } d) { kernel = d.Kernel; code = d.Body; }
                if (kernel != "csharp")
                {
                    SendError(Send, req.Id, session.ExecutionCount, "UnsupportedKernel", $"This cell is written for the '{kernel}' kernel; this kernel runs C# only.");
                    continue;
                }
                var id = req.Id;
                var collector = new OutputCollector();
                collector.OutputAdded += o => Send(new JsonObject { ["id"] = id, ["type"] = "output", ["output"] = o.DeepClone() });
                runningId = id; runningCell = cellName;
                CellResult result;
                try { result = await session.ExecuteAsync(code, cellName, req.Timeout, collector).ConfigureAwait(false); }
                finally { runningId = null; }
                var done = Done(id, result.Status == CellStatus.Ok ? "ok" : "error", result.ExecutionCount, result.ErrorName, result.ErrorMessage);
                done["cell_status"] = result.Status switch { CellStatus.Ok => "ok", CellStatus.TimedOut => "timeout", _ => "error" };
                done["elapsed_seconds"] = Math.Round(result.Elapsed.TotalSeconds, 4);
                if (result.ErrorLine is { } errorLine) done["error_line"] = errorLine;
                if (session.IsPoisoned) done["session_poisoned"] = true;
                if (result.Status != CellStatus.Ok && result.Outputs.LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error") is { } err)
                    done["traceback"] = err["traceback"]?.DeepClone();
                Send(done);
            }
            return 0;
        }
        finally { AppDomain.CurrentDomain.ProcessExit -= OnExit; }
    }

    private static IDisposable? RegisterInterrupt(ScriptSession session)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; session.Interrupt(); });
        }
        catch (PlatformNotSupportedException) { return null; }
    }

    /// <summary>An error that happened before the cell could run: sent as an error output, then as the done message.</summary>
    private static void SendError(Action<JsonObject> send, string? id, int count, string ename, string evalue)
    {
        send(new JsonObject
        {
            ["id"] = id, ["type"] = "output",
            ["output"] = new JsonObject { ["output_type"] = "error", ["ename"] = ename, ["evalue"] = evalue, ["traceback"] = new JsonArray($"{ename}: {evalue}") },
        });
        send(Done(id, "error", count, ename, evalue));
    }

    private static JsonObject Done(string? id, string status, int count, string? ename, string? evalue)
    {
        var o = new JsonObject { ["id"] = id, ["type"] = "done", ["status"] = status, ["execution_count"] = count };
        if (ename is not null) { o["ename"] = ename; o["evalue"] = evalue; o["traceback"] = new JsonArray($"{ename}: {evalue}"); }
        return o;
    }
}

/// <summary>
/// One request of the serve protocol, parsed without ever throwing: a wrongly typed field gives <see cref="Error"/>
/// (the request is answered with a ProtocolError naming the field and what was expected).
/// </summary>
/// <param name="Id">The request id as text (any JSON value), or null.</param>
/// <param name="Op">execute, shutdown or interrupt.</param>
/// <param name="Code">The cell's code (execute).</param>
/// <param name="Cell">The cell's name for messages, when given.</param>
/// <param name="Timeout">The cell's time limit (the request's <c>timeout_seconds</c>, else the server's).</param>
/// <param name="Error">What is wrong with the request, or null.</param>
public sealed record ServeRequest(string? Id, string Op, string Code, string? Cell, TimeSpan? Timeout, string? Error)
{
    /// <summary>
    /// Parses one line; null when it is not a JSON object (see <see cref="LastError"/>). Never throws.
    /// </summary>
    public static ServeRequest? Parse(string line, TimeSpan? serverTimeout)
    {
        ArgumentNullException.ThrowIfNull(line);
        try { return ParseCore(line, serverTimeout); }
        catch (ArgumentException e) when (e.Message.Contains("same key", StringComparison.Ordinal))
        {
            // a repeated property name, reported lazily by System.Text.Json when the object is read (found by fuzzing)
            return new ServeRequest(null, "execute", "", null, serverTimeout, "A property name appears twice in the request; names must be unique.");
        }
    }

    private static ServeRequest? ParseCore(string line, TimeSpan? serverTimeout)
    {
        JsonObject o;
        try
        {
            if (JsonNode.Parse(line, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) is not JsonObject obj) return null;
            o = obj;
        }
        catch (JsonException) { return null; }
        catch (ArgumentException) { return null; }
        string? id = o["id"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            var other => other.ToJsonString(),
        };
        string? error = null;
        string? Text(string field, string expected)
        {
            var n = o[field];
            if (n is null) return null;
            if (n is JsonValue v && v.TryGetValue<string>(out var s)) return s;
            error ??= $"'{field}' must be a string ({expected}); got {Kind(n)}.";
            return null;
        }
        var op = Text("op", "execute, shutdown or interrupt") ?? "execute";
        if (error is null && op is not ("execute" or "shutdown" or "interrupt"))
            error = $"Unknown op '{op}'; expected execute, shutdown or interrupt.";
        var code = Text("code", "the cell's C# source") ?? "";
        var cell = Text("cell", "the cell's name, e.g. \"cell 3\"");
        var timeout = serverTimeout;
        if (o["timeout_seconds"] is { } t)
        {
            if (t is JsonValue tv && tv.TryGetValue<double>(out var sec) && double.IsFinite(sec) && sec > 0 && sec <= RunCommand.MaxTimeoutSeconds)
                timeout = TimeSpan.FromSeconds(sec);
            else error ??= $"'timeout_seconds' must be a number of seconds, 0 < T ≤ {RunCommand.MaxTimeoutSeconds:0}; got {t.ToJsonString()}.";
        }
        return new ServeRequest(id, op, code, cell, timeout, error);
    }

    /// <summary>The message for a line that is not a JSON object.</summary>
    public static string LastError(string line)
    {
        try
        {
            var n = JsonNode.Parse(line ?? "");
            return $"Request is not a JSON object (got {Kind(n)}); expected {{\"id\":…,\"op\":\"execute\",\"code\":…}}.";
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return $"Request is not a JSON object: {e.Message}";
        }
    }

    private static string Kind(JsonNode? n) => n switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => $"the number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {v.ToJsonString()}",
            JsonValueKind.String => "a string",
            _ => v.ToJsonString(),
        },
    };
}

/// <summary>
/// Gives the serve protocol a channel of its own: the protocol's stdin and stdout move to new file descriptors, cells
/// get an empty stdin (fd 0 is /dev/null, <c>Console.In</c> is empty) and the process's stdout (fd 1) becomes a copy of
/// stderr, so neither <c>Console.ReadLine()</c> nor a raw write to stdout can touch the protocol.
/// </summary>
internal static class ProtocolChannel
{
    [DllImport("libc", SetLastError = true)] private static extern int dup(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int dup2(int fd, int fd2);
    [DllImport("libc", SetLastError = true, EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);

    /// <summary>Moves the protocol to private descriptors (on Linux); elsewhere returns the console streams.</summary>
    public static (TextReader In, TextWriter Out) Open()
    {
        var utf8 = new UTF8Encoding(false);
        if (!OperatingSystem.IsLinux())
        {
            var fallbackIn = Console.In;
            Console.SetIn(TextReader.Null);
            return (fallbackIn, Console.Out);
        }
        int inFd = dup(0), outFd = dup(1);
        int devNull = Open("/dev/null", 0);
        if (inFd < 0 || outFd < 0 || devNull < 0 || dup2(devNull, 0) < 0 || dup2(2, 1) < 0)
            throw new IOException("soilnb serve: could not set up the protocol's own channel (dup/dup2 failed).");
        close(devNull);
        Console.SetIn(TextReader.Null);
        Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true });   // fd 1 = stderr now
        var input = new StreamReader(new FileStream(new SafeFileHandle(inFd, ownsHandle: true), FileAccess.Read, 1), utf8);
        var output = new StreamWriter(new FileStream(new SafeFileHandle(outFd, ownsHandle: true), FileAccess.Write, 1), utf8);
        return (input, output);
    }
}
