using System.Reflection;

namespace SoilNotebooks.Tests.Architecture;

/// <summary>The domain library's namespaces form no cycle, and it references no notebook-host code.</summary>
public class DependencyDirectionTests
{
    private static readonly Assembly Library = typeof(Check).Assembly;

    [Fact]
    public void NoNamespaceDependsOnOneThatDependsBackOnIt()
    {
        var graph = NamespaceGraph.Build(Library);
        var cycles = NamespaceGraph.Cycles(graph);
        var explained = cycles.Select(c => string.Join(" ↔ ", c) + ": " + string.Join("; ",
            c.SelectMany(a => c.Where(b => graph.TryGetValue(a, out var t) && t.ContainsKey(b))
                .Select(b => graph[a][b]))));
        Assert.True(cycles.Count == 0, "Namespace cycles:\n" + string.Join("\n", explained));
    }

    [Fact]
    public void TheGraphSeesDependenciesThroughMethodBodies()
    {
        // Forests' tree code is used by the classic learners only inside method bodies and signatures:
        // the graph must contain that edge, or the cycle test above could pass on an empty graph.
        var graph = NamespaceGraph.Build(Library);
        Assert.True(graph.Values.Sum(v => v.Count) > 10, "the graph found almost no edges");
        Assert.Contains("SoilNotebooks.Rasters", graph["SoilNotebooks.Compositing"].Keys);
    }

    [Fact]
    public void CycleFinderReportsATwoNamespaceCycle()
    {
        var graph = new Dictionary<string, Dictionary<string, string>>
        {
            ["A"] = new() { ["B"] = "a uses b" }, ["B"] = new() { ["C"] = "b uses c" }, ["C"] = new() { ["B"] = "c uses b" },
        };
        var cycle = Assert.Single(NamespaceGraph.Cycles(graph));
        Assert.Equal(["B", "C"], cycle);
    }

    [Fact]
    public void LibraryReferencesNoNotebookHost()
    {
        var names = Library.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(names, n => n.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal)
            || n.StartsWith("SoilNotebooks.Interactive", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }
}
