using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Classic;

/// <summary>
/// Options of a single CART tree (Breiman et al. 1984) with scikit-learn's parameter meanings.
/// </summary>
public sealed record DecisionTreeOptions
{
    /// <summary>Maximum depth (root = 0); 0 = unlimited (default).</summary>
    public int MaxDepth { get; init; }

    /// <summary>A node needs at least this many rows to be split (scikit-learn min_samples_split; ≥ 2; default 2).</summary>
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>Each child of a split keeps at least this many rows (min_samples_leaf; ≥ 1; default 1).</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Features tried per split; null = all (default).</summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Seed (feature order at each split, which breaks ties).</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Classification: weight per class label (missing labels weigh 1).</summary>
    public IReadOnlyDictionary<string, double>? ClassWeights { get; init; }

    /// <summary>Classification: weight classes by n/(K·n_k).</summary>
    public bool BalancedClassWeights { get; init; }

    internal GrowSettings Settings(TreeTask task, int p)
    {
        if (MinSamplesSplit < 2) throw new ArgumentOutOfRangeException(nameof(MinSamplesSplit), MinSamplesSplit, $"minSamplesSplit must be ≥ 2 (got {MinSamplesSplit}).");
        Check.Positive(MinSamplesLeaf, "minSamplesLeaf");
        Check.NonNegative(MaxDepth, "maxDepth");
        int m = MaxFeatures ?? p;
        if (m < 1 || m > p) throw new ArgumentOutOfRangeException(nameof(MaxFeatures), m, $"maxFeatures = {m} must be between 1 and the number of features ({p}).");
        return new GrowSettings(task, m, MinSamplesSplit - 1, MinSamplesLeaf, MaxDepth, Replace: false, SampleFraction: 1.0, Seed, SplitRule.Best, TrackImportance: true);
    }
}

/// <summary>A single CART decision tree for regression or classification.</summary>
public static class DecisionTree
{
    /// <summary>Fits a regression tree (variance splits, leaf means).</summary>
    public static DecisionTreeRegression FitRegression(FeatureTable x, IReadOnlyList<double> y, DecisionTreeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new DecisionTreeOptions();
        var yy = RandomForest.ValidateTarget(y, x.Rows);
        var d = new TrainingData(x, yy, null, 0, null);
        var tree = new TreeBuilder(d, options.Settings(TreeTask.Regression, x.Columns)).Grow(0);
        return new DecisionTreeRegression(tree, x.Names);
    }

    /// <summary>Fits a classification tree (Gini splits, leaf class proportions).</summary>
    public static DecisionTreeClassification FitClassification(FeatureTable x, IReadOnlyList<string> labels, DecisionTreeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new DecisionTreeOptions();
        var cl = ClassLabels.ForFit(labels, x.Rows);
        var d = new TrainingData(x, cl.Index.Select(c => (double)c).ToArray(), cl.Index, cl.Classes.Count, cl.RowWeights(options.ClassWeights, options.BalancedClassWeights));
        var tree = new TreeBuilder(d, options.Settings(TreeTask.Classification, x.Columns)).Grow(0);
        return new DecisionTreeClassification(tree, x.Names, cl.Classes);
    }
}

/// <summary>A fitted regression tree.</summary>
public sealed class DecisionTreeRegression : IRegressor
{
    internal readonly Tree Tree;

    /// <summary>Feature names in training order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => Tree.NodeCount;

    /// <summary>Depth of the deepest leaf.</summary>
    public int Depth => Tree.Depth;

    /// <summary>Sum-of-squares decrease per feature.</summary>
    public double[] ImpurityImportance => Tree.Importance!.ToArray();

    internal DecisionTreeRegression(Tree tree, IReadOnlyList<string> names) { Tree = tree; FeatureNames = names; }

    /// <inheritdoc />
    public double[] Predict(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != FeatureNames.Count) throw new ArgumentException($"The table has {x.Columns} features; the tree was trained on {FeatureNames.Count}.");
        var r = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++) r[i] = Tree.Value[Tree.Leaf(x.Data, x.Rows, i)];
        return r;
    }
}

