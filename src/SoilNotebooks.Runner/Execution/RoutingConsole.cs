using System.Text;

namespace SoilNotebooks.Runner.Execution;

/// <summary>
/// Installs, once per process, <see cref="Console.Out"/> and <see cref="Console.Error"/> writers that send text to
/// the <see cref="OutputCollector"/> of the cell running in the current async flow (an <see cref="AsyncLocal{T}"/>,
/// which flows into tasks and threads the cell starts), and to the original writers otherwise. Several notebooks can
/// therefore run in one process without mixing their outputs.
/// </summary>
public static class RoutingConsole
{
    private static readonly AsyncLocal<OutputCollector?> Current = new();
    private static readonly object Gate = new();
    private static TextWriter? _originalOut, _originalError;

    /// <summary>The process's stdout as it was before routing was installed.</summary>
    public static TextWriter OriginalOut { get { Install(); return _originalOut!; } }

    /// <summary>The process's stderr as it was before routing was installed.</summary>
    public static TextWriter OriginalError { get { Install(); return _originalError!; } }

    /// <summary>The collector of the cell running in the current async flow, or null outside a cell.</summary>
    public static OutputCollector? CurrentCollector => Current.Value;

    /// <summary>Installs the routing writers (idempotent).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_originalOut is not null) return;
            _originalOut = Console.Out;
            _originalError = Console.Error;
            // cells get an empty stdin: Console.ReadLine() returns null instead of reading the host's input
            Console.SetIn(TextReader.Null);
            Console.SetOut(TextWriter.Synchronized(new RoutingWriter("stdout", () => _originalOut)));
            Console.SetError(TextWriter.Synchronized(new RoutingWriter("stderr", () => _originalError)));
        }
    }

    /// <summary>Routes console text of the current async flow to <paramref name="collector"/> until disposed.</summary>
    public static IDisposable Capture(OutputCollector collector)
    {
        Install();
        var previous = Current.Value;
        Current.Value = collector;
        return new Restore(previous);
    }

    private sealed class Restore(OutputCollector? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    private sealed class RoutingWriter(string name, Func<TextWriter?> fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) => Write(value.ToString());
        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (Current.Value is { } c) c.Write(name, value);
            else fallback()?.Write(value);
        }
        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));
        public override void WriteLine(string? value) => Write((value ?? "") + "\n");
        public override void WriteLine() => Write("\n");
        public override void Flush() { if (Current.Value is null) fallback()?.Flush(); }
    }
}
