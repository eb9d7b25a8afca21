using System.Text.Json.Nodes;
using SoilNotebooks.Runner.Execution;
using SoilNotebooks.Runner.Notebooks;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Execution;

/// <summary>The four steps of <see cref="NotebookRunner"/> one by one, and the worker that keeps the current directory.</summary>
public class NotebookRunnerStepsTests
{
    private static RunOptions Quiet(string outDir, params (string, string)[] p) =>
        new(outDir, p.Select(x => new KeyValuePair<string, string>(x.Item1, x.Item2)).ToList(), Progress: TextWriter.Null);

    [Fact]
    public void Read_GivesTheCellsInOrder_AndAMissingFileThrows()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Write(dir, "two.ipynb", Markdown("# Two"), Code("var a = 1;", "parameters"));
        var nb = NotebookRunner.Read(path);
        Assert.Equal([CellKind.Markdown, CellKind.Code], nb.Cells.Select(c => c.Kind).ToArray());
        Assert.Equal("two", nb.Name);
        Assert.Throws<FileNotFoundException>(() => NotebookRunner.Read(Path.Combine(dir, "none.ipynb")));
    }

    [Fact]
    public void Inject_AddsTheTypedAssignmentAfterTheParametersCell_OrNothingWithoutOverrides()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = NotebookRunner.Read(Write(dir, "p.ipynb", Code("int epochs = 5;", "parameters"), Code("epochs")));
        Assert.Equal(-1, NotebookRunner.Inject(nb, []));
        Assert.Equal(2, nb.Cells.Count);
        Assert.Equal(1, NotebookRunner.Inject(nb, [new("epochs", "7")]));
        Assert.Contains("epochs = 7;", nb.Cells[1].Source);
        Assert.Equal(["injected-parameters"], nb.Cells[1].Tags);
        Assert.Throws<ParameterException>(() => NotebookRunner.Inject(nb, [new("epochs", "seven")]));
    }

    [Fact]
    public async Task Execute_FillsOutputsAndCounts_InAnInProcessSession_AndStopsAtTheFirstFailure()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = NotebookRunner.Read(Write(dir, "e.ipynb", Code("var x = 20;"), Markdown("text"), Code("x + 1"),
            Code("throw new InvalidOperationException(\"no clay\");"), Code("x")));
        var summary = await NotebookRunner.ExecuteAsync(nb, new ScriptSession(dir), Quiet(dir), "e.ipynb");
        Assert.Equal(3, summary.CellsRun);
        Assert.Equal(4, summary.FailedCell);
        Assert.Contains("e.ipynb: cell 4, line 1 failed: System.InvalidOperationException: no clay", summary.Failure);
        Assert.Equal("21", nb.Cells[2].Outputs.Single()["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(2, nb.Cells[2].ExecutionCount);
        Assert.Empty(nb.Cells[4].Outputs);                    // not run after the failure
        Assert.Null(nb.Cells[4].ExecutionCount);
    }

    [Fact]
    public async Task Execute_SkipsOtherKernelsWithANote_OrFailsOnThem()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Write(dir, "k.ipynb", Code("#!fsharp\nlet x = 1"), Code("1 + 1"));
        var skip = NotebookRunner.Read(path);
        var s1 = await NotebookRunner.ExecuteAsync(skip, new ScriptSession(dir), Quiet(dir) with { SkipOtherKernels = true }, "k");
        Assert.Null(s1.Failure);
        Assert.Contains("skipped", skip.Cells[0].Outputs.Single()["text"]!.GetValue<string>());
        var fail = NotebookRunner.Read(path);
        var s2 = await NotebookRunner.ExecuteAsync(fail, new ScriptSession(dir), Quiet(dir), "k");
        Assert.Equal(1, s2.FailedCell);
        Assert.Contains("'fsharp' kernel", s2.Failure);
        Assert.Equal(0, s2.CellsRun);
    }

    [Fact]
    public void Write_WritesTheNotebookAndTheReport_WithTheRunInTheMetadata()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = NotebookRunner.Read(Write(dir, "w.ipynb", Markdown("# W"), Code("1")));
        var outDir = Path.Combine(dir, "out");
        var summary = new ExecutionSummary("w: cell 2 failed: X: y", 2, 1, TimeSpan.FromSeconds(1));
        var (executed, report) = NotebookRunner.Write(nb, summary, Quiet(outDir, ("a", "1")), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2));
        Assert.Equal(Path.Combine(outDir, "w.ipynb"), executed);
        var meta = Load(executed)["metadata"]!["soilnb"]!;
        Assert.Equal("failed", meta["status"]!.GetValue<string>());
        Assert.Equal(2, meta["failed_cell"]!.GetValue<int>());
        Assert.Equal("1", meta["parameters"]!["a"]!.GetValue<string>());
        Assert.Contains("<h1>W</h1>", File.ReadAllText(report));
        Assert.Equal(["w.html", "w.ipynb"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToArray());
    }

    [Fact]
    public async Task Run_CellsSeeTheNotebookFolder_WhileTheRunnersCurrentDirectoryNeverChanges()
    {
        var dir = RepoPaths.NewTempDir();
        var nbDir = Path.Combine(dir, "nested folder");
        Directory.CreateDirectory(nbDir);
        File.WriteAllText(Path.Combine(nbDir, "data.txt"), "clay 23 %");
        var path = Write(nbDir, "cwd.ipynb",
            Code("System.IO.File.ReadAllText(\"data.txt\")"),
            Code("System.IO.File.WriteAllText(\"made.txt\", \"ok\");\nEnvironment.CurrentDirectory"));
        var before = Environment.CurrentDirectory;
        var r = await NotebookRunner.RunAsync(path, Quiet(Path.Combine(dir, "out")));
        Assert.True(r.ExitCode == 0, r.Message);
        Assert.Equal(before, Environment.CurrentDirectory);
        var json = Load(r.ExecutedPath!);
        Assert.Equal("clay 23 %", Text(Outputs(json, 0)[0]!["data"]!["text/plain"]));
        Assert.Equal(nbDir, Text(Outputs(json, 1)[0]!["data"]!["text/plain"]));
        Assert.True(File.Exists(Path.Combine(nbDir, "made.txt")));
        Assert.False(File.Exists(Path.Combine(before, "made.txt")));
    }

    [Fact]
    public async Task Worker_KeepsStateBetweenCells_AndResolvesHashRRelativeToTheNotebook()
    {
        var dir = RepoPaths.NewTempDir();
        var lib = typeof(SoilNotebooks.Check).Assembly.Location;
        File.Copy(lib, Path.Combine(dir, "Copied.dll"));
        using var worker = await WorkerSession.StartAsync(dir);
        var a = await worker.ExecuteAsync("#r \"Copied.dll\"\nvar n = 41;", "cell 1", null, new OutputCollector());
        Assert.Equal(CellStatus.Ok, a.Status);
        var b = await worker.ExecuteAsync("n + 1", "cell 2", null, new OutputCollector());
        Assert.Equal("42", b.Outputs.Single()["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(2, b.ExecutionCount);
        var c = await worker.ExecuteAsync("var q = 1 +;", "cell 3", null, new OutputCollector());
        Assert.Equal(CellStatus.Error, c.Status);
        Assert.Equal(1, c.ErrorLine);
        Assert.Contains("cell 3, line 1", c.ErrorMessage);
    }

    [Fact]
    public async Task Worker_TimedOutCell_PoisonsTheSession_AndIsReportedAsATimeout()
    {
        var dir = RepoPaths.NewTempDir();
        using var worker = await WorkerSession.StartAsync(dir);
        var r = await worker.ExecuteAsync("while (true) { }", "cell 5", TimeSpan.FromSeconds(1), new OutputCollector());
        Assert.Equal(CellStatus.TimedOut, r.Status);
        Assert.Contains("cell 5 did not finish within the time limit of 1 s", r.ErrorMessage);
        Assert.True(worker.IsPoisoned);
    }
}
