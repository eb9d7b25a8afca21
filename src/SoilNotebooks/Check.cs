using System.Runtime.CompilerServices;

namespace SoilNotebooks;

/// <summary>
/// Range checks for public parameters. Each throws <see cref="ArgumentOutOfRangeException"/> (or
/// <see cref="ArgumentException"/>) with a message that says what was expected and what was given.
/// </summary>
public static class Check
{
    /// <summary>Requires <paramref name="value"/> &gt; 0.</summary>
    public static int Positive(int value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive integer (got {value}).");

    /// <summary>Requires <paramref name="value"/> ≥ 0.</summary>
    public static int NonNegative(int value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 0 (got {value}).");

    /// <summary>Requires a finite <paramref name="value"/> &gt; 0.</summary>
    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0 (got {value}).");

    /// <summary>Requires a finite <paramref name="value"/>.</summary>
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number (got {value}).");

    /// <summary>Requires <paramref name="min"/> ≤ <paramref name="value"/> ≤ <paramref name="max"/>.</summary>
    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}] (got {value}).");

    /// <summary>Requires <paramref name="min"/> ≤ <paramref name="value"/> ≤ <paramref name="max"/>.</summary>
    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}] (got {value}).");

    /// <summary>Requires 0 &lt; <paramref name="value"/> ≤ 1.</summary>
    public static double Fraction(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a fraction in (0, 1] (got {value}).");

    /// <summary>Requires two lengths to be equal.</summary>
    public static void SameLength(int a, int b, string what) {
        if (a != b) throw new ArgumentException($"{what}: lengths differ ({a} vs {b}); expected equal lengths.");
    }
}
