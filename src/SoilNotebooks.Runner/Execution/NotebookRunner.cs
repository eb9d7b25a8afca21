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
/// <param name="Interrupt">Cancelled on SIGINT: the running cell is interrupted, later cells do not run, and what ran is
/// written.</param>
public sealed record RunOptions(
    string OutDir,
    IReadOnlyList<KeyValuePair<string, string>>? Parameters = null,
    TimeSpan? CellTimeout = null,
    bool ContinueOnError = false,
    bool SkipOtherKernels = false,
    TextWriter? Progress = null,
    bool EchoOutput = false,
    CancellationToken Interrupt = default);

/// <summary>The outcome of running one notebook.</summary>
/// <param name="NotebookPath">The input.</param>
/// <param name="ExecutedPath">The executed .ipynb, when written.</param>
/// <param name="ReportPath">The HTML report, when written.</param>
/// <param name="ExitCode">See <see cref="Commands.ExitCodes"/>: 0 success, 1 a cell failed or the notebook is malformed,
/// 2 bad parameters, 3 the output is unusable, 130 interrupted.</param>
/// <param name="Message">The failure message, when failed.</param>
/// <param name="Elapsed">Wall-clock time of the whole run.</param>
/// <param name="CellsRun">Code cells executed.</param>
/// <param name="FirstCellElapsed">Time from start to the end of the first code cell (cold-start measure).</param>
public sealed record NotebookRunResult(string NotebookPath, string? ExecutedPath, string? ReportPath, int ExitCode,
    string? Message, TimeSpan Elapsed, int CellsRun, TimeSpan? FirstCellElapsed);

/// <summary>What the execute step did: how far it got and the first failure.</summary>
/// <param name="Failure">The first failure message (notebook, cell, line, exception), or null when every cell ran.</param>
/// <param name="FailedCell">1-based index of the first failed cell, when one failed.</param>
/// <param name="CellsRun">Code cells executed.</param>
/// <param name="FirstCellElapsed">Time from start to the end of the first code cell (cold-start measure).</param>
/// <param name="Interrupted">True when SIGINT stopped the run.</param>
public sealed record ExecutionSummary(string? Failure, int? FailedCell, int CellsRun, TimeSpan? FirstCellElapsed,
    bool Interrupted = false);

