using SoilNotebooks.Evaluation;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;
using SoilNotebooks.Learning.Validation;

namespace SoilNotebooks.Tests.Learning.Validation;

public class ValidationTests
{
    private static int[] Ref(string file) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Learning", "Validation", "Reference", file)).Where(l => l.Length > 0).Select(int.Parse).ToArray();

    [Fact]
    public void KennardStone_MatchesNumpyReference_OnBb250Bands()
    {
        var t = CsvTable.Read(RepoPaths.Combine("data-manifests", "limesoda", "LimeSoDa_BB.250.csv"));
        var x = t.GetMatrix(["B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12"]);
        Assert.Equal(Ref("ks_bb250_bands_200.csv"), KennardStone.Select(x, 200));
    }

    [Fact]
    public void KennardStone_MatchesNumpyReference_OnSyntheticTable()
    {
        var t = CsvTable.Read(Path.Combine(AppContext.BaseDirectory, "Learning", "Forests", "Reference", "synthetic_regression.csv"));
        var x = t.GetMatrix(Enumerable.Range(0, 10).Select(j => $"x{j}").ToArray());
        Assert.Equal(Ref("ks_synthetic_300.csv"), KennardStone.Select(x, 300));
        var (cal, test) = KennardStone.Split(x, 300);
        Assert.Equal(700, cal.Length + test.Length);
        Assert.Empty(cal.Intersect(test));
    }

    [Fact]
    public void KennardStone_SmallHandCase_AndErrors()
    {
        // points on a line: 0, 1, 2, 10 → farthest pair (0, 10) = rows 0, 3; then max–min: 2 (distance 2 from 0... 8 from 10) vs 1 → row 2
        double[,] x = { { 0 }, { 1 }, { 2 }, { 10 } };
        Assert.Equal([0, 3, 2, 1], KennardStone.Select(x, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => KennardStone.Select(x, 5));
        Assert.Throws<ArgumentException>(() => KennardStone.Select(new double[,] { { 0 }, { double.NaN } }, 2));
    }

    [Fact]
    public void KFold_IsSeededBalancedAndComplete()
    {
        var f = Folds.KFold(23, 5, seed: 3);
        Assert.Equal([5, 5, 5, 4, 4], f.Sizes());
        Assert.Equal(f.Fold, Folds.KFold(23, 5, seed: 3).Fold);
        Assert.NotEqual(f.Fold, Folds.KFold(23, 5, seed: 4).Fold);
        for (int k = 0; k < 5; k++) Assert.Equal(23, f.TestIndices(k).Length + f.TrainIndices(k).Length);
        var e = Assert.Throws<ArgumentException>(() => Folds.KFold(3, 5));
        Assert.Contains("fewer rows (3) than folds (5)", e.Message);
    }

    [Fact]
    public void PredefinedGroupedAndSpatialFolds()
    {
        var p = Folds.Predefined([3, 1, 1, 2, 3, 2]);
        Assert.Equal([2, 0, 0, 1, 2, 1], p.Fold);
        Assert.Equal(["1", "2", "3"], p.Labels);
        var groups = new[] { "a", "a", "b", "c", "c", "c", "d", "e" };
        var logo = Folds.Grouped(groups);
        Assert.Equal(5, logo.K);
        var g = Folds.Grouped(groups, 2, seed: 1);
        for (int i = 0; i < groups.Length; i++)
            for (int j = 0; j < groups.Length; j++)
                if (groups[i] == groups[j]) Assert.Equal(g.Fold[i], g.Fold[j]);
        Assert.Throws<ArgumentException>(() => Folds.Grouped(["a", "a", "b"], 3));
        var xs = new double[] { 0, 10, 20, 1000, 1010, 2000, 2005, 3000 };
        var ys = new double[] { 0, 0, 5, 0, 0, 0, 0, 0 };
        var sb = Folds.SpatialBlocks(xs, ys, 500, 3, seed: 2);
        Assert.Equal(sb.Fold[0], sb.Fold[1]); Assert.Equal(sb.Fold[0], sb.Fold[2]);
        Assert.Equal(sb.Fold[3], sb.Fold[4]); Assert.Equal(sb.Fold[5], sb.Fold[6]);
        Assert.Throws<ArgumentException>(() => Folds.SpatialBlocks(xs, ys, 1e6, 3));
    }

    [Fact]
    public void CrossValidationAndGridSearch_UseEveryRowOnceAndPickLowestRmse()
    {
        var y = Enumerable.Range(0, 40).Select(i => (double)i).ToArray();
        var folds = Folds.KFold(40, 4, seed: 1);
        int calls = 0;
        var cv = CrossValidation.Regression(y, folds, (tr, te) => { calls++; Assert.Empty(tr.Intersect(te)); return te.Select(i => y[i] + 1).ToArray(); });
        Assert.Equal(4, calls);
        Assert.Equal(1.0, cv.Pooled.Bias, 12);
        var gs = GridSearch.Run(new[] { 3.0, 0.5, 2.0 }, y, folds, (off, tr, te) => te.Select(i => y[i] + off).ToArray());
        Assert.Equal(0.5, gs.Best.Parameters);
        Assert.Equal(3, gs.Points.Count);
    }

    [Fact]
    public void Bagging_AverageAveragesEachBag()
    {
        var res = Bagging.Average(10, rows => [rows.Length, rows.Sum()], bags: 3, fraction: 0.5, seed: 1);
        Assert.All(res.PerBag, p => Assert.Equal(5, p[0]));
        Assert.Equal(res.Subsets.Average(s => (double)s.Sum()), res.Mean[1], 12);
    }
}
