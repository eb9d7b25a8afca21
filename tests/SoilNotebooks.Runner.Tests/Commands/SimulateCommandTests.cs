using System.Text.Json;

namespace SoilNotebooks.Runner.Tests.Commands;

[Collection("Console")]
public class SimulateCommandTests
{
    private static (int code, string stdout, string stderr) Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void Simulate_S2Mos_WritesTheCnnFiles_AndIsReproducible()
    {
        var dir = RepoPaths.NewTempDir("soilnb-sim");
        var (code, stdout, stderr) = Run("simulate", "--dataset", "s2mos-points-twin", "--out", dir, "--seed", "7", "--n", "150");
        Assert.True(code == 0, stderr);
        using (var json = JsonDocument.Parse(stdout.Trim()))
        {
            var root = json.RootElement;
            Assert.Equal("s2mos-points-twin", root.GetProperty("dataset").GetString());
            Assert.Equal(150, root.GetProperty("n").GetInt32());
            Assert.Equal(["points.csv", "obs.csv", "split.csv"], root.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        }
        Assert.Equal(151, File.ReadAllLines(Path.Combine(dir, "points.csv")).Length);
        var quick = RepoPaths.NewTempDir("soilnb-sim");
        Assert.Equal(0, Run("simulate", "--dataset", "s2mos-points-twin", "--out", quick, "--n", "30", "--max-observations", "5").code);
        var perPoint = File.ReadAllLines(Path.Combine(quick, "obs.csv")).Skip(1).GroupBy(l => l.Split(',')[0]).Select(g => g.Count()).ToArray();
        Assert.Equal(30, perPoint.Length);
        Assert.All(perPoint, c => Assert.InRange(c, 1, 5));   // the paper's mask leaves a few points with one observation (LUCAS: 96 % ≥ 2)
        var split = File.ReadAllLines(Path.Combine(dir, "split.csv")).Skip(1).Select(l => l.Split(',')[1]).ToArray();
        Assert.Equal(150, split.Length);
        Assert.All(split, s => Assert.Contains(s, new[] { "train", "test" }));
        Assert.Equal((int)Math.Round(150 * 4901.0 / 6136), split.Count(s => s == "train"));

        var dir2 = RepoPaths.NewTempDir("soilnb-sim");
        Assert.Equal(0, Run("simulate", "--dataset", "s2mos-points-twin", "--out", dir2, "--seed", "7", "--n", "150").code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "obs.csv")), File.ReadAllBytes(Path.Combine(dir2, "obs.csv")));
        var dir3 = RepoPaths.NewTempDir("soilnb-sim");
        Assert.Equal(0, Run("simulate", "--dataset", "s2mos-points-twin", "--out", dir3, "--seed", "8", "--n", "150").code);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(dir, "obs.csv")), File.ReadAllBytes(Path.Combine(dir3, "obs.csv")));
    }

    [Fact]
    public void Simulate_ARealDatasetId_WritesItsTwin()
    {
        var dir = RepoPaths.NewTempDir("soilnb-sim");
        var (code, stdout, stderr) = Run("simulate", "--dataset", "lucas-topsoil-2018", "--out", dir, "--seed", "1", "--n", "40");
        Assert.True(code == 0, stderr);
        Assert.Contains("\"dataset\":\"lucas-topsoil-twin\"", stdout);
        Assert.Equal(41, File.ReadAllLines(Path.Combine(dir, "lucas_topsoil_twin.csv")).Length);
        Assert.Equal(0, Run("simulate", "--dataset", "crns-era5-twin", "--out", dir, "--n", "2").code);
        Assert.True(File.Exists(Path.Combine(dir, "daily.csv")));
        Assert.Equal(0, Run("simulate", "--dataset", "lucas-salinity-twin", "--out", dir, "--n", "20").code);
        Assert.StartsWith("POINTID,TH_LAT,TH_LONG,Clay", File.ReadLines(Path.Combine(dir, "lucas_salinity_twin.csv")).First());
    }

    [Fact]
    public void Simulate_BadInput_ExitsOne_WithAClearMessage_AndKeepsGoodFiles()
    {
        var dir = RepoPaths.NewTempDir("soilnb-sim");
        var (code, _, stderr) = Run("simulate", "--dataset", "no-such-twin", "--out", dir);
        Assert.Equal(2, code);
        Assert.Contains("No synthetic twin for 'no-such-twin'", stderr);
        Assert.Contains("s2mos-points-twin", stderr);

        (code, _, stderr) = Run("simulate", "--dataset", "limesoda", "--out", dir);
        Assert.Equal(2, code);
        Assert.Contains("No synthetic twin", stderr);

        var good = Path.Combine(dir, "points.csv");
        File.WriteAllText(good, "good");
        (code, _, stderr) = Run("simulate", "--dataset", "s2mos-points-twin", "--out", dir, "--n", "3");
        Assert.Equal(2, code);
        Assert.Contains("Points", stderr);
        Assert.Equal("good", File.ReadAllText(good));
        Assert.Single(Directory.GetFiles(dir));

        (code, _, stderr) = Run("simulate", "--dataset", "s2mos-points-twin", "--out", dir, "--n", "0");
        Assert.Equal(2, code);
        Assert.Contains("--n", stderr);

        (code, _, stderr) = Run("simulate", "--dataset", "s2mos-points-twin", "--out", good, "--n", "20");
        Assert.Equal(3, code);
        Assert.Contains("is a file", stderr);
        Assert.Equal("good", File.ReadAllText(good));

        Assert.NotEqual(0, Run("simulate", "--out", dir).code); // --dataset is required

        (code, _, stderr) = Run("simulate", "--dataset", "crns-era5-twin", "--out", dir, "--max-observations", "10");
        Assert.Equal(2, code);
        Assert.Contains("applies to s2mos-points-twin only", stderr);
        (code, _, stderr) = Run("simulate", "--dataset", "s2mos-points-twin", "--out", dir, "--n", "20", "--max-observations", "1");
        Assert.Equal(2, code);
        Assert.Contains("MaxObservations", stderr);
        Assert.Equal("good", File.ReadAllText(good));
    }
}
