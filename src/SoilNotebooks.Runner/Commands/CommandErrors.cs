namespace SoilNotebooks.Runner.Commands;

/// <summary>Maps exceptions of a verb's action to the CLI's exit codes (<see cref="ExitCodes"/>), with one clear line.</summary>
public static class CommandErrors
{
    private static readonly AsyncLocal<bool> VerboseFlag = new();

    /// <summary>True when <c>--verbose</c> was given: unexpected errors then also print their stack trace.</summary>
    public static bool Verbose { get => VerboseFlag.Value; set => VerboseFlag.Value = value; }

    /// <summary>
    /// Runs <paramref name="action"/>: an unusable output destination (or no permission to write) gives
    /// <see cref="ExitCodes.OutputUnusable"/>; bad input (argument, format, missing file, key, invalid operation, I/O)
    /// gives <see cref="ExitCodes.Usage"/>; anything else <see cref="ExitCodes.Failed"/>. Each prints
    /// "soilnb VERB: message" on stderr, and a stack trace only under <c>--verbose</c>.
    /// </summary>
    public static int Guard(string verb, Func<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try { return action(); }
        catch (Exception e) { return Report(verb, e); }
    }

    /// <summary>Prints <paramref name="e"/> as one line (plus the trace under --verbose) and returns its exit code.</summary>
    public static int Report(string verb, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is AggregateException { InnerExceptions.Count: > 0 } agg) e = agg.InnerExceptions[0];
        int code = CodeOf(e);
        var message = code == ExitCodes.Failed && !IsExpected(e)
            ? $"unexpected error: {e.GetType().Name}: {e.Message} (--verbose prints the stack trace)"
            : e.Message;
        Console.Error.WriteLine($"soilnb {verb}: {message}");
        if (Verbose) Console.Error.WriteLine(e.ToString());
        return code;
    }

    /// <summary>The exit code of an exception.</summary>
    public static int CodeOf(Exception e) => e switch
    {
        OutputUnusableException or UnauthorizedAccessException => ExitCodes.OutputUnusable,
        IOException io when io.HResult == 28 || io.Message.Contains("No space left", StringComparison.Ordinal) => ExitCodes.OutputUnusable,
        ArgumentException or FormatException or FileNotFoundException or DirectoryNotFoundException or KeyNotFoundException
            or InvalidDataException or InvalidOperationException or IOException or System.Text.Json.JsonException
            or OverflowException or NotSupportedException => ExitCodes.Usage,
        _ => ExitCodes.Failed,
    };

    private static bool IsExpected(Exception e) => e is InsufficientMemoryException or ArithmeticException;
}
