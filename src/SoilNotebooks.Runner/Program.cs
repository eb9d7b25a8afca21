using System.CommandLine;
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
        root.Options.Add(new Option<bool>("--verbose") { Description = "Print stack traces of unexpected errors.", Recursive = true });
        return root;
    }

    /// <summary>
    /// Runs the CLI. Exit codes (<see cref="ExitCodes"/>): 0 ok, 1 a cell or notebook failed, 2 usage or bad input,
    /// 3 output destination unusable, 130 interrupted. No stack trace is printed unless <c>--verbose</c>.
    /// </summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        CommandErrors.Verbose = args.Contains("--verbose");
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            var verb = parse.CommandResult.Command.Name;
            foreach (var e in parse.Errors) Console.Error.WriteLine($"soilnb {verb}: {e.Message}");
            Console.Error.WriteLine($"soilnb {verb}: see `soilnb {(verb == "soilnb" ? "" : verb + " ")}--help`.");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return CommandErrors.Report(parse.CommandResult.Command.Name, e);
        }
    }
}
