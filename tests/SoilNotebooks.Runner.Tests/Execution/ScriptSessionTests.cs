using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SoilNotebooks.Runner.Execution;

namespace SoilNotebooks.Runner.Tests.Execution;

public class ScriptSessionTests
{
    private static string Kind(JsonObject o) => o["output_type"]!.GetValue<string>();

    [Fact]
    public async Task State_Persists_And_TrailingExpressionBecomesExecuteResult()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var a = await s.ExecuteAsync("var n = 20;\nint Twice(int v) => 2 * v;", "cell 1");
        Assert.Equal(CellStatus.Ok, a.Status);
        Assert.Empty(a.Outputs);
        var b = await s.ExecuteAsync("Twice(n) + 2", "cell 2");
        var result = Assert.Single(b.Outputs);
        Assert.Equal("execute_result", Kind(result));
        Assert.Equal("42", result["data"]!["text/plain"]!.GetValue<string>());
        Assert.NotNull(result["data"]!["text/html"]);
        Assert.Equal(2, result["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Semicolon_SuppressesResult_And_ConsoleBecomesStream_And_DisplayInOrder()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var r = await s.ExecuteAsync("Console.WriteLine(\"before\");\ndisplay(\"shown\");\nConsole.Write(\"after\");\nvar two = 1 + 1;", "cell 1");
        Assert.Equal(CellStatus.Ok, r.Status);
        Assert.Equal(["stream", "display_data", "stream"], r.Outputs.Select(Kind).ToArray());
        Assert.Equal("before\n", r.Outputs[0]["text"]!.GetValue<string>());
        Assert.Equal("shown", r.Outputs[1]["data"]!["text/plain"]!.GetValue<string>());
        Assert.Contains("<pre", r.Outputs[1]["data"]!["text/html"]!.GetValue<string>());
    }

    [Fact]
    public async Task Interrupt_WhileTheCellCompiles_StopsItBeforeItRuns_AndKeepsTheSession()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        await s.ExecuteAsync("var kept = 41;", "cell 1");
        var pending = s.ExecuteAsync("System.Threading.Thread.Sleep(600_000);", "cell 2");   // returns at its first await: compiling
        s.Interrupt();
        Assert.True(await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(60))) == pending, "the interrupt was lost");
        var r = await pending;
        Assert.Equal(CellStatus.Error, r.Status);
        Assert.Equal("Interrupted", r.ErrorName);
        Assert.Contains("before it ran", r.ErrorMessage);
        Assert.Equal("42", (await s.ExecuteAsync("kept + 1", "cell 3")).Outputs.Single()["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task TopLevelAwait_Works()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var r = await s.ExecuteAsync("await Task.Delay(5);\nawait Task.FromResult(7)", "cell 1");
        Assert.Equal("7", r.Outputs.Single()["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompilationError_ReportsLineAndDiagnostic()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var r = await s.ExecuteAsync("var a = 1;\nvar b = a +;\n", "cell 3");
        Assert.Equal(CellStatus.Error, r.Status);
        Assert.Equal("CompilationError", r.ErrorName);
        Assert.Equal(2, r.ErrorLine);
        Assert.Contains("cell 3, line 2: CS1525", r.ErrorMessage);
        Assert.Equal("error", Kind(r.Outputs.Last()));
    }

    [Fact]
    public async Task RuntimeException_ReportsTypeMessageLine_AndStateSurvives()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        await s.ExecuteAsync("var kept = 5;", "cell 1");
        var r = await s.ExecuteAsync("var z = 1;\n\nthrow new ArgumentException(\"bad clay\");", "cell 2");
        Assert.Equal(CellStatus.Error, r.Status);
        Assert.Equal("System.ArgumentException", r.ErrorName);
        Assert.Equal("bad clay", r.ErrorMessage);
        Assert.Equal(3, r.ErrorLine);
        var err = r.Outputs.Last();
        Assert.Equal("System.ArgumentException", err["ename"]!.GetValue<string>());
        Assert.Contains(err["traceback"]!.AsArray(), t => t!.GetValue<string>().Contains("cell-2:line 3"));
        var next = await s.ExecuteAsync("kept", "cell 3");
        Assert.Equal("5", next.Outputs.Single()["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task HashR_LoadsAssemblyRelativeToNotebookFolder()
    {
        var dir = RepoPaths.NewTempDir();
        Directory.CreateDirectory(Path.Combine(dir, "lib"));
        var tree = CSharpSyntaxTree.ParseText("namespace Tiny { public static class Soil { public static double Ratio(double a, double b) => (a - b) / (a + b); } }");
        var refs = new[] { typeof(object).Assembly.Location, Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll") }
            .Select(p => MetadataReference.CreateFromFile(p));
        var emit = CSharpCompilation.Create("Tiny", [tree], refs, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).Emit(Path.Combine(dir, "lib", "Tiny.dll"));
        Assert.True(emit.Success);
        var s = new ScriptSession(dir);
        var r = await s.ExecuteAsync("#r \"lib/Tiny.dll\"\nTiny.Soil.Ratio(3, 1)", "cell 1");
        Assert.Equal(CellStatus.Ok, r.Status);
        Assert.Equal("0.5", r.Outputs.Single()["data"]!["text/plain"]!.GetValue<string>());
    }

    /// <summary>The first cell of the curated notebooks.</summary>
    public const string LoadExtension = "#r \"nuget: SoilNotebooks.Interactive, 0.1.0\"";

    [Fact]
    public async Task UnknownPackage_AndMagicCommands_AreRejectedClearly()
    {
        var feed = RepoPaths.NewTempDir();
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var a = await s.ExecuteAsync($"// load\n#i \"nuget: {feed}\"\n#r \"nuget: No.Such.Package, 1.2.3\"", "cell 1");
        Assert.Equal("PackageNotFound", a.ErrorName);
        Assert.Equal(3, a.ErrorLine);
        Assert.Contains("'No.Such.Package' version 1.2.3 was not found offline", a.ErrorMessage);
        Assert.Contains(feed, a.ErrorMessage);
        var other = await s.ExecuteAsync("#r \"nuget: SoilNotebooks.Interactive, 9.9.9\"", "cell 2");
        Assert.Equal("PackageNotFound", other.ErrorName);   // only the version soilnb carries is built in
        var b = await s.ExecuteAsync("#!time\n1", "cell 2");
        Assert.Equal("UnsupportedMagicCommand", b.ErrorName);
        Assert.Contains("#!time", b.ErrorMessage);
    }

    [Fact]
    public async Task Defaults_AreTheRealKernels_WithoutGlobalsObjectMembers()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        // visible in the real C# kernel: System, System.Collections.Generic, System.Linq, System.Text, Tasks,
        // display, HTML
        var ok = await s.ExecuteAsync(
            "var l = new List<int> { 3 }.Select(v => v).ToList(); var sb = new StringBuilder();\n" +
                                      "display(HTML(\"<b>x</b>\"));\nawait Task.FromResult(l[0])", "cell 1");
        Assert.Equal(CellStatus.Ok, ok.Status);
        Assert.Equal("<b>x</b>", ok.Outputs[0]["data"]!["text/html"]!.GetValue<string>());
        // not visible there, so not here either (measured with dotnet-repl 0.3.259)
        var hidden = new[]
        {
            ("Path.Combine(\"a\")", "Path"), ("CultureInfo.InvariantCulture", "CultureInfo"),
            ("ReferenceEquals(1, 2)", "ReferenceEquals"),
            ("RegressionMetrics.Compute([1.0], [1.0])", "RegressionMetrics"),
        };
        foreach (var (code, name) in hidden)
        {
            var r = await s.ExecuteAsync(code, "cell x");
            Assert.Equal("CompilationError", r.ErrorName);
            Assert.Contains($"CS0103: The name '{name}' does not exist", r.ErrorMessage);
        }
    }

    [Fact]
    public async Task LoadingTheExtensionPackage_ImportsItsNamespaces()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var load = await s.ExecuteAsync(LoadExtension, "cell 1");
        Assert.True(load.Status == CellStatus.Ok, load.ErrorMessage);
        var r = await s.ExecuteAsync("var m = RegressionMetrics.Compute(new double[]{1,2,3}, new double[]{1,2,4});\n" +
            "display(Chart.ObservedVsPredicted(new double[]{1,2,3}, new double[]{1,2,4}));\n" +
            "Path.GetFileName(\"a/b\") + m.Rmse.ToString(CultureInfo.InvariantCulture)", "cell 2");
        Assert.Equal(CellStatus.Ok, r.Status);
        Assert.NotNull(r.Outputs[0]["data"]!["application/vnd.plotly.v1+json"]);
        Assert.Equal("b" + Math.Sqrt(1.0 / 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Outputs[1]["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task NugetReference_FromAFeedFolder_ReferencesTheLibAssembly()
    {
        var feed = RepoPaths.NewTempDir();
        var dll = Path.Combine(RepoPaths.NewTempDir(), "Tiny.Feed.dll");
        var tree = CSharpSyntaxTree.ParseText(
            "namespace Tiny.Feed { public static class Clay { public static int Twice(int v) => 2 * v; } }");
        var core = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var refs = new[] { typeof(object).Assembly.Location, Path.Combine(core, "System.Runtime.dll") }
            .Select(p => MetadataReference.CreateFromFile(p));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        Assert.True(CSharpCompilation.Create("Tiny.Feed", [tree], refs, options).Emit(dll).Success);
        var nupkg = Path.Combine(feed, "Tiny.Feed.2.0.1.nupkg");
        using (var zip = System.IO.Compression.ZipFile.Open(nupkg, System.IO.Compression.ZipArchiveMode.Create))
        {
            System.IO.Compression.ZipFileExtensions.CreateEntryFromFile(zip, dll, "lib/net8.0/Tiny.Feed.dll");
            using var w = new StreamWriter(zip.CreateEntry("Tiny.Feed.nuspec").Open());
            w.Write("<package><metadata><id>Tiny.Feed</id><version>2.0.1</version><dependencies>" +
                    "<group targetFramework=\"net8.0\" /></dependencies></metadata></package>");
        }
        var nbDir = RepoPaths.NewTempDir();
        var s = new ScriptSession(nbDir);
        var rel = Path.GetRelativePath(nbDir, feed);
        var r = await s.ExecuteAsync($"#i \"nuget: {rel}\"\n#r \"nuget: Tiny.Feed, 2.0.1\"\nTiny.Feed.Clay.Twice(21)",
            "cell 1");
        Assert.True(r.Status == CellStatus.Ok, r.ErrorMessage);
        Assert.Equal("42", r.Outputs.Single()["data"]!["text/plain"]!.GetValue<string>());
        var wrong = await s.ExecuteAsync("#r \"nuget: Tiny.Feed, 3.0.0\"", "cell 2");
        Assert.Equal("PackageNotFound", wrong.ErrorName);
    }

    [Fact]
    public async Task Timeout_StopsTheCell_AndPoisonsTheSession()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var r = await s.ExecuteAsync("await Task.Delay(TimeSpan.FromSeconds(30));", "cell 1",
            TimeSpan.FromMilliseconds(300));
        Assert.Equal(CellStatus.TimedOut, r.Status);
        Assert.Equal("CellTimeoutException", r.ErrorName);
        Assert.Contains("0.3 s", r.ErrorMessage);
        Assert.True(s.IsPoisoned);
        await Assert.ThrowsAsync<InvalidOperationException>(() => s.ExecuteAsync("1", "cell 2"));
    }
}