/// <summary>
/// Runs a notebook headless in four steps, each callable (and tested) alone: <see cref="Read"/> the file,
/// <see cref="Inject"/> the <c>-p</c> parameters, <see cref="ExecuteAsync(Notebook, ICellSession, RunOptions, string)"/>
/// its cells, <see cref="Write"/> the executed notebook and the report. <see cref="RunAsync"/> chains them; cells run in
/// a <see cref="WorkerSession"/> started in the notebook's folder, so the runner never changes the process-wide current
/// directory and several notebooks may run at once.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Step 1: reads a .ipynb or .dib file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NotebookFormatException">Not a readable notebook.</exception>
    public static Notebook Read(string path) => NotebookReader.Read(path);

    /// <summary>Step 2: injects the <c>-p</c> overrides after the cell tagged <c>parameters</c>.</summary>
    /// <returns>The index of the injected cell, or -1 when there are no overrides.</returns>
    /// <exception cref="ParameterException">No parameters cell, an unknown name, a value that does not parse.</exception>
    public static int Inject(Notebook nb, IReadOnlyList<KeyValuePair<string, string>>? parameters) =>
        Parameters.Inject(nb, parameters ?? []);

    /// <summary>The executed notebook's and the report's paths for <paramref name="nb"/> in <paramref name="outDir"/>.</summary>
    public static (string Executed, string Report) OutputPaths(Notebook nb, string outDir)
    {
        var dir = Path.GetFullPath(outDir);
        return (Path.Combine(dir, nb.Name + ".ipynb"), Path.Combine(dir, nb.Name + ".html"));
    }

    /// <summary>
    /// Step 3: runs the code cells of <paramref name="nb"/> in order in <paramref name="session"/>, filling in their
    /// outputs and execution counts (earlier outputs are cleared). Cells for another kernel fail the run, or are skipped
    /// with a note under <see cref="RunOptions.SkipOtherKernels"/>. Stops at the first failure unless
    /// <see cref="RunOptions.ContinueOnError"/> (never after a timeout or a crashed session).
    /// </summary>
    /// <param name="nb">The notebook (changed in place).</param>
    /// <param name="session">Where cells run.</param>
    /// <param name="options">Time limit, error handling, progress and echo.</param>
    /// <param name="label">How messages name the notebook (its path).</param>
    public static async Task<ExecutionSummary> ExecuteAsync(Notebook nb, ICellSession session, RunOptions options, string label)
    {
        ArgumentNullException.ThrowIfNull(nb);
        ArgumentNullException.ThrowIfNull(session);
        var sw = Stopwatch.StartNew();
        var progress = options.Progress ?? RoutingConsole.OriginalError;
        string? failure = null;
        int? failedCell = null;
        int cellsRun = 0;
        TimeSpan? firstCell = null;
        foreach (var c in nb.Cells.Where(c => c.Kind == CellKind.Code)) { c.Outputs.Clear(); c.ExecutionCount = null; }
        int codeCells = nb.Cells.Count(c => c.Kind == CellKind.Code && c.Source.Trim().Length > 0);
        int k = 0;
        bool interrupted = false;
        progress.WriteLine($"soilnb run: {label}: {nb.Cells.Count} cells ({codeCells} code)");
        using var onInterrupt = options.Interrupt.Register(session.Interrupt);
        for (int i = 0; i < nb.Cells.Count; i++)
        {
            if (options.Interrupt.IsCancellationRequested) { interrupted = true; break; }
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
                failure ??= $"{label}: {note}";
                failedCell ??= i + 1;
                progress.WriteLine($"soilnb run: {label}: {note}");
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
            if (collector.Truncated)
                progress.WriteLine($"soilnb run: {label}: {cellName}: warning: its text output was truncated to {OutputCollector.MaxTextChars / (1024 * 1024)} Mi characters.");
            if (result.Status != CellStatus.Ok)
            {
                if (result.ErrorName == "Interrupted" || options.Interrupt.IsCancellationRequested) interrupted = true;
                var where = result.ErrorLine is { } l ? $", line {l}" : "";
                var message = $"{label}: {cellName}{where} failed: {result.ErrorName}: {result.ErrorMessage}";
                failure ??= message;
                failedCell ??= i + 1;
                progress.WriteLine($"soilnb run: {message}");
                if (interrupted || !options.ContinueOnError || result.Status == CellStatus.TimedOut || session.IsPoisoned) break;
            }
        }
        if (interrupted) failure ??= $"{label}: interrupted (SIGINT) before the next cell";
        return new ExecutionSummary(failure, failedCell, cellsRun, firstCell, interrupted);
    }

    /// <summary>
    /// Step 4: records the run in the notebook's metadata and writes the executed notebook and the HTML report,
    /// each atomically. Returns their paths.
    /// </summary>
    public static (string Executed, string Report) Write(Notebook nb, ExecutionSummary summary, RunOptions options,
        DateTimeOffset started, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(nb);
        ArgumentNullException.ThrowIfNull(summary);
        var (executed, report) = OutputPaths(nb, options.OutDir);
        nb.Metadata["soilnb"] = new JsonObject
        {
            ["version"] = typeof(NotebookRunner).Assembly.GetName().Version?.ToString(),
            ["start_time"] = started.ToString("O"),
            ["duration_seconds"] = Math.Round(elapsed.TotalSeconds, 3),
            ["status"] = summary.Failure is null ? "ok" : "failed",
            ["failed_cell"] = summary.FailedCell,
            ["parameters"] = new JsonObject((options.Parameters ?? []).Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value))),
        };
        if (nb.Format == NotebookFormat.Dib) nb.NbformatMinor = 5;
        // both rendered before either is written: a notebook the report cannot render leaves neither file behind
        var notebookText = NotebookWriter.ToText(nb);
        var html = HtmlReport.Render(nb, new ReportInfo(started, elapsed, summary.Failure, options.Parameters ?? []));
        SoilNotebooks.IO.AtomicFile.WriteAllText(executed, notebookText);
        SoilNotebooks.IO.AtomicFile.WriteAllText(report, html);
        return (executed, report);
    }

    /// <summary>
    /// Runs one notebook file (.ipynb or .dib): read → inject → execute (in a worker process started in the notebook's
    /// folder) → write. Never throws for notebook problems: see the exit code.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(string path, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sw = Stopwatch.StartNew();
        var progress = options.Progress ?? RoutingConsole.OriginalError;
        Notebook nb;
        try
        {
            nb = Read(path);
            Inject(nb, options.Parameters);
        }
        catch (Exception e) when (e is NotebookFormatException or ParameterException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            progress.WriteLine($"soilnb run: {e.Message}");
            int readCode = e is NotebookFormatException ? Commands.ExitCodes.Failed : Commands.ExitCodes.Usage;
            return new NotebookRunResult(path, null, null, readCode, e.Message, sw.Elapsed, 0, null);
        }

        // Checked before any cell runs: the destination must be usable and the executed notebook must not replace its
        // source (symbolic and hard links resolved).
        try
        {
            Commands.RunCommand.CheckCollisions([path], options.OutDir);
            Commands.OutputChecks.Folder(options.OutDir);
        }
        catch (Commands.OutputUnusableException e)
        {
            progress.WriteLine($"soilnb run: {e.Message}");
            return new NotebookRunResult(path, null, null, Commands.ExitCodes.OutputUnusable, e.Message, sw.Elapsed, 0, null);
        }

        var started = DateTimeOffset.UtcNow;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        ExecutionSummary summary;
        WorkerSession worker;
        try { worker = await WorkerSession.StartAsync(dir, progress).ConfigureAwait(false); }
        catch (WorkerStartException e)
        {
            progress.WriteLine($"soilnb run: {path}: {e.Message}");
            return new NotebookRunResult(path, null, null, Commands.ExitCodes.Failed, e.Message, sw.Elapsed, 0, null);
        }
        using (worker)
            summary = await ExecuteAsync(nb, worker, options, path).ConfigureAwait(false);

        string exe, report;
        try { (exe, report) = Write(nb, summary, options, started, sw.Elapsed); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var message = $"{path}: cannot write the executed notebook or the report into '{options.OutDir}': {e.Message}";
            progress.WriteLine($"soilnb run: {message}");
            return new NotebookRunResult(path, null, null, Commands.ExitCodes.OutputUnusable, message, sw.Elapsed, summary.CellsRun, summary.FirstCellElapsed);
        }
        progress.WriteLine($"soilnb run: {(summary.Failure is null ? "ok" : "FAILED")} in {sw.Elapsed.TotalSeconds:0.0} s → {exe}, {report}");
        int code = summary.Interrupted ? Commands.ExitCodes.Interrupted : summary.Failure is null ? 0 : Commands.ExitCodes.Failed;
        return new NotebookRunResult(path, exe, report, code, summary.Failure, sw.Elapsed,
            summary.CellsRun, summary.FirstCellElapsed);
    }
}
