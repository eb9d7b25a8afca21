namespace SoilNotebooks.Learning.Validation;

/// <summary>
/// An assignment of rows to cross-validation folds: row i is in the test set of fold <c>Fold[i]</c>
/// (0 ≤ Fold[i] &lt; K) and in the training set of every other fold.
/// </summary>
/// <param name="Fold">Fold number per row, 0-based.</param>
/// <param name="K">Number of folds (≥ 2).</param>
/// <param name="Labels">A display name per fold (e.g. the original fold label or group name).</param>
public sealed record FoldAssignment(int[] Fold, int K, IReadOnlyList<string> Labels)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Fold.Length;

    /// <summary>Rows in the test set of fold <paramref name="k"/>, ascending.</summary>
    public int[] TestIndices(int k)
    {
        Check.InRange(k, 0, K - 1);
        return Enumerable.Range(0, Fold.Length).Where(i => Fold[i] == k).ToArray();
    }

    /// <summary>Rows in the training set of fold <paramref name="k"/>, ascending.</summary>
    public int[] TrainIndices(int k)
    {
        Check.InRange(k, 0, K - 1);
        return Enumerable.Range(0, Fold.Length).Where(i => Fold[i] != k).ToArray();
    }

    /// <summary>Test-set size per fold.</summary>
    public int[] Sizes()
    {
        var s = new int[K];
        foreach (var f in Fold) s[f]++;
        return s;
    }
}

/// <summary>
/// Cross-validation fold builders: random k-fold, predefined folds (e.g. LimeSoDa's <c>Fold</c> column),
/// grouped folds (leave-site-out; Roberts et al. 2017) and spatial blocks (Valavi et al. 2019, blockCV).
/// Every random assignment takes a seed.
/// </summary>
public static class Folds
{
    private static void NeedRows(int n, int k)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), k, $"Cross-validation needs at least 2 folds (got {k}).");
        if (n < k) throw new ArgumentException($"There are fewer rows ({n}) than folds ({k}); every fold needs at least one row.");
    }

    /// <summary>
    /// Random k-fold: rows are shuffled (seeded Fisher–Yates) and dealt into <paramref name="k"/> folds whose
    /// sizes differ by at most one. With <paramref name="shuffle"/> false, consecutive blocks of rows.
    /// </summary>
    public static FoldAssignment KFold(int n, int k = Defaults.Folds, int seed = Defaults.Seed, bool shuffle = true)
    {
        NeedRows(n, k);
        var order = Enumerable.Range(0, n).ToArray();
        if (shuffle)
        {
            var rng = new Random(seed);
            for (int i = n - 1; i > 0; i--) { int j = rng.Next(i + 1); (order[i], order[j]) = (order[j], order[i]); }
        }
        var fold = new int[n];
        // first n % k folds get one extra row (scikit-learn KFold sizes)
        int start = 0;
        for (int f = 0; f < k; f++)
        {
            int size = n / k + (f < n % k ? 1 : 0);
            for (int t = start; t < start + size; t++) fold[order[t]] = f;
            start += size;
        }
        return new FoldAssignment(fold, k, Enumerable.Range(1, k).Select(f => $"fold {f}").ToArray());
    }

    /// <summary>
    /// Predefined folds from a label per row (e.g. LimeSoDa's 1..10 <c>Fold</c> column). Distinct labels
    /// become folds 0..K−1 in ascending label order.
    /// </summary>
    public static FoldAssignment Predefined(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = labels.Distinct().Order().ToArray();
        NeedRows(labels.Count, Math.Max(2, distinct.Length));
        if (distinct.Length < 2) throw new ArgumentException($"Predefined folds need at least two distinct fold labels (got {distinct.Length}).");
        var map = distinct.Select((l, i) => (l, i)).ToDictionary(t => t.l, t => t.i);
        return new FoldAssignment(labels.Select(l => map[l]).ToArray(), distinct.Length, distinct.Select(d => d.ToString()).ToArray());
    }

    /// <summary>
    /// Grouped folds: all rows of a group (site, field, profile) share a fold. With <paramref name="k"/> null,
    /// leave-one-group-out (one fold per group, in ordinal group order); otherwise groups are shuffled (seeded)
    /// and each is placed in the fold with the fewest rows so far (largest groups first).
    /// </summary>
    public static FoldAssignment Grouped(IReadOnlyList<string> groups, int? k = null, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(groups);
        for (int i = 0; i < groups.Count; i++)
            if (string.IsNullOrEmpty(groups[i])) throw new ArgumentException($"Group label at row {i + 1} is empty; every row needs a group.");
        var names = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (k is null)
        {
            NeedRows(groups.Count, names.Length);
            var map = names.Select((g, i) => (g, i)).ToDictionary(t => t.g, t => t.i, StringComparer.Ordinal);
            return new FoldAssignment(groups.Select(g => map[g]).ToArray(), names.Length, names);
        }
        int kk = k.Value;
        NeedRows(groups.Count, kk);
        if (names.Length < kk) throw new ArgumentException($"There are fewer groups ({names.Length}) than folds ({kk}); every fold needs at least one group.");
        var size = groups.GroupBy(g => g, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rng = new Random(seed);
        var shuffled = names.ToArray();
        for (int i = shuffled.Length - 1; i > 0; i--) { int j = rng.Next(i + 1); (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]); }
        var ordered = shuffled.Select((g, i) => (g, i)).OrderByDescending(t => size[t.g]).ThenBy(t => t.i).Select(t => t.g);
        var load = new int[kk];
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in ordered)
        {
            int f = 0;
            for (int c = 1; c < kk; c++) if (load[c] < load[f]) f = c;
            foldOf[g] = f; load[f] += size[g];
        }
        return new FoldAssignment(groups.Select(g => foldOf[g]).ToArray(), kk, Enumerable.Range(1, kk).Select(f => $"fold {f}").ToArray());
    }

    /// <summary>
    /// Spatial block folds: square blocks of side <paramref name="blockSize"/> (in the coordinates' unit,
    /// e.g. metres of a projected CRS) anchored at the minimum x and y; rows of a block share a fold, and
    /// blocks are assigned to <paramref name="k"/> folds as groups (seeded, balanced by row count).
    /// </summary>
    public static FoldAssignment SpatialBlocks(IReadOnlyList<double> x, IReadOnlyList<double> y, double blockSize, int k = Defaults.Folds, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Check.SameLength(x.Count, y.Count, "x and y coordinates");
        Check.Positive(blockSize);
        for (int i = 0; i < x.Count; i++)
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i])) throw new ArgumentException($"Coordinate at row {i + 1} is not finite ({x[i]}, {y[i]}).");
        NeedRows(x.Count, k);
        double x0 = x.Min(), y0 = y.Min();
        var block = Enumerable.Range(0, x.Count)
            .Select(i => $"{(long)Math.Floor((x[i] - x0) / blockSize)}:{(long)Math.Floor((y[i] - y0) / blockSize)}").ToArray();
        var distinct = block.Distinct().Count();
        if (distinct < k) throw new ArgumentException($"Only {distinct} spatial blocks of size {blockSize} hold data, fewer than the {k} folds; use smaller blocks or fewer folds.");
        return Grouped(block, k, seed);
    }
}
