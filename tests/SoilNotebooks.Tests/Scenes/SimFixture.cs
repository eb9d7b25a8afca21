using SoilNotebooks.Scenes;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Tests.Scenes;

/// <summary>One small simulated stack shared by the scene, compositing and sampling tests (64² px, 10 dates).</summary>
public sealed class SimFixture : IDisposable
{
    public SimulatedScenes Sim { get; }
    public string Folder { get; }

    public SimFixture()
    {
        Folder = RepoPaths.NewTempDir("soilnb-sim");
        Sim = SceneSimulator.Simulate(Folder, new SceneSimulatorOptions(Seed: 7, Size: 64, Dates: 10, ParcelSizePixels: 16, OriginY: 5550000));
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition("SimulatedStack")]
public sealed class SimCollection : ICollectionFixture<SimFixture> { }
