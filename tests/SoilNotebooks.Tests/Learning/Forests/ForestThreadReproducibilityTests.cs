using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Learning.Forests;

/// <summary>A seeded forest is the same for every thread count and every run (each tree's feature draws start afresh).</summary>
public class ForestThreadReproducibilityTests
{
    [Fact]
    public void SeededForest_IsIdentical_ForAnyThreadCount_AndRun()
    {
        var rng = new Random(1);
        var rows = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, 12).Select(__ => rng.NextDouble()).ToArray()).ToArray();
        var y = rows.Select(r => 10 * r[0] + 5 * r[1] * r[2] + rng.NextDouble()).ToArray();
        var x = FeatureTable.FromRows(rows);
        double[] Fit(int threads) => RandomForest.FitRegression(x, y, new RandomForestOptions { Trees = 60, Mtry = 4, MinNodeSize = 5, Seed = 42, Threads = threads }).Predict(x);
        var single = Fit(1);
        for (int run = 0; run < 4; run++)
            Assert.Equal(single, Fit(4));   // exact: before the fix, trees depended on which trees the same worker had grown before
        var q1 = RandomForest.FitQuantile(x, y, new RandomForestOptions { Trees = 40, Mtry = 3, Seed = 7, Threads = 1 }).PredictInterval(x, 0.8);
        var q4 = RandomForest.FitQuantile(x, y, new RandomForestOptions { Trees = 40, Mtry = 3, Seed = 7, Threads = 4 }).PredictInterval(x, 0.8);
        Assert.Equal(q1.Lower, q4.Lower);
        Assert.Equal(q1.Upper, q4.Upper);
    }

    [Fact]
    public void EveryTreeOfAForest_DependsOnlyOnSeedAndIndex_NotOnTheTreesGrownBeforeIt()
    {
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 10).Select(__ => rng.NextDouble()).ToArray()).ToArray();
        var y = rows.Select(r => 4 * r[3] - 3 * r[7] + r[1] * r[5] + 0.2 * rng.NextDouble()).ToArray();
        var x = FeatureTable.FromRows(rows);
        var d = new TrainingData(x, y, null, 0, null);
        var s = new RandomForestOptions { Mtry = 3, Seed = 11 }.ToSettings(TreeTask.Regression, x.Columns);
        var forest = ForestCore.Grow(d, s, 6, threads: 1);   // one builder grows trees 0…5 in turn
        var tree5 = new TreeBuilder(d, s).Grow(5);                          // a fresh builder grows only tree 5
        var grown = forest.Trees[5];
        Assert.Equal(tree5.NodeCount, grown.NodeCount);
        for (int i = 0; i < tree5.NodeCount; i++)
        {
            Assert.Equal(tree5.Nodes[i].Feature, grown.Nodes[i].Feature);
            Assert.Equal(tree5.Nodes[i].Threshold, grown.Nodes[i].Threshold);
            if (tree5.Nodes[i].Feature < 0) Assert.Equal(tree5.Value[i], grown.Value[i]);   // leaf values (internal nodes keep no value)
        }
    }
}
