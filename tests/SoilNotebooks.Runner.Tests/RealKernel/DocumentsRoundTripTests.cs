using Microsoft.DotNet.Interactive.Documents;
using SoilNotebooks.Runner.Tests.Notebooks;
using static SoilNotebooks.Runner.Tests.TestNotebooks;
using JupyterNotebook = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook;

namespace SoilNotebooks.Runner.Tests.RealKernel;

/// <summary>
/// Executed notebooks from both kernels open with Microsoft.DotNet.Interactive.Documents (what Polyglot Notebooks and
/// dotnet-repl use), keep every cell and the charts' Plotly output (a parseable figure), and validate with nbformat.
/// (Writing a read document back with Documents' ToJupyterJson throws an InvalidCastException on the
/// Polyglot kernelInfo metadata for notebooks of either kernel, so the round trip stops at reading.)
/// </summary>
[Collection(CuratedCollection.Name)]
public class DocumentsRoundTripTests(CuratedRun soilnb, RealKernelRun real)
{
    private const string PlotlyMime = "application/vnd.plotly.v1+json";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in CuratedRun.FileNames()) { data.Add("soilnb", name); data.Add("real", name); }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExecutedNotebook_OpensWithDocuments_WithItsCharts_AndWritesBackValid(string kernel, string name)
    {
        var path = kernel == "soilnb" ? soilnb.Executed(name) : real.Executed(name);
        Assert.True(File.Exists(path), kernel == "soilnb" ? soilnb.Result.Stderr : real.Result.Stderr);
        Assert.Null(NbformatError(path));
        var kernels = new KernelInfoCollection { new KernelInfo("csharp", "C#", []) };
        InteractiveDocument doc;
        using (var stream = File.OpenRead(path)) doc = JupyterNotebook.Read(stream, kernels);

        var cells = Load(path)["cells"]!.AsArray();
        Assert.Equal(cells.Count, doc.Elements.Count);
        var code = doc.Elements.Where(e => e.KernelName == "csharp").ToList();
        Assert.Equal(cells.Count(c => c!["cell_type"]!.GetValue<string>() == "code"), code.Count);
        Assert.StartsWith("#r \"nuget: SoilNotebooks.Interactive", code[0].Contents, StringComparison.Ordinal);
        var figures = code.SelectMany(e => e.Outputs).Select(o => o switch
        {
            DisplayElement d => d.Data,
            ReturnValueElement r => r.Data,
            _ => null,
        }).Where(d => d is not null && d.ContainsKey(PlotlyMime)).Select(d => d![PlotlyMime] switch
        {
            string text => text,
            IEnumerable<object> lines => string.Concat(lines),
            var other => other?.ToString() ?? "",
        }).ToList();
        Assert.NotEmpty(figures);
        Assert.All(figures, f => Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(f)!["data"]!.AsArray()));
    }
}
