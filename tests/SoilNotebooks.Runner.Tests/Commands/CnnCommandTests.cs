using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SoilNotebooks.Runner.Tests.Commands;

[Collection("Console")]
public class CnnCommandTests
{
    /// <summary>Writes a tiny seeded S2MoS-like dataset (points, obs, split) for the CLI tests.</summary>
    private static string WriteData(int n = 60, bool dropObsOfFirst = false, bool nanValue = false)
    {
        var dir = RepoPaths.NewTempDir("soilnb-cnn");
        var r = new Random(3);
        var pts = new StringBuilder("id,clay,lat,lon\n");
        var obs = new StringBuilder("id,t,B2,B3,B4,B5,B6,B7,B8,B8A,B11,B12,VV,VH\n");
        var split = new StringBuilder("id,set\n");
        for (int i = 0; i < n; i++)
        {
            double clay = 5 + 40 * r.NextDouble();
            pts.Append(CultureInfo.InvariantCulture, $"p{i},{clay:F2},{40 + 10 * r.NextDouble():F4},{20 * r.NextDouble():F4}\n");
            split.Append($"p{i},{(i % 4 == 0 ? "test" : "train")}\n");
            if (dropObsOfFirst && i == 0) continue;
            int m = r.Next(2, 7);
            for (int k = 0; k < m; k++)
            {
                double wet = 0.6 + 0.4 * r.NextDouble();
                var v = Enumerable.Range(0, 10).Select(b => wet * (0.1 + 0.02 * b - (b >= 8 ? 0.003 * clay : 0)) + 0.003 * r.NextDouble()).ToList();
                v.Add(-15 + 0.05 * clay + r.NextDouble()); v.Add(-22 + r.NextDouble());
                string cells = string.Join(",", v.Select((x, j) => nanValue && i == 5 && k == 0 && j == 9 ? "NaN" : x.ToString("F5", CultureInfo.InvariantCulture)));
                obs.Append(CultureInfo.InvariantCulture, $"p{i},{20200101 + k * 10},{cells}\n");
            }
        }
        File.WriteAllText(Path.Combine(dir, "points.csv"), pts.ToString());
        File.WriteAllText(Path.Combine(dir, "obs.csv"), obs.ToString());
        File.WriteAllText(Path.Combine(dir, "split.csv"), split.ToString());
        return dir;
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliHarness.Run(args);

    private static string[] Args(string dir, params string[] extra) =>
    [
        "cnn", "--points", Path.Combine(dir, "points.csv"), "--observations", Path.Combine(dir, "obs.csv"),
        "--split", Path.Combine(dir, "split.csv"), "--target", "clay", "--out", Path.Combine(dir, "pred.csv"), .. extra,
    ];

    [Fact]
    public void Trains_predicts_and_reports_json()
    {
        var dir = WriteData();
        var (code, stdout, stderr) = Run(Args(dir, "--width", "8", "--epochs", "3", "--bags", "2", "--seed", "5", "--threads", "2"));
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout.Trim().Split('\n').Last()).RootElement;
        Assert.Equal("s2mos-cnn", json.GetProperty("model").GetString());
        Assert.Equal(45, json.GetProperty("train_points").GetInt32());
        Assert.Equal(15, json.GetProperty("test_points").GetInt32());
        foreach (var k in new[] { "seconds_per_epoch", "train_seconds", "predict_seconds", "rmse", "r2", "rpiq" })
            Assert.True(double.IsFinite(json.GetProperty(k).GetDouble()), k);
        var lines = File.ReadAllLines(Path.Combine(dir, "pred.csv"));
        Assert.Equal("id,prediction", lines[0]);
        Assert.Equal(16, lines.Length);
        Assert.Contains("bag 2/2 epoch 3/3", stderr);
        // same seed, one thread: identical predictions
        var first = File.ReadAllText(Path.Combine(dir, "pred.csv"));
        Assert.Equal(0, Run(Args(dir, "--width", "8", "--epochs", "3", "--bags", "2", "--seed", "5", "--quiet")).Code);
        Assert.Equal(first, File.ReadAllText(Path.Combine(dir, "pred.csv")));
    }

    [Theory]
    [InlineData("repeat")]
    [InlineData("zero")]
    public void Distinct_column_shortcut_gives_the_same_predictions_as_full_columns(string padding)
    {
        var dir = WriteData();
        double[] Run1(params string[] extra)
        {
            var (code, _, err) = Run(Args(dir, [.. extra, "--padding", padding, "--width", "16", "--epochs", "2", "--bags", "1", "--quiet"]));
            Assert.True(code == 0, err);
            return File.ReadAllLines(Path.Combine(dir, "pred.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        }
        var fast = Run1();
        var full = Run1("--full-columns");
        Assert.Equal(fast.Length, full.Length);
        for (int i = 0; i < fast.Length; i++) Assert.Equal(full[i], fast[i], 1e-3 * Math.Max(1, Math.Abs(full[i])));
    }

    [Fact]
    public void Onnx_option_writes_the_export_of_the_trained_ensemble()
    {
        var dir = WriteData();
        string model = Path.Combine(dir, "ens.bin"), onnx = Path.Combine(dir, "ens.onnx");
        var (code, _, err) = Run(Args(dir, "--width", "8", "--epochs", "2", "--bags", "2", "--quiet",
            "--save-model", model, "--onnx", onnx));
        Assert.True(code == 0, err);
        // the file is exactly the export of the saved ensemble (ONNX Runtime parity: OnnxExportTests)
        var expected = SoilNotebooks.Learning.Neural.Onnx.OnnxExport.ToOnnx(
            SoilNotebooks.Learning.Neural.NeuralEnsemble.Load(model), "ens");
        Assert.Equal(expected, File.ReadAllBytes(onnx));
        Assert.Contains("bag1/output_tanh", Encoding.Latin1.GetString(File.ReadAllBytes(onnx)));
    }

    [Fact]
    public void Ann_without_aux()
    {
        var dir = WriteData();
        var (code, stdout, stderr) = Run(Args(dir, "--model", "ann", "--aux", "none", "--epochs", "2", "--bags", "1", "--quiet"));
        Assert.True(code == 0, stderr);
        Assert.Contains("\"model\":\"ann\"", stdout);
        Assert.Contains("\"aux\":0", stdout);
    }

    [Theory]
    [InlineData("noobs", "Point 'p0' has no observations")]
    [InlineData("nan", "NaN or missing value in channel 'B12'")]
    [InlineData("channel", "channel or column 'B13' is missing")]
    [InlineData("width", "Width 4 is smaller than the network needs")]
    [InlineData("model", "--model must be s2mos-cnn or ann")]
    public void Bad_input_exits_2_with_a_clear_message(string what, string message)
    {
        var dir = WriteData(dropObsOfFirst: what == "noobs", nanValue: what == "nan");
        string[] extra = what switch
        {
            "channel" => ["--channels", "B2,B3,B13"],
            "width" => ["--width", "4"],
            "model" => ["--model", "resnet"],
            _ => [],
        };
        var (code, _, stderr) = Run(Args(dir, [.. extra, "--epochs", "1", "--bags", "1", "--quiet"]));
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.False(File.Exists(Path.Combine(dir, "pred.csv")));
    }
}
