namespace SoilNotebooks.Runner.Tests.Notebooks;

/// <summary>
/// Runs every curated notebook in notebooks/ once per test run (`soilnb run notebooks --out …`, default parameters),
/// so the notebook tests and the Jupyter round trip share one execution instead of repeating it.
/// </summary>
public sealed class CuratedRun
{
    /// <summary>Output folder of the run.</summary>
    public string OutDir { get; } = RepoPaths.NewTempDir("soilnb-curated");

    /// <summary>The CLI's result.</summary>
    public TestNotebooks.ProcessResult Result { get; }

    public CuratedRun() => Result = TestNotebooks.Soilnb("run", RepoPaths.Combine("notebooks"), "--out", OutDir);

    /// <summary>The executed notebook of a curated notebook file name.</summary>
    public string Executed(string name) => Path.Combine(OutDir, name);
}

/// <summary>Tests that read the shared curated run.</summary>
[CollectionDefinition(Name)]
public sealed class CuratedCollection : ICollectionFixture<CuratedRun>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Curated notebooks";
}
