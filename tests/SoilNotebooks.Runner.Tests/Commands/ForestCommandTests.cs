using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;
using SoilNotebooks.Learning.Validation;

namespace SoilNotebooks.Runner.Tests.Commands;

[Collection("Console")]
public class ForestCommandTests
{
    private static (int code, string stdout, string stderr) Run(params string[] args) => CliHarness.Run(args);

    /// <summary>Writes BB.250 rows with Fold ≠ 1 as train and Fold = 1 as test (with or without target).</summary>
    private static (string dir, string train, string test, int testRows) Bb250Split(bool testHasTarget = true)
    {
        var dir = RepoPaths.NewTempDir("soilnb-forest");
        var t = CsvTable.Read(RepoPaths.Combine("data-manifests", "limesoda", "LimeSoDa_BB.250.csv"));
        var cols = new[] { "SOC_target", "Clay_target", "ERa", "G_Total_Counts", "pH_ISE", "Altitude", "B04", "B08", "B11", "NDVI" };
        var fold = t.GetStrings("Fold");
        var trainRows = Enumerable.Range(0, t.RowCount).Where(i => fold[i] != "1").ToArray();
        var testRows = Enumerable.Range(0, t.RowCount).Where(i => fold[i] == "1").ToArray();
        var testCols = testHasTarget ? cols : cols.Skip(2).ToArray();
        CsvTable.WriteCsv(Path.Combine(dir, "train.csv"), cols, trainRows.Select(i => (IReadOnlyList<string>)cols.Select(c => t[i, c]).ToArray()));
        CsvTable.WriteCsv(Path.Combine(dir, "test.csv"), testCols, testRows.Select(i => (IReadOnlyList<string>)testCols.Select(c => t[i, c]).ToArray()));
        return (dir, Path.Combine(dir, "train.csv"), Path.Combine(dir, "test.csv"), testRows.Length);
    }

