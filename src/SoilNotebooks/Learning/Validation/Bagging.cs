namespace SoilNotebooks.Learning.Validation;

/// <summary>
/// Bagging as S2MoS uses it (Tziolas et al. 2020 §2.3.4): n models, each trained on a fraction of the
/// calibration rows drawn <em>without</em> replacement; predictions are averaged afterwards.
/// </summary>
public static class Bagging
{
    /// <summary>
    /// Draws <paramref name="bags"/> subsets of <c>round(fraction × n)</c> distinct row indices from 0..n-1
    /// (partial Fisher–Yates with <see cref="Random"/> seeded by <paramref name="seed"/>). Each subset is
    /// sorted ascending. Reproducible for a seed.
    /// </summary>
    /// <param name="n">Number of rows (≥ 1).</param>
    /// <param name="bags">Number of subsets (default 5, ≥ 1).</param>
    /// <param name="fraction">Fraction of rows per subset in (0, 1] (default 0.8).</param>
    /// <param name="seed">Random seed.</param>
    public static int[][] DrawWithoutReplacement(int n, int bags = Defaults.Bags, double fraction = Defaults.BagFraction, int seed = Defaults.Seed)
    {
        Check.Positive(n);
        Check.Positive(bags);
        Check.Fraction(fraction);
        int m = Math.Max(1, (int)Math.Round(fraction * n));
        var rng = new Random(seed);
        var result = new int[bags][];
        var perm = new int[n];
        for (int b = 0; b < bags; b++)
        {
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int i = 0; i < m; i++)
            {
                int j = rng.Next(i, n);
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }
            var pick = perm.AsSpan(0, m).ToArray();
            Array.Sort(pick);
            result[b] = pick;
        }
        return result;
    }

    /// <summary>
    /// Bagged prediction: draws the subsets as <see cref="DrawWithoutReplacement"/> does, calls
    /// <paramref name="fitPredict"/> with each subset's row indices (the learner fits on those rows and
    /// returns predictions for a fixed set of target rows), and averages the predictions element-wise.
    /// </summary>
    /// <param name="n">Number of calibration rows to draw from.</param>
    /// <param name="fitPredict">Fits on the given rows; returns the same number of predictions every call.</param>
    /// <param name="bags">Number of models (default 5).</param>
    /// <param name="fraction">Fraction of rows per model (default 0.8).</param>
    /// <param name="seed">Random seed.</param>
    public static BaggedPrediction Average(int n, Func<int[], double[]> fitPredict, int bags = Defaults.Bags, double fraction = Defaults.BagFraction, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(fitPredict);
        var subsets = DrawWithoutReplacement(n, bags, fraction, seed);
        var per = new double[bags][];
        for (int b = 0; b < bags; b++)
        {
            per[b] = fitPredict(subsets[b]);
            if (b > 0 && per[b].Length != per[0].Length)
                throw new InvalidOperationException($"Bag {b + 1} returned {per[b].Length} predictions; bag 1 returned {per[0].Length}.");
        }
        var mean = new double[per[0].Length];
        for (int i = 0; i < mean.Length; i++)
        {
            double s = 0;
            for (int b = 0; b < bags; b++) s += per[b][i];
            mean[i] = s / bags;
        }
        return new BaggedPrediction(mean, per, subsets);
    }
}

/// <summary>Averaged predictions of a bagged ensemble.</summary>
/// <param name="Mean">Element-wise mean over bags.</param>
/// <param name="PerBag">Each bag's predictions.</param>
/// <param name="Subsets">The training rows of each bag.</param>
public sealed record BaggedPrediction(double[] Mean, double[][] PerBag, int[][] Subsets);
