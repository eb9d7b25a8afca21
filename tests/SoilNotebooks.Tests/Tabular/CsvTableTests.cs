using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Tabular;

/// <summary>CSV parsing and its error messages.</summary>
public class CsvTableTests
{
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
    public void CsvTable_QuotedFieldsOverLines_CrLf_AndUnterminatedQuotes()
    {
        var t = CsvTable.Parse(new StringReader("id,note,v\r\n1,\"two\r\nlines, and \"\"quotes\"\"\",3\r\n2,plain,4\r\n\r\n"));
        Assert.Equal(2, t.RowCount);
        Assert.Equal("two\nlines, and \"quotes\"", t[0, "note"]);
        Assert.Equal([3.0, 4.0], t.GetDoubles("v"));
        Assert.Equal("plain", t[1, "note"]);
        var ex = Assert.Throws<FormatException>(() => CsvTable.Parse(new StringReader("a,b\n1,\"open\n2,3\n")));
        Assert.Contains("unterminated quoted field starting on line 2", ex.Message);
        var noFinalNewline = CsvTable.Parse(new StringReader("a,b\n1,2"));
        Assert.Equal(1, noFinalNewline.RowCount);
        Assert.Equal("2", noFinalNewline[0, "b"]);
    }
}
