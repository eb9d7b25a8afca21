using System.Diagnostics;
using System.Text.Json.Nodes;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Runner.Notebooks;
using SoilNotebooks.Runner.Reports;

namespace SoilNotebooks.Runner.Execution;

/// <summary>Options of a headless notebook run.</summary>
/// <param name="OutDir">Folder for the executed .ipynb and the HTML report (created if missing).</param>
/// <param name="Parameters">Papermill-style overrides (name, value).</param>
/// <param name="CellTimeout">Time limit per cell, or null for none.</param>
/// <param name="ContinueOnError">Run later cells after a failed one.</param>
/// <param name="SkipOtherKernels">Skip (with a visible note) cells written for another kernel instead of failing.</param>
/// <param name="Progress">Where progress lines go (stderr by default).</param>
/// <param name="EchoOutput">Also copy the cells' console text to <paramref name="Progress"/> as it is written, so long
/// cells that report their own progress can be followed.</param>
public sealed record RunOptions(
    string OutDir,
    IReadOnlyList<KeyValuePair<string, string>>? Parameters = null,
    TimeSpan? CellTimeout = null,
    bool ContinueOnError = false,
    bool SkipOtherKernels = false,
    TextWriter? Progress = null,
    bool EchoOutput = false);

/// <summary>The outcome of running one notebook.</summary>
/// <param name="NotebookPath">The input.</param>
/// <param name="ExecutedPath">The executed .ipynb, when written.</param>
/// <param name="ReportPath">The HTML report, when written.</param>
/// <param name="ExitCode">0 success, 1 unreadable notebook or bad parameters, 2 a cell failed.</param>
/// <param name="Message">The failure message, when failed.</param>
/// <param name="Elapsed">Wall-clock time of the whole run.</param>
/// <param name="CellsRun">Code cells executed.</param>
/// <param name="FirstCellElapsed">Time from start to the end of the first code cell (cold-start measure).</param>
public sealed record NotebookRunResult(string NotebookPath, string? ExecutedPath, string? ReportPath, int ExitCode,
    string? Message, TimeSpan Elapsed, int CellsRun, TimeSpan? FirstCellElapsed);

