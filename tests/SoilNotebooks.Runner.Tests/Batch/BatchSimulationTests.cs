using System.Text.Json;
using SoilNotebooks.Runner.Batch;
using SoilNotebooks.Runner.Tests.Cli;

namespace SoilNotebooks.Runner.Tests.Batch;

[Collection("Console")]
public sealed class BatchSimulationTests
{
    [Theory]
    [InlineData(1000, 10, 60.0, 100 * 60.0)]
    [InlineData(1001, 10, 60.0, 101 * 60.0)]
    [InlineData(7, 16, 30.0, 30.0)]
    public void WithoutSpreadOrFailuresTheWallTimeIsTheNumberOfWavesTimesATile(int tiles, int slots, double seconds, double wall)
    {
        var r = BatchSimulation.Run(new BatchSimulationOptions(tiles, slots, seconds, TileSpread: 0), seed: 1);
        Assert.Equal(wall, r.WallSeconds, 9);
        Assert.Equal(tiles * seconds, r.SlotSeconds, 6);
        Assert.Equal((tiles, 0), (r.Attempts, r.Missing));
    }

    [Fact]
    public void FailuresCostRetriesAsTheGeometricSeriesSays()
    {
        // per tile: attempts = 1 + p + p² (three tries at most), missing with probability p³
        const double p = 0.3;
        var runs = BatchSimulation.Runs(new BatchSimulationOptions(2000, 20, 60, TileSpread: 0, FailureRate: p, Retries: 2), 20, seed: 7);
        double attempts = runs.Average(r => r.Attempts) / 2000, missing = runs.Average(r => r.Missing) / 2000;
        Assert.Equal(1 + p + p * p, attempts, 2);
        Assert.Equal(p * p * p, missing, 2);
        var clean = BatchSimulation.Run(new BatchSimulationOptions(2000, 20, 60, TileSpread: 0), 7);
        Assert.True(runs.All(r => r.WallSeconds > clean.WallSeconds));   // retries lengthen the run
    }

    [Fact]
    public void SeededRunsRepeatAndQueueLatencyAddsPerWave()
    {
        var o = new BatchSimulationOptions(500, 8, 40, TileSpread: 0.3, FailureRate: 0.05);
        Assert.Equal(BatchSimulation.Run(o, 3), BatchSimulation.Run(o, 3));
        Assert.NotEqual(BatchSimulation.Run(o, 3).WallSeconds, BatchSimulation.Run(o, 4).WallSeconds);
        var q = BatchSimulation.Run(new BatchSimulationOptions(80, 8, 40, TileSpread: 0, QueueSeconds: 5), 1);
        Assert.Equal(10 * 45.0, q.WallSeconds, 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchSimulation.Run(o with { FailureRate = 1 }, 1));
    }

    [Fact]
    public void TheVerbPrintsTheSpreadOverRuns()
    {
        var (code, stdout, stderr) = CliHarness.Run("batch", "simulate", "--tiles", "1000", "--slots", "10", "--tile-seconds", "60",
            "--spread", "0", "--queue-seconds", "0", "--runs", "5");
        Assert.True(code == 0, stderr);
        using var j = JsonDocument.Parse(stdout.Trim());
        Assert.Equal(6000, j.RootElement.GetProperty("wall_seconds_median").GetDouble(), 6);
        Assert.Equal(1000 * 60 / 3600.0, j.RootElement.GetProperty("node_hours_median").GetDouble(), 6);
        (code, _, stderr) = CliHarness.Run("batch", "simulate", "--slots", "10");
        Assert.Equal(2, code);
        Assert.Contains("--tile-seconds", stderr);
    }
}
