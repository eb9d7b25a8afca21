using System.Globalization;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Learning.Forests;

/// <summary>Loads the tables the forest tests share (LimeSoDa BB.250 and the seeded synthetic tables in Reference/).</summary>
internal static class ForestTestData
{
    public static readonly string[] BbCovariates =
        ["Altitude", "Slope", "ERa", "G_Total_Counts", "pH_ISE", "B02", "B03", "B04", "B05", "B06",
         "B07", "B08", "B8A", "B11", "B12", "NDVI", "GNDVI"];

    public static string ReferencePath(string file) =>
        Path.Combine(AppContext.BaseDirectory, "Learning", "Forests", "Reference", file);

    public static CsvTable Bb250() => CsvTable.Read(RepoPaths.Combine("data-manifests", "limesoda", "LimeSoDa_BB.250.csv"));

    public static (FeatureTable xTrain, double[] yTrain, FeatureTable xTest, double[] yTest) Synthetic()
    {
        var t = CsvTable.Read(ReferencePath("synthetic_regression.csv"));
        var names = Enumerable.Range(0, 10).Select(j => $"x{j}").ToArray();
        return Split(t, names, "y");
    }

    public static (FeatureTable xTrain, string[] yTrain, FeatureTable xTest, string[] yTest) SyntheticClasses()
    {
        var t = CsvTable.Read(ReferencePath("synthetic_classification.csv"));
        var names = Enumerable.Range(0, 8).Select(j => $"x{j}").ToArray();
        var set = t.GetStrings("set");
        var tr = Enumerable.Range(0, t.RowCount).Where(i => set[i] == "train").ToArray();
        var te = Enumerable.Range(0, t.RowCount).Where(i => set[i] == "test").ToArray();
        var x = FeatureTable.FromCsv(t, names);
        var y = t.GetStrings("class");
        return (x.SelectRows(tr), tr.Select(i => y[i]).ToArray(), x.SelectRows(te), te.Select(i => y[i]).ToArray());
    }

    private static (FeatureTable, double[], FeatureTable, double[]) Split(CsvTable t, string[] names, string target)
    {
        var set = t.GetStrings("set");
        var tr = Enumerable.Range(0, t.RowCount).Where(i => set[i] == "train").ToArray();
        var te = Enumerable.Range(0, t.RowCount).Where(i => set[i] == "test").ToArray();
        var x = FeatureTable.FromCsv(t, names);
        var y = t.GetDoubles(target);
        return (x.SelectRows(tr), tr.Select(i => y[i]).ToArray(), x.SelectRows(te), te.Select(i => y[i]).ToArray());
    }

    /// <summary>Reads ranger_reference.csv: (dataset, target, metric) → mean over ranger seeds.</summary>
    public static double Ranger(string dataset, string target, string metric)
    {
        foreach (var line in File.ReadAllLines(ReferencePath("ranger_reference.csv")).Skip(1))
        {
            var f = line.Split(',');
            if (f[0] == dataset && f[1] == target && f[2] == metric) return double.Parse(f[3], CultureInfo.InvariantCulture);
        }
        throw new KeyNotFoundException($"{dataset}/{target}/{metric} not in ranger_reference.csv");
    }
}
