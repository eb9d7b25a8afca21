using SoilNotebooks.Runner.Tests.RealKernel;

namespace SoilNotebooks.Runner.Tests.Notebooks;

/// <summary>
/// Runs every curated notebook in notebooks/ once per test run (`soilnb run notebooks --out …`, default parameters),
/// so the notebook tests and the Jupyter round trip share one execution instead of repeating it.
/// </summary>
public sealed class CuratedRun : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Output folder of the run.</summary>
    public string OutDir { get; } = RepoPaths.NewTempDir("soilnb-curated");

    private readonly Task<TestNotebooks.ProcessResult> _run;

    /// <summary>The CLI's result (waits for the run, which starts with the fixture beside the real kernel's).</summary>
    public TestNotebooks.ProcessResult Result => _run.Result;

    public CuratedRun() => _run = Task.Run(() => TestNotebooks.Run("dotnet",
        [Path.Combine(AppContext.BaseDirectory, "soilnb.dll"), "run", RepoPaths.Combine("notebooks"), "--out", OutDir],
        cancel: _stop.Token));

    /// <summary>Stops a run that is still going (a filtered test run that never waited for it).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try { _run.Wait(TimeSpan.FromSeconds(30)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    /// <summary>File names of the curated notebooks.</summary>
    public static string[] FileNames() => Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb")
        .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>File names of the curated notebooks, as xunit theory data.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    /// <summary>The executed notebook of a curated notebook file name.</summary>
    public string Executed(string name)
    {
        _run.Wait();   // the run started with the fixture; its files exist once it ended
        return Path.Combine(OutDir, name);
    }
}

/// <summary>Tests that read the shared curated run.</summary>
[CollectionDefinition(Name)]
public sealed class CuratedCollection : ICollectionFixture<CuratedRun>, ICollectionFixture<RealKernelRun>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Curated notebooks";
}
