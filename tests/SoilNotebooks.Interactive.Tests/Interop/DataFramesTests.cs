using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Interactive.Interop;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Interactive.Tests.Interop;

public class DataFramesTests
{
    private static readonly string BbCsv = RepoPaths.Combine("data-manifests", "limesoda", "LimeSoDa_BB.250.csv");

    [Fact]
    public void Utm_northings_of_real_LimeSoDa_stay_exact_where_LoadCsv_moves_them()
    {
        // the exact values, parsed as double from the file's text
        var csv = CsvTable.Read(BbCsv);
        var exact = csv.GetDoubles("y_25833");
        var loaded = DataFrame.LoadCsv(BbCsv);
        Assert.Equal(typeof(float), loaded["y_25833"].DataType);
        double worst = exact.Select((v, i) => Math.Abs(Convert.ToDouble(loaded["y_25833"][i]) - v)).Max();
        Assert.True(worst > 0.2, $"LoadCsv's float32 error {worst:F3} m"); // 5.8e6 m in float32: steps of 0.5 m

        var units = new Dictionary<string, string> { ["x_25833"] = "m", ["y_25833"] = "m", ["Clay_target"] = "%" };
        var ours = csv.ToDataFrame(units);
        Assert.Equal(typeof(double), ours["y_25833 (m)"].DataType);
        Assert.Equal(typeof(double), ours["Clay_target (%)"].DataType);
        Assert.Equal(exact, Enumerable.Range(0, exact.Length).Select(i => (double)ours["y_25833 (m)"][i]!));
        Assert.Equal(250, ours.Rows.Count);
    }

    public sealed record Sample(string Id, int Fold, double ClayPercent, double NorthingMeters, DateTime Sampled,
        [property: Unit("dS/m")] double? Ece);

    [Fact]
    public void Records_convert_with_typed_columns_and_units_in_the_names()
    {
        var rows = new[]
        {
            new Sample("a", 1, 12.5, 5804704.947, new DateTime(2019, 5, 1), 0.4),
            new Sample("b", 2, 30.25, 5804694.381, new DateTime(2019, 6, 1), null),
        };
        var df = rows.ToDataFrame();
        Assert.Equal(["Id", "Fold", "Clay (%)", "Northing (m)", "Sampled", "Ece (dS/m)"],
            df.Columns.Select(c => c.Name));
        Assert.Equal([typeof(string), typeof(int), typeof(double), typeof(double), typeof(DateTime), typeof(double)],
            df.Columns.Select(c => c.DataType));
        Assert.Equal(5804694.381, (double)df["Northing (m)"][1]!);
        Assert.Null(df["Ece (dS/m)"][1]);
        Assert.Equal(1, df["Ece (dS/m)"].NullCount);
    }

    [Fact]
    public void General_converter_takes_named_columns_with_units_and_checks_lengths()
    {
        var df = DataFrames.FromColumns(
            NamedColumn.Of("id", ["p1", "p2"]),
            NamedColumn.Of("Clay", [12.5, 30.0], "%"),
            NamedColumn.Of("observations", [3, 5]),
            NamedColumn.Of("date", [new DateTime(2020, 1, 1), new DateTime(2020, 2, 1)]),
            new NamedColumn("B12", new float[] { 0.25f, 0.3f }, "reflectance"));
        Assert.Equal(["id", "Clay (%)", "observations", "date", "B12 (reflectance)"], df.Columns.Select(c => c.Name));
        Assert.Equal([typeof(string), typeof(double), typeof(int), typeof(DateTime), typeof(double)],
            df.Columns.Select(c => c.DataType));
        Assert.Equal((double)0.3f, (double)df["B12 (reflectance)"][1]!);
        var e = Assert.Throws<ArgumentException>(() =>
            DataFrames.FromColumns(NamedColumn.Of("a", [1.0, 2.0]), NamedColumn.Of("b", [1.0])));
        Assert.Contains("'b' has 1 values", e.Message);
        Assert.Throws<ArgumentException>(() => DataFrames.FromColumns(new NamedColumn("c", new decimal[] { 1m })));
    }

    [Fact]
    public void Tables_and_feature_tables_convert_with_their_types()
    {
        var t = new Table(["Learner", "n", "RMSE (%)", "ok"], [["RF", 10, 4.5, true], ["ANN", 12, double.NaN, false]]);
        var df = t.ToDataFrame();
        Assert.Equal([typeof(string), typeof(int), typeof(double), typeof(bool)], df.Columns.Select(c => c.DataType));
        Assert.Equal("RMSE (%)", df.Columns[2].Name);
        var ft = FeatureTable.FromColumns(new[] { new[] { 0.1, 0.2 }, new[] { 5.0, 6.0 } }, ["B2", "B12"]);
        var f = ft.ToDataFrame();
        Assert.Equal(["B2", "B12"], f.Columns.Select(c => c.Name));
        Assert.Equal(typeof(double), f["B12"].DataType);
        Assert.Equal((double)0.2f, (double)f["B2"][1]!); // the stored float32, widened exactly
    }

    [Fact]
    public void A_DataFrame_displays_as_our_table_with_units_in_soilnb_and_through_the_formatter()
    {
        var df = DataFrames.FromColumns(
            NamedColumn.Of("id", Enumerable.Range(0, 40).Select(i => $"p{i}").ToArray()),
            NamedColumn.Of("Clay", Enumerable.Range(0, 40).Select(i => 10 + i / 3.0).ToArray(), "%"));
        var bundle = new Displayer().ToBundle(df)!;
        Assert.Contains("<th>Clay (%)</th>", bundle.Html);
        Assert.Contains("DataFrame: 40 rows", bundle.Html);
        Assert.Contains("2 columns, first 30 shown", bundle.Html);
        Assert.Contains(">10.33<", bundle.Html);
        Assert.DoesNotContain(">p30<", bundle.Html);
        Assert.Contains("Clay (%)", bundle.Text);
        // the real kernel's path: the formatter registered by the extension
        Assert.Contains("<th>Clay (%)</th>", df.ToDisplayString("text/html"));
    }
}
