using System.Reflection;
using SoilNotebooks.Evaluation;
using SoilNotebooks.IO;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;
using SoilNotebooks.Learning.Validation;

namespace SoilNotebooks.Tests.Foundations;

public class FoundationTests
{
    [Fact]
    public void DomainLibrary_DoesNotReferenceNotebookHostCode()
    {
        var refs = typeof(CsvTable).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(refs, n => n.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, n => n.StartsWith("SoilNotebooks.Interactive", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, n => n.StartsWith("soilnb", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, n => n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void AtomicFile_FailedWrite_LeavesExistingFileAndNoTemporary()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "out.csv");
        File.WriteAllText(path, "good");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s => { s.WriteByte(1); throw new InvalidOperationException("boom"); }));
        Assert.Equal("good", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public void CsvTable_ParsesQuotesAndReportsBadCells()
    {
        var t = CsvTable.Parse(new StringReader("id,name,clay\n1,\"a, b\",12.5\n2,\"x\"\"y\",NA\n"));
        Assert.Equal(2, t.RowCount);
        Assert.Equal("a, b", t[0, "name"]);
        Assert.Equal("x\"y", t[1, "name"]);
        var clay = t.GetDoubles("clay", allowMissing: true);
        Assert.Equal(12.5, clay[0]);
        Assert.True(double.IsNaN(clay[1]));
        var ex = Assert.Throws<FormatException>(() => t.GetDoubles("clay"));
        Assert.Contains("row 2", ex.Message);
        var ex2 = Assert.Throws<KeyNotFoundException>(() => t.GetDoubles("silt"));
        Assert.Contains("Available columns: id, name, clay", ex2.Message);
        Assert.Throws<FormatException>(() => CsvTable.Parse(new StringReader("a,b\n1\n")));
    }

    [Fact]
    public void Bagging_IsSeededDistinctAndSized()
    {
        var a = Bagging.DrawWithoutReplacement(100, 5, 0.8, seed: 7);
        var b = Bagging.DrawWithoutReplacement(100, 5, 0.8, seed: 7);
        var c = Bagging.DrawWithoutReplacement(100, 5, 0.8, seed: 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a[0], c[0]);
        Assert.All(a, bag => { Assert.Equal(80, bag.Length); Assert.Equal(80, bag.Distinct().Count()); });
        Assert.Throws<ArgumentOutOfRangeException>(() => Bagging.DrawWithoutReplacement(10, 5, 1.5));
    }

    [Fact]
    public void RegressionMetrics_MatchHandComputedValues()
    {
        // observed 1..5, predicted with errors (+1, -1, 0, +1, -1): SSE = 4, SST = 10.
        double[] o = [1, 2, 3, 4, 5], p = [2, 1, 3, 5, 4];
        var m = RegressionMetrics.Compute(o, p);
        Assert.Equal(Math.Sqrt(4.0 / 5), m.Rmse, 12);
        Assert.Equal(0.8, m.Mae, 12);
        Assert.Equal(0.0, m.Bias, 12);
        Assert.Equal(1 - 4.0 / 10, m.R2, 12);
        Assert.Equal((4.0 - 2.0) / Math.Sqrt(0.8), m.Rpiq, 12); // type-7 quartiles of 1..5 are 2 and 4
        Assert.Equal(0.8, m.PearsonR, 12); // Σab = 8, Σa² = Σb² = 10
    }
}
