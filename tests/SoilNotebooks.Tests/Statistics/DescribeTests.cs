using System.Text.Json;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Tests.Statistics;

/// <summary>Describe against NumPy (Reference/describe_reference.py) and its validation.</summary>
public class DescribeTests
{
    private static readonly JsonElement Ref = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Statistics", "Reference", "describe_reference.json"))).RootElement;

    [Theory]
    [InlineData("gamma57")]
    [InlineData("even10")]
    [InlineData("ties")]
    public void MatchesNumPy(string name)
    {
        var r = Ref.GetProperty(name);
        var v = r.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var d = Describe.Of(v, name, "Clay", "%");
        Assert.Equal(r.GetProperty("n").GetInt32(), d.N);
        foreach (var (key, actual) in new[] { ("min", d.Min), ("q1", d.Q1), ("median", d.Median), ("q3", d.Q3),
                     ("max", d.Max), ("mean", d.Mean), ("sd", d.Sd) })
            Assert.True(Math.Abs(r.GetProperty(key).GetDouble() - actual) <= 1e-12, $"{name} {key}: {actual}");
        Assert.Equal("Clay (%)", d.VariableWithUnit);
    }

    [Fact]
    public void PublishedRowsAreValidated()
    {
        var paper = new DescriptiveStatistics("LUCAS 2009 (paper Table 2)", "Clay", "%", null, 1, 16, 23, 32, 79,
            24.61, 12.79);
        Assert.Null(paper.N);
        Assert.Equal(16, paper.Iqr);
        Assert.Contains("n ?", paper.ToString());
        Assert.Throws<ArgumentException>(() => new DescriptiveStatistics("x", "v", "", 3, 1, 5, 4, 6, 7, 4, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DescriptiveStatistics("x", "v", "", 0, 1, 2, 3, 4, 5, 3,
            1));
        Assert.Throws<ArgumentException>(() => Describe.Of([]));
        Assert.Throws<ArgumentException>(() => Describe.Of([1, double.NaN]));
        Assert.True(double.IsNaN(Describe.Of([4]).Sd));
    }
}
