using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Runner.Execution;
using SoilNotebooks.Runner.Notebooks;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb serve [--cwd DIR]</c>: the execution back end of the Jupyter kernel. One JSON object per line on stdin,
/// one per line on stdout; no network port. Requests:
/// <c>{"id":"1","op":"execute","code":"..."}</c>, <c>{"id":"2","op":"shutdown"}</c>. For an execute request the
/// server writes zero or more <c>{"id":"1","type":"output","output":{…nbformat output…}}</c> as they happen
/// (console text, <c>display</c>, the trailing value), then exactly one
/// <c>{"id":"1","type":"done","status":"ok"|"error","execution_count":n,"ename":…,"evalue":…,"traceback":[…]}</c>.
/// A line that is not valid JSON gets a <c>{"type":"done","status":"error","ename":"ProtocolError",…}</c> reply.
/// An execute request may also carry <c>"cell"</c> (the name messages use, e.g. "cell 4") and
/// <c>"timeout_seconds"</c>; the done message then also has <c>"cell_status"</c> (ok, error, timeout),
/// <c>"elapsed_seconds"</c>, <c>"error_line"</c> and <c>"session_poisoned"</c>. Serve never changes the process's
/// current directory: start it in the notebook's folder; <c>--cwd</c> is the base folder of <c>#r</c>/<c>#load</c>.
/// </summary>
public sealed class ServeCommand : ICommandFactory
{
    /// <inheritdoc/>
    public Command Create()
    {
        var cwd = new Option<string?>("--cwd") { Description = "Working folder of the session (the notebook's folder); default: the current folder." };
        var timeout = new Option<double?>("--timeout") { Description = "Time limit per cell in seconds (default: none)." };
        var cmd = new Command("serve", "Serve the Jupyter kernel back end: JSON lines on stdin/stdout.") { cwd, timeout };
        cmd.SetAction(async (parse, ct) =>
        {
            // The process's current directory is never changed: the caller starts serve in the notebook's folder
            // (the Jupyter wrapper and `soilnb run` do); --cwd is the session's base folder for #r, #load and #i.
            var dir = parse.GetValue(cwd) ?? Environment.CurrentDirectory;
            if (!Directory.Exists(dir)) { Console.Error.WriteLine($"soilnb serve: --cwd '{dir}' does not exist."); return 1; }
            var t = parse.GetValue(timeout);
            return await ServeAsync(Console.In, Console.Out, Path.GetFullPath(dir), t is { } s ? TimeSpan.FromSeconds(s) : null).ConfigureAwait(false);
        });
        return cmd;
    }

    /// <summary>Runs the request loop until end of input or a shutdown request. Returns the exit code.</summary>
    public static async Task<int> ServeAsync(TextReader input, TextWriter output, string directory, TimeSpan? timeout)
    {
        RoutingConsole.Install();
        // The protocol owns the real stdout; stray console writes outside a cell go to stderr.
        var protocol = output == Console.Out ? RoutingConsole.OriginalOut : output;
        var gate = new object();
        void Send(JsonObject o) { lock (gate) { protocol.Write(o.ToJsonString() + "\n"); protocol.Flush(); } }

        var session = new ScriptSession(directory, new Displayer());
        Send(new JsonObject { ["type"] = "ready", ["protocol"] = 1, ["language"] = "csharp" });
        string? line;
        while ((line = await input.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            if (line.Trim().Length == 0) continue;
            JsonObject req;
            try { req = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object"); }
            catch (JsonException e)
            {
                Send(Done(null, "error", 0, "ProtocolError", $"Request is not a JSON object: {e.Message}"));
                continue;
            }
            var id = req["id"]?.ToString();
            var op = req["op"]?.GetValue<string>() ?? "execute";
            if (op == "shutdown") { Send(new JsonObject { ["id"] = id, ["type"] = "done", ["status"] = "ok" }); return 0; }
            if (op != "execute") { SendError(Send, id, session.ExecutionCount, "ProtocolError", $"Unknown op '{op}'; expected execute or shutdown."); continue; }
            var code = req["code"]?.GetValue<string>() ?? "";
            var cellName = req["cell"] is JsonValue cv && cv.TryGetValue<string>(out var cn) ? cn : $"cell {session.ExecutionCount + 1}";
            var cellTimeout = req["timeout_seconds"] is JsonValue tv && tv.TryGetValue<double>(out var ts) && ts > 0
                ? TimeSpan.FromSeconds(ts) : timeout;
            if (session.IsPoisoned)
            {
                SendError(Send, id, session.ExecutionCount, "SessionUnusable", "A previous cell exceeded its time limit; restart the kernel.");
                continue;
            }
            string kernel = "csharp";
            if (Kernels.SplitLeadingDirective(code) is { } d) { kernel = d.Kernel; code = d.Body; }
            if (kernel != "csharp")
            {
                SendError(Send, id, session.ExecutionCount, "UnsupportedKernel", $"This cell is written for the '{kernel}' kernel; this kernel runs C# only.");
                continue;
            }
            var collector = new OutputCollector();
            collector.OutputAdded += o => Send(new JsonObject { ["id"] = id, ["type"] = "output", ["output"] = o.DeepClone() });
            var result = await session.ExecuteAsync(code, cellName, cellTimeout, collector).ConfigureAwait(false);
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
