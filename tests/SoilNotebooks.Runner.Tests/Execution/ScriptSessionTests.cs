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

    [Fact]
    public async Task NugetReference_AndMagicCommands_AreRejectedClearly()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var a = await s.ExecuteAsync("// load\n#r \"nuget: Plotly.NET\"", "cell 1");
        Assert.Equal("UnsupportedDirective", a.ErrorName);
        Assert.Equal(2, a.ErrorLine);
        Assert.Contains("offline", a.ErrorMessage);
        var b = await s.ExecuteAsync("#!time\n1", "cell 2");
        Assert.Equal("UnsupportedMagicCommand", b.ErrorName);
        Assert.Contains("#!time", b.ErrorMessage);
    }

    [Fact]
    public async Task DomainAndChartNamespaces_AreImported()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var r = await s.ExecuteAsync("var m = RegressionMetrics.Compute(new double[]{1,2,3}, new double[]{1,2,4});\ndisplay(Chart.ObservedVsPredicted(new double[]{1,2,3}, new double[]{1,2,4}));\nm.Rmse", "cell 1");
        Assert.Equal(CellStatus.Ok, r.Status);
        Assert.NotNull(r.Outputs[0]["data"]!["application/vnd.plotly.v1+json"]);
        Assert.Equal(Math.Sqrt(1.0 / 3).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Outputs[1]["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Timeout_StopsTheCell_AndPoisonsTheSession()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir());
        var r = await s.ExecuteAsync("await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken);", "cell 1", TimeSpan.FromMilliseconds(300));
        Assert.Equal(CellStatus.TimedOut, r.Status);
        Assert.Equal("CellTimeoutException", r.ErrorName);
        Assert.Contains("0.3 s", r.ErrorMessage);
        Assert.True(s.IsPoisoned);
        await Assert.ThrowsAsync<InvalidOperationException>(() => s.ExecuteAsync("1", "cell 2"));
    }
}
