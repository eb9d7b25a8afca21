using System.Globalization;

namespace SoilNotebooks.Evaluation;

/// <summary>
/// A difference of model scores that a claim rests on (e.g. R²(CNN) − R²(RF)), oriented so that a positive value is
/// the claim's direction, with its bootstrap interval.
/// </summary>
/// <param name="Label">What is compared, e.g. "9C − 9B".</param>
/// <param name="Value">The difference on the full test set.</param>
/// <param name="Lower">Lower end of its interval (e.g. the 2.5 % bootstrap quantile).</param>
/// <param name="Upper">Upper end of its interval (e.g. the 97.5 % bootstrap quantile).</param>
public sealed record Difference(string Label, double Value, double Lower, double Upper)
{
    /// <summary>The models the difference involves (for the health check of a verdict).</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>True when the difference is positive (the claim's direction).</summary>
    public bool RightDirection => Value > 0;

    /// <summary>True when the whole interval is above zero.</summary>
    public bool ClearOfNoise => Lower > 0;

    /// <summary>"9C − 9B +0.031 [−0.012, +0.075]".</summary>
    public override string ToString() => $"{Label} {Signed(Value)} [{Signed(Lower)}, {Signed(Upper)}]";

    /// <summary>A signed number with three decimals and a true minus sign: "+0.031", "−0.012".</summary>
    public static string Signed(double v) => v.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture);
}
