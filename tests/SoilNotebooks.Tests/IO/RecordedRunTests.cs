using System.Text.Json.Nodes;
using SoilNotebooks.IO;
using Xunit;

namespace SoilNotebooks.Tests.IO;

public class RecordedRunTests
{
    private static readonly JsonNode Run = JsonNode.Parse("""
        {
          "sizes": { "points": 6136, "width": 150 },
          "seedSpread": [ { "figure": "9A", "meanR2": 0.281, "sdR2": 0.02 }, { "figure": "9C", "meanR2": 0.5049, "sdR2": null },
                          { "figure": "B.1", "meanR2": 0.35, "sdR2": 0.04 } ],
          "bins": [ { "r": null, "kge": null }, { "r": 0.9, "kge": 0.81 }, { "r": 0.8, "kge": 0.7 }, { "r": 0.7, "kge": null } ],
          "seeds": [42, 1042, 2042],
          "map": { "area": "Greek test area", "bias": -0.0001, "r2": 0.04 }
        }
        """)!;

    [Theory]
    [InlineData("sizes.points", "0", "6136")]
    [InlineData("{sizes.points} points, W {sizes.width}", "0", "6136 points, W 150")]
    [InlineData("seedSpread.figure=9C.meanR2", "0.00", "0.50")]
    [InlineData("seedSpread.figure=9A.meanR2±seedSpread.figure=9A.sdR2", "0.00", "0.28 ± 0.02")]
    [InlineData("seedSpread.figure=9C.meanR2±seedSpread.figure=9C.sdR2", "0.00", "0.50")]   // a null SD is left out
    [InlineData("seedSpread.figure=9Z.meanR2", "0.00", "–")]
    [InlineData("seedSpread[figure=B.1].meanR2", "0.00", "0.35")]                           // a value with a dot, bracketed
    [InlineData("seedSpread[1].figure", "0", "9C")]                                // no such element
    [InlineData("bins.first.kge|bins.last.kge", "0.00", "0.81 / 0.70")]                     // null values are skipped
    [InlineData("bins.1.r", "0.0", "0.9")]
    [InlineData("{sizes.points:#,0} points, r {bins.1.r}", "0.00", "6,136 points, r 0.90")]
    [InlineData("seeds#", "0", "3")]
    [InlineData("map.area", "0", "Greek test area")]
    [InlineData("map.bias", "+0.000;-0.000;0.000", "0.000")]
    [InlineData("map.nothing", "0.00", "–")]
    [InlineData("sizes.points.deeper", "0", "–")]
    public void Show_ReadsThePathSyntax(string path, string format, string expected) =>
        Assert.Equal(expected, RecordedRun.Show(Run, path, format));

    [Fact]
    public void Compare_SaysNotRecordedWithoutTheFile_AndReadsItWhenThere()
    {
        var quantities = new RecordedQuantity[] { new("points", "sizes.points", "0"), new("9C", "seedSpread.figure=9C.meanR2") };
        var now = RecordedRun.ToJson(new Dictionary<string, object?> { ["sizes"] = new { Points = 500 } });
        var missing = RecordedRun.Compare(now, RecordedRun.Load(Path.Combine(Path.GetTempPath(), $"none-{Guid.NewGuid():N}.json")), quantities);
        Assert.Equal(["500", "–"], missing.Select(r => r.ThisRun));   // records are written in camelCase, as ResultsFile does
        Assert.All(missing, r => Assert.Equal(RecordedRun.NotRecorded, r.Recorded));

        var file = Path.Combine(Path.GetTempPath(), $"recorded-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, Run.ToJsonString());
        try { Assert.Equal(["6136", "0.50"], RecordedRun.Compare(now, RecordedRun.Load(file), quantities).Select(r => r.Recorded)); }
        finally { File.Delete(file); }
    }

    [Fact]
    public void NonFiniteNumbers_AreWrittenAsNull_ByToJsonAndByTheResultsFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"results-{Guid.NewGuid():N}");
        try
        {
            var results = new SoilNotebooks.IO.ResultsFile("nb", "full", 1, dir)
            {
                ["interpretation"] = new { CorrB12 = double.NaN, MaxMeanClay = double.PositiveInfinity, Share = 0.25, Low = float.NegativeInfinity },
                ["list"] = new[] { 1.5, double.NaN },
            };
            var json = results.ToJson();
            Assert.Null(json["interpretation"]!["corrB12"]);
            Assert.Null(json["interpretation"]!["maxMeanClay"]);
            Assert.Equal(0.25, json["interpretation"]!["share"]!.GetValue<double>());
            Assert.Equal(RecordedRun.Missing, RecordedRun.Show(json, "interpretation.low"));
            var written = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(results.Write()))!;
            Assert.Equal("[1.5,null]", written["list"]!.ToJsonString());
            Assert.Null(written["interpretation"]!["corrB12"]);
            Assert.True(written["interpretation"]!.AsObject().ContainsKey("corrB12"));   // the key stays, with no value
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void Load_NamesTheFileWhenItIsNotJson()
    {
        var file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{ \"sizes\": ");
        try { Assert.Contains(file, Assert.Throws<InvalidDataException>(() => RecordedRun.Load(file)).Message); }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Show_RefusesAnUnclosedTemplateOrBracket()
    {
        Assert.Throws<FormatException>(() => RecordedRun.Show(Run, "{sizes.points", "0"));
        Assert.Throws<FormatException>(() => RecordedRun.Show(Run, "seedSpread[figure=B.1.meanR2", "0"));
    }
}
