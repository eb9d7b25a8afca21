using SoilNotebooks.Runner.Tests.Notebooks;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.RealKernel;

/// <summary>
/// Charts draw offline everywhere: executed notebooks rendered by `jupyter nbconvert --to html` (from the real kernel
/// and from soilnb) and soilnb's own reports, opened in headless Chromium: every chart div holds a Plotly SVG, the
/// console stays silent and the page requests nothing from the network.
/// </summary>
[Collection(CuratedCollection.Name)]
public class ChartRenderTests(CuratedRun soilnb, RealKernelRun real)
{
    public static TheoryData<string> Pages() => ["real-nbconvert", "soilnb-nbconvert", "soilnb-report"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryChartDraws_Offline_WithoutConsoleErrors(string page)
    {
        foreach (var name in CuratedRun.FileNames())
        {
            string html;
            if (page == "soilnb-report") html = Path.ChangeExtension(soilnb.Executed(name), ".html");
            else
            {
                var executed = page == "real-nbconvert" ? real.Executed(name) : soilnb.Executed(name);
                Assert.True(File.Exists(executed),
                    page == "real-nbconvert" ? real.Result.Stderr : soilnb.Result.Stderr);
                if (page == "real-nbconvert") executed = WithoutKernelBootstrap(executed);
                var outDir = RepoPaths.NewTempDir("soilnb-html");
                var r = Run("jupyter", ["nbconvert", "--to", "html", executed, "--output-dir", outDir]);
                Assert.True(r.ExitCode == 0, r.Stderr);
                html = Path.Combine(outDir, Path.ChangeExtension(name, ".html"));
            }
            var render = Chromium.Render(html);
            var charts = Chromium.Charts(render.Dom);
            Assert.True(charts.Count > 0, $"{page} {name}: no chart div");
            Assert.All(charts, c => Assert.True(c.Drawn, $"{page} {name}: chart {c.Id} did not draw"));
            // plotly.js's own notices ("WARN: Too many auto-margin redraws.") are console.log lines, not errors
            var console = render.Console.Where(c => !c.StartsWith("\"WARN:", StringComparison.Ordinal)).ToList();
            Assert.True(console.Count == 0, $"{page} {name}: console: {string.Join(" | ", console)}");
            Assert.True(render.Requests.Count == 0, $"{page} {name}: requests: {string.Join(", ", render.Requests)}");
        }
    }

    /// <summary>
    /// A copy without the real kernel's JavaScript-API bootstrap output (a hidden div "dotnet-interactive-this-cell"
    /// that the kernel emits with its first package load): in a static page it loads require.js from a CDN and polls
    /// the kernel's HTTP port, whatever the notebook holds. It is no chart's; the charts' outputs stay as they are.
    /// </summary>
    private static string WithoutKernelBootstrap(string executed)
    {
        var nb = Load(executed);
        int removed = 0;
        foreach (var cell in nb["cells"]!.AsArray())
        {
            if (cell!["outputs"] is not System.Text.Json.Nodes.JsonArray outs) continue;
            var bootstrap = outs.Where(o => Text(o!["data"]?["text/html"]).Contains("dotnet-interactive-this-cell"));
            foreach (var o in bootstrap.ToList())
            {
                outs.Remove(o);
                removed++;
            }
        }
        Assert.True(removed <= 1, $"{removed} bootstrap outputs");
        var copy = Path.Combine(RepoPaths.NewTempDir("soilnb-real"), Path.GetFileName(executed));
        File.WriteAllText(copy, nb.ToJsonString());
        return copy;
    }

    [Fact]
    public void TheCheck_SeesAnUndrawnChart_AConsoleError_AndARequest()
    {
        var dir = RepoPaths.NewTempDir();
        var html = Path.Combine(dir, "bad.html");
        File.WriteAllText(html, "<html><body><div class=\"soilnb-chart\" id=\"c1\"></div>" +
            "<script>console.error('boom'); fetch('https://example.org/x');</script></body></html>");
        var render = Chromium.Render(html);
        Assert.Equal([("c1", false)], Chromium.Charts(render.Dom));
        Assert.Contains(render.Console, c => c.Contains("boom"));
        Assert.Contains("https://example.org/x", render.Requests);
    }
}
