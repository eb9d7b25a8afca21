using SoilNotebooks.Rasters;
using SoilNotebooks.Runner.Batch;
using SoilNotebooks.Runner.Commands;

namespace SoilNotebooks.Runner.Tests.Batch;

/// <summary>
/// Against a real Slurm: <c>tests/scale/slurm-local.sh</c> installs Debian's slurm-wlm and munge when missing, starts
/// munged, slurmctld and slurmd on localhost with a generated one-node slurm.conf (the machine's CPUs) under a temporary
/// folder, and stops them afterwards. A composite and a map of a simulated region, 9 tiles each, go through
/// <c>soilnb batch submit --wait</c> as job arrays throttled to 2; one tile's process is killed while it runs; its task
/// retries it; each mosaic equals a single-process run pixel for pixel.
/// </summary>
[Collection("Console")]
public sealed class SlurmBatchTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("soilnb-slurm");
    private readonly string _slurm;
    private readonly Dictionary<string, string> _env;

    public SlurmBatchTests()
    {
        _slurm = Path.Combine(_dir, "slurm");
        var start = TestNotebooks.Run("bash", [RepoPaths.Combine("tests", "scale", "slurm-local.sh"), "start", _slurm], limit: TimeSpan.FromMinutes(5));
        Assert.True(start.ExitCode == 0, $"Slurm did not start (exit {start.ExitCode}): {start.Stderr}{start.Stdout}");
        _env = new Dictionary<string, string> { ["SLURM_CONF"] = Path.Combine(_slurm, "slurm.conf") };
    }

    public void Dispose()
    {
        foreach (var job in _manifests.SelectMany(SlurmBatch.Jobs)) TestNotebooks.Run("scancel", [job], _env);
        TestNotebooks.Run("bash", [RepoPaths.Combine("tests", "scale", "slurm-local.sh"), "stop", _slurm]);
    }

    private TestNotebooks.ProcessResult Soilnb(params string[] args) =>
        TestNotebooks.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "soilnb.dll"), .. args], _env, limit: TimeSpan.FromMinutes(5));

    /// <summary>The killer wrapper: the nodes start soilnb through it; the first attempt of <paramref name="victim"/> is
    /// stopped (SIGSTOP) while it runs, the wrapper records whether the tile's file existed then, and kills it (SIGKILL).</summary>
    private string Wrapper(string name, string victim, string tiles, string marker)
    {
        var wrapper = Path.Combine(_dir, name + "-wrapper.sh");
        var dll = Path.Combine(AppContext.BaseDirectory, "soilnb.dll");
        File.WriteAllText(wrapper, $$"""
            #!/bin/bash
            if [[ " $* " == *" --tile {{victim}} "* ]] && mkdir '{{marker}}' 2>/dev/null; then
              dotnet '{{dll}}' "$@" & pid=$!
              sleep 0.15
              kill -STOP $pid    # frozen while running (the runtime is still starting: no tile can be written yet)
              if [ -e '{{tiles}}/{{victim}}.tif' ]; then echo "file-existed" > '{{marker}}/how'; else echo "killed-before-write" > '{{marker}}/how'; fi
              kill -9 $pid; wait $pid; exit $?
            fi
            exec dotnet '{{dll}}' "$@"
            """);
        return wrapper;
    }

    /// <summary>Plans <paramref name="verb"/> over <paramref name="gridFrom"/> in 32 px tiles, submits it to Slurm as one job
    /// array throttled to 2 (one tile's first attempt killed), waits, and returns the mosaic's bands.</summary>
    private float[][] RunOnSlurm(string name, string gridFrom, int expectedTiles, params string[] verb)
    {
        var batch = Path.Combine(_dir, name);
        var tiles = Path.Combine(batch, "tiles");
        var marker = Path.Combine(_dir, name + "-killed");
        var tiling = new GridTiling(RasterDataset.Open(gridFrom).Grid, 32);
        var victim = tiling.Tiles[^1].Id;   // the last tile: late in the throttled array
        var plan = Soilnb(["batch", "plan", "--grid-from", gridFrom, "--tile-size", "32", "--out-dir", batch,
            "--soilnb", $"bash {Wrapper(name, victim, tiles, marker)}", "--", .. verb]);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        var manifestPath = Path.Combine(batch, "manifest.json");
        var manifest = BatchManifest.Load(manifestPath);
        Assert.Equal(expectedTiles, manifest.Tiles.Length);
        // what a job killed during its atomic write leaves behind: a temporary file, never the tile's own name
        File.WriteAllBytes(Path.Combine(tiles, $".{victim}.0123456789abcdef.tmp.tif"), new byte[10]);
        _manifests.Add(manifestPath);
        var submit = Soilnb("batch", "submit", "--manifest", manifestPath, "--throttle", "2", "--retries", "2", "--wait", "--poll-seconds", "0.5");
        Assert.True(submit.ExitCode == 0, $"submit exit {submit.ExitCode}: {submit.Stderr} {submit.Stdout}");
        Assert.Equal("killed-before-write", File.ReadAllText(Path.Combine(marker, "how")).Trim());
        var logs = Directory.GetFiles(Path.Combine(batch, "slurm", "logs")).Select(File.ReadAllText).ToArray();
        Assert.True(logs.Length >= 8, $"{logs.Length} array tasks");
        Assert.Contains(logs, l => l.Contains($"tile {victim} attempt 1 failed", StringComparison.Ordinal));
        var status = Soilnb("batch", "status", "--manifest", manifestPath);
        Assert.Contains($"\"finished\":{expectedTiles}", status.Stdout);
        var cog = Path.Combine(_dir, name + ".tif");
        var mosaic = Soilnb("batch", "mosaic", "--manifest", manifestPath, "--cog", cog, "--require-complete");
        Assert.True(mosaic.ExitCode == 0, mosaic.Stderr);
        return TerrainFixture.Read(cog);
    }

    private readonly List<string> _manifests = [];

    [Fact]
    public void CompositeAndMapJobArraysMosaicToTheWholeRuns_AndAKilledTileIsRetried()
    {
        // a simulated region: 96² px at 10 m, 8 dates → 9 composite tiles of 32 px
        var sim = Path.Combine(_dir, "sim");
        Assert.Equal(0, Soilnb("simulate-scenes", "--out", sim, "--seed", "5", "--size", "96", "--dates", "8", "--no-s1").ExitCode);
        string[] composite = ["composite", "--stac", sim, "--min-sun", "0", "--window", "24"];
        var whole = Soilnb([.. composite, "--out", Path.Combine(_dir, "whole-composite")]);
        Assert.True(whole.ExitCode == 0, whole.Stderr);
        var frequency = Path.Combine(_dir, "whole-composite", "bare_frequency.tif");
        var tiled = RunOnSlurm("composite", frequency, 9, composite);
        Assert.Equal(44, tiled.Length);
        TerrainFixture.AssertIdentical(TerrainFixture.Read(frequency), tiled[..3]);
        TerrainFixture.AssertIdentical(TerrainFixture.Read(Path.Combine(_dir, "whole-composite", "src_mean.tif")), tiled[3..13]);
        TerrainFixture.AssertIdentical(TerrainFixture.Read(Path.Combine(_dir, "whole-composite", "mosaic.tif")), tiled[33..43]);

        // a quantile-forest map of a 96 × 80 covariate stack: 9 tiles of 32 px
        var (dir, stack, model, _) = Commands.MapCommandTests.Setup(96, 80);
        string[] map = ["map", "--model", model, "--covariates", stack];
        var wholeMap = Soilnb([.. map, "--out", Path.Combine(dir, "whole")]);
        Assert.True(wholeMap.ExitCode == 0, wholeMap.Stderr);
        var q = RunOnSlurm("map", stack, 9, map);
        string[] names = ["q05", "q50", "q95", "uncertainty"];
        TerrainFixture.AssertIdentical(names.Select(n => TerrainFixture.Read(Path.Combine(dir, "whole", n + ".tif"))[0]).ToArray(), q);
    }

    [Fact]
    public void WithoutSlurmSubmitSaysUseLocal()
    {
        var dem = TerrainFixture.WriteDem(_dir);
        var batch = Path.Combine(_dir, "n");
        Assert.Equal(0, Soilnb("batch", "plan", "--grid-from", dem, "--out-dir", batch, "--no-sample", "--", "terrain", "--dem", dem).ExitCode);
        var r = TestNotebooks.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "soilnb.dll"), "batch", "submit", "--manifest",
            Path.Combine(batch, "manifest.json")], new Dictionary<string, string> { ["PATH"] = "/nonexistent" });
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("--local N", r.Stderr);
    }
}
