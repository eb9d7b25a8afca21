using System.Text.RegularExpressions;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.Cli;

/// <summary>`soilnb run` as a child process: exit codes, messages, written files.</summary>
public class RunCommandTests
{
    [Fact]
    public void Success_WritesValidNotebookAndReport_WithAllOutputKinds()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "kinds.ipynb",
            Markdown("# Kinds of output\nSome *markdown* with a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
            Code("var n = 3;\nvar label = \"soil\";", "parameters"),
            Code("using SoilNotebooks.Interactive.Charts; using SoilNotebooks.Interactive.Display;\n" +
                 "Console.WriteLine($\"n = {n}, label = {label}\");\ndisplay(Chart.Histogram(new double[]{1,2,2,3,3,3}, title: \"h\"));\ndisplay(Table.Of(new[]{ new { ClayPercent = 12.5, Depth = 0.3 } }));\nn * 2"),
            Code("display(Chart.Scatter(new double[]{1,2}, new double[]{3,4}));"));
        var outDir = Path.Combine(dir, "out");
        var r = Soilnb("run", nb, "--out", outDir, "-p", "n=21", "-p", "label=clay loam");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Matches(@"\[1/4\] cell 2: ok", r.Stderr);        // progress: cell i of n, elapsed
        Assert.Contains("elapsed", r.Stderr);
        var executed = Path.Combine(outDir, "kinds.ipynb");
        var report = Path.Combine(outDir, "kinds.html");
        Assert.Null(NbformatError(executed));
        var json = Load(executed);
        Assert.Contains("n = 21;", Text(json["cells"]![2]!["source"]));                         // injected cell after parameters
        Assert.Equal("injected-parameters", json["cells"]![2]!["metadata"]!["tags"]![0]!.GetValue<string>());
        var outs = Outputs(json, 3);
        Assert.Equal("n = 21, label = clay loam\n", Text(outs[0]!["text"]));
        Assert.Equal(["stream", "display_data", "display_data", "execute_result"], outs.Select(o => o!["output_type"]!.GetValue<string>()).ToArray());
        foreach (var o in outs.Skip(1))
        {
            Assert.NotNull(o!["data"]!["text/html"]);
            Assert.NotNull(o["data"]!["text/plain"]);
        }
        Assert.Equal("42", Text(outs[3]!["data"]!["text/plain"]));
        Assert.Contains("Clay (%)", Text(outs[2]!["data"]!["text/html"]));
        // plotly.js is embedded in the first chart of the .ipynb only
        var firstChart = Text(outs[1]!["data"]!["text/html"]);
        var secondChart = Text(Outputs(json, 4)[0]!["data"]!["text/html"]);
        Assert.True(firstChart.Length > 1_000_000, "the first chart embeds plotly.js");
        Assert.True(secondChart.Length < 10_000, "later charts do not embed plotly.js again");

