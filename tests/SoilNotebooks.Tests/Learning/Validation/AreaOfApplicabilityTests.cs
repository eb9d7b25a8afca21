using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Learning.Validation;

public class AreaOfApplicabilityTests
{
    [Fact]
    public void Di_IsTheStandardisedNearestDistanceOverTheMeanTrainingDistance()
    {
        // one feature 0, 1, 2, 3: sd = 1.2910; standardised spacing 1/sd; mean pair distance (1+2+3+1+2+1)/6 = 10/6 (raw)
        var train = FeatureTable.FromColumns([new double[] { 0, 1, 2, 3 }], ["a"]);
        var aoa = AreaOfApplicability.Fit(train);
        Assert.Equal(10.0 / 6 / Math.Sqrt(5.0 / 3), aoa.MeanTrainingDistance, 6);
        var di = aoa.Dissimilarity(FeatureTable.FromColumns([new double[] { 1, 5 }], ["a"]));
        Assert.Equal(0, di[0], 12);
        Assert.Equal(2 / (10.0 / 6), di[1], 6);              // scale cancels: 2 raw units over 10/6
        Assert.All(aoa.TrainingDi, d => Assert.Equal(1 / (10.0 / 6), d, 9));
        Assert.Equal(new[] { true, false }, aoa.Inside(di));
        Assert.Equal(new[] { false }, aoa.Inside([double.NaN]));
    }

    [Fact]
    public void Weights_AndFolds_AreUsed()
    {
        var train = FeatureTable.FromColumns([new double[] { 0, 1, 2, 3, 4, 5 }, new double[] { 0, 5, 1, 4, 2, 3 }], ["a", "b"]);
        var onlyA = AreaOfApplicability.Fit(train, new AreaOfApplicabilityOptions { Weights = [1, 0] });
        var q = FeatureTable.FromColumns([new double[] { 2 }, new double[] { 100 }], ["a", "b"]);
        Assert.Equal(0, onlyA.Dissimilarity(q)[0], 12);      // b has weight 0
        var folds = new FoldAssignment([0, 0, 0, 1, 1, 1], 2, ["f1", "f2"]);
        var cv = AreaOfApplicability.Fit(train, new AreaOfApplicabilityOptions { Folds = folds });
        var plain = AreaOfApplicability.Fit(train);
        for (int i = 0; i < 6; i++) Assert.True(cv.TrainingDi[i] >= plain.TrainingDi[i] - 1e-12);
        Assert.True(cv.Threshold <= cv.TrainingDi.Max());
    }

    [Fact]
    public void BadInput_GivesClearErrors()
    {
        var train = FeatureTable.FromColumns([new double[] { 0, 1, 2 }], ["a"]);
        Assert.Contains("3 training rows", Assert.Throws<ArgumentException>(() =>
            AreaOfApplicability.Fit(FeatureTable.FromColumns([new double[] { 0, 1 }], ["a"]))).Message);
        Assert.Contains("weights", Assert.Throws<ArgumentException>(() =>
            AreaOfApplicability.Fit(train, new AreaOfApplicabilityOptions { Weights = [1, 2] })).Message);
        Assert.Contains("missing", Assert.Throws<ArgumentException>(() =>
            AreaOfApplicability.Fit(FeatureTable.FromColumns([new double[] { 0, double.NaN, 2 }], ["a"]))).Message);
        var aoa = AreaOfApplicability.Fit(train);
        Assert.Throws<ArgumentException>(() => aoa.Dissimilarity(FeatureTable.FromColumns([new double[] { 1 }], ["b"])));
    }
}
