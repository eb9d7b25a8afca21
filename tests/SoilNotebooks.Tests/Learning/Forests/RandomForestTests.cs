using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Learning.Forests;

public class RandomForestTests
{
    private static (FeatureTable x, double[] y) Small(int n = 200, int seed = 1)
    {
        var rng = new Random(seed);
        var rows = new double[n][];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = [rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), Math.Round(rng.NextDouble() * 4)];
            y[i] = 5 * rows[i][0] + Math.Sin(6 * rows[i][1]) + rows[i][3] + 0.1 * rng.NextDouble();
        }
        return (FeatureTable.FromRows(rows), y);
    }

    [Fact]
    public void SeededFit_IsIdenticalForAnyThreadCount_AndDiffersForAnotherSeed()
    {
        var (x, y) = Small();
        var a = RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 64, Mtry = 2, Seed = 11, Threads = 1 });
        var b = RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 64, Mtry = 2, Seed = 11, Threads = 3 });
        var c = RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 64, Mtry = 2, Seed = 12, Threads = 2 });
        for (int t = 0; t < 64; t++) Assert.Equal(a.Core.Trees[t].Nodes, b.Core.Trees[t].Nodes);
        Assert.Equal(a.Predict(x), b.Predict(x));
        Assert.Equal(a.OobPredictions, b.OobPredictions);
        Assert.NotEqual(a.Predict(x), c.Predict(x));
    }

    [Fact]
    public void MinNodeSize_HasRangersMeaning_NodesOfThatSizeOrSmallerAreNotSplit()
    {
        var (x, y) = Small(300);
        foreach (int minNode in new[] { 1, 5, 20 })
        {
            var rf = RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 10, MinNodeSize = minNode, Seed = 3 });
            foreach (var t in rf.Core.Trees)
            {
                var count = new int[t.NodeCount];
                for (int i = 0; i < x.Rows; i++)
                {
                    int node = 0;
                    while (true)
                    {
                        count[node] += t.Inbag[i];
                        if (t.Nodes[node].Feature < 0) break;
                        node = t.Nodes[node].Left + (x[i, t.Nodes[node].Feature] <= t.Nodes[node].Threshold ? 0 : 1);
                    }
                }
                for (int v = 0; v < t.NodeCount; v++)
                {
                    if (t.Nodes[v].Feature >= 0) Assert.True(count[v] > minNode, $"split node with {count[v]} ≤ {minNode} in-bag rows");
                    Assert.True(count[v] >= 1);
                }
                Assert.Contains(Enumerable.Range(0, t.NodeCount), v => t.Nodes[v].Feature < 0 && count[v] <= minNode);   // the size rule stops some leaf
            }
        }
    }

    [Fact]
    public void FullGrownTreeWithoutSampling_InterpolatesTraining_AndHugeNodeSizeGivesTheMean()
    {
        var (x, y) = Small(100);
        var exact = RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 3, Mtry = 4, MinNodeSize = 1, Replace = false, SampleFraction = 1 });
        var p = exact.Predict(x);
        for (int i = 0; i < y.Length; i++) Assert.Equal(y[i], p[i], 9);
        var stump = RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 3, MinNodeSize = 100, Replace = false, SampleFraction = 1 });
        Assert.All(stump.Predict(x), v => Assert.Equal(y.Average(), v, 9));
    }

    [Fact]
    public void MaxDepth_LimitsDepth()
    {
        var (x, y) = Small(300);
        var rf = RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 20, MaxDepth = 3, MinNodeSize = 1 });
        Assert.All(rf.Core.Trees, t => Assert.True(t.Depth <= 3));
        Assert.Contains(rf.Core.Trees, t => t.Depth == 3);
    }

    [Fact]
    public void SamplingWithoutReplacement_UsesTheFraction()
    {
        var (x, y) = Small(200);
        var rf = RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 5, Replace = false, SampleFraction = 0.5 });
        Assert.All(rf.Core.Trees, t => { Assert.Equal(100, t.Inbag.Count(b => b == 1)); Assert.DoesNotContain(t.Inbag, b => b > 1); });
        var boot = RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 5 });
        Assert.All(boot.Core.Trees, t => Assert.Equal(200, t.Inbag.Sum(b => b)));
        Assert.Contains(boot.Core.Trees, t => t.Inbag.Any(b => b > 1));
    }

    [Fact]
    public void Importance_RanksInformativeFeaturesAboveNoise()
    {
        var (xtr, ytr, _, _) = ForestTestData.Synthetic();
        var rf = RandomForest.FitRegression(xtr, ytr, new RandomForestOptions { Trees = 200, Importance = ForestImportance.Permutation, Seed = 2 });
        var perm = rf.PermutationImportance!;
        var imp = rf.ImpurityImportance!;
        // x0..x4 drive y; x5..x9 are noise (Friedman #1)
        Assert.True(new[] { 0, 1, 3 }.Min(j => perm[j]) > new[] { 5, 6, 7, 8, 9 }.Max(j => perm[j]));
        Assert.True(new[] { 0, 1, 3 }.Min(j => imp[j]) > new[] { 5, 6, 7, 8, 9 }.Max(j => imp[j]));
        Assert.True(perm[3] > 1.0);
        Assert.Contains(rf.Importances()[0].Feature, new[] { "x0", "x1", "x3" });
        Assert.InRange(rf.OobMetrics!.R2, 0.6, 0.9);
    }

    [Fact]
    public void BadInput_GivesClearErrors()
    {
        var (x, y) = Small(50);
        var e1 = Assert.Throws<ArgumentException>(() => FeatureTable.FromRows([[1.0, double.NaN], [2.0, 3.0]], ["a", "b"]));
        Assert.Contains("'b' row 1", e1.Message);
        Assert.Contains("NaN", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => RandomForest.FitRegression(x, Enumerable.Repeat(3.0, 50).ToArray()));
        Assert.Contains("constant", e2.Message);
        var yNaN = (double[])y.Clone(); yNaN[7] = double.NaN;
        var e3 = Assert.Throws<ArgumentException>(() => RandomForest.FitRegression(x, yNaN));
        Assert.Contains("row 8", e3.Message);
        var e4 = Assert.Throws<ArgumentOutOfRangeException>(() => RandomForest.FitRegression(x, y, mtry: 9));
        Assert.Contains("larger than the number of features (4)", e4.Message);
        Assert.Throws<ArgumentException>(() => RandomForest.FitRegression(x, y.Take(10).ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomForest.FitRegression(x, y, new RandomForestOptions { SampleFraction = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomForest.FitRegression(x, y, trees: 0));
        var e5 = Assert.Throws<ArgumentException>(() => RandomForest.FitClassification(x, Enumerable.Repeat("a", 50).ToArray()));
        Assert.Contains("constant", e5.Message);
        var rf = RandomForest.FitRegression(x, y, trees: 5);
        var other = FeatureTable.FromRows([[1.0, 2.0, 3.0]]);
        Assert.Throws<ArgumentException>(() => rf.Predict(other));
        Assert.Throws<KeyNotFoundException>(() => x.IndexOf("nope"));
    }

    [Fact]
    public void Classification_ProbabilitiesSumToOne_ClassWeightsShiftPredictions()
    {
        var (xtr, ytr, xte, _) = ForestTestData.SyntheticClasses();
        var rf = RandomForest.FitClassification(xtr, ytr, new RandomForestOptions { Trees = 100, Seed = 1 });
        Assert.Equal(["0", "1", "2"], rf.Classes);
        var p = rf.PredictProbabilities(xte);
        for (int i = 0; i < xte.Rows; i++) Assert.Equal(1.0, p[i, 0] + p[i, 1] + p[i, 2], 5);
        var heavy = RandomForest.FitClassification(xtr, ytr, new RandomForestOptions { Trees = 100, Seed = 1, MinNodeSize = 10,
            ClassWeights = new Dictionary<string, double> { ["2"] = 10 } });
        var plain = RandomForest.FitClassification(xtr, ytr, new RandomForestOptions { Trees = 100, Seed = 1, MinNodeSize = 10 });
        Assert.True(heavy.Predict(xte).Count(c => c == "2") > plain.Predict(xte).Count(c => c == "2"));
        var balanced = RandomForest.FitClassification(xtr, ytr, new RandomForestOptions { Trees = 50, BalancedClassWeights = true, MinNodeSize = 10 });
        Assert.True(balanced.Predict(xte).Count(c => c == "2") >= plain.Predict(xte).Count(c => c == "2"));
        Assert.Throws<ArgumentException>(() => RandomForest.FitClassification(xtr, ytr, new RandomForestOptions { ClassWeights = new Dictionary<string, double> { ["9"] = 2 } }));
    }

    [Fact]
    public void ExtraRandomSplits_StillLearn()
    {
        var (xtr, ytr, xte, yte) = ForestTestData.Synthetic();
        var et = RandomForest.FitRegression(xtr, ytr, new RandomForestOptions { Trees = 200, SplitRule = SplitRule.Random, Mtry = 10, Replace = false, SampleFraction = 1 });
        Assert.InRange(SoilNotebooks.Evaluation.RegressionMetrics.Compute(yte, et.Predict(xte)).R2, 0.7, 0.95);
    }
}
