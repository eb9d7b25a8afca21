using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>Bad flags of <c>soilnb run</c>: exit 2 before any cell runs, one line on stderr, no output folder.</summary>
public class RunArgumentTests
{
    private static (string Dir, string Nb) Sample()
    {
        var dir = RepoPaths.NewTempDir();
        return (dir, Write(dir, "p.ipynb", Code("int epochs = 5;", "parameters"), Code("File.WriteAllText(\"ran.txt\", \"x\");")));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("5000000")]
    [InlineData("1e15")]
    [InlineData("NaN")]
    [InlineData("soon")]
    public void BadTimeout_Exit2(string value)
    {
        var (dir, nb) = Sample();
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", nb, "--out", outDir, "--timeout", value);
        Assert.Equal(2, code);
        Assert.Contains($"--timeout must be a positive number of seconds, at most 1000000 (got '{value}')", err);
        Assert.False(Directory.Exists(outDir));
        Assert.False(File.Exists(Path.Combine(dir, "ran.txt")));
    }

    [Theory]
    [InlineData(new[] { "-p", "epochs=3", "-p", "epochs=4" }, "-p epochs is given twice")]
    [InlineData(new[] { "-p", "epochs" }, "-p expects name=value, got \"epochs\"")]
    [InlineData(new[] { "-p", "=3" }, "-p expects name=value")]
    [InlineData(new[] { "-p", "epoch=3" }, "unknown parameter 'epoch'")]
    [InlineData(new[] { "-p", "epochs=3.5" }, "\"3.5\" is not an integer")]
    [InlineData(new[] { "-p", "epochs=99999999999" }, "is not an integer")]
    [InlineData(new[] { "--frobnicate" }, "--frobnicate")]
    public void BadParameterOrOption_Exit2(string[] extra, string expected)
    {
        var (dir, nb) = Sample();
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run(["run", nb, "--out", outDir, .. extra]);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        BadInputAssert.NoStackTrace(err);
        BadInputAssert.NothingWritten(outDir);
        Assert.False(File.Exists(Path.Combine(dir, "ran.txt")));
    }

    [Fact]
    public void MissingNotebook_AndEmptyFolder_Exit2()
    {
        var dir = RepoPaths.NewTempDir();
        var (code, _, err) = CliHarness.Run("run", Path.Combine(dir, "none.ipynb"), "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist; expected a .ipynb or .dib notebook", err);
        (code, _, err) = CliHarness.Run("run", dir, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains("no .ipynb or .dib notebooks in folder", err);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
    }

    [Fact]
    public void ParameterWithoutParametersCell_Exit2_NothingWritten()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "plain.ipynb", Code("1"));
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", nb, "--out", outDir, "-p", "x=1");
        Assert.Equal(2, code);
        Assert.Contains("no code cell is tagged 'parameters'", err);
        BadInputAssert.NothingWritten(outDir);
    }
}
