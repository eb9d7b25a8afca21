namespace SoilNotebooks.Runner.Tests.RealKernel;

/// <summary>
/// Executes every curated notebook once per test run with the real .NET Interactive kernel (the local tool
/// Microsoft.dotnet-interactive 1.0.712001, kernelspec '.net-csharp' that environment/setup.sh installs into
/// environment/.local/jupyter-real) through Debian's `jupyter nbconvert --execute`, default (quick) parameters.
/// The notebooks are copied to artifacts/real-kernel/notebooks first, so their outputs ("../artifacts/…") land in
/// artifacts/real-kernel/artifacts and never race the soilnb run, which starts at the same time.
/// </summary>
public sealed class RealKernelRun : IDisposable
{
    private readonly Task<TestNotebooks.ProcessResult> _run;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>artifacts/real-kernel, emptied first.</summary>
    public string Root { get; } = RepoPaths.Combine("artifacts", "real-kernel");

    /// <summary>Where the executed notebooks are written.</summary>
    public string OutDir => Path.Combine(Root, "executed");

    /// <summary>The notebooks' output folder "../artifacts/…" of this run.</summary>
    public string Work(params string[] parts)
    {
        _run.Wait();
        return Path.Combine([Root, "artifacts", .. parts]);
    }

    /// <summary>nbconvert's result (waits for the run).</summary>
    public TestNotebooks.ProcessResult Result => _run.Result;

    /// <summary>The executed notebook of a curated notebook file name.</summary>
    public string Executed(string name)
    {
        _run.Wait();
        return Path.Combine(OutDir, name);
    }

    public RealKernelRun()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        var copies = Path.Combine(Root, "notebooks");
        Directory.CreateDirectory(copies);
        Directory.CreateDirectory(OutDir);
        var notebooks = Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb").Order(StringComparer.Ordinal)
            .Select(f => { var c = Path.Combine(copies, Path.GetFileName(f)); File.Copy(f, c); return c; }).ToArray();
        var env = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = RepoPaths.Combine("environment", ".local", "jupyter-real"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1",
        };
        _run = Task.Run(() => TestNotebooks.Run("jupyter",
            ["nbconvert", "--to", "notebook", "--execute", .. notebooks, "--output-dir", OutDir,
             "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=1500",
             "--ExecutePreprocessor.startup_timeout=300"], env, limit: TimeSpan.FromMinutes(16), cancel: _stop.Token));
    }

    /// <summary>Stops a run still going (a filtered test run never waited for it): no orphaned kernel.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try { _run.Wait(TimeSpan.FromSeconds(30)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
