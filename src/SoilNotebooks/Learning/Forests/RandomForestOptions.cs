namespace SoilNotebooks.Learning.Forests;

/// <summary>Which variable importance a forest computes while fitting.</summary>
public enum ForestImportance
{
    /// <summary>No importance (fastest).</summary>
    None,
    /// <summary>Total impurity decrease (sum of squares for regression, weighted Gini for classification) per feature, averaged over trees (ranger "impurity").</summary>
    Impurity,
    /// <summary>Out-of-bag permutation importance (Breiman 2001; ranger "permutation", unscaled), plus impurity importance.</summary>
    Permutation,
}

/// <summary>
/// Hyper-parameters of a random forest (Breiman 2001) with ranger's meanings (Wright &amp; Ziegler 2017).
/// Defaults follow ranger 0.14: 500 trees, mtry = ⌊√p⌋, minimum node size 5 (regression) or 1
/// (classification), bootstrap with replacement of n rows (sample fraction 1; 0.632 without replacement).
/// </summary>
public sealed record RandomForestOptions
{
    /// <summary>Number of trees (≥ 1; default 500).</summary>
    public int Trees { get; init; } = Defaults.Trees;

    /// <summary>Features tried at each split, 1 ≤ mtry ≤ p; null = ⌊√p⌋ (at least 1).</summary>
    public int? Mtry { get; init; }

    /// <summary>
    /// Minimum node size with ranger's meaning: a node holding this many in-bag observations or fewer
    /// (bootstrap duplicates counted) is not split. ≥ 1; null = 5 for regression, 1 for classification.
    /// </summary>
    public int? MinNodeSize { get; init; }

    /// <summary>Minimum number of in-bag observations in each child of a split (ranger min.bucket; ≥ 1; default 1).</summary>
    public int MinBucket { get; init; } = 1;

    /// <summary>Maximum tree depth (root = depth 0); 0 = unlimited (default).</summary>
    public int MaxDepth { get; init; }

    /// <summary>Draw the in-bag sample with replacement (bootstrap; default true) or without.</summary>
    public bool Replace { get; init; } = true;

    /// <summary>Fraction of rows drawn per tree, in (0, 1]; null = 1 with replacement, 0.632 without.</summary>
    public double? SampleFraction { get; init; }

    /// <summary>Master seed; tree t uses a random stream derived from (seed, t), so results do not depend on <see cref="Threads"/>.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Worker threads (0 = all processors; default 0).</summary>
    public int Threads { get; init; }

    /// <summary>Variable importance to compute (default none).</summary>
    public ForestImportance Importance { get; init; } = ForestImportance.None;

    /// <summary>Split rule: best CART cut (default) or one random cut per feature (extremely randomised trees).</summary>
    public SplitRule SplitRule { get; init; } = SplitRule.Best;

    /// <summary>
    /// Classification only: weight per class label (missing labels weigh 1). Weights multiply each row's
    /// contribution to the Gini impurity and to leaf class proportions (as scikit-learn's class_weight).
    /// </summary>
    public IReadOnlyDictionary<string, double>? ClassWeights { get; init; }

    /// <summary>
    /// Null (default) = exact splits: every midpoint between adjacent distinct values is a candidate (as ranger).
    /// A number B ≥ 2 first groups each feature's values into at most B quantile bins (equal values never
    /// straddle a bin) and only cuts between bins — the LightGBM/HistGradientBoosting approximation, much
    /// faster for large tables with many distinct values.
    /// </summary>
    public int? MaxBins { get; init; }

    /// <summary>Classification only: weight classes by n / (K · n_k) (scikit-learn "balanced"); overrides <see cref="ClassWeights"/>.</summary>
    public bool BalancedClassWeights { get; init; }

    internal int ResolveMtry(int p)
    {
        int m = Mtry ?? Math.Max(1, (int)Math.Floor(Math.Sqrt(p)));
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(Mtry), m, $"mtry must be ≥ 1 (got {m}).");
        if (m > p) throw new ArgumentOutOfRangeException(nameof(Mtry), m, $"mtry = {m} is larger than the number of features ({p}); expected 1 ≤ mtry ≤ {p}.");
        return m;
    }

    internal GrowSettings ToSettings(TreeTask task, int p)
    {
        Check.Positive(Trees, "trees");
        Check.Positive(MinBucket, "minBucket");
        Check.NonNegative(MaxDepth, "maxDepth");
        int minNode = MinNodeSize ?? (task == TreeTask.Regression ? 5 : 1);
        Check.Positive(minNode, "minNodeSize");
        double frac = SampleFraction ?? (Replace ? 1.0 : 0.632);
        Check.Fraction(frac, "sampleFraction");
        Check.NonNegative(Threads, "threads");
        if (MaxBins is < 2) throw new ArgumentOutOfRangeException(nameof(MaxBins), MaxBins, $"maxBins must be ≥ 2 or null for exact splits (got {MaxBins}).");
        return new GrowSettings(task, ResolveMtry(p), minNode, MinBucket, MaxDepth, Replace, frac, Seed, SplitRule,
            Importance != ForestImportance.None);
    }
}
