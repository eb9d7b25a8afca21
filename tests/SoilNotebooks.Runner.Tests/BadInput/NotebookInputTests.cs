using System.Text;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>Malformed or hostile notebooks given to <c>soilnb run</c>: exit 1, a message naming the problem, nothing written.</summary>
public class NotebookInputTests
{
    private const string Meta = "\"metadata\":{\"kernelspec\":{\"name\":\".net-csharp\",\"display_name\":\".NET (C#)\"}}";

    private static string Nb(string cells, string meta = Meta, string head = "\"nbformat\":4,\"nbformat_minor\":5") =>
        "{" + head + "," + meta + ",\"cells\":[" + cells + "]}";

    private static string Cell(string extra) => "{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{},\"outputs\":[]" + extra + "}";

    [Theory]
    [InlineData("{\"cell_type\":7,\"source\":\"1\"}", "cell 1 has cell_type 7")]
    [InlineData("{\"cell_type\":null,\"source\":\"1\"}", "cell 1 has no 'cell_type'")]
    [InlineData("{\"cell_type\":\"code\",\"id\":123,\"source\":\"1\"}", "cell 1 has id 123")]
    [InlineData("{\"cell_type\":\"code\",\"id\":\"bad id!\",\"source\":\"1\"}", "a cell id is a string of 1 to 64")]
    [InlineData("{\"cell_type\":\"code\",\"id\":\"a\",\"source\":\"1\"},{\"cell_type\":\"code\",\"id\":\"a\",\"source\":\"2\"}", "repeats the id 'a'")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{\"tags\":[1,2]}}", "metadata.tags must be a list of strings")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{\"tags\":\"parameters\"}}", "metadata.tags must be a list of strings")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{\"tags\":[\"x\",\"x\"]}}", "lists 'x' twice")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{\"collapsed\":\"yes\"}}", "metadata.collapsed must be true or false")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{\"scrolled\":3}}", "metadata.scrolled must be true, false or \"auto\"")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{\"name\":5}}", "metadata.name must be a string")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":{\"jupyter\":[]}}", "metadata.jupyter must be an object")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"1\",\"metadata\":\"x\"}", "cell 1 'metadata' must be an object")]
    [InlineData("{\"cell_type\":\"code\",\"source\":5}", "'source' must be a string or a list of strings")]
    [InlineData("{\"cell_type\":\"code\",\"source\":[1]}", "non-string line in 'source'")]
    [InlineData("{\"cell_type\":\"markdown\",\"source\":\"x\",\"attachments\":5}", "'attachments' must be an object")]
    [InlineData("5", "cell 1 is not a JSON object")]
    public void MalformedCell_Exit1_NamesTheCellAndField_NothingWritten(string cells, string expected) =>
        AssertRefused(Nb(cells), expected);

    [Theory]
    [InlineData("\"metadata\":{\"kernelspec\":{\"name\":5,\"display_name\":\"x\"}}", "metadata.kernelspec.name must be a string")]
    [InlineData("\"metadata\":{\"kernelspec\":\"csharp\"}", "metadata.kernelspec must be an object")]
    [InlineData("\"metadata\":{\"kernelspec\":{\"name\":\"x\"}}", "metadata.kernelspec.display_name must be a string")]
    [InlineData("\"metadata\":{\"language_info\":3}", "metadata.language_info must be an object with a string 'name'")]
    [InlineData("\"metadata\":[]", "the notebook's 'metadata' must be an object")]
    public void MalformedNotebookMetadata_Exit1(string meta, string expected) =>
        AssertRefused(Nb(Cell(""), meta), expected);

    [Theory]
    [InlineData("{\"nbformat\":4,\"nbformat_minor\":\"5\",\"cells\":[]}", "'nbformat_minor' must be a non-negative integer")]
    [InlineData("{\"nbformat\":3,\"cells\":[]}", "nbformat 3 is not supported")]
    [InlineData("{\"nbformat\":\"4\",\"cells\":[]}", "missing 'nbformat'")]
    [InlineData("[1,2,3]", "the top level is not a JSON object")]
    [InlineData("{\"nbformat\":4,\"cells\":{}}", "missing 'cells' array")]
    [InlineData("", "not valid JSON")]
    public void MalformedDocument_Exit1(string content, string expected) => AssertRefused(content, expected);

    [Fact]
    public void DeeplyNestedJson_Exit1_NotAStackOverflow() =>
        AssertRefused("{\"nbformat\":4,\"cells\":[], \"metadata\":" + new string('[', 5000) + new string(']', 5000) + "}", "not valid JSON");

    [Fact]
    public void InvalidUtf8_Exit1_NamesTheByte_NotReplacedSilently()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "latin1.ipynb");
        var bytes = Encoding.UTF8.GetBytes(Nb("{\"cell_type\":\"code\",\"source\":\"var s = \\\"Boden XX\\\";\"}")).ToList();
        int at = bytes.IndexOf((byte)'X');
        bytes[at] = 0xFC;        // "ü" in Latin-1: not UTF-8
        File.WriteAllBytes(path, [.. bytes]);
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", path, "--out", outDir);
        Assert.Equal(1, code);
        Assert.Contains($"not valid UTF-8 at byte {at}", err);
        BadInputAssert.NothingWritten(outDir);
    }

    [Fact]
    public void DibWithTextBeforeTheFirstKernelLine_Exit1()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "loose.dib");
        File.WriteAllText(path, "var x = 1;\n#!csharp\n1");
        var (code, _, err) = CliHarness.Run("run", path, "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, code);
        Assert.Contains("text before the first '#!kernel' line", err);
        BadInputAssert.NothingWritten(Path.Combine(dir, "out"));
    }

    [Fact]
    public void FolderRun_OneBadNotebook_DoesNotStopTheOthers()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "a-bad.ipynb"), Nb("{\"cell_type\":7,\"source\":\"1\"}"));
        Write(dir, "b-good.ipynb", Code("20 + 1"));
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", dir, "--out", outDir);
        Assert.Equal(1, code);
        Assert.Contains("a-bad.ipynb: cell 1 has cell_type 7", err);
        Assert.Equal(["b-good.html", "b-good.ipynb"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToArray());
        Assert.Equal("21", Text(Outputs(Load(Path.Combine(outDir, "b-good.ipynb")), 0)[0]!["data"]!["text/plain"]));
        BadInputAssert.NoStackTrace(err);
    }

    private static void AssertRefused(string content, string expected)
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "bad.ipynb");
        File.WriteAllText(path, content);
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", path, "--out", outDir);
        Assert.Equal(1, code);
        Assert.Contains(expected, err);
        BadInputAssert.NoStackTrace(err);
        BadInputAssert.NothingWritten(outDir);
    }
}
