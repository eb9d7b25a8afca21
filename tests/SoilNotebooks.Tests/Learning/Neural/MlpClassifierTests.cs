using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Tabular;
using SoilNotebooks.Tests.Learning.Forests;

namespace SoilNotebooks.Tests.Learning.Neural;

/// <summary>The MLP classifier of the learner catalogue (scikit-learn MLPClassifier-like) and its degenerate-model guard.</summary>
public class MlpClassifierTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // XOR: the class is the sign of x1·x2 — not linearly separable, so a linear model stays near chance.
    private static (FeatureTable X, string[] Y) Xor(int n, int seed)
    {
        var r = new Random(seed);
        var rows = new double[n][]; var y = new string[n];
        for (int i = 0; i < n; i++)
        {
            double a = r.NextDouble() * 2 - 1, b = r.NextDouble() * 2 - 1;
            rows[i] = [a, b];
            y[i] = a * b > 0 ? "same" : "opposite";
        }
        return (FeatureTable.FromRows(rows, ["x1", "x2"]), y);
    }

    // Two overlapping Gaussian classes, the minority (5 %) shifted by 1.5 SD in both features.
    private static (FeatureTable X, string[] Y) Imbalanced(int n, int seed)
    {
        var r = new Random(seed);
        double G() => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
        var rows = new double[n][]; var y = new string[n];
        for (int i = 0; i < n; i++)
        {
            bool minority = r.NextDouble() < 0.05;
            double s = minority ? 1.5 : 0;
            rows[i] = [G() + s, G() + s];
            y[i] = minority ? "rare" : "common";
        }
        return (FeatureTable.FromRows(rows, ["a", "b"]), y);
    }

    private static double Accuracy(string[] y, string[] p) => y.Zip(p).Count(t => t.First == t.Second) / (double)y.Length;

    private static double Recall(string[] y, string[] p, string c) =>
        y.Zip(p).Count(t => t.First == c && t.Second == c) / (double)y.Count(v => v == c);

    [Fact]
    public void LearnsXor_WhereLogisticRegressionCannot()
    {
        var (x, y) = Xor(2000, 1);
        var (xt, yt) = Xor(1000, 2);
        var mlp = MlpClassifier.Fit(x, y, new MlpClassifierOptions { Seed = 3 });
        var lr = LogisticRegression.Fit(x, y, new LogisticRegressionOptions { Standardize = true });
        double accMlp = Accuracy(yt, mlp.Predict(xt)), accLr = Accuracy(yt, lr.Predict(xt));
        output.WriteLine($"test accuracy MLP {accMlp:F3} ({mlp.History.Loss.Length} epochs), LR {accLr:F3}");
        Assert.True(accMlp >= 0.9, $"MLP accuracy {accMlp}");
        Assert.True(accLr <= 0.7, $"LR accuracy {accLr}");
        Assert.False(mlp.IsDegenerate, mlp.Health.Reason);
        Assert.True(mlp.History.Loss[^1] < 0.5 * mlp.History.Loss[0]);
    }

    [Fact]
    public void SeededFits_AreIdentical_AndSeedsDiffer()
    {
        var (x, y) = Xor(300, 4);
        var o = new MlpClassifierOptions { Seed = 11, MaxEpochs = 30 };
        var a = MlpClassifier.Fit(x, y, o).PredictProbabilities(x);
        var b = MlpClassifier.Fit(x, y, o).PredictProbabilities(x);
        var c = MlpClassifier.Fit(x, y, o with { Seed = 12 }).PredictProbabilities(x);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void BalancedWeights_RaiseMinorityRecall()
    {
        var (x, y) = Imbalanced(3000, 5);
        var (xt, yt) = Imbalanced(3000, 6);
        var plain = MlpClassifier.Fit(x, y, new MlpClassifierOptions { Seed = 1 });
        var balanced = MlpClassifier.Fit(x, y, new MlpClassifierOptions { Seed = 1, BalancedClassWeights = true });
        double rPlain = Recall(yt, plain.Predict(xt), "rare"), rBal = Recall(yt, balanced.Predict(xt), "rare");
        output.WriteLine($"recall of the rare class: plain {rPlain:F3}, balanced {rBal:F3}");
        Assert.True(rBal > rPlain + 0.2, $"balanced {rBal} vs plain {rPlain}");
    }

    [Fact]
    public void Probabilities_SumToOne_OverThreeClasses()
    {
        var (x, _) = Xor(400, 7);
        var y = Enumerable.Range(0, x.Rows).Select(i => x[i, 0] < -0.3 ? "a" : x[i, 0] < 0.3 ? "b" : "c").ToArray();
        var m = MlpClassifier.Fit(x, y, new MlpClassifierOptions { Seed = 2, MaxEpochs = 50 });
        Assert.Equal(["a", "b", "c"], m.Classes);
        var p = m.PredictProbabilities(x);
        for (int i = 0; i < x.Rows; i++)
        {
            double s = 0;
            for (int k = 0; k < 3; k++) { Assert.InRange(p[i, k], 0, 1); s += p[i, k]; }
            Assert.Equal(1.0, s, 9);
        }
        Assert.True(Accuracy(y, m.Predict(x)) > 0.85);
    }

    [Fact]
    public void FeaturesWithoutInformation_AreFlaggedAsOneClass()
    {
        // every feature constant: the network can only learn the class prior and predicts the majority everywhere
        int n = 200;
        var x = FeatureTable.FromRows(Enumerable.Range(0, n).Select(_ => new[] { 1.0, 2.0 }).ToArray(), ["c1", "c2"]);
        var y = Enumerable.Range(0, n).Select(i => i % 4 == 0 ? "minor" : "major").ToArray();
        var m = MlpClassifier.Fit(x, y, new MlpClassifierOptions { Seed = 1 });
        Assert.True(m.IsDegenerate);
        Assert.Contains(m.Health.Flags, f => f.Code == "one-class");
        Assert.Contains("major", m.Health.Reason);
        // a constant target is refused with a clear message
        var e = Assert.Throws<ArgumentException>(() => MlpClassifier.Fit(x, Enumerable.Repeat("major", n).ToArray()));
        Assert.Contains("constant", e.Message);
    }

    // Reference/mlp_reference.py: sklearn MLPClassifier (defaults) behind a StandardScaler, seeds 0–4, same table.
    [Fact]
    public void TestAccuracy_MatchesSklearnsMlpClassifier()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Learning", "Neural", "Reference", "mlp_reference.json")));
        double expected = doc.RootElement.GetProperty("mean_test_accuracy").GetDouble();
        var (xtr, ytr, xte, yte) = ForestTestData.SyntheticClasses();
        var acc = Enumerable.Range(0, 5).Select(seed => Accuracy(yte, MlpClassifier.Fit(xtr, ytr, new MlpClassifierOptions { Seed = seed }).Predict(xte))).ToArray();
        output.WriteLine($"test accuracy over seeds 0–4: ours {acc.Average():F3} ({string.Join(", ", acc.Select(a => a.ToString("F3")))}), sklearn {expected:F3}");
        Assert.InRange(acc.Average(), expected - 0.04, expected + 0.04);
    }

    [Fact]
    public void Catalogue_HasSevenClassifiers_WithTheNeuralNetwork()
    {
        var names = LearnerCatalog.Classifiers(seed: 1).Select(s => s.Name).ToArray();
        Assert.Equal(7, names.Length);
        Assert.Contains(LearnerCatalog.NeuralNetwork, names);
        Assert.DoesNotContain("Extra trees", names);
        var (x, y) = Xor(300, 8);
        var fit = LearnerCatalog.Classifiers(seed: 1, balanced: true).Single(s => s.Name == LearnerCatalog.NeuralNetwork).Fit(x, y);
        Assert.IsType<MlpClassifierModel>(fit);
    }
}
