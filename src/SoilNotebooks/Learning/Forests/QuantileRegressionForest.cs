using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Forests;

/// <summary>Prediction intervals from a quantile forest.</summary>
/// <param name="Coverage">Nominal coverage, e.g. 0.9 for the 5 %–95 % interval.</param>
/// <param name="Lower">Lower quantile (α = (1 − coverage)/2) per row, in the target's unit.</param>
/// <param name="Median">Conditional median per row.</param>
/// <param name="Upper">Upper quantile (1 − α) per row.</param>
public sealed record PredictionInterval(double Coverage, double[] Lower, double[] Median, double[] Upper)
{
    /// <summary>Interval width per row (Upper − Lower).</summary>
    public double[] Width => Lower.Select((l, i) => Upper[i] - l).ToArray();

    /// <summary>
    /// Uncertainty index per row: interval width relative to the median, (Upper − Lower) / Median, as
    /// soil-map products report it (e.g. SoilGrids/CUP4Soil: (Q0.95 − Q0.05)/Q0.50). NaN where the median is 0.
    /// </summary>
    public double[] UncertaintyIndex => Lower.Select((l, i) => Median[i] != 0 ? (Upper[i] - l) / Median[i] : double.NaN).ToArray();
}

/// <summary>
/// A quantile regression forest (Meinshausen 2006, JMLR 7:983–999). After growing, every training row is
/// dropped down every tree and each leaf keeps the rows that reach it. For a query x, training row i gets
/// the weight w_i(x) = (1/T) Σ_t 1{i ∈ leaf_t(x)} / |leaf_t(x)|; the conditional distribution is F(y | x) = Σ_i w_i(x) 1{Y_i ≤ y}, and the
/// α-quantile is inf{ y : F(y | x) ≥ α } (exact weights — ranger's <c>quantreg</c> approximates them by one
/// random training value per leaf). Out-of-bag quantiles use only the trees in which the row is out of bag,
/// and leave the row itself out of its leaves.
/// </summary>
public sealed class QuantileRegressionForest : RandomForestRegression
{
    private readonly double[] _ySorted;
    private readonly int[] _rank;
    private readonly int _n;

    internal QuantileRegressionForest(TrainingData d, GrowSettings s, RandomForestOptions options) : base(d, s, options)
    {
        _n = d.N;
        TrainingFeatures = d.X;
        // Leaf membership of all training rows (Meinshausen 2006: every observation is dropped down every
        // tree), stored per leaf as ranks of the training target so a query only sorts small integer lists.
        var order = Enumerable.Range(0, d.N).ToArray();
        var ys = (double[])d.Y.Clone();
        Array.Sort(ys, order);
        _rank = new int[d.N];
        for (int r = 0; r < d.N; r++) _rank[order[r]] = r;
        _ySorted = ys;
        var rankLocal = _rank;
        Parallel.For(0, Core.Trees.Length, new ParallelOptions { MaxDegreeOfParallelism = ForestCore.ResolveThreads(options.Threads) }, ti =>
        {
            var t = Core.Trees[ti];
            var leafOf = new int[d.N];
            var count = new int[t.NodeCount];
            t.Leaves(d.X.Data, d.N, 0, d.N, leafOf);
            for (int i = 0; i < d.N; i++) count[leafOf[i]]++;
            var start = new int[t.NodeCount];
            for (int v = 0, acc = 0; v < t.NodeCount; v++) { start[v] = acc; acc += count[v]; }
            var fill = (int[])start.Clone();
            var members = new int[d.N];
            for (int i = 0; i < d.N; i++) members[fill[leafOf[i]]++] = rankLocal[i];
            t.Members = members;
            // a leaf's Left and Threshold are unused: keep its member offset and count there, in the cache line
            // the traversal has just read
            for (int v = 0; v < t.NodeCount; v++)
                if (t.Nodes[v].Feature < 0) { t.Nodes[v].Left = start[v]; t.Nodes[v].Threshold = count[v]; }
        });
    }

