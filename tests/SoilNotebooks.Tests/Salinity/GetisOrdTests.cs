using System.Globalization;
using SoilNotebooks.Salinity;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Salinity;

/// <summary>
/// Getis-Ord Gi / Gi* against R spdep's localG (Reference/getis_ord_spdep.R → getis_ord_spdep.csv) and, for query points
/// scored from training points only, an independent numpy implementation (Reference/getis_ord_query.py, which also
/// reproduces spdep to 1e-14). Tolerance 1e-9 (both are double precision of the same closed form).
/// </summary>
public class GetisOrdTests
{
    private const double Tolerance = 1e-9;
    private static CsvTable Ref(string name) => CsvTable.Read(RepoPaths.Combine("tests", "SoilNotebooks.Tests", "Salinity", "Reference", name));

    [Theory]
    [InlineData("band", false, "gi_band")]
    [InlineData("band", true, "gistar_band")]
    [InlineData("knn", false, "gi_knn5")]
    [InlineData("knn", true, "gistar_knn5")]
    public void TrainingPoints_MatchSpdepLocalG(string kind, bool includeSelf, string column)
    {
        var t = Ref("getis_ord_spdep.csv");
        var w = kind == "band" ? SpatialWeights.DistanceBand(25) : SpatialWeights.KNearest(5);
        var r = GetisOrd.ForTraining(t.GetDoubles("x"), t.GetDoubles("y"), t.GetDoubles("value"), w, includeSelf);
        var want = t.GetDoubles(column);
        Assert.Equal(60, want.Length);
        for (int i = 0; i < want.Length; i++) Assert.True(Math.Abs(r.Z[i] - want[i]) < Tolerance, $"{column} row {i}: {r.Z[i]} vs spdep {want[i]}");
        if (kind == "knn") Assert.All(r.Neighbours, c => Assert.Equal(includeSelf ? 6 : 5, c));
    }

    [Fact]
    public void QueryPoints_FromTrainingOnly_MatchTheNumpyReference()
    {
        var t = Ref("getis_ord_spdep.csv"); var q = Ref("getis_ord_query.csv");
        var (x, y, v) = (t.GetDoubles("x"), t.GetDoubles("y"), t.GetDoubles("value"));
        var band = GetisOrd.Compute(x, y, v, q.GetDoubles("qx"), q.GetDoubles("qy"), SpatialWeights.DistanceBand(25));
        var knn = GetisOrd.Compute(x, y, v, q.GetDoubles("qx"), q.GetDoubles("qy"), SpatialWeights.KNearest(5));
        var wb = q.GetDoubles("g_band"); var wk = q.GetDoubles("g_knn5"); var nb = q.GetDoubles("band_neighbours");
        for (int j = 0; j < wb.Length; j++)
        {
            Assert.True(Math.Abs(band.Z[j] - wb[j]) < Tolerance, $"band query {j}: {band.Z[j]} vs {wb[j]}");
            Assert.True(Math.Abs(knn.Z[j] - wk[j]) < Tolerance, $"knn query {j}: {knn.Z[j]} vs {wk[j]}");
            Assert.Equal((int)nb[j], band.Neighbours[j]);
        }
    }

