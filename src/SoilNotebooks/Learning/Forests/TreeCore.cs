using System.Runtime.InteropServices;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Forests;

/// <summary>What a tree predicts.</summary>
public enum TreeTask
{
    /// <summary>A real-valued target; splits minimise the (weighted) sum of squared errors.</summary>
    Regression,
    /// <summary>A class label; splits minimise the (weighted) Gini impurity.</summary>
    Classification,
}

/// <summary>How a split point is chosen for a candidate feature.</summary>
public enum SplitRule
{
    /// <summary>CART: the best cut point among all midpoints between adjacent distinct values (ranger "variance"/"gini").</summary>
    Best,
    /// <summary>Extremely randomised trees (Geurts et al. 2006): one cut point drawn uniformly between the node's minimum and maximum of the feature.</summary>
    Random,
}

/// <summary>
/// Training data prepared once per fit: each feature as integer codes (the rank of the value among the
/// feature's sorted distinct values, or of its quantile bin when binning is requested) with the smallest
/// and largest value per code, targets, class indices and per-row weights.
/// </summary>
internal sealed class TrainingData
{
    public readonly FeatureTable X;
    public readonly int N, P, K;
    public readonly int[][]? Codes;      // codes per feature when some feature has more than 65 536, else null
    public readonly ushort[][]? Codes16; // the same codes in 16 bits when every feature has ≤ 65 536 (half the cache footprint)
    public readonly float[][] Lo, Hi;    // smallest / largest feature value of each code
    public readonly double[] Y;          // regression target (or class index as double)
    public readonly int[] Class;         // class index per row (classification), else empty
    public readonly double[] RowWeight;  // base weight per row (class weights or sample weights), 1 by default
    public readonly int MaxCodes;

    /// <param name="x">Features.</param>
    /// <param name="y">Target (regression) or class index as double.</param>
    /// <param name="cls">Class index per row (classification) or null.</param>
    /// <param name="k">Number of classes (0 for regression).</param>
    /// <param name="rowWeight">Weight per row (classification class weights) or null for 1.</param>
    /// <param name="maxBins">0 = exact (one code per distinct value); otherwise at most this many
    /// quantile bins per feature (equal values never straddle bins).</param>
    public TrainingData(FeatureTable x, double[] y, int[]? cls, int k, double[]? rowWeight, int maxBins = 0)
    {
        if (k > ushort.MaxValue) throw new ArgumentException($"{k} classes are more than the {ushort.MaxValue} a tree supports.");
        X = x; N = x.Rows; P = x.Columns; K = k;
        Y = y; Class = cls ?? [];
        RowWeight = rowWeight ?? Enumerable.Repeat(1.0, N).ToArray();
        var codes = new int[P][];
        Lo = new float[P][]; Hi = new float[P][];
        var order = new int[N];
        var vals = new float[N];
        for (int j = 0; j < P; j++)
        {
            x.ColumnSpan(j).CopyTo(vals);
            for (int i = 0; i < N; i++) order[i] = i;
            Array.Sort(vals, order);
            int distinct = 1;
            for (int r = 1; r < N; r++) if (vals[r] != vals[r - 1]) distinct++;
            bool bin = maxBins > 0 && distinct > maxBins;
            var code = new int[N];
            var lo = new List<float>(Math.Min(distinct, 4096));
            var hi = new List<float>(Math.Min(distinct, 4096));
            int current = -1, lastBin = -1;
            for (int r = 0; r < N; r++)
            {
                if (r == 0 || vals[r] != vals[r - 1])
                {
                    // a new distinct value: new code (exact), or new bin once the quantile target is passed
                    int b = bin ? (int)((long)r * maxBins / N) : r;
                    if (!bin || b != lastBin || current < 0)
                    {
                        lastBin = b; current++;
                        lo.Add(vals[r]); hi.Add(vals[r]);
                    }
                    else hi[current] = vals[r];
                }
                code[order[r]] = current;
            }
            codes[j] = code;
            Lo[j] = lo.ToArray(); Hi[j] = hi.ToArray();
        }
        MaxCodes = Lo.Max(a => a.Length);
        if (MaxCodes <= 65536)
            Codes16 = codes.Select(c => c.Select(v => (ushort)v).ToArray()).ToArray();
        else
            Codes = codes;
    }
}

