using System.CommandLine;
using System.Reflection;
using SoilNotebooks.Runner.Commands;

namespace SoilNotebooks.Runner;

/// <summary>The <c>soilnb</c> entry point.</summary>
public static class Program
{
    /// <summary>Builds the root command from every <see cref="ICommandFactory"/> in this assembly.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("soilnb — SoilNotebooks: run C# soil-science notebooks headless, serve the Jupyter kernel, and batch verbs.");
        var factories = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ICommandFactory).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ICommandFactory)Activator.CreateInstance(t)!)
            .Select(f => f.Create())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var c in factories) root.Subcommands.Add(c);
        return root;
    }

    /// <summary>Runs the CLI.</summary>
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();
}
