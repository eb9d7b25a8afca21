using SoilNotebooks.Runner.Batch;
using SoilNotebooks.Runner.Commands;

namespace SoilNotebooks.Runner.Tests.Batch;

/// <summary>
/// Against a real Slurm: <c>tests/scale/slurm-local.sh</c> installs Debian's slurm-wlm and munge when missing, starts
/// munged, slurmctld and slurmd on localhost with a generated one-node slurm.conf (the machine's CPUs) under a temporary
/// folder, and stops them afterwards. A terrain run of 12 tiles goes through <c>soilnb batch submit --wait</c> as a job
/// array throttled to 2; one tile's process is killed while it runs; its task retries it; the mosaic equals a
/// single-process run pixel for pixel.
/// </summary>
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
        foreach (var job in SlurmBatch.Jobs(Path.Combine(_dir, "b", "manifest.json")))
            TestNotebooks.Run("scancel", [job], _env);
        TestNotebooks.Run("bash", [RepoPaths.Combine("tests", "scale", "slurm-local.sh"), "stop", _slurm]);
    }

    private TestNotebooks.ProcessResult Soilnb(params string[] args) =>
        TestNotebooks.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "soilnb.dll"), .. args], _env, limit: TimeSpan.FromMinutes(5));

    [Fact]
    public void AJobArrayOfTilesMosaicsToTheWholeRun_AndAKilledTileIsRetried()
    {
        var dem = TerrainFixture.WriteDem(_dir);
        var whole = Path.Combine(_dir, "whole.tif");
        Assert.Equal(0, Soilnb("terrain", "--dem", dem, "--out", whole).ExitCode);
        var batch = Path.Combine(_dir, "b");
        const string victim = "r002c003";          // the last tile of the 4 × 3 tiling: late in the throttled array
        var tiles = Path.Combine(batch, "tiles");
        var marker = Path.Combine(_dir, "killed");
        // the nodes start soilnb through this wrapper: the victim's first attempt is killed (SIGKILL) while it runs,
        // and the wrapper records whether the tile's file existed at that moment; everything else runs soilnb as is
        var wrapper = Path.Combine(_dir, "soilnb-wrapper.sh");
        var dll = Path.Combine(AppContext.BaseDirectory, "soilnb.dll");
        File.WriteAllText(wrapper, $$"""
            #!/bin/bash
            if [[ " $* " == *" --tile {{victim}} "* ]] && mkdir '{{marker}}' 2>/dev/null; then
              dotnet '{{dll}}' "$@" & pid=$!
              sleep 0.25
              if [ -e '{{tiles}}/{{victim}}.tif' ]; then echo "file-existed" > '{{marker}}/how'; else echo "killed-before-write" > '{{marker}}/how'; fi
              kill -9 $pid; wait $pid; exit $?
            fi
            exec dotnet '{{dll}}' "$@"
            """);
        var plan = Soilnb("batch", "plan", "--grid-from", dem, "--tile-size", "48", "--overlap", "1", "--out-dir", batch,
            "--soilnb", $"bash {wrapper}", "--", "terrain", "--dem", dem);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        var manifestPath = Path.Combine(batch, "manifest.json");
        var manifest = BatchManifest.Load(manifestPath);
        Assert.Equal(12, manifest.Tiles.Length);   // 4 × 3 tiles; the sample tile is done, 11 go to the array
        Assert.Equal(victim, manifest.Tiles[^1]);
        // what a job killed during its atomic write leaves behind: a temporary file, never the tile's own name
        File.WriteAllBytes(Path.Combine(tiles, $".{victim}.0123456789abcdef.tmp.tif"), new byte[10]);

        var submit = Soilnb("batch", "submit", "--manifest", manifestPath, "--throttle", "2", "--retries", "2", "--wait", "--poll-seconds", "0.5");
        Assert.True(submit.ExitCode == 0, $"submit exit {submit.ExitCode}: {submit.Stderr} {submit.Stdout}");
        Assert.Equal("killed-before-write", File.ReadAllText(Path.Combine(marker, "how")).Trim());
        var tileFile = Path.Combine(tiles, victim + ".tif");

        var logs = Directory.GetFiles(Path.Combine(batch, "slurm", "logs")).Select(File.ReadAllText).ToArray();
        Assert.Contains(logs, l => l.Contains($"tile {victim} attempt 1 failed", StringComparison.Ordinal));
        Assert.True(File.Exists(tileFile));
        var status = Soilnb("batch", "status", "--manifest", manifestPath);
        Assert.Contains("\"finished\":12", status.Stdout);
        var mosaic = Soilnb("batch", "mosaic", "--manifest", manifestPath, "--cog", Path.Combine(_dir, "m.tif"), "--require-complete");
        Assert.True(mosaic.ExitCode == 0, mosaic.Stderr);
        TerrainFixture.AssertIdentical(TerrainFixture.Read(whole), TerrainFixture.Read(Path.Combine(_dir, "m.tif")));
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
