using SoilNotebooks.Runner.Execution;

namespace SoilNotebooks.Runner.Tests;

/// <summary>
/// Runs the soilnb CLI in-process and captures what it writes to stdout and stderr. Capture goes through
/// <see cref="RoutingConsole"/> (per async flow) instead of <see cref="Console.SetOut(TextWriter)"/>, so tests that run
/// notebook cells in parallel never receive another test's console text.
/// </summary>
public static class CliHarness
{
    /// <summary>Exit code, stdout and stderr of <c>soilnb ARGS</c>.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var collector = new OutputCollector();
        int code;
        using (RoutingConsole.Capture(collector))
            code = Program.Main(args);
        string Stream(string name) => string.Concat(collector.Outputs
            .Where(o => o["output_type"]!.GetValue<string>() == "stream" && o["name"]!.GetValue<string>() == name)
            .Select(o => o["text"]!.GetValue<string>()));
        return (code, Stream("stdout"), Stream("stderr"));
    }
}
