using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Jupyter;

/// <summary>
/// Our 'soilnb-csharp' kernelspec (environment/jupyter) driven by Debian's `jupyter nbconvert --execute`: every curated
/// notebook executes and yields the same kinds of outputs as `soilnb run`; a failing cell yields a Jupyter error.
/// </summary>
[Collection(SoilNotebooks.Runner.Tests.Notebooks.CuratedCollection.Name)]
public class JupyterRoundTripTests(SoilNotebooks.Runner.Tests.Notebooks.CuratedRun run)
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["JUPYTER_PATH"] = RepoPaths.Combine("environment", "jupyter"),
        // the kernel starts the CLI built beside these tests (no rebuild check needed)
        ["SOILNB"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "soilnb.dll")}",
    };

    private static ProcessResult NbConvert(string notebook, string outDir, params string[] extra) =>
        Run("jupyter", ["nbconvert", "--to", "notebook", "--execute", notebook, "--output-dir", outDir,
            "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=soilnb-csharp", .. extra], Env);

    [Theory]
    [MemberData(nameof(SoilNotebooks.Runner.Tests.Notebooks.CuratedRun.Names), MemberType = typeof(SoilNotebooks.Runner.Tests.Notebooks.CuratedRun))]
    public void Nbconvert_ExecutesCuratedNotebook_WithSameOutputKindsAsSoilnbRun(string name)
    {
        var outDir = RepoPaths.NewTempDir();
        var r = NbConvert(RepoPaths.Combine("notebooks", name), outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var viaJupyter = Path.Combine(outDir, name);
        Assert.Null(NbformatError(viaJupyter));

        Assert.True(File.Exists(run.Executed(name)), run.Result.Stderr);

        static string[] Kinds(string path)
        {
            var nb = Load(path);
            return nb["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code")
                .SelectMany(c => c!["outputs"]!.AsArray().Select(o => o!["output_type"]!.GetValue<string>() + ":" +
                    string.Join("+", (o["data"]?.AsObject().Select(kv => kv.Key) ?? []).Order())))
                .ToArray();
        }
        var jupyterKinds = Kinds(viaJupyter);
        Assert.NotEmpty(jupyterKinds);
        Assert.Equal(Kinds(run.Executed(name)), jupyterKinds);
        Assert.Contains(jupyterKinds, k => k.StartsWith("display_data:", StringComparison.Ordinal) && k.Contains("text/html") && k.Contains("text/plain"));
    }

    [Fact]
    public void Nbconvert_FailingCell_GivesJupyterErrorWithMessage()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "fail.ipynb", Code("var ok = 1;"), Code("throw new InvalidOperationException(\"all pixels are clouds\");"));
        var strict = NbConvert(nb, Path.Combine(dir, "o1"));
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("all pixels are clouds", strict.Stderr);

        var lenient = NbConvert(nb, Path.Combine(dir, "o2"), "--allow-errors");
        Assert.True(lenient.ExitCode == 0, lenient.Stderr);
        var err = Outputs(Load(Path.Combine(dir, "o2", "fail.ipynb")), 1).Single()!;
        Assert.Equal("error", err["output_type"]!.GetValue<string>());
        Assert.Equal("System.InvalidOperationException", err["ename"]!.GetValue<string>());
        Assert.Equal("all pixels are clouds", err["evalue"]!.GetValue<string>());
    }
}
