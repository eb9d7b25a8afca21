using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using SoilNotebooks.IO;
using SoilNotebooks.Runner.Execution;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb run &lt;notebook.ipynb|notebook.dib|folder&gt; [--out DIR] [-p name=value]… [--timeout SECONDS]
/// [--continue-on-error] [--skip-other-kernels] [--echo]</c>: executes notebooks headless and writes, per notebook, the
/// executed .ipynb and a self-contained HTML report into DIR. Exit codes (<see cref="ExitCodes"/>): 0 all ran; 1 a cell
/// failed or a notebook is malformed (stderr names notebook, cell, line and exception); 2 bad arguments; 3 the output
/// folder is unusable or would replace an input; 130 interrupted. The destination and every input are checked before
/// any cell runs; in a folder run one bad notebook does not stop the others.
/// </summary>
public sealed class RunCommand : ICommandFactory
{
    /// <summary>The largest <c>--timeout</c>, in seconds (about 11.6 days).</summary>
    public const double MaxTimeoutSeconds = 1_000_000;

    /// <inheritdoc/>
    public Command Create()
    {
        var path = new Argument<string>("notebook") { Description = "A .ipynb or .dib notebook, or a folder: every .ipynb/.dib in it, in name order." };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder for executed notebooks and HTML reports.", DefaultValueFactory = _ => "artifacts" };
        var parameters = new Option<string[]>("-p", "--parameter") { Description = "Override a parameter of the cell tagged 'parameters': name=value (repeatable). The value is typed like the default.", AllowMultipleArgumentsPerToken = false };
        var timeout = new Option<string?>("--timeout") { Description = $"Time limit per cell in seconds, 0 < T ≤ {MaxTimeoutSeconds:0} (default: none)." };
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
            TimeSpan? limit;
            List<KeyValuePair<string, string>> overrides;
            try
            {
                limit = ParseTimeout(parse.GetValue(timeout), "run");
                overrides = Parameters.ParseAssignments(parse.GetValue(parameters) ?? []);
            }
            catch (ParameterException e) { Console.Error.WriteLine($"soilnb run: {e.Message}"); return ExitCodes.Usage; }

            string[] notebooks;
            if (Directory.Exists(target))
            {
                notebooks = Directory.GetFiles(target).Where(f => f.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".dib", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal).ToArray();
                if (notebooks.Length == 0) { Console.Error.WriteLine($"soilnb run: no .ipynb or .dib notebooks in folder '{target}'."); return ExitCodes.Usage; }
            }
            else if (File.Exists(target)) notebooks = [target];
            else { Console.Error.WriteLine($"soilnb run: '{target}' does not exist; expected a .ipynb or .dib notebook or a folder of them."); return ExitCodes.Usage; }

            var outFolder = parse.GetValue(outDir)!;
            try
            {
                CheckCollisions(notebooks, outFolder);
                outFolder = OutputChecks.Folder(outFolder);
            }
            catch (OutputUnusableException e) { Console.Error.WriteLine($"soilnb run: {e.Message}"); return ExitCodes.OutputUnusable; }

            using var interrupt = new CancellationTokenSource();
            using var sigint = RegisterInterrupt(interrupt);
            var options = new RunOptions(outFolder, overrides, limit, parse.GetValue(continueOnError), parse.GetValue(skipOther),
                Progress: Console.Error, EchoOutput: parse.GetValue(echo), Interrupt: interrupt.Token);
            int exit = 0;
            foreach (var nb in notebooks)
            {
                if (interrupt.IsCancellationRequested) break;
                NotebookRunResult r;
                try { r = await NotebookRunner.RunAsync(nb, options).ConfigureAwait(false); }
                catch (Exception e)   // never let one notebook end the folder run with a trace
                {
                    exit = Math.Max(exit, CommandErrors.Report("run", new InvalidOperationException($"{nb}: {e.Message}", e)) == ExitCodes.OutputUnusable ? ExitCodes.OutputUnusable : ExitCodes.Failed);
                    continue;
                }
                if (r.ExecutedPath is not null) Console.Out.WriteLine($"{r.ExecutedPath}\n{r.ReportPath}");
                exit = Math.Max(exit, r.ExitCode);
            }
            if (interrupt.IsCancellationRequested)
            {
                Console.Error.WriteLine("soilnb run: interrupted (SIGINT): the running cell was stopped and later cells and notebooks were not run; " +
                                        "the executed notebook so far was written.");
                return ExitCodes.Interrupted;
            }
            return exit;
        });
        return cmd;
    }

    /// <summary>Parses a <c>--timeout</c> value: a number of seconds, 0 &lt; T ≤ <see cref="MaxTimeoutSeconds"/>.</summary>
    /// <exception cref="ParameterException">Not such a number.</exception>
    public static TimeSpan? ParseTimeout(string? text, string verb)
    {
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var sec) || !double.IsFinite(sec)
            || !(sec > 0) || sec > MaxTimeoutSeconds)
            throw new ParameterException($"--timeout must be a positive number of seconds, at most {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} (got '{text}').");
        return TimeSpan.FromSeconds(sec);
    }

    /// <summary>
    /// Refuses, before anything runs, inputs whose outputs would collide (<c>a.dib</c> and <c>a.ipynb</c> both write
    /// <c>a.ipynb</c>), outputs that would replace an input (also through symbolic links or hard links), and an
    /// executed notebook that would replace an existing source notebook (one that soilnb did not write).
    /// </summary>
    /// <exception cref="OutputUnusableException">A collision.</exception>
    public static void CheckCollisions(IReadOnlyList<string> notebooks, string outDir)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        var byName = notebooks.GroupBy(n => Path.GetFileNameWithoutExtension(n), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (byName is not null)
            throw new OutputUnusableException($"{string.Join(" and ", byName.Select(Path.GetFileName))} would both be written as " +
                $"{byName.Key}.ipynb and {byName.Key}.html in '{outDir}'; run them into different --out folders.");
        foreach (var nb in notebooks)
        {
            var name = Path.GetFileNameWithoutExtension(nb);
            foreach (var output in new[] { Path.Combine(outDir, name + ".ipynb"), Path.Combine(outDir, name + ".html") })
            {
                if (notebooks.Any(input => FileKinds.SameFile(input, output)))
                    throw new OutputUnusableException($"{nb}: the executed notebook would overwrite the input ('{output}'); choose another --out folder.");
                if (output.EndsWith(".ipynb", StringComparison.Ordinal) && FileKinds.KindOf(output) == FileKind.Regular && !WrittenBySoilnb(output))
                    throw new OutputUnusableException($"{nb}: '{output}' is an existing notebook that soilnb did not write; it would be replaced. " +
                        "Choose another --out folder.");
            }
        }
    }

    /// <summary>True when the file is an executed notebook of soilnb (its metadata has a <c>soilnb</c> entry).</summary>
    private static bool WrittenBySoilnb(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = System.Text.Json.JsonDocument.Parse(stream);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("metadata", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.Object
                   && m.TryGetProperty("soilnb", out _);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException) { return false; }
    }

    /// <summary>SIGINT cancels <paramref name="interrupt"/> instead of killing the process (a second one kills the cell's worker).</summary>
    private static IDisposable? RegisterInterrupt(CancellationTokenSource interrupt)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
            {
                ctx.Cancel = true;
                try { interrupt.Cancel(); } catch (ObjectDisposedException) { }
            });
        }
        catch (PlatformNotSupportedException) { return null; }
    }
}
