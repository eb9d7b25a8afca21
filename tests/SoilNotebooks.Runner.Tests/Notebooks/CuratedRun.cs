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

    /// <summary>File names of the curated notebooks, as xunit theory data.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

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
