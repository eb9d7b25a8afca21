using SoilNotebooks.Datasets;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>
/// Bad CSV tables, scene stacks and manifests: a message naming the file and what was expected, exit 2, no output; the
/// silently-wrong cases (a duplicated scene, a shifted band, a Sentinel-1 file elsewhere) are caught and said.
/// </summary>
public class TableStackManifestTests
{
    private static string Csv(string dir, string name, params string[] lines)
    {
        var p = Path.Combine(dir, name);
        File.WriteAllLines(p, lines);
        return p;
    }

    private static readonly string[] Good = ["a,b,y", .. Enumerable.Range(0, 20).Select(i => $"{i},{i % 5},{3 * i}")];

    [Theory]
    [InlineData("missing", "missing.csv")]
    [InlineData("empty", "empty.csv")]
    [InlineData("ragged", "ragged.csv")]
    [InlineData("notarget", "'y'")]
    [InlineData("text", "b")]
    public void Forest_BadTrainingTable_Exit2_NoOutput(string what, string expected)
    {
        var dir = RepoPaths.NewTempDir();
        var test = Csv(dir, "test.csv", Good);
        var train = what switch
        {
            "missing" => Path.Combine(dir, "missing.csv"),
            "empty" => Csv(dir, "empty.csv"),
            "ragged" => Csv(dir, "ragged.csv", "a,b,y", "1,2,3", "4,5", "6,7,8"),
            "notarget" => Csv(dir, "notarget.csv", "a,b,z", "1,2,3", "4,5,6"),
            _ => Csv(dir, "text.csv", ["a,b,y", .. Enumerable.Range(0, 20).Select(i => $"{i},clay{i},{i}")]),
        };
        var outFile = Path.Combine(dir, "pred.csv");
        var (code, _, err) = CliHarness.Run("forest", "--train", train, "--test", test, "--target", "y", "--trees", "5", "--out", outFile);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        BadInputAssert.NoStackTrace(err);
        Assert.False(File.Exists(outFile));
        BadInputAssert.NoTemporaryFiles(dir);
    }

    [Fact]
    public void Split_KennardStone_MoreRowsThanTheTable_Exit2()
    {
        var dir = RepoPaths.NewTempDir();
        var t = Csv(dir, "t.csv", Good);
        var outFile = Path.Combine(dir, "cal.csv");
        var (code, _, err) = CliHarness.Run("split", "kennard-stone", "--in", t, "--features", "a,b", "--n", "50", "--out", outFile);
        Assert.Equal(2, code);
        Assert.Contains("50", err);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public void Stack_MissingPath_AndFolderWithoutItems_AndBrokenItem_Exit2()
    {
        var dir = RepoPaths.NewTempDir();
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("composite", "--stac", Path.Combine(dir, "nothing"), "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("No STAC Item or folder at", err);
        var empty = Directory.CreateDirectory(Path.Combine(dir, "empty")).FullName;
        (code, _, err) = CliHarness.Run("composite", "--stac", empty, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("holds no Sentinel-2 STAC Item and no band folder", err);
        var broken = Directory.CreateDirectory(Path.Combine(dir, "broken")).FullName;
        File.WriteAllText(Path.Combine(broken, "item.json"), "{\"type\":\"Feature\",");
        (code, _, err) = CliHarness.Run("composite", "--stac", broken, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("item.json", err);
        BadInputAssert.NoStackTrace(err);
        Assert.False(Directory.Exists(outDir));
    }

    /// <summary>A small simulated stack (2 dates, 32 px) shared by the stack cases of one test.</summary>
    private static string Scenes(string dir, bool s1 = false)
    {
        var folder = Path.Combine(dir, "scenes");
        string[] args = ["simulate-scenes", "--seed", "3", "--size", "32", "--dates", "2", "--out", folder];
        var (code, _, err) = CliHarness.Run(s1 ? args : [.. args, "--no-s1"]);
        Assert.True(code == 0, err);
        return folder;
    }

    [Fact]
    public void DuplicatedScene_IsCountedOnce_WithAMessage()
    {
        var dir = RepoPaths.NewTempDir();
        var folder = Scenes(dir);
        var item = Directory.EnumerateFiles(Path.Combine(folder, "S2"), "*.json", SearchOption.AllDirectories).Order().First();
        File.Copy(item, Path.Combine(Path.GetDirectoryName(item)!, "copy-" + Path.GetFileName(item)));
        var (code, stdout, err) = CliHarness.Run("composite", "--stac", folder, "--out", Path.Combine(dir, "out"));
        Assert.True(code == 0, err);
        Assert.Contains("duplicate of scene", err);
        Assert.Contains("\"scenes\":2", stdout);
    }

    [Fact]
    public void BandShiftedByAFractionOfAPixel_Exit2_NamesTheBandAndTheOffset()
    {
        var dir = RepoPaths.NewTempDir();
        var folder = Scenes(dir);
        var b03 = Directory.EnumerateFiles(folder, "*B03*.tif", SearchOption.AllDirectories).Order().First();
        var info = Run("gdalinfo", ["-json", b03]);
        var gt = System.Text.Json.Nodes.JsonNode.Parse(info.Stdout)!["geoTransform"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        double x0 = gt[0] + 3, y0 = gt[3];   // 3 m = 0.3 of a 10 m pixel
        double x1 = x0 + 32 * gt[1], y1 = y0 + 32 * gt[5];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(0, Run("gdal_edit.py", ["-a_ullr", x0.ToString(inv), y0.ToString(inv), x1.ToString(inv), y1.ToString(inv), b03]).ExitCode);
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("composite", "--stac", folder, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("band B03", err);
        Assert.Contains("offset from the stack's grid by 0.3 pixel", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Sentinel1InAnotherCrs_NotCoveringTheGrid_Exit2_InsteadOfAllNaN()
    {
        var dir = RepoPaths.NewTempDir();
        var folder = Scenes(dir, s1: true);
        foreach (var f in Directory.EnumerateFiles(Path.Combine(folder, "S1"), "*.tif", SearchOption.AllDirectories))
            Assert.Equal(0, Run("gdal_edit.py", ["-a_srs", "EPSG:32610", f]).ExitCode);   // same numbers, UTM zone 10 (America)
        var pts = Csv(dir, "pts.csv", "id,x,y", "p1,13.5,52.5");
        var outFile = Path.Combine(dir, "obs.csv");
        var (code, _, err) = CliHarness.Run("extract", "--stac", folder, "--points", pts, "--x-column", "x", "--y-column", "y",
            "--crs", "EPSG:4326", "--out", outFile);
        Assert.Equal(2, code);
        Assert.Contains("does not cover the stack's grid", err);
        Assert.False(File.Exists(outFile));
    }

    [Theory]
    [InlineData("", "the path is empty")]
    [InlineData("a\\b.csv", "uses '\\'")]
    [InlineData("/etc/passwd", "is absolute")]
    [InlineData("../secret.csv", "escapes the dataset folder")]
    [InlineData("c:x.csv", "contains ':'")]
    [InlineData("a//b.csv", "empty or '.' segment")]
    public void ManifestFilePath_Refused_WithTheReason(string path, string expected) =>
        Assert.Contains(expected, DatasetPaths.Problem(path));

    [Fact]
    public void ManifestFilePath_EscapingThroughASymlink_Refused()
    {
        var dir = RepoPaths.NewTempDir();
        Directory.CreateSymbolicLink(Path.Combine(dir, "out"), "/etc");
        var e = Assert.Throws<InvalidDataException>(() => DatasetPaths.Resolve(dir, "out/passwd"));
        Assert.Contains("passwd", e.Message);
    }
}