    [Fact]
    public void Forest_Regression_WithQuantiles_WritesOneRowPerTestRowAndMetrics()
    {
        var (dir, train, test, n) = Bb250Split();
        var outPath = Path.Combine(dir, "pred.csv");
        var (code, stdout, stderr) = Run("forest", "--train", train, "--test", test, "--target", "SOC_target",
            "--features", "ERa,G_Total_Counts,pH_ISE,Altitude,B04,B08,B11,NDVI", "--trees", "200", "--mtry", "3", "--min-node", "5",
            "--seed", "3", "--threads", "2", "--quantiles", "0.05,0.5,0.95", "--out", outPath);
        Assert.True(code == 0, stderr);
        var p = CsvTable.Read(outPath);
        Assert.Equal(["prediction", "q0.05", "q0.5", "q0.95"], p.Columns);
        Assert.Equal(n, p.RowCount);
        var lo = p.GetDoubles("q0.05"); var hi = p.GetDoubles("q0.95");
        Assert.All(Enumerable.Range(0, n), i => Assert.True(lo[i] <= hi[i]));
        using var json = JsonDocument.Parse(stdout.Trim());
        var root = json.RootElement;
        Assert.True(root.GetProperty("fit_seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("predict_seconds").GetDouble() >= 0);
        Assert.Equal(3, root.GetProperty("mtry").GetInt32());
        var m = root.GetProperty("metrics");
        Assert.InRange(m.GetProperty("r2").GetDouble(), 0.5, 1.0);
        Assert.InRange(m.GetProperty("picp").GetDouble(), 0.6, 1.0);
        // same seed → same file
        var out2 = Path.Combine(dir, "pred2.csv");
        Assert.Equal(0, Run("forest", "--train", train, "--test", test, "--target", "SOC_target",
            "--features", "ERa,G_Total_Counts,pH_ISE,Altitude,B04,B08,B11,NDVI", "--trees", "200", "--mtry", "3", "--min-node", "5",
            "--seed", "3", "--threads", "1", "--quantiles", "0.05,0.5,0.95", "--out", out2).code);
        Assert.Equal(File.ReadAllText(outPath), File.ReadAllText(out2));
    }

    [Fact]
    public void Forest_DefaultFeatures_NoTargetInTest_WithoutReplacement()
    {
        var (dir, train, test, n) = Bb250Split(testHasTarget: false);
        var outPath = Path.Combine(dir, "pred.csv");
        // default features = every training column except the target: Clay_target would be a feature but the
        // test file lacks it → unknown-column error naming it
        var (code, _, err) = Run("forest", "--train", train, "--test", test, "--target", "SOC_target", "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("Clay_target", err);
        Assert.False(File.Exists(outPath));
        (code, var stdout, err) = Run("forest", "--train", train, "--test", test, "--target", "SOC_target",
            "--features", "ERa,pH_ISE,B04,NDVI", "--replace", "false", "--sample-fraction", "0.7", "--trees", "50", "--out", outPath);
        Assert.True(code == 0, err);
        Assert.Equal(n, CsvTable.Read(outPath).RowCount);
        Assert.DoesNotContain("\"metrics\"", stdout);
    }

    [Fact]
    public void Forest_Classification_WritesLabelsAndProbabilities()
    {
        var dir = RepoPaths.NewTempDir("soilnb-forest");
        var rng = new Random(5);
        string Row(int i, out string label)
        {
            double a = rng.NextDouble(), b = rng.NextDouble();
            label = a + 0.3 * b > 0.6 ? "saline" : "non-saline";
            return string.Create(CultureInfo.InvariantCulture, $"{a},{b},{label}");
        }
        File.WriteAllLines(Path.Combine(dir, "train.csv"), new[] { "a,b,cls" }.Concat(Enumerable.Range(0, 300).Select(i => Row(i, out _))));
        File.WriteAllLines(Path.Combine(dir, "test.csv"), new[] { "a,b,cls" }.Concat(Enumerable.Range(0, 100).Select(i => Row(i, out _))));
        var outPath = Path.Combine(dir, "pred.csv");
        var (code, stdout, err) = Run("forest", "--train", Path.Combine(dir, "train.csv"), "--test", Path.Combine(dir, "test.csv"),
            "--target", "cls", "--task", "classification", "--trees", "100", "--importance", "permutation", "--out", outPath);
        Assert.True(code == 0, err);
        var p = CsvTable.Read(outPath);
        Assert.Equal(["prediction", "p_non-saline", "p_saline"], p.Columns);
        using var json = JsonDocument.Parse(stdout.Trim());
        Assert.InRange(json.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble(), 0.85, 1.0);
        var imp = json.RootElement.GetProperty("permutation_importance");
        Assert.True(imp.GetProperty("a").GetDouble() > imp.GetProperty("b").GetDouble());
    }

    [Fact]
    public void Forest_BadInput_ExitsOneWithAClearMessage()
    {
        var (dir, train, test, _) = Bb250Split();
        var outPath = Path.Combine(dir, "pred.csv");
        var (code, _, err) = Run("forest", "--train", train, "--test", test, "--target", "SOC_target", "--features", "ERa,B04", "--mtry", "3", "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("mtry = 3 is larger than the number of features (2)", err);
        (code, _, err) = Run("forest", "--train", train, "--test", test, "--target", "SOC_target", "--features", "ERa,Nope", "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("unknown column 'Nope'", err);
        var nanTrain = Path.Combine(dir, "nan.csv");
        var lines = File.ReadAllLines(train);
        var cells = lines[3].Split(','); cells[2] = "NaN"; lines[3] = string.Join(',', cells);
        File.WriteAllLines(nanTrain, lines);
        (code, _, err) = Run("forest", "--train", nanTrain, "--test", test, "--target", "SOC_target", "--features", "ERa,B04", "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("'ERa' row 3", err);
        (code, _, err) = Run("forest", "--train", train, "--test", test, "--target", "SOC_target", "--features", "ERa,B04", "--task", "classification", "--quantiles", "0.5", "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("regression only", err);
        Assert.False(File.Exists(outPath));
        Assert.NotEqual(0, Run("forest", "--train", train, "--target", "SOC_target").code);
    }

    [Fact]
    public void Forest_SaveModel_ThenModel_PredictsTheSameFile()
    {
        var (dir, train, test, n) = Bb250Split();
        var outPath = Path.Combine(dir, "pred.csv");
        var model = Path.Combine(dir, "soc.snbf");
        var (code, stdout, err) = Run("forest", "--train", train, "--test", test, "--target", "SOC_target",
            "--features", "ERa,G_Total_Counts,pH_ISE,Altitude,B04,B08", "--trees", "60", "--seed", "4",
            "--quantiles", "0.05,0.5,0.95", "--save-model", model, "--out", outPath);
        Assert.True(code == 0, err);
        using (var json = JsonDocument.Parse(stdout.Trim()))
        {
            Assert.Equal(model, json.RootElement.GetProperty("model_saved").GetString());
            Assert.Equal("quantile", json.RootElement.GetProperty("model_kind").GetString());
        }
        var loadedOut = Path.Combine(dir, "pred-loaded.csv");
        (code, stdout, err) = Run("forest", "--model", model, "--test", test, "--quantiles", "0.05,0.5,0.95", "--threads", "1", "--out", loadedOut);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(outPath), File.ReadAllText(loadedOut));
        Assert.Equal(n, CsvTable.Read(loadedOut).RowCount);
        using (var json = JsonDocument.Parse(stdout.Trim()))
        {
            // the saved target name is used for the test metrics
            Assert.InRange(json.RootElement.GetProperty("metrics").GetProperty("picp").GetDouble(), 0.5, 1.0);
            Assert.Equal("quantile", json.RootElement.GetProperty("model_kind").GetString());
        }
        // save only, no test table: a plain regression forest, whose --model run cannot give quantiles
        var rfModel = Path.Combine(dir, "rf.snbf");
        (code, _, err) = Run("forest", "--train", train, "--target", "SOC_target", "--features", "ERa,B04", "--trees", "10",
            "--save-model", rfModel);
        Assert.True(code == 0, err);
        (code, _, err) = Run("forest", "--model", rfModel, "--test", test, "--quantiles", "0.5", "--out", loadedOut);
        Assert.Equal(2, code);
        Assert.Contains("without quantile leaf data", err);
        (code, _, err) = Run("forest", "--model", rfModel, "--test", test, "--out", loadedOut);
        Assert.True(code == 0, err);
    }

    [Fact]
    public void Forest_Classification_SaveAndLoad_SameProbabilities()
    {
        var dir = RepoPaths.NewTempDir("soilnb-forest");
        var lines = new[] { "a,b,cls" }.Concat(Enumerable.Range(0, 200).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i % 17},{i % 5},{(i % 17 > 8 ? "hi" : "lo")}"))).ToArray();
        File.WriteAllLines(Path.Combine(dir, "t.csv"), lines);
        var t = Path.Combine(dir, "t.csv");
        var model = Path.Combine(dir, "cls.snbf");
        var (code, _, err) = Run("forest", "--train", t, "--test", t, "--target", "cls", "--task", "classification", "--trees", "20",
            "--save-model", model, "--out", Path.Combine(dir, "a.csv"));
        Assert.True(code == 0, err);
        (code, _, err) = Run("forest", "--model", model, "--test", t, "--out", Path.Combine(dir, "b.csv"));
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "a.csv")), File.ReadAllText(Path.Combine(dir, "b.csv")));
        (code, _, err) = Run("forest", "--model", model, "--test", t, "--task", "regression", "--out", Path.Combine(dir, "c.csv"));
        Assert.Equal(2, code);
        Assert.Contains("classification forest", err);
    }

    [Fact]
    public void Forest_Model_BadFilesAndFlags_ExitTwoOrThree()
    {
        var (dir, train, test, _) = Bb250Split();
        var outPath = Path.Combine(dir, "pred.csv");
        var model = Path.Combine(dir, "m.snbf");
        Assert.Equal(0, Run("forest", "--train", train, "--target", "SOC_target", "--features", "ERa,B04", "--trees", "5",
            "--quantiles", "0.5", "--save-model", model).code);
        var bytes = File.ReadAllBytes(model);
        var cut = Path.Combine(dir, "cut.snbf");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var (code, _, err) = Run("forest", "--model", cut, "--test", test, "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("corrupt or truncated", err);
        Assert.DoesNotContain("   at ", err);
        var v9 = Path.Combine(dir, "v9.snbf");
        var b9 = (byte[])bytes.Clone(); b9[8] = 9;
        File.WriteAllBytes(v9, b9);
        (code, _, err) = Run("forest", "--model", v9, "--test", test, "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("format version 9", err);
        (code, _, err) = Run("forest", "--model", train, "--test", test, "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("not a SoilNotebooks forest file", err);
        Assert.False(File.Exists(outPath));
        (code, _, err) = Run("forest", "--model", model, "--train", train, "--target", "SOC_target", "--test", test, "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("exclude each other", err);
        (code, _, err) = Run("forest", "--model", model, "--trees", "9", "--test", test, "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("--trees has no effect with --model", err);
        (code, _, err) = Run("forest", "--model", model, "--test", test);
        Assert.Equal(2, code);
        Assert.Contains("--test needs --out", err);
        // saving over an input is refused before fitting, and the input is kept
        var before = File.ReadAllText(train);
        (code, _, err) = Run("forest", "--train", train, "--target", "SOC_target", "--features", "ERa,B04", "--save-model", train);
        Assert.Equal(3, code);
        Assert.Contains("would replace the input", err);
        Assert.Equal(before, File.ReadAllText(train));
    }

    [Fact]
    public void Split_KennardStone_WritesSelectionOrder()
    {
        var dir = RepoPaths.NewTempDir("soilnb-split");
        var table = RepoPaths.Combine("data-manifests", "limesoda", "LimeSoDa_BB.250.csv");
        var outPath = Path.Combine(dir, "sel.csv");
        var (code, stdout, err) = Run("split", "kennard-stone", "--in", table, "--features", "B02,B03,B04,B08,B11", "--n", "40", "--out", outPath);
        Assert.True(code == 0, err);
        var rows = CsvTable.Read(outPath).GetDoubles("row").Select(v => (int)v).ToArray();
        var expected = KennardStone.Select(CsvTable.Read(table).GetMatrix(["B02", "B03", "B04", "B08", "B11"]), 40);
        Assert.Equal(expected, rows);
        Assert.Contains("\"selected\":40", stdout);
        (code, _, err) = Run("split", "kennard-stone", "--in", table, "--features", "B02", "--n", "400", "--out", outPath);
        Assert.Equal(2, code);
        Assert.Contains("[2, 250]", err);
        var kf = Path.Combine(dir, "folds.csv");
        Assert.Equal(0, Run("split", "kfold", "--in", table, "--k", "10", "--out", kf).code);
        Assert.Equal(250, CsvTable.Read(kf).RowCount);
        Assert.Equal(2, Run("split", "kfold", "--in", table, "--k", "300", "--out", kf).code);
    }
}
