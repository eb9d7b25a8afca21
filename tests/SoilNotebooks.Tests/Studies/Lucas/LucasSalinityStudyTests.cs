using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Salinity;
using SoilNotebooks.Studies.Lucas;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Studies.Lucas;

public class LucasSalinityStudyTests
{
    private sealed class ConstantLow(IReadOnlyList<string> classes) : IClassifier
    {
        public IReadOnlyList<string> Classes => classes;
        public double[,] PredictProbabilities(FeatureTable x)
        {
            var p = new double[x.Rows, Classes.Count];
            for (int i = 0; i < x.Rows; i++) p[i, 0] = 1;
            return p;
        }
    }

    private static (FeatureTable X, double[] Ece) Separable(int n)
    {
        var ece = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? 3.0 + i % 7 : 0.2 + (i % 11) * 0.1).ToArray();
        return (FeatureTable.FromColumns([ece.ToArray()], ["signal"]), ece);
    }

    [Fact]
    public void CompareClassifiers_SeparableFeature_ScoresOneOnEveryFold()
    {
        var (x, ece) = Separable(100);
        var tree = LearnerCatalog.Classifiers(seed: 1).Where(s => s.Name == "Decision tree");
        var row = Assert.Single(LucasSalinityStudy.CompareClassifiers(x, ece, Folds.KFold(100, 4, 3), tree));
        Assert.Equal((1.0, 1.0, 1.0, 1.0, 1.0), (row.Precision, row.Recall, row.F1, row.PrAuc, row.PooledF1));
        Assert.Equal(0, row.F1Sd, 12);
    }

    [Fact]
    public void CompareClassifiers_NeverPredictingSaline_GivesZeroPrecisionAndRecall()
    {
        var (x, ece) = Separable(60);
        var spec = new ClassifierSpec("never saline", (_, y) => new ConstantLow(y.Distinct().Order(StringComparer.Ordinal).ToArray()));
        var row = Assert.Single(LucasSalinityStudy.CompareClassifiers(x, ece, Folds.KFold(60, 3, 1), [spec]));
        Assert.Equal((0.0, 0.0, 0.0), (row.Precision, row.Recall, row.F1));
        Assert.InRange(row.PrAuc, 0, 1);
    }

    [Fact]
    public void CompareClassifiers_ReportsTheNeuralNetworksHealth()
    {
        var mlp = LearnerCatalog.Classifiers(seed: 1).Where(s => s.Name == LearnerCatalog.NeuralNetwork).ToArray();
        var (x, ece) = Separable(100);
        var healthy = Assert.Single(LucasSalinityStudy.CompareClassifiers(x, ece, Folds.KFold(100, 4, 3), mlp));
        Assert.Equal("healthy", healthy.Health);
        // a feature without information: the network predicts "low" for every row in every fold
        var constant = FeatureTable.FromColumns([Enumerable.Repeat(1.0, 100).ToArray()], ["constant"]);
        var flagged = Assert.Single(LucasSalinityStudy.CompareClassifiers(constant, ece, Folds.KFold(100, 4, 3), mlp));
        Assert.StartsWith("flagged in 4 of 4 folds", flagged.Health);
        Assert.Contains("for all", flagged.Health);
        var tree = LearnerCatalog.Classifiers(seed: 1).Where(s => s.Name == "Decision tree");
        Assert.Equal("", Assert.Single(LucasSalinityStudy.CompareClassifiers(x, ece, Folds.KFold(100, 4, 3), tree)).Health);
    }

    [Fact]
    public void CompareClassifiers_NoSalineSample_Throws()
    {
        var x = FeatureTable.FromColumns([new double[20]], ["a"]);
        var ex = Assert.Throws<ArgumentException>(() =>
            LucasSalinityStudy.CompareClassifiers(x, new double[20], Folds.KFold(20, 2, 1), LearnerCatalog.Classifiers()));
        Assert.Contains("ECe ≥ 2", ex.Message);
    }

    [Fact]
    public void RegressionRows_SplitRmseByObservedSide()
    {
        double[] obs = [1, 3], pred = [2, 5];
        var labels = SalinityClasses.Labels([2.0]);
        var cls = ClassificationMetrics.Compute([labels[0], labels[1]], [labels[0], labels[1]], labels);
        var cv = new TwoStepCrossValidation(new TwoStepPrediction(pred, [0, 1], labels, new double[2, 2]), obs, [0, 1],
            RegressionMetrics.Compute(obs, pred), cls, null, [0.5], [1.0]);
        var row = Assert.Single(LucasSalinityStudy.RegressionRows(cv));
        Assert.Equal(("two-step", 1.0, 2.0, Math.Sqrt(2.5), 1.5), (row.Model, row.RmseBelow, row.RmseAtOrAbove, row.Rmse, row.Mae));
    }

    [Fact]
    public void Sizes_FullIsLucas2018Scale_AndAnUnknownModeIsRejected()
    {
        Assert.Equal(19_000, LucasSalinitySizes.For("full").Points);
        Assert.True(LucasSalinitySizes.For("quick").Points < LucasSalinitySizes.For("full").Points);
        Assert.Contains("quick", Assert.Throws<ArgumentException>(() => LucasSalinitySizes.For("fast")).Message);
    }

    [Fact]
    public void MapClaim_StatesTheMapsNumbers_AndDoneOnlyAtOneKilometre()
    {
        var grid = new SoilNotebooks.Rasters.RasterGrid(10, 10, SoilNotebooks.Rasters.GeoTransform.NorthUp(0, 0, 25_000),
            SoilNotebooks.Rasters.Crs.FromEpsg(3035));
        var map = new SalinityMapSummary(grid, 25_000, 100, ["ECe < 2", "ECe ≥ 2"], [80, 20], [50_000, 12_500], 0.2, 0.25, 1.1, 0.9, 1, 512, 0.5,
            new Dictionary<string, string>());
        var coarse = LucasSalinityStudy.MapClaim(map);
        Assert.Equal("6", coarse.Step);
        Assert.Contains("100 land cells, 20.0 % (12,500 km²) predicted saline", coarse.Ours);
        Assert.Equal("pipeline yes (coarser grid in quick mode)", coarse.Reproduced);
        Assert.Contains("the covariate grid is the twin's", coarse.TwinCaveat);
        Assert.Equal("done (twin)", LucasSalinityStudy.MapClaim(map with { ResolutionMeters = 1000 }).Reproduced);
    }

    [Fact]
    public void MapOptions_QuickIs25Km_FullIs1Km()
    {
        Assert.Equal(25_000, SalinityMapOptions.For("quick").ResolutionMeters);
        Assert.Equal(1_000, SalinityMapOptions.For("full").ResolutionMeters);
        Assert.Throws<ArgumentException>(() => SalinityMapOptions.For("fast"));
    }
}
