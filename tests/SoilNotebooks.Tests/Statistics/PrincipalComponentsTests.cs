using System.Text.Json;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Tests.Statistics;

/// <summary>PrincipalComponents against NumPy's SVD (Reference/pca_reference.py) and a case checkable by hand.</summary>
public class PrincipalComponentsTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Statistics", "Reference", "pca_reference.json"))).RootElement;

    private static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
    private static double[] Vector(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Theory]
    [InlineData("spectra40x10", 3)]
    [InlineData("hand3x2", 2)]
    public void Fit_MatchesNumPy_MeansVariancesLoadingsAndScores(string name, int compared)
    {
        var c = Reference.GetProperty(name);
        var rows = Matrix(c.GetProperty("rows"));
        var pca = PrincipalComponents.Fit(rows);
        var mean = Vector(c.GetProperty("mean"));
        for (int j = 0; j < mean.Length; j++) Assert.Equal(mean[j], pca.Mean[j], 12);
        var variances = Vector(c.GetProperty("variances"));
        for (int k = 0; k < variances.Length; k++) Assert.Equal(variances[k], pca.Variances[k], 1e-12 + 1e-9 * variances[0]);
        Assert.Equal(c.GetProperty("total").GetDouble(), pca.TotalVariance, 1e-12);
        var loadings = Matrix(c.GetProperty("loadings"));
        for (int k = 0; k < compared; k++)
            for (int j = 0; j < pca.Variables; j++) Assert.Equal(loadings[k][j], pca.Loadings[k][j], 1e-7);
        var scores = Matrix(c.GetProperty("scores"));
        var ours = pca.Scores(rows, 2);
        for (int i = 0; i < rows.Length; i++)
            for (int k = 0; k < 2; k++) Assert.Equal(scores[i][k], ours[i][k], 1e-9);
        Assert.Equal(1.0, pca.ExplainedShare.Sum(), 9);
    }

    [Fact]
    public void PointsOnALine_HaveOneComponent_AlongIt()
    {
        // (t, 2t): all variance along (1, 2)/√5; the second component has none
        double[][] rows = [[0, 0], [1, 2], [2, 4], [3, 6]];
        var pca = PrincipalComponents.Fit(rows);
        Assert.Equal(1 / Math.Sqrt(5), pca.Loadings[0][0], 12);
        Assert.Equal(2 / Math.Sqrt(5), pca.Loadings[0][1], 12);
        Assert.Equal(5 * 5.0 / 3, pca.Variances[0], 12);   // var(t) = 5/3, times |(1, 2)|² = 5
        Assert.Equal(0, pca.Variances[1], 12);
        Assert.Equal(1.0, pca.ExplainedShare[0], 12);
        var s = pca.Scores([[1.5, 3]], 1);
        Assert.Equal(0, s[0][0], 12);                      // the centre scores 0
    }

    [Fact]
    public void BadInput_IsAClearError()
    {
        Assert.Throws<ArgumentException>(() => PrincipalComponents.Fit([[1.0, 2]]));
        Assert.Throws<ArgumentException>(() => PrincipalComponents.Fit([[1.0, 2], [1.0]]));
        var e = Assert.Throws<ArgumentException>(() => PrincipalComponents.Fit([[1.0, double.NaN], [2.0, 3]]));
        Assert.Contains("finite", e.Message);
    }
}
