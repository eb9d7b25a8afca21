using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Sampling;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Tabular;

using SoilNotebooks.Tests.Learning.Forests;

namespace SoilNotebooks.Tests.Learning.Validation;

public class ForestGridSearchTests
{
    [Fact]
    public void S2MoSGrid_HasTheTwentyFourPointsOfThePaper()
    {
        var g = ForestGridSearch.S2MoSGrid;
        Assert.Equal(24, g.Count);
        Assert.Equal([6, 24], g.Select(p => p.Mtry).Distinct().Order());
        Assert.Equal([5, 10, 20, 50], g.Select(p => p.MinNodeSize).Distinct().Order());
        Assert.Equal([500, 1000, 1500], g.Select(p => p.Trees).Distinct().Order());
    }

    [Fact]
    public void GridSearch_OnBb250_PrefersSmallNodesOverHugeOnes_AndRejectsTooLargeMtry()
    {
        var t = ForestTestData.Bb250();
        var x = FeatureTable.FromCsv(t, ForestTestData.BbCovariates);
        var y = t.GetDoubles("SOC_target");
        var folds = Folds.Predefined(t.GetDoubles("Fold").Select(v => (int)v).ToArray());
        var grid = ForestGridSearch.Grid([4], [5, 200], [60]);
        var res = ForestGridSearch.Run(x, y, folds, grid, new RandomForestOptions { Seed = 1, Threads = 2 });
        Assert.Equal(2, res.Points.Count);
        Assert.Equal(5, res.Best.Parameters.MinNodeSize);
        Assert.True(res.Points[1].Rmse > res.Points[0].Rmse);
        Assert.Equal(250, res.Best.Cv.Predicted.Length);
        // Each point's out-of-fold predictions are those of forests fitted on that fold's own rows.
        var direct = CrossValidation.Regression(y, folds, (tr, te) => RandomForest.FitRegression(x.SelectRows(tr), tr.Select(i => y[i]).ToArray(),
            new RandomForestOptions { Seed = 1, Threads = 2, Mtry = 4, MinNodeSize = 200, Trees = 60 }).Predict(x.SelectRows(te)));
        Assert.Equal(direct.Predicted, res.Points[1].Cv.Predicted);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ForestGridSearch.Run(x, y, folds, ForestGridSearch.S2MoSGrid));
        Assert.Contains("mtry = 24 is larger than the number of features (17)", e.Message);
    }

    [Fact]
    public void NestedTreeCounts_GiveExactlyTheResultsOfRefittingEachPoint()
    {
        var t = ForestTestData.Bb250();
        var x = FeatureTable.FromCsv(t, ForestTestData.BbCovariates);
        var y = t.GetDoubles("SOC_target");
        var folds = Folds.KFold(y.Length, 5, seed: 3);
        var opts = new RandomForestOptions { Seed = 7, Threads = 2 };
        var grid = ForestGridSearch.Grid([3, 6], [5], [10, 40, 25]);
        var res = ForestGridSearch.Run(x, y, folds, grid, opts);
        Assert.Equal(grid, res.Points.Select(p => p.Parameters));
        foreach (var p in res.Points)
        {
            var g = p.Parameters;
            var direct = CrossValidation.Regression(y, folds, (tr, te) => RandomForest.FitRegression(x.SelectRows(tr),
                tr.Select(i => y[i]).ToArray(), opts with { Mtry = g.Mtry, MinNodeSize = g.MinNodeSize, Trees = g.Trees })
                .Predict(x.SelectRows(te)));
            Assert.Equal(direct.Predicted, p.Cv.Predicted);   // bit-identical, not merely close
        }
        Assert.NotEqual(res.Points[0].Cv.Predicted, res.Points[1].Cv.Predicted);   // the counts do change the forest

        var forest = RandomForest.FitRegression(x, y, opts with { Trees = 30 });
        var nested = forest.PredictNested(x, [30, 5]);
        Assert.Equal(forest.Predict(x), nested[0]);
        Assert.Equal(RandomForest.FitRegression(x, y, opts with { Trees = 5 }).Predict(x), nested[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => forest.PredictNested(x, [31]));
    }
}
