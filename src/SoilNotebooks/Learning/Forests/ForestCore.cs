using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Forests;

/// <summary>An ensemble of trees grown in parallel with per-tree random streams; shared by all forest models.</summary>
internal sealed class ForestCore
{
    public readonly Tree[] Trees;
    public readonly TreeTask Task;
    public readonly int K;
    public readonly int P;
    public readonly int NTrain;
    public readonly IReadOnlyList<string> FeatureNames;

    private ForestCore(Tree[] trees, TreeTask task, int k, int p, int nTrain, IReadOnlyList<string> names)
    {
        Trees = trees; Task = task; K = k; P = p; NTrain = nTrain; FeatureNames = names;
    }

    /// <summary>A forest of already grown trees (read from a forest file).</summary>
    public static ForestCore FromTrees(Tree[] trees, TreeTask task, int k, int p, int nTrain, IReadOnlyList<string> names) =>
        new(trees, task, k, p, nTrain, names);

    public static int ResolveThreads(int threads) => threads <= 0 ? Environment.ProcessorCount : threads;

    /// <summary>Grows <paramref name="trees"/> trees on <paramref name="threads"/> threads; tree t uses stream (seed, t).</summary>
    public static ForestCore Grow(TrainingData d, GrowSettings s, int trees, int threads)
    {
        var result = new Tree[trees];
        var opts = new ParallelOptions { MaxDegreeOfParallelism = ResolveThreads(threads) };
        Parallel.For(0, trees, opts, () => new TreeBuilder(d, s), (t, _, b) => { result[t] = b.Grow(t); return b; }, _ => { });
        return new ForestCore(result, s.Task, d.K, d.P, d.N, d.X.Names);
    }

