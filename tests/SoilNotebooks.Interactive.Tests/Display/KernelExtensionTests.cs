using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;

namespace SoilNotebooks.Interactive.Tests.Display;

/// <summary>What loading the extension gives a .NET Interactive kernel: namespaces and chart formatters.</summary>
public class KernelExtensionTests
{
    [Fact]
    public void Namespaces_AreTheOnesNotebooksUse_AndAllExist()
    {
        var ns = KernelExtension.Namespaces;
        Assert.Equal(["System.IO", "System.Globalization"], ns.Take(2));
        foreach (var expected in new[] { "SoilNotebooks.Evaluation", "SoilNotebooks.Interactive" })
            Assert.Contains(expected, ns);
        var existing = typeof(Check).Assembly.GetExportedTypes()
            .Concat([typeof(KernelExtension), typeof(Chart), typeof(Table)]).Select(t => t.Namespace).ToHashSet();
        Assert.All(ns.Skip(2), n => Assert.Contains(n, existing));   // a using of a missing namespace fails to compile
        Assert.Equal(ns.Count, ns.Distinct().Count());
        Assert.StartsWith("using System.IO; using System.Globalization; using SoilNotebooks",
            KernelExtension.UsingDirectives);
    }

    [Fact]
    public void Charts_FormatAsPlotlyJsonAndHtml_AndOnlyTheFirstHtmlCarriesPlotlyJs()
    {
        KernelExtension.Register();
        var chart = Chart.Scatter([1.0, 2.0], [3.0, 4.0], title: "t");
        Assert.Equal(["text/html", MimeBundle.PlotlyMime], Formatter.GetPreferredMimeTypesFor(typeof(Chart)));
        var figure = JsonNode.Parse(chart.ToDisplayString(MimeBundle.PlotlyMime))!;
        Assert.Equal("scatter", figure["data"]![0]!["type"]!.GetValue<string>());
        var htmls = Enumerable.Range(0, 3).Select(_ => chart.ToDisplayString("text/html")).ToList();
        Assert.All(htmls, h => Assert.Contains("class=\"soilnb-chart\"", h));
        Assert.True(htmls.Count(h => h.Length > 1_000_000) <= 1, "plotly.js is inlined at most once per process");
        Assert.All(htmls.Skip(1), h => Assert.True(h.Length < 100_000));
    }
}
