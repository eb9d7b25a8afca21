using SoilNotebooks.Runner.Execution;
using SoilNotebooks.Runner.Notebooks;

namespace SoilNotebooks.Runner.Tests.Execution;

public class ParametersTests
{
    [Fact]
    public void Declared_InfersTypesFromKeywordsAndLiterals()
    {
        var ps = Parameters.Declared("var mode = \"quick\";\nint epochs = 5;\nvar rate = 0.5;\nvar neg = -3;\nbool full = false;\nvar seed = 42L;\nvar list = new List<int>();");
        Assert.Equal(
            [("mode", "string"), ("epochs", "int"), ("rate", "double"), ("neg", "int"), ("full", "bool"), ("seed", "long")],
            ps.Select(p => (p.Name, p.Type)).ToArray());
    }

    [Theory]
    [InlineData("int", "12", "12")]
    [InlineData("double", "0.25", "0.25d")]
    [InlineData("bool", "True", "true")]
    [InlineData("string", "a \"b\"", "\"a \\\"b\\\"\"")]
    [InlineData("long", "-7", "-7L")]
    public void Literal_TypesValueLikeTheDefault(string type, string raw, string expected) =>
        Assert.Equal(expected, Parameters.Literal(new NotebookParameter("p", type, "x"), raw));

    [Fact]
    public void Literal_RejectsUnparsableValue()
    {
        var e = Assert.Throws<ParameterException>(() => Parameters.Literal(new NotebookParameter("epochs", "int", "5"), "many"));
        Assert.Contains("parameter 'epochs' is int (default 5); the value \"many\" is not an integer", e.Message);
    }

    [Fact]
    public void Inject_AddsTaggedCellAfterParameters_AndRejectsUnknownNames()
    {
        var nb = NotebookReader.ParseIpynb("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"markdown","metadata":{},"source":"x"},{"cell_type":"code","metadata":{"tags":["parameters"]},"source":"var n = 1;","outputs":[],"execution_count":null},{"cell_type":"code","metadata":{},"source":"n","outputs":[],"execution_count":null}]}""", "p.ipynb");
        int at = Parameters.Inject(nb, [new("n", "5")]);
        Assert.Equal(2, at);
        Assert.Contains("n = 5;", nb.Cells[2].Source);
        Assert.Equal(["injected-parameters"], nb.Cells[2].Tags);
        var e = Assert.Throws<ParameterException>(() => Parameters.Inject(nb, [new("m", "5")]));
        Assert.Contains("unknown parameter 'm'", e.Message);
        Assert.Contains("n (int, default 1)", e.Message);
    }

    [Fact]
    public void Inject_WithoutParametersCell_IsAnError()
    {
        var nb = NotebookReader.ParseIpynb("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","metadata":{},"source":"1","outputs":[],"execution_count":null}]}""", "p.ipynb");
        var e = Assert.Throws<ParameterException>(() => Parameters.Inject(nb, [new("n", "5")]));
        Assert.Contains("no code cell is tagged 'parameters'", e.Message);
        Assert.Throws<ParameterException>(() => Parameters.ParseAssignments(["novalue"]));
    }
}