/// <summary>A fitted classification tree.</summary>
public sealed class DecisionTreeClassification : IClassifier
{
    internal readonly Tree Tree;

    /// <inheritdoc />
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Feature names in training order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Depth of the deepest leaf.</summary>
    public int Depth => Tree.Depth;

    internal DecisionTreeClassification(Tree tree, IReadOnlyList<string> names, IReadOnlyList<string> classes) { Tree = tree; FeatureNames = names; Classes = classes; }

    /// <inheritdoc />
    public double[,] PredictProbabilities(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != FeatureNames.Count) throw new ArgumentException($"The table has {x.Columns} features; the tree was trained on {FeatureNames.Count}.");
        int K = Classes.Count;
        var p = new double[x.Rows, K];
        for (int i = 0; i < x.Rows; i++)
        {
            int leaf = Tree.Leaf(x.Data, x.Rows, i);
            for (int c = 0; c < K; c++) p[i, c] = Tree.Prob![leaf * K + c];
        }
        return p;
    }
}

/// <summary>Options of extremely randomised trees (Geurts, Ernst &amp; Wehenkel 2006) with scikit-learn's defaults.</summary>
public sealed record ExtraTreesOptions
{
    /// <summary>Number of trees (default 500).</summary>
    public int Trees { get; init; } = Defaults.Trees;

    /// <summary>Features tried per split; null = all for regression, ⌊√p⌋ for classification.</summary>
    public int? MaxFeatures { get; init; }

    /// <summary>A node needs at least this many rows to be split (default 2).</summary>
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>Each child keeps at least this many rows (default 1).</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Maximum depth; 0 = unlimited.</summary>
    public int MaxDepth { get; init; }

    /// <summary>Bootstrap rows per tree (default false: every tree sees all rows).</summary>
    public bool Bootstrap { get; init; }

    /// <summary>Seed.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Threads (0 = all).</summary>
    public int Threads { get; init; }

    /// <summary>Classification: class weights by label.</summary>
    public IReadOnlyDictionary<string, double>? ClassWeights { get; init; }

    /// <summary>Classification: balanced class weights.</summary>
    public bool BalancedClassWeights { get; init; }

    internal RandomForestOptions ToForest(int p, bool classification)
    {
        if (MinSamplesSplit < 2) throw new ArgumentOutOfRangeException(nameof(MinSamplesSplit), MinSamplesSplit, $"minSamplesSplit must be ≥ 2 (got {MinSamplesSplit}).");
        return new RandomForestOptions
        {
            Trees = Trees, Mtry = MaxFeatures ?? (classification ? Math.Max(1, (int)Math.Sqrt(p)) : p),
            MinNodeSize = MinSamplesSplit - 1, MinBucket = MinSamplesLeaf, MaxDepth = MaxDepth,
            Replace = Bootstrap, SampleFraction = 1.0, Seed = Seed, Threads = Threads, SplitRule = SplitRule.Random,
            ClassWeights = ClassWeights, BalancedClassWeights = BalancedClassWeights,
        };
    }
}

/// <summary>
/// Extremely randomised trees (Geurts et al. 2006, Machine Learning 63:3–42): each candidate feature gets
/// one cut point drawn uniformly between its minimum and maximum in the node, and the best of those cuts
/// is used; by default every tree sees all rows (no bootstrap). Built on the random-forest engine.
/// </summary>
public static class ExtraTrees
{
    /// <summary>Fits an extra-trees regressor.</summary>
    public static RandomForestRegression FitRegression(FeatureTable x, IReadOnlyList<double> y, ExtraTreesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return RandomForest.FitRegression(x, y, (options ?? new ExtraTreesOptions()).ToForest(x.Columns, false));
    }

    /// <summary>Fits an extra-trees classifier.</summary>
    public static RandomForestClassification FitClassification(FeatureTable x, IReadOnlyList<string> labels, ExtraTreesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return RandomForest.FitClassification(x, labels, (options ?? new ExtraTreesOptions()).ToForest(x.Columns, true));
    }
}
