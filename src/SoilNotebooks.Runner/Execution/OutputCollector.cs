using System.Text;
using System.Text.Json.Nodes;
using SoilNotebooks.Interactive.Display;

namespace SoilNotebooks.Runner.Execution;

/// <summary>
/// Collects one cell's outputs as nbformat output objects in the order they happen: console text becomes
/// <c>stream</c> outputs (consecutive writes merged), <c>display(x)</c> becomes <c>display_data</c>.
/// <see cref="OutputAdded"/> fires for each completed output (the Jupyter kernel streams them live).
/// </summary>
public sealed class OutputCollector
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _outputs = [];
    private readonly StringBuilder _pending = new();
    private string? _pendingName;
    private readonly StringBuilder _echoLine = new();

    /// <summary>
    /// When set, console text is also copied here line by line as it is written, each line prefixed with
    /// <c>"    | "</c> (headless runs use it to show a long cell's progress on stderr). Does not change <see cref="Outputs"/>.
    /// </summary>
    public TextWriter? Echo { get; init; }

    /// <summary>Raised (under a lock, in order) when an output is complete.</summary>
    public event Action<JsonObject>? OutputAdded;

    /// <summary>The outputs so far (pending console text is flushed first).</summary>
    public IReadOnlyList<JsonObject> Outputs { get { lock (_gate) { FlushLocked(); return _outputs.ToArray(); } } }

    private bool _detached;
    private long _textChars;
    private bool _truncated;

    /// <summary>
    /// Most characters of console text one cell keeps (16 Mi); the rest is dropped with a note, so a cell that prints
    /// hundreds of megabytes cannot exceed what a notebook file, a JSON string or the report can hold.
    /// </summary>
    public const long MaxTextChars = 16L * 1024 * 1024;

    /// <summary>True when console text beyond <see cref="MaxTextChars"/> was dropped.</summary>
    public bool Truncated { get { lock (_gate) return _truncated; } }

    /// <summary>Ignores everything written from now on (an abandoned, interrupted cell).</summary>
    public void Detach() { lock (_gate) { FlushLocked(); _detached = true; } }

    /// <summary>Appends console text to the stdout or stderr stream.</summary>
    public void Write(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_detached) return;
            if (_textChars + text.Length > MaxTextChars)
            {
                if (_truncated) return;
                _truncated = true;
                long room = Math.Max(0, MaxTextChars - _textChars);
                text = text[..(int)room] + $"\n[soilnb] output truncated: this cell wrote more than {MaxTextChars / (1024 * 1024)} Mi " +
                       "characters of text; the rest was dropped.\n";
            }
            _textChars += text.Length;
            if (_pendingName != name) FlushLocked();
            _pendingName = name;
            _pending.Append(text);
            if (Echo is not null) EchoLocked(text);
            // stream live: complete lines are emitted as they arrive so long runs show progress
            if (OutputAdded is not null && text.Contains('\n')) FlushLocked();
        }
    }

    /// <summary>Adds a <c>display_data</c> output.</summary>
    public void Display(MimeBundle bundle) => Add(new JsonObject
    {
        ["output_type"] = "display_data",
        ["data"] = bundle.ToJupyterData(),
        ["metadata"] = new JsonObject(),
    });

    /// <summary>Adds an <c>execute_result</c> output.</summary>
    public void Result(MimeBundle bundle, int executionCount) => Add(new JsonObject
    {
        ["output_type"] = "execute_result",
        ["data"] = bundle.ToJupyterData(),
        ["metadata"] = new JsonObject(),
        ["execution_count"] = executionCount,
    });

    /// <summary>Adds an <c>error</c> output.</summary>
    public void Error(string ename, string evalue, IEnumerable<string> traceback)
    {
        var tb = new JsonArray();
        foreach (var t in traceback) tb.Add(t);
        Add(new JsonObject { ["output_type"] = "error", ["ename"] = ename, ["evalue"] = evalue, ["traceback"] = tb }, force: true);
    }

    /// <summary>Emits any pending console text as a stream output (and any unfinished echo line).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            FlushLocked();
            if (Echo is not null && _echoLine.Length > 0) { EchoLineLocked(); Echo.Flush(); }
        }
    }

    private void EchoLocked(string text)
    {
        foreach (char ch in text)
        {
            if (ch == '\r') continue;
            if (ch != '\n') _echoLine.Append(ch);
            else EchoLineLocked();
        }
        Echo!.Flush();
    }

    private void EchoLineLocked()
    {
        Echo!.WriteLine("    | " + _echoLine);
        _echoLine.Clear();
    }

    /// <summary>
    /// Adds a complete nbformat output as it is (a <c>display_data</c>, <c>execute_result</c> or <c>error</c> that
    /// another process produced); <c>stream</c> outputs go through <see cref="Write"/> so consecutive text merges.
    /// </summary>
    public void Append(JsonObject output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output["output_type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "stream"
            && output["name"] is JsonValue n && n.TryGetValue<string>(out var name)
            && output["text"] is JsonValue x && x.TryGetValue<string>(out var text))
        {
            Write(name, text);
            return;
        }
        Add(output);
    }

    private void Add(JsonObject o, bool force = false)
    {
        lock (_gate)
        {
            if (_detached && !force) return;
            FlushLocked();
            _outputs.Add(o);
            OutputAdded?.Invoke(o);
        }
    }

    private void FlushLocked()
    {
        if (_pending.Length == 0 || _pendingName is null) return;
        var o = new JsonObject { ["output_type"] = "stream", ["name"] = _pendingName, ["text"] = _pending.ToString() };
        _pending.Clear();
        // merge with a directly preceding stream of the same name (keeps the .ipynb tidy)
        if (OutputAdded is null && _outputs.Count > 0 && _outputs[^1]["output_type"]?.GetValue<string>() == "stream"
            && _outputs[^1]["name"]?.GetValue<string>() == _pendingName)
        {
            _outputs[^1]["text"] = _outputs[^1]["text"]!.GetValue<string>() + o["text"]!.GetValue<string>();
            return;
        }
        _outputs.Add(o);
        OutputAdded?.Invoke(o);
    }
}
