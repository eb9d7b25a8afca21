using System.Globalization;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// Range checks of numeric flags and a memory estimate, applied before a verb reads or allocates anything large, so an
/// absurd value ends in one line (exit 2) instead of an allocation that runs for minutes or a stack trace.
/// </summary>
public static class FlagBounds
{
    /// <summary>Share of the memory available to the process that an estimate may claim.</summary>
    public const double MemoryShare = 0.8;

    /// <summary>Checks <paramref name="min"/> ≤ value ≤ <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentException">Out of range.</exception>
    public static int Int(int value, int min, int max, string flag) =>
        value >= min && value <= max ? value
            : throw new ArgumentException($"{flag} must be between {min} and {max} (got {value}).");

    /// <summary>Checks that value is finite and lies in (<paramref name="min"/>, <paramref name="max"/>] when
    /// <paramref name="exclusiveMin"/>, else in [min, max].</summary>
    /// <exception cref="ArgumentException">Out of range or not finite.</exception>
    public static double Double(double value, double min, double max, string flag, bool exclusiveMin = true)
    {
        bool ok = double.IsFinite(value) && (exclusiveMin ? value > min : value >= min) && value <= max;
        if (ok) return value;
        var inv = CultureInfo.InvariantCulture;
        throw new ArgumentException($"{flag} must be a number {(exclusiveMin ? "greater than" : "at least")} {min.ToString(inv)} " +
                                    $"and at most {max.ToString(inv)} (got {value.ToString(inv)}).");
    }

    /// <summary>The memory the process may use, in bytes (the GC's view: the machine or the container limit).</summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Refuses work whose estimated memory exceeds <see cref="MemoryShare"/> of <see cref="AvailableBytes"/>.</summary>
    /// <param name="bytes">The estimate.</param>
    /// <param name="what">What needs it, naming the flags, e.g. "--width 5000 × 500 points × 12 channels".</param>
    /// <exception cref="ArgumentException">Too much.</exception>
    public static void Memory(double bytes, string what)
    {
        double limit = AvailableBytes * MemoryShare;
        if (bytes <= limit) return;
        var inv = CultureInfo.InvariantCulture;
        throw new ArgumentException($"{what} needs about {(bytes / 1e9).ToString("0.#", inv)} GB of memory; this machine allows " +
                                    $"{(limit / 1e9).ToString("0.#", inv)} GB ({MemoryShare:P0} of {(AvailableBytes / 1e9).ToString("0.#", inv)} GB). " +
                                    "Use smaller values.");
    }
}