    /// <summary>Runs <paramref name="body"/> over row ranges in parallel.</summary>
    public static void ForRows(int n, int threads, Action<int, int> body)
    {
        int workers = ResolveThreads(threads);
        int chunk = Math.Clamp((n + workers * 4 - 1) / (workers * 4), 64, 512);
        int chunks = (n + chunk - 1) / chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers }, c =>
        {
            int a = c * chunk, b = Math.Min(n, a + chunk);
            body(a, b);
        });
    }

    /// <summary>Mean of the trees' leaf values (regression).</summary>
    public double[] PredictMean(FeatureTable x, int threads)
    {
        var res = new double[x.Rows];
        var data = x.Data; int n = x.Rows;
        ForRows(n, threads, (a, b) =>
        {
            var leaves = new int[b - a];
            foreach (var t in Trees)
            {
                t.Leaves(data, n, a, b, leaves);
                var v = t.Value;
                for (int i = a; i < b; i++) res[i] += v[leaves[i - a]];
            }
            for (int i = a; i < b; i++) res[i] /= Trees.Length;
        });
        return res;
    }

    /// <summary>
    /// Means of the first <paramref name="counts"/>[j] trees for each j (ascending counts ≤ the trees grown), summed in
    /// tree order as <see cref="PredictMean"/> sums, so each is bit-identical to the mean of a forest of that many trees.
    /// </summary>
    public double[][] PredictMeanNested(FeatureTable x, int[] counts, int threads)
    {
        var res = counts.Select(_ => new double[x.Rows]).ToArray();
        var data = x.Data; int n = x.Rows;
        ForRows(n, threads, (a, b) =>
        {
            var leaves = new int[b - a];
            var sum = new double[b - a];
            int next = 0;
            for (int t = 0; t < Trees.Length && next < counts.Length; t++)
            {
                Trees[t].Leaves(data, n, a, b, leaves);
                var v = Trees[t].Value;
                for (int i = a; i < b; i++) sum[i - a] += v[leaves[i - a]];
                while (next < counts.Length && counts[next] == t + 1)
                {
                    for (int i = a; i < b; i++) res[next][i] = sum[i - a] / (t + 1);
                    next++;
                }
            }
        });
        return res;
    }

    /// <summary>Mean of the trees' leaf class proportions (classification), [row, class].</summary>
    public double[,] PredictProba(FeatureTable x, int threads)
    {
        var res = new double[x.Rows, K];
        var data = x.Data; int n = x.Rows;
        ForRows(n, threads, (a, b) =>
        {
            var leaves = new int[b - a];
            foreach (var t in Trees)
            {
                t.Leaves(data, n, a, b, leaves);
                for (int i = a; i < b; i++)
                {
                    int leaf = leaves[i - a];
                    for (int c = 0; c < K; c++) res[i, c] += t.Prob![leaf * K + c];
                }
            }
            for (int i = a; i < b; i++)
                for (int c = 0; c < K; c++) res[i, c] /= Trees.Length;
        });
        return res;
    }

    /// <summary>Out-of-bag means (regression) per training row; NaN where a row was in-bag in every tree.</summary>
    public double[] OobMean(FeatureTable train, int threads)
    {
        var res = new double[NTrain];
        var data = train.Data; int n = train.Rows;
        ForRows(n, threads, (a, b) =>
        {
            var cnt = new int[b - a];
            var leaves = new int[b - a];
            foreach (var t in Trees)
            {
                t.Leaves(data, n, a, b, leaves);
                for (int i = a; i < b; i++)
                {
                    if (t.Inbag[i] != 0) continue;
                    res[i] += t.Value[leaves[i - a]]; cnt[i - a]++;
                }
            }
            for (int i = a; i < b; i++) res[i] = cnt[i - a] > 0 ? res[i] / cnt[i - a] : double.NaN;
        });
        return res;
    }

    /// <summary>Out-of-bag class proportions; a row of NaN where a row was never out of bag.</summary>
    public double[,] OobProba(FeatureTable train, int threads)
    {
        var res = new double[NTrain, K];
        var data = train.Data; int n = train.Rows;
        ForRows(n, threads, (a, b) =>
        {
            var cnt = new int[b - a];
            foreach (var t in Trees)
                for (int i = a; i < b; i++)
                {
                    if (t.Inbag[i] != 0) continue;
                    int leaf = t.Leaf(data, n, i);
                    for (int c = 0; c < K; c++) res[i, c] += t.Prob![leaf * K + c];
                    cnt[i - a]++;
                }
            for (int i = a; i < b; i++)
                for (int c = 0; c < K; c++) res[i, c] = cnt[i - a] > 0 ? res[i, c] / cnt[i - a] : double.NaN;
        });
        return res;
    }

    /// <summary>Impurity importance: total impurity decrease per feature, averaged over trees.</summary>
    public double[] ImpurityImportance()
    {
        var imp = new double[P];
        foreach (var t in Trees)
            if (t.Importance is not null)
                for (int j = 0; j < P; j++) imp[j] += t.Importance[j];
        for (int j = 0; j < P; j++) imp[j] /= Trees.Length;
        return imp;
    }

    /// <summary>
    /// Permutation importance (Breiman 2001, ranger "permutation", unscaled): for each tree and feature, the
    /// increase of the tree's out-of-bag error (MSE, or misclassification rate) when the feature's values are
    /// permuted among that tree's out-of-bag rows; averaged over trees. Seeded per (tree, feature).
    /// </summary>
    public double[] PermutationImportance(FeatureTable train, double[] y, int[]? cls, long seed, int threads)
    {
        var perTree = new double[Trees.Length][];
        var data = train.Data; int n = train.Rows;
        Parallel.For(0, Trees.Length, new ParallelOptions { MaxDegreeOfParallelism = ResolveThreads(threads) }, ti =>
        {
            var t = Trees[ti];
            var oob = new List<int>();
            for (int i = 0; i < n; i++) if (t.Inbag[i] == 0) oob.Add(i);
            var imp = new double[P];
            perTree[ti] = imp;
            if (oob.Count == 0) return;
            double Err(int i, int leaf) => Task == TreeTask.Regression
                ? (y[i] - t.Value[leaf]) * (y[i] - t.Value[leaf])
                : (cls![i] == (int)t.Value[leaf] ? 0 : 1);
            double baseErr = 0;
            foreach (var i in oob) baseErr += Err(i, t.Leaf(data, n, i));
            var perm = oob.ToArray();
            for (int j = 0; j < P; j++)
            {
                var rng = new FastRandom(seed ^ 0x5DEECE66DL, (long)ti * 1_000_003 + j);
                for (int k = perm.Length - 1; k > 0; k--) { int r = rng.Next(k + 1); (perm[k], perm[r]) = (perm[r], perm[k]); }
                double err = 0;
                for (int k = 0; k < oob.Count; k++)
                {
                    int i = oob[k];
                    err += Err(i, t.LeafWith(data, n, i, j, data[j * n + perm[k]]));
                }
                imp[j] = (err - baseErr) / oob.Count;
            }
        });
        var res = new double[P];
        foreach (var a in perTree) for (int j = 0; j < P; j++) res[j] += a[j];
        for (int j = 0; j < P; j++) res[j] /= Trees.Length;
        return res;
    }
}
