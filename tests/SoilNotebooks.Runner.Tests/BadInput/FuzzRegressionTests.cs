using SoilNotebooks.Runner.Commands;
using SoilNotebooks.Runner.Notebooks;

namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>
/// Inputs that tests/fuzz/fuzz.sh (AFL++) found crashing the notebook reader and the serve parser: a JSON object that
/// repeats a property name made System.Text.Json throw an ArgumentException when the object was first read.
/// </summary>
public class FuzzRegressionTests
{
    [Theory]
    [InlineData("""{"nbformat":4,"metadata":{},"metadata":{},"cells":[]}""", "metadata")]
    [InlineData("""{"nbformat":4,"cells":[{"cell_type":"markdown","cell_type":"code","source":""}]}""", "cell_type")]
    [InlineData("""{"nbformat":4,"cells":[{"cell_type":"code","source":"1","source":"2"}]}""", "source")]
    [InlineData("""{"nbformat":4,"cells":[{"cell_type":"code","id":"a","id":"b","source":""}]}""", "id")]
    [InlineData("""{"nbformat":4,"cells":[{"cell_type":"code","source":"","metadata":{"tags":[],"tags":[]}}]}""", "tags")]
    public void RepeatedPropertyName_IsANotebookFormatError(string json, string key)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.ParseIpynb(json, "fuzz.ipynb"));
        Assert.Equal($"fuzz.ipynb: a JSON object repeats the property '{key}'; property names must be unique.", e.Message);
    }

    [Fact]
    public void RepeatedPropertyName_InARunIsExit1_NothingWritten()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "dup.ipynb");
        File.WriteAllText(path, """{"nbformat":4,"cells":[{"cell_type":"code","source":"1","source":"2"}]}""");
        var (code, _, err) = CliHarness.Run("run", path, "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, code);
        Assert.Contains("repeats the property 'source'", err);
        BadInputAssert.NoStackTrace(err);
        BadInputAssert.NothingWritten(Path.Combine(dir, "out"));
    }

    [Theory]
    [InlineData("""{"id":"1","id":"2","code":"1"}""")]
    [InlineData("""{"op":"execute","op":"shutdown"}""")]
    public void RepeatedPropertyName_InAServeRequest_IsAProtocolError(string line)
    {
        var r = ServeRequest.Parse(line, null);
        Assert.NotNull(r);
        Assert.Equal("A property name appears twice in the request; names must be unique.", r!.Error);
    }
}