    /// <summary>A quantile forest read from a file (<see cref="ForestFile"/>): trees with their leaf members, the sorted
    /// training targets and, for out-of-bag quantiles, the training features and each row's target rank.</summary>
    internal QuantileRegressionForest(ForestCore core, RandomForestOptions options, int mtry, int minNodeSize, double[] y,
        double[] oob, double[]? impurity, double[]? permutation, double fitSeconds, FeatureTable trainingFeatures,
        double[] ySorted, int[] rank)
        : base(core, options, mtry, minNodeSize, y, oob, impurity, permutation, fitSeconds)
    {
        _n = y.Length; TrainingFeatures = trainingFeatures; _ySorted = ySorted; _rank = rank;
    }

    internal ReadOnlySpan<double> SortedTargets => _ySorted;
    internal ReadOnlySpan<int> TargetRanks => _rank;
    internal FeatureTable TrainingFeatureTable => TrainingFeatures;

    /// <summary>Reads a quantile regression forest saved with <see cref="RandomForestRegression.Save"/>.</summary>
    /// <param name="path">The forest file.</param>
    /// <param name="threads">Worker threads for predictions (null: the threads it was fitted with).</param>
    /// <exception cref="InvalidDataException">Not a forest file, another format version, corrupt or truncated, or a forest
    /// without quantile leaf data (a plain regression or a classification forest).</exception>
    public static new QuantileRegressionForest Load(string path, int? threads = null) => ForestFile.LoadQuantile(path, threads);

