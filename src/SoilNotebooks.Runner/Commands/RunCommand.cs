using System.CommandLine;
using System.Globalization;
using SoilNotebooks.Runner.Execution;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb run &lt;notebook.ipynb|notebook.dib|folder&gt; [--out DIR] [-p name=value]… [--timeout SECONDS]
/// [--continue-on-error] [--skip-other-kernels] [--echo]</c>: executes notebooks headless and writes, per notebook, the executed
/// .ipynb and a self-contained HTML report into DIR. Exit codes: 0 all ran; 2 a cell failed (stderr names notebook,
/// cell, line and exception); 1 bad arguments or an unreadable/malformed notebook (nothing written for it).
/// </summary>
public sealed class RunCommand : ICommandFactory
{
    /// <inheritdoc/>
    public Command Create()
    {
        var path = new Argument<string>("notebook") { Description = "A .ipynb or .dib notebook, or a folder: every .ipynb/.dib in it, in name order." };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder for executed notebooks and HTML reports.", DefaultValueFactory = _ => "artifacts" };
        var parameters = new Option<string[]>("-p", "--parameter") { Description = "Override a parameter of the cell tagged 'parameters': name=value (repeatable). The value is typed like the default.", AllowMultipleArgumentsPerToken = false };
        var timeout = new Option<double?>("--timeout") { Description = "Time limit per cell in seconds (default: none)." };
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Run later cells after a failed cell." };
        var skipOther = new Option<bool>("--skip-other-kernels") { Description = "Skip cells written for other kernels (#!fsharp, #!pwsh...) with a note instead of failing." };
        var echo = new Option<bool>("--echo") { Description = "Also print the cells' text output to stderr as it is written (follow long runs)." };
        var cmd = new Command("run", "Run notebooks headless; write executed notebooks and HTML reports.")
        {
            path, outDir, parameters, timeout, continueOnError, skipOther, echo,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(path)!;
            var t = parse.GetValue(timeout);
            if (t is { } sec && (!(sec > 0) || !double.IsFinite(sec)))
            {
                Console.Error.WriteLine($"soilnb run: --timeout must be a positive number of seconds (got {sec.ToString(CultureInfo.InvariantCulture)}).");
                return 1;
            }
            List<KeyValuePair<string, string>> overrides;
            try { overrides = Parameters.ParseAssignments(parse.GetValue(parameters) ?? []); }
            catch (ParameterException e) { Console.Error.WriteLine($"soilnb run: {e.Message}"); return 1; }

            string[] notebooks;
            if (Directory.Exists(target))
            {
                notebooks = Directory.GetFiles(target).Where(f => f.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".dib", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal).ToArray();
                if (notebooks.Length == 0) { Console.Error.WriteLine($"soilnb run: no .ipynb or .dib notebooks in folder '{target}'."); return 1; }
            }
            else if (File.Exists(target)) notebooks = [target];
            else { Console.Error.WriteLine($"soilnb run: '{target}' does not exist; expected a .ipynb or .dib notebook or a folder of them."); return 1; }

            var options = new RunOptions(parse.GetValue(outDir)!, overrides, t is { } s2 ? TimeSpan.FromSeconds(s2) : null,
                parse.GetValue(continueOnError), parse.GetValue(skipOther), EchoOutput: parse.GetValue(echo));
            int exit = 0;
            foreach (var nb in notebooks)
            {
                var r = await NotebookRunner.RunAsync(nb, options).ConfigureAwait(false);
                if (r.ExecutedPath is not null) Console.Out.WriteLine($"{r.ExecutedPath}\n{r.ReportPath}");
                exit = Math.Max(exit, r.ExitCode);
            }
            return exit;
        });
        return cmd;
    }
}
