namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// The exit codes of every <c>soilnb</c> verb (the README's table): 0 ok; 1 a cell or a notebook failed, or a
/// notebook is malformed; 2 usage: bad arguments or a bad input file; 3 the output destination is unusable;
/// 130 interrupted (SIGINT).
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything ran.</summary>
    public const int Ok = 0;
    /// <summary>A cell or notebook failed (also: a malformed notebook, a cell that ended or crashed its process).</summary>
    public const int Failed = 1;
    /// <summary>Bad arguments, an out-of-range flag, an unreadable or malformed input file (table, stack, manifest).</summary>
    public const int Usage = 2;
    /// <summary>The output destination cannot be written (a file where a folder is expected, no permission, the input).</summary>
    public const int OutputUnusable = 3;
    /// <summary>Interrupted by SIGINT (Ctrl+C).</summary>
    public const int Interrupted = 130;
}

/// <summary>The output destination cannot be used; checked before any work starts.</summary>
public sealed class OutputUnusableException(string message) : IOException(message);