    private static unsafe void Prefetch(int[] array, int index)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            fixed (int* p = &array[index]) System.Runtime.Intrinsics.X86.Sse.Prefetch0(p);
    }

    private static double[] CheckProbs(IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Count == 0) throw new ArgumentException("No quantile probabilities given.");
        foreach (var p in probabilities) Check.InRange(p, 0, 1, "quantile probability");
        return probabilities.ToArray();
    }

    /// <summary>Conditional quantiles [row, k] for each probability k (any values in [0, 1], any order).</summary>
    public double[,] PredictQuantiles(FeatureTable x, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireFeatures(x);
        return Quantiles(x, CheckProbs(probabilities), oob: false);
    }

    /// <summary>Out-of-bag conditional quantiles [training row, k] (NaN for a row never out of bag).</summary>
    public double[,] OobQuantiles(IReadOnlyList<double> probabilities) => Quantiles(null, CheckProbs(probabilities), oob: true);

    /// <summary>Central prediction interval with the given coverage (default 0.9: the 5 % and 95 % quantiles) and the median.</summary>
    public PredictionInterval PredictInterval(FeatureTable x, double coverage = Defaults.IntervalCoverage) =>
        ToInterval(coverage, PredictQuantiles(x, CentralProbabilities(coverage)));

    /// <summary>Out-of-bag central prediction interval for the training rows.</summary>
    public PredictionInterval OobInterval(double coverage = Defaults.IntervalCoverage) =>
        ToInterval(coverage, OobQuantiles(CentralProbabilities(coverage)));

    /// <summary>The lower, median and upper probabilities of a central interval: (1 − coverage)/2, 0.5, 1 − (1 − coverage)/2.</summary>
    private static double[] CentralProbabilities(double coverage)
    {
        Check.InRange(coverage, 0, 1);
        return [(1 - coverage) / 2, 0.5, 1 - (1 - coverage) / 2];
    }

    /// <summary>Uncertainty index per row: (Q(1−α) − Q(α)) / Q(0.5) with α = (1 − coverage)/2 (default (Q95 − Q05)/Q50).</summary>
    public double[] UncertaintyIndex(FeatureTable x, double coverage = Defaults.IntervalCoverage) => PredictInterval(x, coverage).UncertaintyIndex;

    private static PredictionInterval ToInterval(double coverage, double[,] q)
    {
        int n = q.GetLength(0);
        var lo = new double[n]; var med = new double[n]; var hi = new double[n];
        for (int i = 0; i < n; i++) { lo[i] = q[i, 0]; med[i] = q[i, 1]; hi[i] = q[i, 2]; }
        return new PredictionInterval(coverage, lo, med, hi);
    }

    private double[,] Quantiles(FeatureTable? x, double[] probs, bool oob)
    {
        var trees = Core.Trees;
        int rows = oob ? _n : x!.Rows;
        int nq = probs.Length;
        var order = Enumerable.Range(0, nq).OrderBy(k => probs[k]).ToArray();
        var res = new double[rows, nq];
        FeatureTable data = oob ? TrainingFeatures : x!;
        var dd = data.Data; int dn = data.Rows;
        ForestCore.ForRows(rows, Options.Threads, (a, b) =>
        {
            var w = new double[_n];
            var bw = new double[(_n + 63) >> 6];   // weight per block of 64 ranks, to find quantiles without a full scan
            var touched = new int[Math.Min(_n, 1024)];
            // leaves of the whole row block, tree by tree (each tree stays in cache while the block passes through)
            int blockRows = b - a;
            var leafStart = new int[trees.Length * blockRows];
            var leafCount = new int[trees.Length * blockRows];
            var blockLeaves = new int[blockRows];
            for (int ti = 0; ti < trees.Length; ti++)
            {
                var t = trees[ti];
                t.Leaves(dd, dn, a, b, blockLeaves);
                for (int i = a; i < b; i++)
                {
                    int slot = (i - a) * trees.Length + ti;
                    if (oob && t.Inbag[i] != 0) { leafCount[slot] = 0; continue; }
                    ref var node = ref t.Nodes[blockLeaves[i - a]];
                    leafStart[slot] = node.Left; leafCount[slot] = (int)node.Threshold;
                }
            }
            for (int i = a; i < b; i++)
            {
                int nt = 0, minR = int.MaxValue, maxR = -1;
                double total = 0;
                int self = oob ? _rank[i] : -1;
                int rowBase = (i - a) * trees.Length;
                for (int ti = 0; ti < trees.Length; ti++)
                {
                    var t = trees[ti];
                    if (ti + 8 < trees.Length && leafCount[rowBase + ti + 8] > 0) Prefetch(trees[ti + 8].Members!, leafStart[rowBase + ti + 8]);
                    int slot = rowBase + ti;
                    int s = leafStart[slot], c = leafCount[slot];
                    if (c == 0) continue;
                    int eff = oob ? c - 1 : c;   // out of bag: the row itself is not its own neighbour
                    if (eff <= 0) continue;
                    double inc = 1.0 / eff;
                    total += 1;
                    var mem = t.Members!;
                    for (int k = s; k < s + c; k++)
                    {
                        int r = mem[k];
                        if (r == self) continue;
                        if (w[r] == 0)
                        {
                            if (r < minR) minR = r;
                            if (r > maxR) maxR = r;
                            if (nt == touched.Length) Array.Resize(ref touched, Math.Min(_n, touched.Length * 2));
                            touched[nt++] = r;
                        }
                        w[r] += inc;
                        bw[r >> 6] += inc;
                    }
                }
                if (nt == 0) { for (int k = 0; k < nq; k++) res[i, k] = double.NaN; continue; }
                // Q(α) = the smallest training target whose cumulative weight reaches α (weights summed raw, compared with α·total)
                if (nt <= 64)
                {
                    var tspan = touched.AsSpan(0, nt);
                    tspan.Sort();
                    double cum = 0; int qi = 0;
                    for (int k = 0; k < nt && qi < nq; k++)
                    {
                        cum += w[tspan[k]];
                        while (qi < nq && cum >= (probs[order[qi]] - 1e-12) * total)
                        {
                            res[i, order[qi]] = _ySorted[tspan[k]];
                            qi++;
                        }
                    }
                    for (; qi < nq; qi++) res[i, order[qi]] = _ySorted[tspan[nt - 1]];
                }
                else
                {
                    // many neighbours: skip whole 64-rank blocks by their summed weight, then scan inside one block
                    int blk = minR >> 6, lastBlk = maxR >> 6;
                    double cumBlk = 0;
                    for (int qi = 0; qi < nq; qi++)
                    {
                        double target = (probs[order[qi]] - 1e-12) * total;
                        while (blk < lastBlk && cumBlk + bw[blk] < target) { cumBlk += bw[blk]; blk++; }
                        double c = cumBlk; int found = maxR;
                        int rEnd = Math.Min(_n, (blk + 1) << 6);
                        for (int r = blk << 6; r < rEnd; r++)
                        {
                            double wr = w[r];
                            if (wr == 0) continue;
                            c += wr;
                            if (c >= target) { found = r; break; }
                        }
                        res[i, order[qi]] = _ySorted[found];
                    }
                }
                for (int k = 0; k < nt; k++) w[touched[k]] = 0;
                Array.Clear(bw, minR >> 6, (maxR >> 6) - (minR >> 6) + 1);
            }
        });
        return res;
    }

    private readonly FeatureTable TrainingFeatures;
}
