namespace SoilNotebooks.Salinity;

/// <summary>How distances between points are measured.</summary>
public enum DistanceMetric
{
    /// <summary>Euclidean distance of (x, y) in the coordinates' unit (projected metres, e.g. EPSG:3035).</summary>
    Euclidean,
    /// <summary>Great-circle (haversine) distance in km of (x = longitude, y = latitude) in degrees, sphere radius 6371.0088 km.</summary>
    GreatCircleKm,
}

/// <summary>Which points are neighbours, with binary weights (w = 1 for a neighbour, 0 otherwise; spdep style "B").</summary>
/// <param name="MaxDistance">Distance band: neighbours at distance ≤ this (NaN for k-nearest).</param>
/// <param name="K">k-nearest: the k closest points (0 for a distance band); ties go to the lower index.</param>
/// <param name="Metric">Distance metric.</param>
public sealed record SpatialWeights(double MaxDistance, int K, DistanceMetric Metric)
{
    /// <summary>Neighbours within <paramref name="maxDistance"/> (as spdep's dnearneigh(0, d)).</summary>
    public static SpatialWeights DistanceBand(double maxDistance, DistanceMetric metric = DistanceMetric.Euclidean) =>
        new(Check.Positive(maxDistance), 0, metric);

    /// <summary>The <paramref name="k"/> nearest points (as spdep's knn2nb(knearneigh(k))).</summary>
    public static SpatialWeights KNearest(int k, DistanceMetric metric = DistanceMetric.Euclidean) => new(double.NaN, Check.Positive(k), metric);

    /// <summary>True for k-nearest weights.</summary>
    public bool IsKNearest => K > 0;

    /// <summary>"distance ≤ 25" or "5 nearest".</summary>
    public override string ToString() => IsKNearest ? $"{K} nearest" : $"distance ≤ {MaxDistance:G4}" + (Metric == DistanceMetric.GreatCircleKm ? " km" : "");
}

/// <summary>Getis-Ord z-values per query point.</summary>
/// <param name="Z">z per query point (NaN with no neighbour or no variance).</param>
/// <param name="Neighbours">Training neighbours per query point (the site itself included for Gi*).</param>
/// <param name="IncludeSelf">True for Gi* (training points in their own sums).</param>
/// <param name="Weights">The weights used.</param>
public sealed record GetisOrdResult(double[] Z, int[] Neighbours, bool IncludeSelf, SpatialWeights Weights);

/// <summary>
/// Getis-Ord local statistics as z-values (Getis &amp; Ord 1992, Geographical Analysis 24: 189–206; Ord &amp; Getis 1995,
/// Geographical Analysis 27: 286–306), binary weights, the same numbers as R spdep's <c>localG</c>:
/// <code>z_i = (Σ_j w_ij x_j − W_i x̄) / (s · √((n·S1_i − W_i²) / (n − 1))),  W_i = Σ_j w_ij,  S1_i = Σ_j w_ij²</code>
/// with x̄ and s² = Σ(x − x̄)²/n over the n values in play.
/// <list type="bullet">
/// <item><see cref="Compute"/>: QUERY points (e.g. test points, map cells) scored from the TRAINING points only: the sum
/// runs over training neighbours, x̄ and s over all n training values. A query point's own value is never an input, so
/// a test point never informs its own covariate (if a query coincides with a training point, that point is an ordinary
/// neighbour at distance 0).</item>
/// <item><see cref="ForTraining"/>: the training points themselves, Gi* (<c>includeSelf</c>: w_ii = 1, all n values) or
/// Gi (site i left out of its sum, mean and variance: n − 1 values), as spdep with and without <c>include.self</c>.</item>
/// </list>
/// Computing <see cref="ForTraining"/> on train + test together is the LEAKY variant (each test point's own target
/// enters its Gi*); a notebook shows the difference. A grid index keeps queries local (results equal brute force);
/// parallel over query points.
/// </summary>
public static class GetisOrd
{
    /// <summary>z-values at query points from training points and values only (see the type's remarks).</summary>
    public static GetisOrdResult Compute(IReadOnlyList<double> trainX, IReadOnlyList<double> trainY, IReadOnlyList<double> trainValues,
        IReadOnlyList<double> queryX, IReadOnlyList<double> queryY, SpatialWeights weights)
    {
        Validate(trainX, trainY, trainValues, weights);
        ArgumentNullException.ThrowIfNull(queryX); ArgumentNullException.ThrowIfNull(queryY);
        Check.SameLength(queryX.Count, queryY.Count, "query x and y");
        int n = trainValues.Count;
        var (sum, sumSq) = Sums(trainValues);
        var z = new double[queryX.Count];
        var count = new int[queryX.Count];
        var pts = new PointSet(trainX, trainY, weights);
        Parallel.For(0, z.Length, j =>
        {
            var nb = Neighbours(pts, pts.Embed(queryX[j], queryY[j]), weights, exclude: -1);
            double lag = 0; foreach (int k in nb) lag += trainValues[k];
            count[j] = nb.Count;
            z[j] = Z(lag, nb.Count, n, sum / n, sumSq / n - (sum / n) * (sum / n));
        });
        return new GetisOrdResult(z, count, false, weights);
    }

