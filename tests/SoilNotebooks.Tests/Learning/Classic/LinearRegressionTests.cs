using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Learning.Classic;

/// <summary>Least squares and ridge on cases with a closed-form answer.</summary>
public class LinearRegressionTests
{
    [Fact]
    public void Ols_RecoversAnExactPlane()
    {
        double[] a = [0, 1, 2, 3, 4, 5], b = [1, 0, 2, 5, 3, 4];
        var y = a.Select((v, i) => 1 + 2 * v - 3 * b[i]).ToArray();
        var m = LinearRegression.Fit(FeatureTable.FromColumns([a, b], ["a", "b"]), y);
        Assert.Equal(1, m.Intercept, 10);
        Assert.Equal(2, m.Coefficients[0], 10);
        Assert.Equal(-3, m.Coefficients[1], 10);
        Assert.Equal(1 + 2 * 10 - 3 * 1, m.Predict(FeatureTable.FromColumns([new double[] { 10 }, new double[] { 1 }], ["a", "b"]))[0], 9);
    }

    [Fact]
    public void Ridge_ShrinksByTheClosedForm()
    {
        // x centred (mean 0): β = Σxy / (Σx² + λ) = 4 / (2 + 2) = 1; intercept = mean(y) = 1
        var m = LinearRegression.Fit(FeatureTable.FromColumns([new double[] { -1, 0, 1 }], ["x"]), [-1, 1, 3], new LinearRegressionOptions { Lambda = 2 });
        Assert.Equal(1, m.Coefficients[0], 12);
        Assert.Equal(1, m.Intercept, 12);
        Assert.Throws<ArgumentException>(() => LinearRegression.Fit(FeatureTable.FromColumns([new double[] { 1 }, new double[] { 2 }], ["a", "b"]), [1.0]));
    }

    [Fact]
    public void CollinearFeatures_GiveTheMinimumNormSolution()
    {
        // b = 2a: y = 5a is fit by β = (1, 2) (the minimum-norm split of 5 = β_a + 2β_b), as numpy's lstsq
        double[] a = [0, 1, 2, 3], b = [0, 2, 4, 6];
        var m = LinearRegression.Fit(FeatureTable.FromColumns([a, b], ["a", "b"]), a.Select(v => 5 * v + 1).ToArray());
        Assert.Equal(1, m.Coefficients[0], 9);
        Assert.Equal(2, m.Coefficients[1], 9);
        Assert.Equal(1, m.Intercept, 9);
    }
}