/// <summary>Settings of tree growing shared by all learners built on <see cref="TreeBuilder"/>.</summary>
internal sealed record GrowSettings(
    TreeTask Task, int Mtry, int MinNodeSize, int MinBucket, int MaxDepth,
    bool Replace, double SampleFraction, long Seed, SplitRule Rule, bool TrackImportance);

/// <summary>A tree node: rows with <c>x[Feature] ≤ Threshold</c> go to <c>Left</c>, others to <c>Left + 1</c>; Feature −1 marks a leaf.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Node
{
    public double Threshold;
    public int Feature;
    public int Left;
}

/// <summary>
/// One fitted tree (node 0 is the root; the two children of a split are stored next to each other, so a
/// node is 16 bytes and traversal touches one array).
/// </summary>
internal sealed class Tree
{
    public int NodeCount;
    public Node[] Nodes = [];
    public double[] Value = [];       // regression leaf mean (or boosting leaf value); classification: majority class
    public float[]? Prob;             // classification: K class proportions per node (leaves only)
    public byte[] Inbag = [];         // bootstrap count per training row (capped at 255)
    public double[]? Importance;      // impurity decrease per feature
    public int[]? Members;            // quantile forest: target ranks of the training rows reaching each leaf; a leaf's
                                      // Node.Left holds its offset here and Node.Threshold its count
    public int Depth;

    public int Leaf(float[] data, int n, int row)
    {
        var nodes = Nodes;
        int node = 0;
        int f;
        while ((f = nodes[node].Feature) >= 0)
            node = nodes[node].Left + (data[f * n + row] <= nodes[node].Threshold ? 0 : 1);
        return node;
    }

    /// <summary>
    /// Leaves of rows a..b−1 written to <paramref name="leaves"/>; four rows descend together so their
    /// memory accesses overlap.
    /// </summary>
    public void Leaves(float[] data, int n, int a, int b, Span<int> leaves)
    {
        var nodes = Nodes;
        int i = a;
        for (; i + 4 <= b; i += 4)
        {
            int n0 = 0, n1 = 0, n2 = 0, n3 = 0;
            while (true)
            {
                ref var x0 = ref nodes[n0]; ref var x1 = ref nodes[n1]; ref var x2 = ref nodes[n2]; ref var x3 = ref nodes[n3];
                int f0 = x0.Feature, f1 = x1.Feature, f2 = x2.Feature, f3 = x3.Feature;
                if ((f0 | f1 | f2 | f3) < 0)
                {
                    if (f0 >= 0) n0 = x0.Left + (data[f0 * n + i] <= x0.Threshold ? 0 : 1);
                    if (f1 >= 0) n1 = x1.Left + (data[f1 * n + i + 1] <= x1.Threshold ? 0 : 1);
                    if (f2 >= 0) n2 = x2.Left + (data[f2 * n + i + 2] <= x2.Threshold ? 0 : 1);
                    if (f3 >= 0) n3 = x3.Left + (data[f3 * n + i + 3] <= x3.Threshold ? 0 : 1);
                    if ((f0 & f1 & f2 & f3) < 0) break;
                    continue;
                }
                n0 = x0.Left + (data[f0 * n + i] <= x0.Threshold ? 0 : 1);
                n1 = x1.Left + (data[f1 * n + i + 1] <= x1.Threshold ? 0 : 1);
                n2 = x2.Left + (data[f2 * n + i + 2] <= x2.Threshold ? 0 : 1);
                n3 = x3.Left + (data[f3 * n + i + 3] <= x3.Threshold ? 0 : 1);
            }
            leaves[i - a] = n0; leaves[i - a + 1] = n1; leaves[i - a + 2] = n2; leaves[i - a + 3] = n3;
        }
        for (; i < b; i++) leaves[i - a] = Leaf(data, n, i);
    }

    /// <summary>Leaf of a row whose feature <paramref name="sub"/> is replaced by <paramref name="subValue"/>.</summary>
    public int LeafWith(float[] data, int n, int row, int sub, float subValue)
    {
        var nodes = Nodes;
        int node = 0;
        int f;
        while ((f = nodes[node].Feature) >= 0)
        {
            float v = f == sub ? subValue : data[f * n + row];
            node = nodes[node].Left + (v <= nodes[node].Threshold ? 0 : 1);
        }
        return node;
    }
}

