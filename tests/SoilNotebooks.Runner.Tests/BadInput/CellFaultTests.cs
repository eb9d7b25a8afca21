using System.Diagnostics;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>
/// Cells that end their process, overflow the stack, read stdin, print hundreds of megabytes or are interrupted:
/// the run ends with a documented exit code and a message naming the cell, and writes a valid executed notebook.
/// Not run beside other tests: the SIGINT test failed three times in whole-suite runs and never alone (its cause is
/// not found; the run is also started through <c>env --default-signal=INT</c>, so an inherited ignored SIGINT cannot be it).
/// </summary>
[Collection(SignalTests.Name)]
public class CellFaultTests
{
    [Fact]
    public void EnvironmentExit_InACell_Exit1_NamesTheCell_NotebookWritten()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "exit.ipynb", Code("var a = 1;"), Code("Environment.Exit(7);"), Code("Console.WriteLine(\"never\");"));
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", nb, "--out", outDir);
        Assert.Equal(1, code);
        Assert.Contains("cell 2 failed: ProcessExit: cell 2 ended the kernel process (Environment.Exit(7))", err);
        var json = Load(Path.Combine(outDir, "exit.ipynb"));
        Assert.Equal("ProcessExit", Outputs(json, 1).Last()!["ename"]!.GetValue<string>());
        Assert.Empty(Outputs(json, 2));
        Assert.Null(NbformatError(Path.Combine(outDir, "exit.ipynb")));
    }

    [Fact]
    public void StackOverflow_InACell_Exit1_NamesTheCell_NoTrace()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "so.ipynb", Code("int Down(int n) => Down(n + 1) + 1;\nDown(0)"));
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", nb, "--out", outDir);
        Assert.Equal(1, code);
        Assert.Contains("cell 1 failed: StackOverflow: cell 1 overflowed the stack", err);
        BadInputAssert.NoStackTrace(err);
        Assert.Equal("StackOverflow", Outputs(Load(Path.Combine(outDir, "so.ipynb")), 0).Last()!["ename"]!.GetValue<string>());
    }

    [Fact]
    public void ReadLine_InACell_ReturnsNull_InsteadOfWaiting()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "stdin.ipynb", Code("Console.ReadLine() is null && Console.In.ReadToEnd() == \"\""));
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", nb, "--out", outDir, "--timeout", "60");
        Assert.True(code == 0, err);
        Assert.Equal("True", Text(Outputs(Load(Path.Combine(outDir, "stdin.ipynb")), 0)[0]!["data"]!["text/plain"]));
    }

    [Fact]
    public void HugeCellOutput_IsTruncatedWithANote_AndTheRunSucceeds()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "big.ipynb", Code("Console.Write(new string('x', 40_000_000)); Console.WriteLine(\"tail\");"), Code("1 + 1"));
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", nb, "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("warning: its text output was truncated to 16 Mi characters", err);
        var json = Load(Path.Combine(outDir, "big.ipynb"));
        var text = Text(Outputs(json, 0)[0]!["text"]);
        Assert.InRange(text.Length, 16 * 1024 * 1024, 16 * 1024 * 1024 + 200);
        Assert.Contains("[soilnb] output truncated", text);
        Assert.True(File.Exists(Path.Combine(outDir, "big.html")));
        BadInputAssert.NoTemporaryFiles(outDir);
    }

    [Fact]
    public void Sigint_StopsTheRunningCellPromptly_Exit130_WritesWhatRan()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "slow.ipynb", Code("Console.WriteLine(\"first\");"), Code("System.Threading.Thread.Sleep(600_000);"), Code("2"));
        var outDir = Path.Combine(dir, "out");
        // env (coreutils) resets SIGINT to its default first: a process inherits an *ignored* SIGINT across exec, and the
        // test host may run with SIGINT ignored (an MSBuild worker node under `dotnet test` of the solution, a background
        // job of a non-interactive shell) — then the runner would rightly never see the signal this test sends.
        var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "soilnb.dll"), "run", nb, "--out", outDir })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = new System.Text.StringBuilder();
        var started = new TaskCompletionSource();
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); if (e.Data?.Contains("cell 1: ok") == true) started.TrySetResult(); };
        p.BeginErrorReadLine();
        _ = p.StandardOutput.ReadToEndAsync();
        Assert.True(started.Task.Wait(TimeSpan.FromSeconds(120)), "the first cell ran");
        Thread.Sleep(1500);
        var sw = Stopwatch.StartNew();
        Assert.Equal(0, Run("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ExitCode);
        if (!p.WaitForExit(30_000))
        {
            string soFar; lock (err) soFar = err.ToString();
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            Assert.Fail($"the run did not stop within 30 s of SIGINT; its stderr so far:\n{soFar}");
        }
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"stopped in {sw.Elapsed}");
        p.WaitForExit();
        Assert.Equal(130, p.ExitCode);
        string stderr; lock (err) stderr = err.ToString();
        Assert.Contains("interrupted (SIGINT)", stderr);
        var json = Load(Path.Combine(outDir, "slow.ipynb"));
        Assert.Equal("first\n", Text(Outputs(json, 0)[0]!["text"]));
        Assert.Equal("Interrupted", Outputs(json, 1).Last()!["ename"]!.GetValue<string>());
        Assert.Empty(Outputs(json, 2));
    }

    [Fact]
    public async Task Interrupt_InAServeSession_KeepsEarlierVariables()
    {
        var dir = RepoPaths.NewTempDir();
        var session = new SoilNotebooks.Runner.Execution.ScriptSession(dir);
        await session.ExecuteAsync("var keep = 41;", "cell 1");
        var running = session.ExecuteAsync("while (true) { }", "cell 2");
        await Task.Delay(1000);
        session.Interrupt();
        var r = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Interrupted", r.ErrorName);
        Assert.Contains("cell 2 was interrupted (SIGINT)", r.ErrorMessage);
        Assert.Contains("variables of earlier cells are kept", r.ErrorMessage);
        var after = await session.ExecuteAsync("keep + 1", "cell 3");
        Assert.Equal("42", after.Outputs.Single()["data"]!["text/plain"]!.GetValue<string>());
    }
}

/// <summary>Tests that send signals to child processes run alone, not beside tests that start and stop other processes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignalTests
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Signals";
}
