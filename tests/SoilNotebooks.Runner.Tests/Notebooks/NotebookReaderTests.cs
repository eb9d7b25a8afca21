using SoilNotebooks.Runner.Notebooks;

namespace SoilNotebooks.Runner.Tests.Notebooks;

public class NotebookReaderTests
{
    [Fact]
    public void Ipynb_JoinsSourceLines_AndReadsKernelsAndTags()
    {
        var json = """
        {"nbformat":4,"nbformat_minor":5,"metadata":{"polyglot_notebook":{"kernelInfo":{"defaultKernelName":"csharp"}}},
         "cells":[
          {"cell_type":"markdown","metadata":{},"source":["# Title\n","text"]},
          {"cell_type":"code","metadata":{"tags":["parameters"]},"source":"var n = 1;","outputs":[],"execution_count":null},
          {"cell_type":"code","metadata":{"polyglot_notebook":{"kernelName":"fsharp"}},"source":"let x = 1","outputs":[],"execution_count":null},
          {"cell_type":"raw","metadata":{},"source":"raw"}]}
        """;
        var nb = NotebookReader.ParseIpynb(json, "t.ipynb");
        Assert.Equal(4, nb.Cells.Count);
        Assert.Equal("# Title\ntext", nb.Cells[0].Source);
        Assert.Equal("Title", nb.Title);
        Assert.Equal(["parameters"], nb.Cells[1].Tags);
        Assert.Equal("csharp", nb.Cells[1].Kernel);
        Assert.Equal("fsharp", nb.Cells[2].Kernel);
        Assert.Equal(CellKind.Raw, nb.Cells[3].Kind);
    }

    [Theory]
    [InlineData("{\"nbformat\":4,\"cells\":[", "not valid JSON")]
    [InlineData("{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{}}", "missing 'cells' array")]
    [InlineData("{\"nbformat\":3,\"cells\":[]}", "nbformat 3 is not supported")]
    [InlineData("[1,2]", "top level is not a JSON object")]
    [InlineData("{\"nbformat\":4,\"cells\":[{\"cell_type\":\"widget\",\"source\":\"\"}]}", "cell 1 has unknown cell_type 'widget'")]
    [InlineData("{\"nbformat\":4,\"cells\":[{\"source\":\"x\"}]}", "cell 1 has no 'cell_type'")]
    public void MalformedIpynb_GivesClearMessage(string json, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.ParseIpynb(json, "bad.ipynb"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad.ipynb:", e.Message);
    }

    [Fact]
    public void Dib_SplitsCellsByKernelLines_AndKeepsMagicsInside()
    {
        var dib = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}

        #!markdown

        # A dib notebook

        #!csharp

        // parameters
        var n = 2;

        #!csharp

        #!time
        n * 3

        #!pwsh

        Get-Date
        """;
        var nb = NotebookReader.ParseDib(dib, "t.dib");
        Assert.Equal(4, nb.Cells.Count);
        Assert.Equal(CellKind.Markdown, nb.Cells[0].Kind);
        Assert.Equal("# A dib notebook", nb.Cells[0].Source);
        Assert.Equal(["parameters"], nb.Cells[1].Tags);
        Assert.Equal("#!time\nn * 3", nb.Cells[2].Source);
        Assert.Equal("pwsh", nb.Cells[3].Kernel);
        Assert.Equal("csharp", nb.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
    }

    [Fact]
    public void Dib_WithoutCells_IsAnError()
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.ParseDib("just text\n", "x.dib"));
        Assert.Contains("before the first '#!kernel' line", e.Message);
    }

    [Fact]
    public void LeadingKernelDirective_IsRecognised_ButMagicIsNot()
    {
        Assert.Equal(("fsharp", "let x = 1"), Kernels.SplitLeadingDirective("#!fsharp\nlet x = 1"));
        Assert.Equal(("csharp", "1+1"), Kernels.SplitLeadingDirective("\n#!c#\n1+1"));
        Assert.Null(Kernels.SplitLeadingDirective("#!time\n1+1"));
        Assert.Null(Kernels.SplitLeadingDirective("var x = 1;"));
    }

    [Fact]
    public void Writer_RoundTripsCellsAndSplitsLines()
    {
        var nb = NotebookReader.ParseIpynb("""{"nbformat":4,"nbformat_minor":4,"metadata":{"a":1},"cells":[{"cell_type":"code","metadata":{},"source":"a\nb\n","outputs":[],"execution_count":null}]}""");
        var json = NotebookWriter.ToJson(nb);
        Assert.Equal(2, json["cells"]![0]!["source"]!.AsArray().Count);
        Assert.Equal("a\n", json["cells"]![0]!["source"]![0]!.GetValue<string>());
        Assert.Null(json["cells"]![0]!["id"]); // nbformat 4.4 has no cell ids
        Assert.Equal(1, json["metadata"]!["a"]!.GetValue<int>());
        var again = NotebookReader.ParseIpynb(NotebookWriter.ToText(nb));
        Assert.Equal("a\nb\n", again.Cells[0].Source);
    }

    [Fact]
    public void Writer_GivesCellsWithoutIdAnIdFromTheirSource_TheSameInEveryProcess()
    {
        var nb = NotebookReader.ParseIpynb("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","metadata":{},"source":"1+1","outputs":[],"execution_count":null}]}""");
        // the value is SHA-256 based (computed independently with Python's hashlib), not string.GetHashCode, which changes per process
        Assert.Equal("cell-001-48330", NotebookWriter.ToJson(nb)["cells"]![0]!["id"]!.GetValue<string>());
    }
}
