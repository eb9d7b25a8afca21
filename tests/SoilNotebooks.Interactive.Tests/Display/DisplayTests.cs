using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;

namespace SoilNotebooks.Interactive.Tests.Display;

public class DisplayTests
{
    public sealed record Point(string Id, double ClayPercent, [property: Unit("dS/m")] double Ece, double Depth);

    [Fact]
    public void Table_ShowsUnitsInHeaders_FormatsNumbers_AndLimitsRows()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new Point($"p{i}", 12.3456789 + i, 0.5, double.NaN)).ToList();
        var t = Table.Of(rows, "points");
        Assert.Equal(["Id", "Clay (%)", "Ece (dS/m)", "Depth"], t.Headers);
        var html = t.ToHtml();
        Assert.Contains("<th>Clay (%)</th>", html);
        Assert.Contains(">12.35<", html);
        Assert.Contains(">–<", html);           // NaN
        Assert.Contains("10 more rows (40 in all)", html);
        Assert.Contains("<caption>points</caption>", html);
        Assert.Contains("Clay (%)", t.ToString());
    }

    public sealed record Named(string PaperClaim, double MeanB12, double Q1ClayPercent, double RMSEGain, string Sentinel1Pair, double R2, double PICP90,
        string R2DifferencesWith95PercentIntervals, [property: Unit("dB")] double MeanVv);

    [Fact]
    public void Table_Headers_SplitPascalCaseIntoWords_KeepingAcronymsAndUnits()
    {
        var t = Table.Of(new[] { new Named("a", 0.1, 15, 0.02, "2018-01-01", 0.5, 0.9, "—", -12) });
        Assert.Equal(["Paper Claim", "Mean B12", "Q1 Clay (%)", "RMSE Gain", "Sentinel 1 Pair", "R2", "PICP90",
            "R2 Differences With 95 Percent Intervals", "Mean Vv (dB)"], t.Headers);
    }

    [Fact]
    public void Table_ListCells_ShowAtMostEightItems()
    {
        var t = new Table(["short", "long"], [[new[] { 1, 2 }, Enumerable.Range(1, 20)]]);
        Assert.Equal("[1, 2]", t.FormatCell(t.Rows[0][0]));
        Assert.Equal("[1, 2, 3, 4, 5, 6, 7, 8, …]", t.FormatCell(t.Rows[0][1]));
        Assert.Equal("[1, 2, 3, 4, 5, 6, 7, 8]", t.FormatCell(Enumerable.Range(1, 8)));
    }

    [Fact]
    public void Table_NumberColumns_ShareDecimals_SoTheyReadAligned()
    {
        var t = new Table(["Cloud cover (%)", "Clay (%)", "R²", "Tiny", "Mixed", "Label"],
        [
            [15.99, 1.0, 0.4083, 1.5e-6, 2.5, "a"],
            [0.2991, 16.0, -0.00004, 2e-6, "x", "b"],
            [3.418, 79.0, double.NaN, 3e-6, 0.125, "c"],
            [0.03662f, 23.0, 0.6, 4e-6, 1.0, "d"],
        ]);
        string[][] Cells(string html) => System.Text.RegularExpressions.Regex.Matches(html, "<tr>(.*?)</tr>").Skip(1)
            .Select(m => System.Text.RegularExpressions.Regex.Matches(m.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(c => c.Groups[1].Value).ToArray()).ToArray();
        var cells = Cells(t.ToHtml());
        Assert.Equal(["15.99", "0.30", "3.42", "0.04"], cells.Select(r => r[0]).ToArray());       // decimals of the largest value, 4 significant digits
        Assert.Equal(["1", "16", "79", "23"], cells.Select(r => r[1]).ToArray());                 // whole numbers: no decimals
        Assert.Equal(["0.4083", "0.0000", "–", "0.6000"], cells.Select(r => r[2]).ToArray());      // no "-0.0000"; NaN stays "–"
        Assert.Equal(["1.5E-06", "2E-06", "3E-06", "4E-06"], cells.Select(r => r[3]).ToArray());  // exponent range: each cell alone
        Assert.Equal(["2.5", "x", "0.125", "1"], cells.Select(r => r[4]).ToArray());               // a column with text: each cell alone
        var text = t.ToString().Split('\n');
        Assert.EndsWith(" 0.30", text[2].Split("  ", StringSplitOptions.RemoveEmptyEntries)[0].PadLeft(6));
        Assert.Contains("0.04", text[4]);
        Assert.Equal("0.2991", t.FormatCell(0.2991));   // a single cell keeps its own significant digits
        var infinite = new Table(["v"], [[1.5], [double.NegativeInfinity], [float.PositiveInfinity]]).ToHtml();
        Assert.Equal(["1.5", "−∞", "∞"], Cells(infinite).Select(r => r[0]).ToArray());                 // infinities within a number column
    }

    [Theory]
    [InlineData(0.000012346, "1.235E-05")]
    [InlineData(1234.5678, "1235")]
    [InlineData(0.123456, "0.1235")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(100.0, "100")]
    public void Table_NumberFormatting_FourSignificantDigits(double v, string expected) =>
        Assert.Equal(expected, Table.FormatNumber(v, 4));

    [Fact]
    public void Displayer_Chart_HasPlotlyJsonAndHtml_EmbedsLibraryOnlyOnce()
    {
        var d = new Displayer();
        var a = d.ToBundle(Chart.Scatter([1], [2]))!;
        var b = d.ToBundle(Chart.Scatter([1], [2]))!;
        Assert.NotNull(a.PlotlyFigure);
        Assert.Equal("scatter", a.PlotlyFigure!["data"]![0]!["type"]!.GetValue<string>());
        Assert.Contains("Chart: 1 trace(s) [scatter]", a.Text);
        Assert.True(PlotlyAsset.Script is not null, "plotly.min.js must be installed by environment/setup.sh");
        Assert.Contains("var define=undefined", a.Html);
        Assert.DoesNotContain("var define=undefined", b.Html);
        Assert.Contains("window.Plotly.newPlot", b.Html);
    }

    [Fact]
    public void Displayer_EscapesStrings_AndUsesRegisteredFormatters()
    {
        var d = new Displayer();
        var s = d.ToBundle("<clay & silt>")!;
        Assert.Equal("<clay & silt>", s.Text);
        Assert.Contains("&lt;clay &amp; silt&gt;", s.Html);
        var m = d.ToBundle(RegressionMetrics.Compute([1.0, 2, 3, 4], [1.1, 1.9, 3.2, 3.9]))!;
        Assert.Contains("<th>RMSE</th>", m.Html);
        Assert.Contains("RPIQ", m.Text);
        Assert.Null(d.ToBundle(null));
        var rec = d.ToBundle(new Point("a", 1, 2, 3))!;
        Assert.Contains("ClayPercent", rec.Html);   // default Formatting HTML for other records
        Assert.Equal(m.Html, RegressionMetrics.Compute([1.0, 2, 3, 4], [1.1, 1.9, 3.2, 3.9]).ToDisplayString("text/html"));
    }

    [Fact]
    public void ChartHtml_WithoutPlotly_ShowsANoteInsteadOfFailingSilently()
    {
        var html = ChartHtml.Fragment("{\"data\":[],\"layout\":{}}", 300);
        Assert.Contains("plotly.js is not loaded in this view", html);
        Assert.Contains("height:300px", html);
    }
}

public class DomainFormatterTests
{
    [Fact]
    public void ClassificationMetrics_ShowPerClassScoresAndConfusionMatrix()
    {
        var m = SoilNotebooks.Evaluation.ClassificationMetrics.Compute(["saline", "non", "non", "saline"], ["saline", "non", "saline", "saline"]);
        var b = new Displayer().ToBundle(m)!;
        Assert.Contains("Confusion matrix", b.Html);
        Assert.Contains("<td>saline</td>", b.Html);
        Assert.Contains("macro avg", b.Text);
        Assert.Contains("Accuracy 0.75", b.Html);
    }

    [Fact]
    public void IntervalMetrics_ShowCoverageAndWidth()
    {
        var b = new Displayer().ToBundle(new SoilNotebooks.Evaluation.IntervalMetrics(10, 0.9, 2.5, 2.0))!;
        Assert.Contains("<th>PICP</th>", b.Html);
        Assert.Contains(">0.9<", b.Html);
    }
}