    [Fact]
    public void HandComputedCase_GiStarAndGi()
    {
        // points on a line at 0, 1, 2, 10 with values 1, 2, 3, 10; band 1.5. Site 1 (x = 1):
        // Gi*: W = 3, lag = 6, x̄ = 4, s² = 12.5, var = 12.5·(4·3 − 9)/3 = 12.5 → z = (6 − 12)/√12.5
        double[] x = [0, 1, 2, 10], y = [0, 0, 0, 0], v = [1, 2, 3, 10];
        var star = GetisOrd.ForTraining(x, y, v, SpatialWeights.DistanceBand(1.5), includeSelf: true);
        Assert.Equal(-6 / Math.Sqrt(12.5), star.Z[1], 12);
        // Gi: others only: values {1, 3, 10}, x̄ = 14/3, s² = (1 + 9 + 100)/3 − (14/3)² = 110/3 − 196/9 = 134/9,
        // W = 2, lag = 4, var = s²·(3·2 − 4)/2 = 134/9 → z = (4 − 28/3)/√(134/9)
        var gi = GetisOrd.ForTraining(x, y, v, SpatialWeights.DistanceBand(1.5), includeSelf: false);
        Assert.Equal((4 - 28.0 / 3) / Math.Sqrt(134.0 / 9), gi.Z[1], 12);
        // the isolated site 3 has no neighbour within 1.5: NaN for Gi
        Assert.True(double.IsNaN(gi.Z[3]));
    }

    [Fact]
    public void TestPoints_NeverInformTheirOwnValue_TheLeakyVariantDoes()
    {
        var t = Ref("getis_ord_spdep.csv");
        var (x, y, v) = (t.GetDoubles("x"), t.GetDoubles("y"), t.GetDoubles("value"));
        int[] train = Enumerable.Range(0, 60).Where(i => i % 4 != 0).ToArray(), test = Enumerable.Range(0, 60).Where(i => i % 4 == 0).ToArray();
        double[] Pick(double[] a, int[] idx) => idx.Select(i => a[i]).ToArray();
        var w = SpatialWeights.DistanceBand(25);
        var honest = GetisOrd.Compute(Pick(x, train), Pick(y, train), Pick(v, train), Pick(x, test), Pick(y, test), w);
        var leaky = GetisOrd.ForTraining(x, y, v, w, includeSelf: true);
        // make the test points' values extreme: the honest covariate does not move, the leaky one does
        var v2 = v.ToArray(); foreach (var i in test) v2[i] *= 10;
        var leaky2 = GetisOrd.ForTraining(x, y, v2, w, includeSelf: true);
        var honest2 = GetisOrd.Compute(Pick(x, train), Pick(y, train), Pick(v2, train), Pick(x, test), Pick(y, test), w);
        Assert.Equal(honest.Z, honest2.Z);
        Assert.True(test.Select((i, j) => Math.Abs(leaky2.Z[i] - leaky.Z[i])).Max() > 0.5);
    }

    [Fact]
    public void GreatCircleDistance_MatchesHaversine()
    {
        // Paris → London, R = 6371.0088 km: 343.5303 km (numpy haversine)
        Assert.Equal(343.5303399985717, GetisOrd.Distance(2.3522, 48.8566, -0.1276, 51.5072, DistanceMetric.GreatCircleKm), 6);
        Assert.Equal(5, GetisOrd.Distance(0, 0, 3, 4, DistanceMetric.Euclidean), 12);
        Assert.Throws<ArgumentException>(() => GetisOrd.Compute([0, 1], [0, 1], [1, double.NaN], [0], [0], SpatialWeights.KNearest(1)));
    }