        var html = File.ReadAllText(report);
        Assert.Contains("<h1>Kinds of output</h1>", html);
        Assert.Contains("<table>", html);                 // markdown table rendered
        Assert.Contains("Content-Security-Policy", html);
        Assert.Contains("connect-src 'none'", html);
        Assert.Equal(1, Regex.Matches(html, "var define=undefined").Count); // plotly inlined exactly once
        Assert.Equal(2, Regex.Matches(html, "class=\"soilnb-chart\"").Count);
        // nothing is fetched from the network: the page's markup (outside the inlined scripts) has no external src/href,
        // and the Content-Security-Policy above blocks any request a script might attempt
        var markup = Regex.Replace(html, "<script>.*?</script>", "", RegexOptions.Singleline);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", markup);
    }

    [Fact]
    public void Echo_CopiesCellTextToStderrLineByLine_BeforeTheCellEnds_AndLeavesTheNotebookOutputsAlone()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "echo.ipynb",
            Code("Console.WriteLine(\"bag 1 epoch 10/100\");\nConsole.Error.WriteLine(\"warning: few points\");\nConsole.Write(\"no newline at the end\");"));
        var plain = Soilnb("run", nb, "--out", Path.Combine(dir, "plain"));
        Assert.True(plain.ExitCode == 0, plain.Stderr);
        Assert.DoesNotContain("bag 1 epoch", plain.Stderr);   // off by default: stderr carries the runner's progress only

        var r = Soilnb("run", nb, "--out", Path.Combine(dir, "echo"), "--echo");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stderr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int epoch = lines.IndexOf("    | bag 1 epoch 10/100"), warn = lines.IndexOf("    | warning: few points"), tail = lines.IndexOf("    | no newline at the end");
        int done = lines.FindIndex(l => l.Contains("cell 1: ok"));
        Assert.True(epoch >= 0 && warn > epoch && tail > warn, r.Stderr);
        Assert.True(done > tail, "echoed lines come before the cell's completion line:\n" + r.Stderr);
        // the executed notebook is the same with or without --echo
        Assert.Equal(Outputs(Load(Path.Combine(dir, "plain", "echo.ipynb")), 0).ToJsonString(), Outputs(Load(Path.Combine(dir, "echo", "echo.ipynb")), 0).ToJsonString());
    }

    [Fact]
    public void FailingCell_Exit1_NamesNotebookCellLineException_AndSkipsLaterCells()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "fails.ipynb", Code("var a = 1;"), Code("var b = 2;\nthrow new InvalidOperationException(\"no bare soil\");"), Code("Console.WriteLine(\"never\");"));
        var r = Soilnb("run", nb, "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("fails.ipynb: cell 2, line 2 failed: System.InvalidOperationException: no bare soil", r.Stderr);
        var json = Load(Path.Combine(dir, "out", "fails.ipynb"));
        Assert.Equal("error", Outputs(json, 1).Single()!["output_type"]!.GetValue<string>());
        Assert.Empty(Outputs(json, 2));
        Assert.Null(json["cells"]![2]!["execution_count"]!?.GetValue<int?>());
        Assert.Null(NbformatError(Path.Combine(dir, "out", "fails.ipynb")));
        Assert.Contains("class=\"error\"", File.ReadAllText(Path.Combine(dir, "out", "fails.html")));
    }

    [Fact]
    public void ContinueOnError_RunsLaterCells_ButStillExits1()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "cont.ipynb", Code("throw new Exception(\"x\");"), Code("Console.WriteLine(\"ran\");"));
        var r = Soilnb("run", nb, "--out", Path.Combine(dir, "out"), "--continue-on-error");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("ran\n", Text(Outputs(Load(Path.Combine(dir, "out", "cont.ipynb")), 1)[0]!["text"]));
    }

    [Theory]
    [InlineData("{\"nbformat\":4,\"cells\":[{\"cell_type\":\"code\",", "not valid JSON")]
    [InlineData("{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{}}", "missing 'cells' array")]
    [InlineData("{\"nbformat\":4,\"cells\":[{\"cell_type\":\"chart\",\"source\":\"\"}]}", "unknown cell_type 'chart'")]
    public void MalformedNotebook_Exit1_ClearMessage_NoOutputFiles(string content, string expected)
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "bad.ipynb");
        File.WriteAllText(path, content);
        var outDir = Path.Combine(dir, "out");
        var r = Soilnb("run", path, "--out", outDir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(expected, r.Stderr);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any(), "no output may be written for a malformed notebook");
    }

    [Fact]
    public void BadArguments_Exit2()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "p.ipynb", Code("int epochs = 5;", "parameters"), Code("epochs"));
        var unknown = Soilnb("run", nb, "--out", Path.Combine(dir, "o1"), "-p", "epoch=3");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown parameter 'epoch'", unknown.Stderr);
        Assert.Contains("epochs (int, default 5)", unknown.Stderr);
        var unparsable = Soilnb("run", nb, "--out", Path.Combine(dir, "o2"), "-p", "epochs=lots");
        Assert.Equal(2, unparsable.ExitCode);
        Assert.Contains("\"lots\" is not an integer", unparsable.Stderr);
        var missing = Soilnb("run", Path.Combine(dir, "nope.ipynb"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr);
        var badTimeout = Soilnb("run", nb, "--timeout", "-1");
        Assert.Equal(2, badTimeout.ExitCode);
        Assert.Contains("--timeout must be a positive number", badTimeout.Stderr);
        var noOption = Soilnb("run", nb, "--frobnicate");
        Assert.Equal(2, noOption.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(dir, "o1")) || Directory.Exists(Path.Combine(dir, "o2")));
    }

    [Fact]
    public void OutFolderEqualToNotebookFolder_Exit3_BeforeAnyCellRuns_InputUnchanged()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "same.ipynb", Code("File.WriteAllText(\"ran.txt\", \"x\");"));
        var before = File.ReadAllText(nb);
        var r = Soilnb("run", nb, "--out", dir);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("would overwrite the input", r.Stderr);
        Assert.Equal(before, File.ReadAllText(nb));
        Assert.False(File.Exists(Path.Combine(dir, "ran.txt")), "no cell may run when the output would replace the input");
        Assert.False(File.Exists(Path.Combine(dir, "same.html")));
    }

    [Fact]
    public void Timeout_Exit1_WithMessage()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "slow.ipynb", Code("Console.WriteLine(\"start\");"), Code("System.Threading.Thread.Sleep(60_000);"), Code("1"));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = Soilnb("run", nb, "--out", Path.Combine(dir, "out"), "--timeout", "1.5");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cell 2 did not finish within the time limit of 1.5 s", r.Stderr);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(45), "the run stops at the time limit instead of waiting for the cell");
        var json = Load(Path.Combine(dir, "out", "slow.ipynb"));
        Assert.Equal("CellTimeoutException", Outputs(json, 1).Last()!["ename"]!.GetValue<string>());
    }

    [Fact]
    public void OtherKernelCell_IsReported_OrSkippedOnRequest()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "poly.ipynb", Code("var x = 1;"), Code("#!fsharp\nlet y = 2"), Code("x + 1"));
        var r = Soilnb("run", nb, "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cell 2 is written for the 'fsharp' kernel", r.Stderr);
        var skipped = Soilnb("run", nb, "--out", Path.Combine(dir, "out2"), "--skip-other-kernels");
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("SKIPPED (fsharp kernel)", skipped.Stderr);
        var json = Load(Path.Combine(dir, "out2", "poly.ipynb"));
        Assert.Contains("skipped", Text(Outputs(json, 1)[0]!["text"]));
        Assert.Equal("2", Text(Outputs(json, 2)[0]!["data"]!["text/plain"]));
    }

    [Fact]
    public void DibAndFolder_RunEachNotebook()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "a.dib"), "#!markdown\n\n# A\n\n#!csharp\n\n// parameters\nvar k = 2;\n\n#!csharp\n\nk * 10\n");
        Write(dir, "b.ipynb", Code("\"b\""));
        var r = Soilnb("run", dir, "--out", Path.Combine(dir, "out"), "-p", "k=4");
        // b.ipynb has no parameters cell, so -p fails it with exit 2 (bad arguments) while a.dib runs
        Assert.Equal(2, r.ExitCode);
        var a = Load(Path.Combine(dir, "out", "a.ipynb"));
        Assert.Equal("40", Text(Outputs(a, 3)[0]!["data"]!["text/plain"]));
        Assert.Null(NbformatError(Path.Combine(dir, "out", "a.ipynb")));
        var ok = Soilnb("run", dir, "--out", Path.Combine(dir, "out2"));
        Assert.Equal(0, ok.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "out2", "b.html")));
    }
}