/// <summary>
/// Grows CART trees. One instance per worker thread holds all scratch memory, so growing allocates only the
/// tree's own arrays. Split search per candidate feature picks, by cost, either a histogram over the
/// feature's distinct values (large nodes: O(node + distinct)) or a sort of packed (code, position) keys
/// (small nodes: O(node log node)); both give the exact best split.
/// </summary>
internal sealed class TreeBuilder
{
    // 16 bytes, so a node's entries stay in cache. Regression: V = y and the weight is Count (regression
    // learners take no row weights). Classification: V = Count × row weight (class weight).
    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        public int Row;
        public ushort Count;   // bootstrap multiplicity (ranger counts these toward node size)
        public ushort Class;
        public double V;
    }

    private readonly TrainingData _d;
    private readonly GrowSettings _s;
    private readonly Entry[] _e;
    private readonly ulong[] _keys, _keys2;
    private readonly double[] _hS, _hW;
    private readonly int[] _hN;
    private readonly double[] _hC;
    private readonly double[] _cl, _cr, _ct;
    private readonly int[] _feats;
    private readonly int[] _perm;
    private readonly int[] _counts;

    // growing tree
    private int _nodes;
    private Node[] _node = new Node[64];
    private double[] _value = new double[64];
    private float[] _prob = [];

    private struct Best
    {
        public int Feature;
        public double Threshold;
        public double Score;
        public int Code;     // CART splits: rows with code ≤ Code go left (−1: partition by Threshold)
    }

    public TreeBuilder(TrainingData d, GrowSettings s)
    {
        _d = d; _s = s;
        int n = d.N;
        _e = new Entry[n];
        _keys = new ulong[n];
        _keys2 = new ulong[n];
        int maxQ = d.MaxCodes;
        _hS = new double[maxQ]; _hW = new double[maxQ]; _hN = new int[maxQ];
        _hC = s.Task == TreeTask.Classification ? new double[maxQ * d.K] : [];
        _cl = new double[Math.Max(1, d.K)]; _cr = new double[Math.Max(1, d.K)]; _ct = new double[Math.Max(1, d.K)];
        _feats = Enumerable.Range(0, d.P).ToArray();
        _perm = new int[n];
        _counts = new int[n];
    }

    /// <summary>Grows tree number <paramref name="treeIndex"/> (its random stream is derived from the seed and this index).</summary>
    public Tree Grow(int treeIndex, double[]? targetOverride = null)
    {
        var rng = new FastRandom(_s.Seed, treeIndex);
        int n = _d.N;
        // the feature draw permutes _feats in place and one builder grows several trees (which ones depends on thread
        // scheduling): restart from the identity so a tree depends only on its own stream
        for (int j = 0; j < _feats.Length; j++) _feats[j] = j;
        // --- draw the in-bag sample ---
        Array.Clear(_counts);
        int draws = Math.Max(1, (int)(n * _s.SampleFraction));
        if (_s.Replace)
        {
            for (int k = 0; k < draws; k++) _counts[rng.Next(n)]++;
        }
        else if (draws >= n)
        {
            Array.Fill(_counts, 1);
        }
        else
        {
            for (int i = 0; i < n; i++) _perm[i] = i;
            for (int k = 0; k < draws; k++)
            {
                int j = k + rng.Next(n - k);
                (_perm[k], _perm[j]) = (_perm[j], _perm[k]);
                _counts[_perm[k]] = 1;
            }
        }
        var y = targetOverride ?? _d.Y;
        int m = 0;
        var inbag = new byte[n];
        for (int i = 0; i < n; i++)
        {
            int c = _counts[i];
            if (c == 0) continue;
            inbag[i] = (byte)Math.Min(255, c);
            _e[m++] = _s.Task == TreeTask.Classification
                ? new Entry { Row = i, Count = (ushort)c, Class = (ushort)_d.Class[i], V = c * _d.RowWeight[i] }
                : new Entry { Row = i, Count = (ushort)c, V = y[i] };
        }

        // --- grow depth-first ---
        _nodes = 1;
        EnsureCapacity(1);
        double[]? importance = _s.TrackImportance ? new double[_d.P] : null;
        int maxDepthSeen = 0;
        Span<(int start, int end, int depth, int node)> stack = stackalloc (int, int, int, int)[256];
        var heapStack = new Stack<(int, int, int, int)>();
        int sp = 0;
        stack[sp++] = (0, m, 0, 0);
        while (sp > 0 || heapStack.Count > 0)
        {
            var (s, e, depth, node) = sp > 0 ? stack[--sp] : heapStack.Pop();
            if (depth > maxDepthSeen) maxDepthSeen = depth;
            int count = 0; double W = 0, S = 0;
            bool classify = _s.Task == TreeTask.Classification;
            if (classify) Array.Clear(_ct);
            double ymin = double.PositiveInfinity, ymax = double.NegativeInfinity;
            if (classify)
                for (int k = s; k < e; k++)
                {
                    ref var en = ref _e[k];
                    count += en.Count; W += en.V; _ct[en.Class] += en.V;
                }
            else
            {
                for (int k = s; k < e; k++)
                {
                    ref var en = ref _e[k];
                    count += en.Count; S += en.Count * en.V;
                    double yy = en.V; if (yy < ymin) ymin = yy; if (yy > ymax) ymax = yy;
                }
                W = count;
            }
            bool pure;
            if (classify)
            {
                int present = 0;
                for (int c = 0; c < _d.K; c++) if (_ct[c] > 0) present++;
                pure = present <= 1;
            }
            else pure = ymin == ymax;

            bool leaf = pure || count <= _s.MinNodeSize || (_s.MaxDepth > 0 && depth >= _s.MaxDepth) || e - s < 2 || W <= 0;
            Best best = default;
            if (!leaf)
            {
                best = FindSplit(ref rng, s, e, count, W, S);
                if (best.Feature < 0) leaf = true;
            }
            if (leaf)
            {
                MakeLeaf(node, s, e, W, S);
                continue;
            }
            // partition by the chosen split
            int i0 = s, r = e - 1;
            double thr = best.Threshold;
            if (best.Code >= 0 && _d.Codes16 is { } c16)
            {
                var code = c16[best.Feature]; int cut = best.Code;
                while (i0 <= r)
                {
                    if (code[_e[i0].Row] <= cut) i0++;
                    else { (_e[i0], _e[r]) = (_e[r], _e[i0]); r--; }
                }
            }
            else
            {
                var col = _d.X.Data.AsSpan(best.Feature * n, n);
                while (i0 <= r)
                {
                    if (col[_e[i0].Row] <= thr) i0++;
                    else { (_e[i0], _e[r]) = (_e[r], _e[i0]); r--; }
                }
            }
            int mid = i0;
            if (mid == s || mid == e) { MakeLeaf(node, s, e, W, S); continue; }
            if (importance is not null)
            {
                double parent = classify ? SumSq(_ct) / W : S * S / W;
                importance[best.Feature] += best.Score - parent;
            }
            int left = _nodes, right = _nodes + 1;
            _nodes += 2;
            EnsureCapacity(_nodes);
            _node[node] = new Node { Feature = best.Feature, Threshold = thr, Left = left };
            if (sp + 2 <= stack.Length)
            {
                stack[sp++] = (mid, e, depth + 1, right);
                stack[sp++] = (s, mid, depth + 1, left);
            }
            else
            {
                heapStack.Push((mid, e, depth + 1, right));
                heapStack.Push((s, mid, depth + 1, left));
            }
        }

        var t = new Tree
        {
            NodeCount = _nodes,
            Nodes = _node.AsSpan(0, _nodes).ToArray(),
            Value = _value.AsSpan(0, _nodes).ToArray(),
            Prob = _s.Task == TreeTask.Classification ? _prob.AsSpan(0, _nodes * _d.K).ToArray() : null,
            Inbag = inbag,
            Importance = importance,
            Depth = maxDepthSeen,
        };
        return t;
    }

    private static double SumSq(double[] a) { double s = 0; foreach (var v in a) s += v * v; return s; }

    private void MakeLeaf(int node, int s, int e, double W, double S)
    {
        _node[node] = new Node { Feature = -1, Threshold = 0, Left = -1 };
        if (_s.Task == TreeTask.Classification)
        {
            int K = _d.K;
            double tot = 0;
            for (int c = 0; c < K; c++) tot += _ct[c];
            for (int c = 0; c < K; c++) _prob[node * K + c] = tot > 0 ? (float)(_ct[c] / tot) : 0f;
            int arg = 0;
            for (int c = 1; c < K; c++) if (_ct[c] > _ct[arg]) arg = c;
            _value[node] = arg;
        }
        else _value[node] = W > 0 ? S / W : 0;
    }

    private void EnsureCapacity(int nodes)
    {
        if (_node.Length < nodes || (_s.Task == TreeTask.Classification && _prob.Length < nodes * _d.K))
        {
            int cap = Math.Max(nodes, _node.Length * 2);
            Array.Resize(ref _node, cap);
            Array.Resize(ref _value, cap);
            if (_s.Task == TreeTask.Classification) Array.Resize(ref _prob, cap * _d.K);
        }
    }

    private Best FindSplit(ref FastRandom rng, int s, int e, int count, double W, double S)
    {
        var best = new Best { Feature = -1, Score = double.NegativeInfinity };
        int p = _d.P;
        int mtry = _s.Mtry;
        for (int t = 0; t < mtry; t++)
        {
            int pick = t + rng.Next(p - t);
            (_feats[t], _feats[pick]) = (_feats[pick], _feats[t]);
            int j = _feats[t];
            if (_s.Rule == SplitRule.Random) EvalRandom(ref rng, j, s, e, count, W, S, ref best);
            else
            {
                if (_d.Lo[j].Length < 2) continue;
                if (_s.Task == TreeTask.Regression) EvalReg(j, s, e, count, S, ref best);
                else EvalCls(j, s, e, count, W, ref best);
            }
        }
        return best;
    }

    private readonly int[] _radixCount = new int[256];

    /// <summary>
    /// Gathers packed (code, position) keys for the node and the node's code range [lo, hi]. Returns false
    /// when the feature is constant in the node.
    /// </summary>
    private bool Gather(int j, int s, int m, out uint lo, out uint hi)
    {
        var keys = _keys;
        var ent = _e;
        uint mn = uint.MaxValue, mx = 0;
        if (_d.Codes16 is { } c16)
        {
            var code = c16[j];
            for (int k = 0; k < m; k++)
            {
                uint c = code[ent[s + k].Row];
                keys[k] = ((ulong)c << 32) | (uint)(s + k);
                if (c < mn) mn = c;
                if (c > mx) mx = c;
            }
        }
        else
        {
            var code = _d.Codes![j];
            for (int k = 0; k < m; k++)
            {
                uint c = (uint)code[ent[s + k].Row];
                keys[k] = ((ulong)c << 32) | (uint)(s + k);
                if (c < mn) mn = c;
                if (c > mx) mx = c;
            }
        }
        lo = mn; hi = mx;
        return mx > mn;
    }

    /// <summary>Sorts keys by code (codes in [lo, lo + range)): insertion sort for tiny spans, else LSD radix on the bytes of code − lo.</summary>
    private void SortKeys(Span<ulong> keys, uint lo, uint range)
    {
        int m = keys.Length;
        if (m <= 48)
        {
            for (int i = 1; i < m; i++)
            {
                ulong v = keys[i];
                int k = i - 1;
                while (k >= 0 && keys[k] > v) { keys[k + 1] = keys[k]; k--; }
                keys[k + 1] = v;
            }
            return;
        }
        int passes = range <= 256 ? 1 : range <= 65536 ? 2 : range <= (1 << 24) ? 3 : 4;
        var src = keys;
        var dst = _keys2.AsSpan(0, m);
        var count = _radixCount;
        for (int pass = 0; pass < passes; pass++)
        {
            int shift = 8 * pass;
            Array.Clear(count);
            for (int i = 0; i < m; i++) count[(int)(((uint)(src[i] >> 32) - lo) >> shift) & 0xFF]++;
            int sum = 0;
            for (int b = 0; b < 256; b++) { int c = count[b]; count[b] = sum; sum += c; }
            for (int i = 0; i < m; i++) { ulong v = src[i]; dst[count[(int)(((uint)(v >> 32) - lo) >> shift) & 0xFF]++] = v; }
            var tmp = src; src = dst; dst = tmp;
        }
        if (passes % 2 == 1) src.CopyTo(keys);
    }

    /// <summary>Cut point between code c1 and the next occupied code c2: midpoint of the largest value of c1 and the smallest of c2.</summary>
    private double Mid(int j, uint c1, uint c2)
    {
        double a = _d.Hi[j][c1], b = _d.Lo[j][c2];
        double mid = (a + b) / 2;
        return mid < b ? mid : a;
    }

    // Histogram over the node's code range when it is at most twice the node size (O(m + range)); otherwise
    // a radix sort of the keys (O(passes · m)). Both evaluate every cut between occupied codes, so the split is exact.
    private void EvalReg(int j, int s, int e, int count, double S, ref Best best)
    {
        int m = e - s;
        if (!Gather(j, s, m, out uint lo, out uint hi)) return;
        uint range = hi - lo + 1;
        int minB = _s.MinBucket;
        double bestScore = best.Score;
        uint bestA = 0, bestB = 0; bool found = false;
        var ent = _e;
        var keys = _keys.AsSpan(0, m);
        if (range <= 2u * (uint)m)
        {
            int r = (int)range;
            var hS = _hS.AsSpan(0, r); var hN = _hN.AsSpan(0, r);
            for (int k = 0; k < m; k++)
            {
                ulong key = keys[k];
                int c = (int)((uint)(key >> 32) - lo);
                ref var en = ref ent[(int)(uint)key];
                hS[c] += en.Count * en.V; hN[c] += en.Count;
            }
            double sL = 0; int nL = 0, prev = -1;
            for (int c = 0; c < r; c++)
            {
                if (hN[c] == 0) continue;
                if (prev >= 0 && nL >= minB && count - nL >= minB)
                {
                    double wL = nL, wR = count - nL;
                    double sR = S - sL;
                    double score = sL * sL / wL + sR * sR / wR;
                    if (score > bestScore) { bestScore = score; bestA = (uint)prev; bestB = (uint)c; found = true; }
                }
                sL += hS[c]; nL += hN[c]; prev = c;
            }
            hS.Clear(); hN.Clear();
            bestA += lo; bestB += lo;
        }
        else
        {
            SortKeys(keys, lo, range);
            double sL = 0; int nL = 0;
            int bestT = -1;
            for (int t = 0; t < m - 1; t++)
            {
                ref var en = ref ent[(int)(uint)keys[t]];
                sL += en.Count * en.V; nL += en.Count;
                if ((keys[t] >> 32) == (keys[t + 1] >> 32)) continue;
                if (nL < minB) continue;
                if (count - nL < minB) break;
                double wL = nL, wR = count - nL;
                double sR = S - sL;
                double score = sL * sL / wL + sR * sR / wR;
                if (score > bestScore) { bestScore = score; bestT = t; }
            }
            if (bestT >= 0) { found = true; bestA = (uint)(keys[bestT] >> 32); bestB = (uint)(keys[bestT + 1] >> 32); }
        }
        if (found) { best.Feature = j; best.Score = bestScore; best.Threshold = Mid(j, bestA, bestB); best.Code = (int)bestA; }
    }

    private void EvalCls(int j, int s, int e, int count, double W, ref Best best)
    {
        int m = e - s, K = _d.K;
        if (!Gather(j, s, m, out uint lo, out uint hi)) return;
        uint range = hi - lo + 1;
        int minB = _s.MinBucket;
        double bestScore = best.Score;
        uint bestA = 0, bestB = 0; bool found = false;
        var ent = _e;
        var keys = _keys.AsSpan(0, m);
        var cl = _cl; var cr = _cr;
        Array.Clear(cl);
        double sqL = 0, sqR = 0;
        for (int c = 0; c < K; c++) { cr[c] = _ct[c]; sqR += cr[c] * cr[c]; }
        double wL = 0; int nL = 0;
        if (range <= 2u * (uint)m)
        {
            int r = (int)range;
            var hW = _hW.AsSpan(0, r); var hN = _hN.AsSpan(0, r); var hC = _hC.AsSpan(0, r * K);
            for (int k = 0; k < m; k++)
            {
                ulong key = keys[k];
                int c = (int)((uint)(key >> 32) - lo);
                ref var en = ref ent[(int)(uint)key];
                hW[c] += en.V; hN[c] += en.Count; hC[c * K + en.Class] += en.V;
            }
            int prev = -1;
            for (int b = 0; b < r; b++)
            {
                if (hN[b] == 0) continue;
                if (prev >= 0 && nL >= minB && count - nL >= minB)
                {
                    double wR = W - wL;
                    if (wL > 0 && wR > 1e-12 * W)
                    {
                        double score = sqL / wL + sqR / wR;
                        if (score > bestScore) { bestScore = score; bestA = (uint)prev; bestB = (uint)b; found = true; }
                    }
                }
                for (int c = 0; c < K; c++)
                {
                    double w = hC[b * K + c];
                    if (w == 0) continue;
                    sqL += w * (2 * cl[c] + w); cl[c] += w;
                    sqR += w * (w - 2 * cr[c]); cr[c] -= w;
                }
                wL += hW[b]; nL += hN[b]; prev = b;
            }
            hW.Clear(); hN.Clear(); hC.Clear();
            bestA += lo; bestB += lo;
        }
        else
        {
            SortKeys(keys, lo, range);
            int bestT = -1;
            for (int t = 0; t < m - 1; t++)
            {
                ref var en = ref ent[(int)(uint)keys[t]];
                double w = en.V; int c = en.Class;
                sqL += w * (2 * cl[c] + w); cl[c] += w;
                sqR += w * (w - 2 * cr[c]); cr[c] -= w;
                wL += w; nL += en.Count;
                if ((keys[t] >> 32) == (keys[t + 1] >> 32)) continue;
                if (nL < minB) continue;
                if (count - nL < minB) break;
                double wR = W - wL;
                if (wL <= 0 || wR <= 1e-12 * W) continue;
                double score = sqL / wL + sqR / wR;
                if (score > bestScore) { bestScore = score; bestT = t; }
            }
            if (bestT >= 0) { found = true; bestA = (uint)(keys[bestT] >> 32); bestB = (uint)(keys[bestT + 1] >> 32); }
        }
        if (found) { best.Feature = j; best.Score = bestScore; best.Threshold = Mid(j, bestA, bestB); best.Code = (int)bestA; }
    }

    private void EvalRandom(ref FastRandom rng, int j, int s, int e, int count, double W, double S, ref Best best)
    {
        var col = _d.X.Data.AsSpan(j * _d.N, _d.N);
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        for (int k = s; k < e; k++) { float v = col[_e[k].Row]; if (v < lo) lo = v; if (v > hi) hi = v; }
        if (!(hi > lo)) return;
        double thr = lo + rng.NextDouble() * ((double)hi - lo);
        if (thr >= hi) thr = lo;
        double sL = 0, wL = 0; int nL = 0;
        bool classify = _s.Task == TreeTask.Classification;
        if (classify) Array.Clear(_cl);
        for (int k = s; k < e; k++)
        {
            ref var en = ref _e[k];
            if (col[en.Row] <= thr)
            {
                nL += en.Count;
                if (classify) { wL += en.V; _cl[en.Class] += en.V; }
                else { sL += en.Count * en.V; wL += en.Count; }
            }
        }
        if (nL < _s.MinBucket || count - nL < _s.MinBucket) return;
        double wR = W - wL;
        if (wL <= 0 || wR <= 0) return;
        double score;
        if (classify)
        {
            double sqL = 0, sqR = 0;
            for (int c = 0; c < _d.K; c++) { sqL += _cl[c] * _cl[c]; double r = _ct[c] - _cl[c]; sqR += r * r; }
            score = sqL / wL + sqR / wR;
        }
        else
        {
            double sR = S - sL;
            score = sL * sL / wL + sR * sR / wR;
        }
        if (score > best.Score) { best.Feature = j; best.Score = score; best.Threshold = thr; best.Code = -1; }
    }
}