    /// <summary>Gi* (<paramref name="includeSelf"/>) or Gi z-values of the training points themselves (spdep localG).</summary>
    public static GetisOrdResult ForTraining(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> values,
        SpatialWeights weights, bool includeSelf = true)
    {
        Validate(x, y, values, weights);
        int n = values.Count;
        if (n < 3) throw new ArgumentException($"Getis-Ord needs at least 3 points; got {n}.", nameof(values));
        var (sum, sumSq) = Sums(values);
        var z = new double[n];
        var count = new int[n];
        var pts = new PointSet(x, y, weights);
        Parallel.For(0, n, i =>
        {
            var nb = Neighbours(pts, pts.Embed(x[i], y[i]), weights, exclude: i);
            double lag = 0; foreach (int k in nb) lag += values[k];
            if (includeSelf)
            {
                count[i] = nb.Count + 1;
                double m = sum / n;
                z[i] = Z(lag + values[i], nb.Count + 1, n, m, sumSq / n - m * m);
            }
            else
            {
                count[i] = nb.Count;
                double m = (sum - values[i]) / (n - 1);
                z[i] = Z(lag, nb.Count, n - 1, m, (sumSq - values[i] * values[i]) / (n - 1) - m * m);
            }
        });
        return new GetisOrdResult(z, count, includeSelf, weights);
    }

    /// <summary>
    /// A Getis-Ord covariate for one train/test split, for every row: training rows get Gi (their own value left out, as
    /// a test row's is) from the other training rows, test rows get z from the training rows only. With
    /// <paramref name="leaky"/>, every row gets Gi* from ALL rows' values (test values included): the leaky covariate a
    /// notebook contrasts with the honest one.
    /// </summary>
    public static double[] SplitCovariate(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> values,
        IReadOnlyList<int> trainRows, SpatialWeights weights, bool leaky = false)
    {
        ArgumentNullException.ThrowIfNull(trainRows);
        Check.SameLength(x.Count, values.Count, "coordinates and values");
        if (leaky) return ForTraining(x, y, values, weights, includeSelf: true).Z;
        var isTrain = new bool[values.Count];
        foreach (var i in trainRows) isTrain[i] = true;
        var test = Enumerable.Range(0, values.Count).Where(i => !isTrain[i]).ToArray();
        double[] Pick(IReadOnlyList<double> a, IReadOnlyList<int> rows) => rows.Select(i => a[i]).ToArray();
        var (tx, ty, tv) = (Pick(x, trainRows), Pick(y, trainRows), Pick(values, trainRows));
        var z = new double[values.Count];
        var tr = ForTraining(tx, ty, tv, weights, includeSelf: false).Z;
        for (int j = 0; j < trainRows.Count; j++) z[trainRows[j]] = tr[j];
        var te = Compute(tx, ty, tv, Pick(x, test), Pick(y, test), weights).Z;
        for (int j = 0; j < test.Length; j++) z[test[j]] = te[j];
        return z;
    }