/// <summary>Runs a notebook headless, cell by cell, and writes the executed notebook and its HTML report.</summary>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Runs one notebook file (.ipynb or .dib). Never throws for notebook problems: see the exit code.</summary>
    public static async Task<NotebookRunResult> RunAsync(string path, RunOptions options)
    {
        var sw = Stopwatch.StartNew();
        var progress = options.Progress ?? RoutingConsole.OriginalError;
        Notebook nb;
        try
        {
            nb = NotebookReader.Read(path);
            Parameters.Inject(nb, options.Parameters ?? []);
        }
        catch (Exception e) when (e is NotebookFormatException or ParameterException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            progress.WriteLine($"soilnb run: {e.Message}");
            return new NotebookRunResult(path, null, null, 1, e.Message, sw.Elapsed, 0, null);
        }

        // Checked before any cell runs: the executed notebook must not replace its source.
        var outDir = Path.GetFullPath(options.OutDir);
        var executed = Path.Combine(outDir, nb.Name + ".ipynb");
        var report = Path.Combine(outDir, nb.Name + ".html");
        if (Path.GetFullPath(path) == executed)
        {
            const string overwrite = "the executed notebook would overwrite the input; choose another --out folder";
            progress.WriteLine($"soilnb run: {path}: {overwrite}.");
            return new NotebookRunResult(path, null, null, 1, overwrite, sw.Elapsed, 0, null);
        }

        // Cells run with the notebook's folder as the current directory (as Jupyter does); one notebook at a time.
        await OneAtATime.WaitAsync().ConfigureAwait(false);
        var previousDir = Environment.CurrentDirectory;
        var started = DateTimeOffset.UtcNow;
        string? failure = null;
        int? failedCell = null;
        int cellsRun = 0;
        TimeSpan? firstCell = null;
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Environment.CurrentDirectory = dir;
            var session = new ScriptSession(dir, new Displayer());
            foreach (var c in nb.Cells.Where(c => c.Kind == CellKind.Code)) { c.Outputs.Clear(); c.ExecutionCount = null; }
            int codeCells = nb.Cells.Count(c => c.Kind == CellKind.Code && c.Source.Trim().Length > 0);
            int k = 0;
            progress.WriteLine($"soilnb run: {path}: {nb.Cells.Count} cells ({codeCells} code)");
            for (int i = 0; i < nb.Cells.Count; i++)
            {
                var cell = nb.Cells[i];
                if (cell.Kind != CellKind.Code || cell.Source.Trim().Length == 0) continue;
                k++;
                string cellName = $"cell {i + 1}";
                string code = cell.Source;
                string kernel = cell.Kernel;
                if (Kernels.SplitLeadingDirective(code) is { } d) { kernel = d.Kernel; code = d.Body; }
                if (kernel != "csharp")
                {
                    var note = $"{cellName} is written for the '{kernel}' kernel; soilnb runs C# cells only.";
                    var col = new OutputCollector();
                    if (options.SkipOtherKernels)
                    {
                        col.Write("stderr", $"[soilnb] skipped: {note}\n");
                        cell.Outputs.AddRange(col.Outputs);
                        progress.WriteLine($"  [{k}/{codeCells}] {cellName}: SKIPPED ({kernel} kernel)");
                        continue;
                    }
                    col.Error("UnsupportedKernel", note + " Remove or convert the cell, or pass --skip-other-kernels.", [$"UnsupportedKernel: {note}"]);
                    cell.Outputs.AddRange(col.Outputs);
                    failure = $"{path}: {note}";
                    failedCell = i + 1;
                    progress.WriteLine($"soilnb run: {failure}");
                    if (!options.ContinueOnError) break;
                    continue;
                }
                var collector = new OutputCollector { Echo = options.EchoOutput ? progress : null };
                var result = await session.ExecuteAsync(code, cellName, options.CellTimeout, collector).ConfigureAwait(false);
                collector.Flush();
                cellsRun++;
                firstCell ??= sw.Elapsed;
                cell.Outputs.AddRange(result.Outputs);
                cell.ExecutionCount = result.ExecutionCount;
                cell.Metadata["soilnb"] = new JsonObject { ["elapsed_seconds"] = Math.Round(result.Elapsed.TotalSeconds, 4) };
                string status = result.Status switch { CellStatus.Ok => "ok", CellStatus.TimedOut => "TIMEOUT", _ => "FAILED" };
                progress.WriteLine($"  [{k}/{codeCells}] {cellName}: {status} in {result.Elapsed.TotalSeconds:0.00} s (elapsed {sw.Elapsed.TotalSeconds:0.0} s)");
                if (result.Status != CellStatus.Ok)
                {
                    var where = result.ErrorLine is { } l ? $", line {l}" : "";
                    var message = $"{path}: {cellName}{where} failed: {result.ErrorName}: {result.ErrorMessage}";
                    failure ??= message;
                    failedCell ??= i + 1;
                    progress.WriteLine($"soilnb run: {message}");
                    if (!options.ContinueOnError || result.Status == CellStatus.TimedOut || session.IsPoisoned) break;
                }
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDir;
            OneAtATime.Release();
        }

        nb.Metadata["soilnb"] = new JsonObject
        {
            ["version"] = typeof(NotebookRunner).Assembly.GetName().Version?.ToString(),
            ["start_time"] = started.ToString("O"),
            ["duration_seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 3),
            ["status"] = failure is null ? "ok" : "failed",
            ["failed_cell"] = failedCell,
            ["parameters"] = new JsonObject((options.Parameters ?? []).Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value))),
        };

        if (nb.Format == NotebookFormat.Dib) nb.NbformatMinor = 5;
        NotebookWriter.Write(nb, executed);
        HtmlReport.Write(nb, report, new ReportInfo(started, sw.Elapsed, failure, options.Parameters ?? []));
        progress.WriteLine($"soilnb run: {(failure is null ? "ok" : "FAILED")} in {sw.Elapsed.TotalSeconds:0.0} s → {executed}, {report}");
        return new NotebookRunResult(path, executed, report, failure is null ? 0 : 2, failure, sw.Elapsed, cellsRun, firstCell);
    }
}
