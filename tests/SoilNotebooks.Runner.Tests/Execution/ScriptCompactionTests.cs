using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SoilNotebooks.Runner.Execution;

namespace SoilNotebooks.Runner.Tests.Execution;

/// <summary>
/// A long notebook's script chain is compacted (issue 17: 2000 cells, each slower than the last, 3.2 GB): what the
/// cells see must not change, and compaction must be refused where it would.
/// </summary>
public class ScriptCompactionTests
{
    private static async Task<string> Run(ScriptSession s, string code, string name)
    {
        var r = await s.ExecuteAsync(code, name);
        Assert.True(r.Status == CellStatus.Ok, $"{name}: {r.ErrorName}: {r.ErrorMessage}");
        return r.Outputs.Count == 0 ? "" : r.Outputs.Last()["data"]?["text/plain"]?.GetValue<string>()
                                         ?? r.Outputs.Last()["text"]!.GetValue<string>();
    }

    private static async Task Filler(ScriptSession s, int cells, int from)
    {
        for (int i = 0; i < cells; i++) await Run(s, $"var filler{from + i} = {i};", $"cell {from + i}");
    }

    [Fact]
    public async Task Compacted_Chain_Keeps_Values_Types_TupleNames_Usings_And_SharedReferences()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir()) { CompactAfter = 3 };
        await Run(s, "using System.Text.RegularExpressions;\nvar count = 1;\n(int a, string b) pair = (2, \"x\");", "cell 1");
        await Run(s, "string? maybe = null;\nvar list = new List<int> { 1 };\nvar alias = list;\nvar @event = 5;", "cell 2");
        await Run(s, "count += 10;\nvar count2 = count;", "cell 3");
        await Filler(s, 4, 4);
        Assert.True(s.Compactions >= 1, s.CompactionBlockedReason);
        Assert.True(s.ChainLength <= 3, $"chain {s.ChainLength}");
        Assert.Null(s.CompactionBlockedReason);
        await Run(s, "list.Add(2);", "cell 8");
        var text = await Run(s, "$\"{count} {count2} {pair.a}{pair.b} {maybe ?? \"null\"} {alias.Count} {@event} " +
                                "{Regex.IsMatch(\"ab\", \"b\")} {filler7}\"", "cell 9");
        Assert.Equal("11 11 2x null 2 5 True 3", text);
        // a later redeclaration with another type wins, before and after the next compaction
        await Run(s, "var count = \"eleven\";", "cell 10");
        await Filler(s, 4, 11);
        Assert.True(s.Compactions >= 2);
        Assert.Equal("6", await Run(s, "count.Length", "cell 15"));
    }

    [Fact]
    public async Task Compacted_Chain_Keeps_HashR_References()
    {
        var dir = RepoPaths.NewTempDir();
        var tree = CSharpSyntaxTree.ParseText("namespace Tiny { public sealed class Box { public int V; } }");
        var core = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var refs = new[] { typeof(object).Assembly.Location, Path.Combine(core, "System.Runtime.dll") }
            .Select(p => MetadataReference.CreateFromFile(p));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        Assert.True(CSharpCompilation.Create("Tiny", [tree], refs, options).Emit(Path.Combine(dir, "Tiny.dll")).Success);
        var s = new ScriptSession(dir) { CompactAfter = 2 };
        await Run(s, "#r \"Tiny.dll\"\nvar box = new Tiny.Box { V = 7 };", "cell 1");
        await Filler(s, 3, 2);
        Assert.True(s.Compactions >= 1, s.CompactionBlockedReason);
        Assert.Equal("8", await Run(s, "new Tiny.Box { V = box.V + 1 }.V", "cell 5"));
    }

    [Fact]
    public async Task Lambda_Capturing_A_TopLevel_Variable_Blocks_Compaction_So_The_Closure_Sees_Later_Writes()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir()) { CompactAfter = 2 };
        await Run(s, "int n = 0;\nAction inc = () => n++;", "cell 1");
        await Filler(s, 5, 2);
        Assert.Equal(0, s.Compactions);
        Assert.Contains("cell 1", s.CompactionBlockedReason);
        Assert.Contains("'n'", s.CompactionBlockedReason);
        Assert.Equal("2", await Run(s, "inc(); inc();\nn", "cell 7"));
    }

    [Fact]
    public async Task Lambda_Using_Only_Its_Own_Parameters_Does_Not_Block()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir()) { CompactAfter = 2 };
        await Run(s, "var big = new[] { 1, 2, 3 }.Where(v => v > 1).Select(v => v * 10).ToArray();", "cell 1");
        await Filler(s, 4, 2);
        Assert.True(s.Compactions >= 1, s.CompactionBlockedReason);
        Assert.Equal("50", await Run(s, "big.Sum()", "cell 6"));
    }

    [Theory]
    [InlineData("class Foo { public int X = 4; }\nvar foo = new Foo();", "type 'Foo'", "foo.X", "4")]
    [InlineData("int Twice(int v) => 2 * v;", "method 'Twice'", "Twice(2)", "4")]
    [InlineData("var anon = new { X = 4 };", "'anon'", "anon.X", "4")]
    [InlineData("const int K = 4;", "constant 'K'", "K", "4")]
    public async Task Declarations_A_Compaction_Cannot_Carry_Block_It_And_Still_Work(
        string declaration, string reason, string use, string expected)
    {
        var s = new ScriptSession(RepoPaths.NewTempDir()) { CompactAfter = 2 };
        await Run(s, declaration, "cell 1");
        await Filler(s, 4, 2);
        Assert.Equal(0, s.Compactions);
        Assert.StartsWith("cell 1 ", s.CompactionBlockedReason);
        Assert.Contains(reason, s.CompactionBlockedReason);
        Assert.Equal(expected, await Run(s, use, "cell 6"));
        Assert.Equal(6, s.ChainLength);
    }

    [Fact]
    public async Task CompactAfter_Zero_Turns_It_Off()
    {
        var s = new ScriptSession(RepoPaths.NewTempDir()) { CompactAfter = 0 };
        await Filler(s, 6, 1);
        Assert.Equal(0, s.Compactions);
        Assert.Equal(6, s.ChainLength);
    }
}
