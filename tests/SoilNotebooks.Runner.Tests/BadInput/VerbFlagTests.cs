namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>
/// Out-of-range flags of every batch verb: exit 2 with the flag's range, checked before any input is read or any memory
/// is allocated (the inputs named here do not even exist), and no output file.
/// </summary>
public class VerbFlagTests
{
    private static void AssertRefused(string[] args, string expected, string outFile)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, err) = CliHarness.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        BadInputAssert.NoStackTrace(err);
        Assert.False(File.Exists(outFile) || Directory.Exists(outFile));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), "refused up front");
    }

    [Theory]
    [InlineData("--width", "100000000", "--width must be between 1 and 10000 (got 100000000)")]
    [InlineData("--width", "0", "--width must be between 1 and 10000")]
    [InlineData("--lr", "1e6", "--lr must be a number greater than 0 and at most 10 (got 1000000)")]
    [InlineData("--lr", "0", "--lr must be a number greater than 0")]
    [InlineData("--lr", "NaN", "--lr must be a number")]
    [InlineData("--epochs", "0", "--epochs must be between 1 and 100000")]
    [InlineData("--batch", "-3", "--batch must be between 1 and 100000")]
    [InlineData("--bags", "5000", "--bags must be between 1 and 1000")]
    [InlineData("--bag-fraction", "1.5", "--bag-fraction must be a number greater than 0 and at most 1")]
    [InlineData("--threads", "0", "--threads must be between 1 and 1024")]
    public void Cnn(string flag, string value, string expected)
    {
        var dir = RepoPaths.NewTempDir();
        var none = Path.Combine(dir, "none.csv");
        var outFile = Path.Combine(dir, "pred.csv");
        AssertRefused(["cnn", "--points", none, "--observations", none, "--split", none, "--target", "clay", flag, value, "--out", outFile],
            expected, outFile);
    }

    [Theory]
    [InlineData("--trees", "2000000000", "--trees must be between 1 and 100000 (got 2000000000)")]
    [InlineData("--trees", "0", "--trees must be between 1 and 100000")]
    [InlineData("--mtry", "0", "--mtry must be between 1")]
    [InlineData("--min-node", "0", "--min-node must be between 1")]
    [InlineData("--max-depth", "-1", "--max-depth must be between 0 and 10000")]
    [InlineData("--sample-fraction", "2", "--sample-fraction must be a number greater than 0 and at most 1")]
    [InlineData("--threads", "-1", "--threads must be between 0 and 1024")]
    [InlineData("--max-bins", "1", "--max-bins must be between 2")]
    public void Forest(string flag, string value, string expected)
    {
        var dir = RepoPaths.NewTempDir();
        var none = Path.Combine(dir, "none.csv");
        var outFile = Path.Combine(dir, "pred.csv");
        AssertRefused(["forest", "--train", none, "--test", none, "--target", "y", flag, value, "--out", outFile], expected, outFile);
    }

    [Theory]
    [InlineData(new[] { "simulate", "--dataset", "s2mos-points-twin", "--n", "-5" }, "--n must be a positive integer (got -5)")]
    [InlineData(new[] { "simulate", "--dataset", "s2mos-points-twin", "--n", "20000000" }, "--n must be at most 10000000")]
    [InlineData(new[] { "simulate", "--dataset", "s2mos-points-twin", "--n", "20", "--max-observations", "0" }, "--max-observations must be between 1")]
    [InlineData(new[] { "simulate-scenes", "--seed", "1", "--size", "1" }, "--size must be between 2 and 20000")]
    [InlineData(new[] { "simulate-scenes", "--seed", "1", "--size", "1000000" }, "--size must be between 2 and 20000")]
    [InlineData(new[] { "simulate-scenes", "--seed", "1", "--dates", "0" }, "--dates must be between 1 and 10000")]
    [InlineData(new[] { "simulate-scenes", "--seed", "1", "--points", "-1" }, "--points must be between 0")]
    [InlineData(new[] { "composite", "--stac", "/nonexistent", "--window", "1" }, "--window must be between 16 and 8192")]
    [InlineData(new[] { "composite", "--stac", "/nonexistent", "--min-frequency", "2" }, "--min-frequency must be a number at least 0 and at most 1")]
    [InlineData(new[] { "composite", "--stac", "/nonexistent", "--max-cloud", "200" }, "--max-cloud must be a number at least 0 and at most 100")]
    [InlineData(new[] { "split", "kfold", "--in", "/nonexistent.csv", "--k", "1" }, "--k must be between 2 and 1000000")]
    [InlineData(new[] { "split", "kennard-stone", "--in", "/nonexistent.csv", "--features", "a", "--n", "5" }, "/nonexistent.csv")]
    [InlineData(new[] { "simulate", "--dataset", "no-such-twin" }, "no-such-twin")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public void OtherVerbs(string[] args, string expected)
    {
        var dir = RepoPaths.NewTempDir();
        var outPath = Path.Combine(dir, "out");
        AssertRefused([.. args, "--out", outPath], expected, outPath);
    }
}
