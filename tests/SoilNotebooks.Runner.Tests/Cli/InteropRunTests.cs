using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Cli;

/// <summary>
/// `soilnb run` with the interop packages: a Plotly.NET chart (displayed and as a trailing value) renders like our
/// charts in the executed notebook and the report; a DataFrame displays as a table with units.
/// </summary>
public class InteropRunTests
{
    [Fact]
    public void Plotly_net_charts_and_data_frames_render_like_ours_in_the_notebook_and_the_report()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "interop.ipynb",
            Code("using Plotly.NET.CSharp;\nusing Microsoft.Data.Analysis;\nusing SoilNotebooks.Interactive.Interop;\n"
                + "display(Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 5.0 },"
                + " Name: \"pts\"));"),
            Code("SoilNotebooks.Interactive.Charts.Chart.Scatter(new double[] { 1, 2 }, new double[] { 3, 4 }).ToPlotlyNet()"),
            Code("DataFrames.FromColumns(NamedColumn.Of(\"id\", new[] { \"a\", \"b\" }), "
                + "NamedColumn.Of(\"Clay\", new[] { 12.5, 30.0 }, \"%\"))"));
        var outDir = Path.Combine(dir, "out");
        var r = Soilnb("run", nb, "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var json = Load(Path.Combine(outDir, "interop.ipynb"));
        Assert.Null(NbformatError(Path.Combine(outDir, "interop.ipynb")));
        var displayed = Outputs(json, 0)[0]!;
        var trailing = Outputs(json, 1)[0]!;
        Assert.Equal("display_data", displayed["output_type"]!.GetValue<string>());
        Assert.Equal("execute_result", trailing["output_type"]!.GetValue<string>());
        foreach (var o in new[] { displayed, trailing })
        {
            var data = o["data"]!.AsObject();
            Assert.Equal(["application/vnd.plotly.v1+json", "text/html", "text/plain"], data.Select(kv => kv.Key).Order());
            Assert.Equal("scatter", Figure(data)["data"]![0]!["type"]!.GetValue<string>());
        }
        Assert.Equal("pts", Figure(displayed["data"]!.AsObject())["data"]![0]!["name"]!.GetValue<string>());
        Assert.True(Text(displayed["data"]!["text/html"]).Length > 1_000_000, "the first chart embeds plotly.js");
        Assert.True(Text(trailing["data"]!["text/html"]).Length < 10_000, "later charts do not embed it again");
        var frame = Text(Outputs(json, 2)[0]!["data"]!["text/html"]);
        Assert.Contains("<th>Clay (%)</th>", frame);

        var html = File.ReadAllText(Path.Combine(outDir, "interop.html"));
        Assert.Equal(1, Regex.Matches(html, "var define=undefined").Count);   // plotly inlined once per page
        Assert.Equal(2, Regex.Matches(html, "class=\"soilnb-chart\"").Count);
        Assert.Contains("<th>Clay (%)</th>", html);
    }

    /// <summary>The Plotly figure of an output: nbformat stores the JSON MIME as one string (a one-item list), as the
    /// real kernel writes it, or as an object.</summary>
    private static JsonNode Figure(JsonObject data)
    {
        var node = data["application/vnd.plotly.v1+json"]!;
        return node is JsonObject ? node : JsonNode.Parse(Text(node))!;
    }
}
