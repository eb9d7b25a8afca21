using System.Text.Json;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Runner.Tests.Commands;

[Collection("Console")]
public class SceneVerbTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void SimulateCompositeExtract_EndToEnd()
    {
        var dir = RepoPaths.NewTempDir();
        var sim = Path.Combine(dir, "sim");
        var (code, stdout, err) = Run("simulate-scenes", "--out", sim, "--seed", "5", "--size", "64", "--dates", "6", "--points", "20");
        Assert.True(code == 0, err);
        var simJson = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.Equal(6, simJson.GetProperty("s2_items").GetInt32());
        Assert.True(File.Exists(Path.Combine(sim, "truth", "clay.tif")));
        var labelled = CsvTable.Read(Path.Combine(sim, "truth", "points.csv"));
        Assert.Equal(20, labelled.RowCount);
        Assert.All(labelled.GetDoubles("clay"), c => Assert.InRange(c, 5, 60));

        var outDir = Path.Combine(dir, "comp");
        (code, stdout, err) = Run("composite", "--stac", sim, "--out", outDir, "--window", "16", "--min-frequency", "0.2", "--min-sun", "0");
        Assert.True(code == 0, err);
        var c = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.Equal("composite", c.GetProperty("verb").GetString());
        Assert.Equal(9, c.GetProperty("files").EnumerateObject().Count());
        foreach (var f in c.GetProperty("files").EnumerateObject()) Assert.True(File.Exists(f.Value.GetString()), f.Name);
        Assert.Contains("windows", err);

        var pts = Path.Combine(dir, "points.csv");
        File.WriteAllText(pts, "name,e,n\nA,500015,4999985\nB,500155,4999825\nC,0,0\n");
        var obs = Path.Combine(dir, "obs.csv");
        (code, stdout, err) = Run("extract", "--stac", sim, "--points", pts, "--x-column", "e", "--y-column", "n", "--id-column", "name", "--crs", "EPSG:32633", "--out", obs, "--min-sun", "0");
        Assert.True(code == 0, err);
        var x = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.Equal(1, x.GetProperty("outside").GetInt32());
        var t = CsvTable.Read(obs);
        Assert.Equal(x.GetProperty("rows").GetInt32(), t.RowCount);
        Assert.Contains("B12", t.Columns); Assert.Contains("VV", t.Columns); Assert.Contains("bare", t.Columns);
        Assert.Equal(["A", "B"], t.GetStrings("point_id").Distinct().ToArray());
    }

    [Fact]
    public void BadInput_ExitsWithTwoAndAClearMessage()
    {
        var dir = RepoPaths.NewTempDir();
        var (code, _, err) = Run("composite", "--stac", Path.Combine(dir, "nothing"), "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains("soilnb composite:", err);
        (code, _, err) = Run("composite", "--stac", dir, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains("no Sentinel-2", err);
        (code, _, err) = Run("simulate-scenes", "--out", dir, "--seed", "1", "--size", "33");
        Assert.Equal(2, code);
        Assert.Contains("even", err);
        (code, _, err) = Run("composite", "--stac", dir, "--out", dir, "--ndvi", "3");
        Assert.Equal(2, code);
        Assert.Empty(Directory.GetFiles(dir, "*.tif"));
    }
}
