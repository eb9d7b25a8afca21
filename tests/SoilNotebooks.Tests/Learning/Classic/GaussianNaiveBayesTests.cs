using System.Text.Json;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Tests.Learning.Forests;

namespace SoilNotebooks.Tests.Learning.Classic;

/// <summary>
/// Gaussian naive Bayes against scikit-learn 1.2's GaussianNB (Reference/naive_bayes_reference.py). Tolerance 1e-5:
/// the feature table holds float32 copies of the CSV's 5-decimal values, scikit-learn reads doubles.
/// </summary>
public class GaussianNaiveBayesTests
{
    private static readonly JsonElement Ref = JsonDocument.Parse(File.ReadAllText(
        RepoPaths.Combine("tests", "SoilNotebooks.Tests", "Learning", "Classic", "Reference", "naive_bayes_reference.json"))).RootElement;

    private static double[][] Rows(string name) =>
        Ref.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    [Fact]
    public void Multiclass_MatchesScikitLearn()
    {
        var (xtr, ytr, xte, _) = ForestTestData.SyntheticClasses();
        var m = GaussianNaiveBayes.Fit(xtr, ytr);
        Assert.Equal(["0", "1", "2"], m.Classes);
        var p = m.PredictProbabilities(xte); var want = Rows("multiclass_proba");
        Assert.Equal(want.Length, xte.Rows);
        for (int i = 0; i < want.Length; i++) for (int k = 0; k < 3; k++) Assert.True(Math.Abs(p[i, k] - want[i][k]) < 1e-5, $"row {i} class {k}: {p[i, k]} vs {want[i][k]}");
    }

    [Fact]
    public void EqualPriors_MatchScikitLearnPriors()
    {
        var (xtr, ytr, xte, _) = ForestTestData.SyntheticClasses();
        var m = GaussianNaiveBayes.Fit(xtr, ytr.Select(c => c == "2" ? "high" : "low").ToArray(), new GaussianNaiveBayesOptions { EqualPriors = true });
        Assert.Equal(["high", "low"], m.Classes);
        var p = m.PredictProbabilities(xte); var want = Rows("binary_equal_priors_proba");
        for (int i = 0; i < want.Length; i++) Assert.True(Math.Abs(p[i, 0] - want[i][0]) < 1e-5, $"row {i}: {p[i, 0]} vs {want[i][0]}");
    }
}
