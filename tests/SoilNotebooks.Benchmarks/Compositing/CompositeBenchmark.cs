using BenchmarkDotNet.Attributes;
using SoilNotebooks.Compositing;
using SoilNotebooks.Scenes;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Benchmarks.Compositing;

/// <summary>
/// SCMaP composite throughput on a simulated stack (Size² px × 24 dates), reading GeoTIFFs and writing the eight products.
/// The NumPy peer on the same stack: <c>bash tests/peers/compositing/compare.sh</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CompositeBenchmark
{
    private string _stackDir = "";
    private string _outDir = "";

    /// <summary>Grid side in pixels.</summary>
    [Params(512)]
    public int Size { get; set; }

    /// <summary>Processing window side.</summary>
    [Params(256)]
    public int Tile { get; set; }

    /// <summary>Simulates the stack once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _stackDir = Path.Combine(Path.GetTempPath(), $"soilnb-bench-stack-{Size}");
        if (!Directory.Exists(Path.Combine(_stackDir, "S2")))
            SceneSimulator.Simulate(_stackDir, new SceneSimulatorOptions(Seed: 1, Size: Size, Dates: 24, Sentinel1: false));
        _outDir = Path.Combine(Path.GetTempPath(), $"soilnb-bench-out-{Guid.NewGuid():N}");
    }

    /// <summary>Open the stack and write all composite products.</summary>
    [Benchmark]
    public long Composite()
    {
        using var stack = SceneStack.Open(_stackDir, new SceneStackOptions(MinSunElevationDegrees: 0));
        return ScmapComposite.Write(stack, _outDir, new CompositeOptions(TileSize: Tile)).PixelsWithBareObservation;
    }

    /// <summary>Removes the outputs.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_outDir)) Directory.Delete(_outDir, true);
    }
}
