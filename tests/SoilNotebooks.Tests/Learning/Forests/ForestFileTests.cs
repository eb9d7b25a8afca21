using System.Text;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Learning.Forests;

/// <summary>The forest file (docs/forest-format.md): a saved and reloaded forest predicts bit-identically; a damaged file,
/// another version or another kind of forest is refused with a message naming the file.</summary>
public class ForestFileTests
{
    private static string TempFile(string name) => Path.Combine(RepoPaths.NewTempDir("soilnb-forestfile"), name);

    private static void AssertBitIdentical(double[] a, double[] b)
    {
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(a[i]) == BitConverter.DoubleToInt64Bits(b[i]), $"row {i}: {a[i]} vs {b[i]}");
    }

    private static void AssertBitIdentical(double[,] a, double[,] b)
    {
        Assert.Equal(a.GetLength(0), b.GetLength(0)); Assert.Equal(a.GetLength(1), b.GetLength(1));
        for (int i = 0; i < a.GetLength(0); i++)
            for (int k = 0; k < a.GetLength(1); k++)
                Assert.True(BitConverter.DoubleToInt64Bits(a[i, k]) == BitConverter.DoubleToInt64Bits(b[i, k]), $"[{i}, {k}]");
    }

    [Fact]
    public void Regression_RoundTrip_PredictsBitIdentically()
    {
        var (xtr, ytr, xte, _) = ForestTestData.Synthetic();
        var rf = RandomForest.FitRegression(xtr, ytr, new RandomForestOptions { Trees = 40, Seed = 5, Importance = ForestImportance.Permutation });
        var path = TempFile("rf.snbf");
        rf.Save(path, target: "y");
        var back = RandomForestRegression.Load(path);
        Assert.IsNotType<QuantileRegressionForest>(back);
        AssertBitIdentical(rf.Predict(xte), back.Predict(xte));
        AssertBitIdentical(rf.OobPredictions, back.OobPredictions);
        Assert.Equal(rf.OobMse, back.OobMse);
        Assert.Equal(rf.PermutationImportance, back.PermutationImportance);
        Assert.Equal(rf.ImpurityImportance, back.ImpurityImportance);
        Assert.Equal(rf.FeatureNames, back.FeatureNames);
        Assert.Equal(rf.Options, back.Options);
        Assert.Equal((rf.Mtry, rf.MinNodeSize, rf.TreeCount), (back.Mtry, back.MinNodeSize, back.TreeCount));
        var nested = back.PredictNested(xte, [1, 40]);
        AssertBitIdentical(rf.PredictNested(xte, [1, 40])[0], nested[0]);
        var h = ForestFile.ReadHeader(path);
        Assert.Equal((ForestFile.FormatVersion, ForestKind.Regression, "y", 40), (h.Version, h.Kind, h.Target, h.Trees));
        Assert.Equal(xtr.Rows, h.TrainingRows);
        // the same forest always gives the same bytes, and no temporary file is left beside it
        var again = Path.Combine(Path.GetDirectoryName(path)!, "again.snbf");
        back.Save(again, target: "y");
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
        Assert.Equal(2, Directory.GetFiles(Path.GetDirectoryName(path)!).Length);
    }

    [Fact]
    public void Quantile_RoundTrip_PredictsBitIdenticalQuantilesAndOobIntervals()
    {
        var (xtr, ytr, xte, _) = ForestTestData.Synthetic();
        var qrf = RandomForest.FitQuantile(xtr, ytr, new RandomForestOptions { Trees = 30, Seed = 11, MinNodeSize = 3 });
        var path = TempFile("qrf.snbf");
        qrf.Save(path);
        var back = QuantileRegressionForest.Load(path, threads: 1);
        double[] probs = [0, 0.05, 0.25, 0.5, 0.9, 0.95, 1];
        AssertBitIdentical(qrf.PredictQuantiles(xte, probs), back.PredictQuantiles(xte, probs));
        AssertBitIdentical(qrf.Predict(xte), back.Predict(xte));
        AssertBitIdentical(qrf.OobQuantiles(probs), back.OobQuantiles(probs));
        Assert.Equal(1, back.Options.Threads);
        Assert.IsType<QuantileRegressionForest>(RandomForestRegression.Load(path));
        Assert.IsType<QuantileRegressionForest>(ForestFile.Load(path));
        Assert.Equal(ForestKind.Quantile, ForestFile.ReadHeader(path).Kind);
    }

    [Fact]
    public void Classification_RoundTrip_PredictsBitIdenticalProbabilities()
    {
        var (xtr, ytr, xte, _) = ForestTestData.SyntheticClasses();
        var rf = RandomForest.FitClassification(xtr, ytr, new RandomForestOptions
        {
            Trees = 25, Seed = 3, ClassWeights = new Dictionary<string, double> { [ytr[0]] = 2 },
        });
        var path = TempFile("cls.snbf");
        rf.Save(path, target: "class");
        var back = RandomForestClassification.Load(path);
        AssertBitIdentical(rf.PredictProbabilities(xte), back.PredictProbabilities(xte));
        Assert.Equal(rf.Predict(xte), back.Predict(xte));
        Assert.Equal(rf.Classes, back.Classes);
        Assert.Equal(rf.OobError, back.OobError);
        Assert.Equal(rf.OobPredictions, back.OobPredictions);
        Assert.Equal(rf.Options.ClassWeights, back.Options.ClassWeights);
        Assert.IsType<RandomForestClassification>(ForestFile.Load(path));
    }

    [Fact]
    public void WrongKind_IsRefusedNamingWhatTheFileHolds()
    {
        var (xtr, ytr, _, _) = ForestTestData.Synthetic();
        var path = TempFile("rf.snbf");
        RandomForest.FitRegression(xtr, ytr, trees: 5).Save(path);
        var e = Assert.Throws<InvalidDataException>(() => QuantileRegressionForest.Load(path));
        Assert.Contains("regression forest without quantile leaf data", e.Message);
        e = Assert.Throws<InvalidDataException>(() => RandomForestClassification.Load(path));
        Assert.Contains("expected a classification forest", e.Message);
    }

    [Fact]
    public void DamagedFiles_AreRefusedWithAClearMessage()
    {
        var (xtr, ytr, _, _) = ForestTestData.Synthetic();
        var path = TempFile("qrf.snbf");
        RandomForest.FitQuantile(xtr, ytr, trees: 5).Save(path);
        var good = File.ReadAllBytes(path);
        var dir = Path.GetDirectoryName(path)!;
        string Write(string name, byte[] bytes) { var p = Path.Combine(dir, name); File.WriteAllBytes(p, bytes); return p; }

        // one flipped bit in the middle: the checksum catches it
        var flipped = (byte[])good.Clone();
        flipped[good.Length / 2] ^= 0x10;
        var e = Assert.Throws<InvalidDataException>(() => ForestFile.Load(Write("flipped.snbf", flipped)));
        Assert.Contains("corrupt or truncated", e.Message);
        Assert.Contains("flipped.snbf", e.Message);
        // truncated at several lengths
        foreach (var n in new[] { 0, 5, 11, 40, good.Length / 3, good.Length - 1 })
        {
            e = Assert.Throws<InvalidDataException>(() => ForestFile.Load(Write($"cut{n}.snbf", good[..n])));
            Assert.True(e.Message.Contains("truncated") || e.Message.Contains("not a SoilNotebooks forest file"), e.Message);
        }
        // another file type
        e = Assert.Throws<InvalidDataException>(() => ForestFile.Load(Write("table.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"))));
        Assert.Contains("not a SoilNotebooks forest file", e.Message);
        // another format version
        var v2 = (byte[])good.Clone();
        BitConverter.TryWriteBytes(v2.AsSpan(8, 4), 2);
        e = Assert.Throws<InvalidDataException>(() => ForestFile.Load(Write("v2.snbf", v2)));
        Assert.Contains("format version 2", e.Message);
        Assert.Contains("reads version 1", e.Message);
        // missing
        Assert.Throws<FileNotFoundException>(() => ForestFile.Load(Path.Combine(dir, "missing.snbf")));
    }

    [Fact]
    public void LoadedForest_RequiresTheTrainingFeatureNames()
    {
        var (xtr, ytr, xte, _) = ForestTestData.Synthetic();
        var path = TempFile("rf.snbf");
        RandomForest.FitQuantile(xtr, ytr, trees: 5).Save(path);
        var back = QuantileRegressionForest.Load(path);
        var renamed = FeatureTable.FromMatrix(xte.ToMatrix(), xte.Names.Select((n, j) => j == 2 ? "other" : n).ToArray());
        var e = Assert.Throws<ArgumentException>(() => back.PredictQuantiles(renamed, [0.5]));
        Assert.Contains("'other'", e.Message);
    }
}