    [Fact]
    public void GreatCircleWeights_SelectTheHaversineNeighbours()
    {
        var rng = new Random(3);
        var lon = Enumerable.Range(0, 200).Select(_ => -10 + 40 * rng.NextDouble()).ToArray();
        var lat = Enumerable.Range(0, 200).Select(_ => 35 + 30 * rng.NextDouble()).ToArray();
        var v = Enumerable.Range(0, 200).Select(_ => rng.NextDouble()).ToArray();
        double[] qlon = [5, 20, -5], qlat = [50, 45, 40];
        var band = GetisOrd.Compute(lon, lat, v, qlon, qlat, SpatialWeights.DistanceBand(400, DistanceMetric.GreatCircleKm));
        var knn = GetisOrd.Compute(lon, lat, v, qlon, qlat, SpatialWeights.KNearest(7, DistanceMetric.GreatCircleKm));
        for (int j = 0; j < qlon.Length; j++)
        {
            var d = Enumerable.Range(0, 200).Select(k => GetisOrd.Distance(qlon[j], qlat[j], lon[k], lat[k], DistanceMetric.GreatCircleKm)).ToArray();
            var inBand = Enumerable.Range(0, 200).Where(k => d[k] <= 400).ToArray();
            Assert.Equal(inBand.Length, band.Neighbours[j]);
            double mean = v.Average(), s2 = v.Select(a => (a - mean) * (a - mean)).Average();
            double W = inBand.Length, z = (inBand.Sum(k => v[k]) - W * mean) / Math.Sqrt(s2 * (200 * W - W * W) / 199);
            Assert.Equal(z, band.Z[j], 9);
            var nearest = Enumerable.Range(0, 200).OrderBy(k => d[k]).Take(7).ToArray();
            double zk = (nearest.Sum(k => v[k]) - 7 * mean) / Math.Sqrt(s2 * (200 * 7 - 49) / 199.0);
            Assert.Equal(zk, knn.Z[j], 9);
        }
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(false, 9)]
    [InlineData(true, 9)]
    public void GridIndex_GivesTheBruteForceNeighbours(bool greatCircle, int k)
    {
        // 3000 clustered points (dense and sparse areas) and queries inside, at the edge and far outside the cloud
        var rng = new Random(k + (greatCircle ? 100 : 0));
        int n = 3000;
        double[] x = new double[n], y = new double[n], v = new double[n];
        for (int i = 0; i < n; i++)
        {
            bool dense = i % 3 == 0;
            x[i] = greatCircle ? (dense ? 10 + rng.NextDouble() : -10 + 40 * rng.NextDouble()) : (dense ? 5e5 + 2e4 * rng.NextDouble() : 4e6 * rng.NextDouble());
            y[i] = greatCircle ? (dense ? 47 + rng.NextDouble() : 35 + 30 * rng.NextDouble()) : (dense ? 3e6 + 2e4 * rng.NextDouble() : 2e6 + 2e6 * rng.NextDouble());
            v[i] = rng.NextDouble();
        }
        double[] qx = greatCircle ? [10.5, 0, 29.9, 100, -120] : [5.1e5, 2e6, 0, 9e6, -5e6];
        double[] qy = greatCircle ? [47.5, 50, 64.9, -30, 10] : [3.01e6, 3e6, 2e6, 9e6, -1e6];
        var metric = greatCircle ? DistanceMetric.GreatCircleKm : DistanceMetric.Euclidean;
        var w = k > 0 ? SpatialWeights.KNearest(k, metric) : SpatialWeights.DistanceBand(greatCircle ? 60 : 5e4, metric);
        var got = GetisOrd.Compute(x, y, v, qx, qy, w);
        double mean = v.Average(), s2 = v.Select(a => (a - mean) * (a - mean)).Average();
        for (int j = 0; j < qx.Length; j++)
        {
            var d = Enumerable.Range(0, n).Select(i => GetisOrd.Distance(qx[j], qy[j], x[i], y[i], metric)).ToArray();
            var nb = k > 0 ? Enumerable.Range(0, n).OrderBy(i => d[i]).ThenBy(i => i).Take(k).ToArray()
                : Enumerable.Range(0, n).Where(i => d[i] <= w.MaxDistance).ToArray();
            Assert.Equal(nb.Length, got.Neighbours[j]);
            if (nb.Length == 0) { Assert.True(double.IsNaN(got.Z[j])); continue; }
            double W = nb.Length, z = (nb.Sum(i => v[i]) - W * mean) / Math.Sqrt(s2 * (n * W - W * W) / (n - 1));
            Assert.Equal(z, got.Z[j], 9);
        }
        // training points too (Gi*, self included)
        var t = GetisOrd.ForTraining(x, y, v, w, includeSelf: true);
        Assert.All(t.Z.Take(50), zz => Assert.True(double.IsFinite(zz) || k == 0));
    }
}