    /// <summary>Distance between two points under <paramref name="metric"/>.</summary>
    public static double Distance(double x1, double y1, double x2, double y2, DistanceMetric metric)
    {
        if (metric == DistanceMetric.Euclidean) { double dx = x1 - x2, dy = y1 - y2; return Math.Sqrt(dx * dx + dy * dy); }
        const double R = 6371.0088, rad = Math.PI / 180;
        double p1 = y1 * rad, p2 = y2 * rad, dp = p2 - p1, dl = (x2 - x1) * rad;
        double a = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double Z(double lag, int w, int n, double mean, double variance)
    {
        if (w == 0 || n < 2) return double.NaN;
        double v = variance * (n * (double)w - (double)w * w) / (n - 1);   // binary: S1 = W
        return v > 0 ? (lag - w * mean) / Math.Sqrt(v) : double.NaN;
    }

    private static (double Sum, double SumSq) Sums(IReadOnlyList<double> v)
    {
        double s = 0, q = 0;
        foreach (var a in v) { s += a; q += a * a; }
        return (s, q);
    }

    /// <summary>
    /// Points prepared for fast distance tests: Euclidean (x, y, 0), or unit vectors for great circles (chord distance,
    /// monotone in the arc, so neighbour sets and order are the haversine ones). With more than
    /// <see cref="IndexMinimumPoints"/> points a uniform grid (cells of the band's size, or holding about k points for
    /// k-nearest) limits each query to nearby cells; the result is the brute-force one (ties to the lower index).
    /// </summary>
    private sealed class PointSet
    {
        private readonly double[] _a, _b, _c;
        private readonly DistanceMetric _metric;
        private readonly double _h;                          // cell size (0: no index)
        private readonly Dictionary<(int, int, int), int[]>? _cells;
        private readonly bool _flat;                         // Euclidean: one layer in c
        public int Count => _a.Length;

        public PointSet(IReadOnlyList<double> x, IReadOnlyList<double> y, SpatialWeights w)
        {
            _metric = w.Metric;
            int n = x.Count;
            _a = new double[n]; _b = new double[n]; _c = new double[n];
            for (int i = 0; i < n; i++) (_a[i], _b[i], _c[i]) = Embed(x[i], y[i]);
            _flat = _metric == DistanceMetric.Euclidean;
            if (n < IndexMinimumPoints) return;
            double h;
            if (!w.IsKNearest) h = Math.Sqrt(SquaredLimit(w.MaxDistance));
            else
            {
                var ext = new[] { Extent(_a), Extent(_b), Extent(_c) }.OrderDescending().ToArray();
                double area = ext[0] * Math.Max(ext[1], ext[0] * 1e-6);
                h = Math.Sqrt(area * Math.Max(1, w.K) / n);
            }
            if (!(h > 0) || !double.IsFinite(h)) return;
            // too fine a grid (a tiny band over a wide extent) would make more cells than points are worth: cap the count
            double maxExtent = Math.Max(Extent(_a), Math.Max(Extent(_b), Extent(_c)));
            if (maxExtent / h > 1 << 20) return;
            _h = h;
            _cells = Enumerable.Range(0, n).GroupBy(i => Cell(_a[i], _b[i], _c[i])).ToDictionary(g => g.Key, g => g.ToArray());
        }

        private static double Extent(double[] v) => v.Length == 0 ? 0 : v.Max() - v.Min();

        private (int, int, int) Cell(double a, double b, double c) =>
            ((int)Math.Floor(a / _h), (int)Math.Floor(b / _h), _flat ? 0 : (int)Math.Floor(c / _h));

        public (double, double, double) Embed(double x, double y)
        {
            if (_metric == DistanceMetric.Euclidean) return (x, y, 0);
            const double rad = Math.PI / 180;
            double p = y * rad, l = x * rad;
            return (Math.Cos(p) * Math.Cos(l), Math.Cos(p) * Math.Sin(l), Math.Sin(p));
        }

        /// <summary>The squared (chord) distance that corresponds to <paramref name="d"/>.</summary>
        public double SquaredLimit(double d)
        {
            if (_metric == DistanceMetric.Euclidean) return d * d;
            const double R = 6371.0088;
            double chord = 2 * Math.Sin(Math.Min(Math.PI, d / R) / 2);
            return chord * chord;
        }

        public double Squared(int k, (double A, double B, double C) q)
        {
            double da = _a[k] - q.A, db = _b[k] - q.B, dc = _c[k] - q.C;
            return da * da + db * db + dc * dc;
        }

        /// <summary>Calls <paramref name="visit"/> for every point in the cells at Chebyshev ring <paramref name="ring"/> around q's cell.</summary>
        private void Ring((int X, int Y, int Z) c0, int ring, Action<int> visit)
        {
            int zr = _flat ? 0 : ring;
            for (int dx = -ring; dx <= ring; dx++)
                for (int dy = -ring; dy <= ring; dy++)
                    for (int dz = -zr; dz <= zr; dz++)
                    {
                        if (Math.Max(Math.Abs(dx), Math.Max(Math.Abs(dy), Math.Abs(dz))) != ring) continue;
                        if (_cells!.TryGetValue((c0.X + dx, c0.Y + dy, c0.Z + dz), out var pts)) foreach (var k in pts) visit(k);
                    }
        }

        public List<int> Band((double A, double B, double C) q, double lim, int exclude)
        {
            var res = new List<int>();
            if (_cells is null)
            {
                for (int k = 0; k < Count; k++) if (k != exclude && Squared(k, q) <= lim) res.Add(k);
                return res;
            }
            var c0 = Cell(q.A, q.B, q.C);
            int rings = (int)Math.Ceiling(Math.Sqrt(lim) / _h);
            for (int r = 0; r <= rings; r++) Ring(c0, r, k => { if (k != exclude && Squared(k, q) <= lim) res.Add(k); });
            return res;
        }

        public List<int> Nearest((double A, double B, double C) q, int k, int exclude)
        {
            int kk = Math.Min(k, Count - (exclude >= 0 ? 1 : 0));
            var bestD = new double[kk]; var bestI = new int[kk]; int filled = 0;
            void Offer(int i)
            {
                if (i == exclude) return;
                double d = Squared(i, q);
                if (filled == kk && (d > bestD[kk - 1] || (d == bestD[kk - 1] && i > bestI[kk - 1]))) return;
                int pos = filled < kk ? filled++ : kk - 1;
                while (pos > 0 && (bestD[pos - 1] > d || (bestD[pos - 1] == d && bestI[pos - 1] > i))) { bestD[pos] = bestD[pos - 1]; bestI[pos] = bestI[pos - 1]; pos--; }
                bestD[pos] = d; bestI[pos] = i;
            }
            bool done = false;
            if (_cells is not null && kk > 0)
            {
                var c0 = Cell(q.A, q.B, q.C);
                int dim = _flat ? 2 : 3;
                for (int r = 0; Math.Pow(2 * r + 1, dim) <= 4.0 * _cells.Count + 27; r++)
                {
                    Ring(c0, r, Offer);
                    // every point outside rings 0..r is at least r·h away from q
                    if (filled == kk && bestD[kk - 1] <= (r * _h) * (r * _h)) { done = true; break; }
                }
            }
            if (!done)
            {
                // no index, or a query far from the points: the rings would visit more cells than there are; scan all
                filled = 0;
                for (int i = 0; i < Count; i++) Offer(i);
            }
            var res = new List<int>(filled);
            for (int i = 0; i < filled; i++) res.Add(bestI[i]);
            return res;
        }
    }

    /// <summary>Point sets of at least this size get a grid index.</summary>
    internal const int IndexMinimumPoints = 64;

    private static List<int> Neighbours(PointSet pts, (double, double, double) q, SpatialWeights w, int exclude) =>
        w.IsKNearest ? pts.Nearest(q, w.K, exclude)
            : pts.Band(q, pts.SquaredLimit(w.MaxDistance) * (1 + 1e-12), exclude);   // ≤ d, robust to the embedding's rounding

    private static void Validate(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> v, SpatialWeights w)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(y); ArgumentNullException.ThrowIfNull(v); ArgumentNullException.ThrowIfNull(w);
        Check.SameLength(x.Count, y.Count, "training x and y");
        Check.SameLength(x.Count, v.Count, "training coordinates and values");
        if (v.Count < 2) throw new ArgumentException($"Getis-Ord needs at least 2 training points; got {v.Count}.", nameof(v));
        for (int i = 0; i < v.Count; i++)
            if (!double.IsFinite(v[i]) || !double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                throw new ArgumentException($"Training point {i} has a non-finite coordinate or value ({x[i]}, {y[i]}, {v[i]}); drop it first.", nameof(v));
    }
}
