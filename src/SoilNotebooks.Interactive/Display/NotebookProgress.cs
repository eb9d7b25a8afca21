namespace SoilNotebooks.Interactive.Display;

/// <summary>
/// Progress reporters for long runs in notebooks: each report becomes a line of the cell's output at once
/// (synchronously, so lines are never lost after the cell ends, unlike <see cref="Progress{T}"/> which posts them).
/// </summary>
public static class NotebookProgress
{
    /// <summary>Writes <c>format(report)</c> as a line for every <paramref name="every"/>-th report (default: all).</summary>
    public static IProgress<T> Lines<T>(Func<T, string> format, int every = 1) => new LineProgress<T>(format, Check.Positive(every));

    /// <summary>
    /// Epoch lines for neural training: "bag 2 epoch 10/100 loss 0.01230 (validation 0.01500) 0.80 s", for the first, every
    /// <paramref name="every"/>-th and the last epoch of each bag; <paramref name="label"/> (e.g. the model's name) starts each line.
    /// </summary>
    public static IProgress<SoilNotebooks.Learning.Neural.EpochProgress> Epochs(int every = 10, string? label = null)
    {
        Check.Positive(every);
        return new LineProgress<SoilNotebooks.Learning.Neural.EpochProgress>(
            p => (string.IsNullOrEmpty(label) ? "" : label + ": ") + FormattableString.Invariant($"bag {p.Bag + 1} epoch {p.Epoch}/{p.Epochs} loss {p.Loss:0.00000}") +
                 (double.IsNaN(p.ValidationLoss) ? "" : FormattableString.Invariant($" (validation {p.ValidationLoss:0.00000})")) +
                 FormattableString.Invariant($" {p.Seconds:0.00} s"),
            1, p => p.Epoch % every == 0 || p.Epoch == p.Epochs || p.Epoch == 1);
    }

    /// <summary>
    /// Window lines for windowed maps: "map: window 12/40 (30 %), 1,234,567 cells", for about every tenth of the windows
    /// and the last one.
    /// </summary>
    public static IProgress<SoilNotebooks.Mapping.MapProgress> Windows(string label = "map") =>
        new LineProgress<SoilNotebooks.Mapping.MapProgress>(
            p => FormattableString.Invariant($"{label}: window {p.WindowsDone}/{p.WindowsTotal} ({p.Fraction:P0}), {p.PixelsPredicted:N0} cells"),
            1, p => p.WindowsDone == p.WindowsTotal || p.WindowsDone % Math.Max(1, p.WindowsTotal / 10) == 0);

    private sealed class LineProgress<T>(Func<T, string> format, int every, Func<T, bool>? filter = null) : IProgress<T>
    {
        private readonly object _gate = new();
        private long _count;

        public void Report(T value)
        {
            lock (_gate)
            {
                _count++;
                if ((filter is null && _count % every != 0) || (filter is not null && !filter(value))) return;
                Console.WriteLine(format(value));
            }
        }
    }
}
