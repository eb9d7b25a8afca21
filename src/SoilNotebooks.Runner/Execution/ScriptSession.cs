using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using SoilNotebooks.Interactive;
using SoilNotebooks.Interactive.Display;

namespace SoilNotebooks.Runner.Execution;

/// <summary>What happened when a cell ran.</summary>
public enum CellStatus
{
    /// <summary>The cell completed.</summary>
    Ok,
    /// <summary>The cell did not compile or threw.</summary>
    Error,
    /// <summary>The cell exceeded the time limit; the session can no longer be used.</summary>
    TimedOut,
}

/// <summary>The result of one cell.</summary>
/// <param name="Status">Outcome.</param>
/// <param name="Outputs">nbformat outputs in order.</param>
/// <param name="ExecutionCount">The execution counter given to the cell.</param>
/// <param name="ErrorName">Exception type or "CompilationError", when failed.</param>
/// <param name="ErrorMessage">The message, when failed.</param>
/// <param name="ErrorLine">1-based line in the cell where it failed, when known.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record CellResult(CellStatus Status, IReadOnlyList<System.Text.Json.Nodes.JsonObject> Outputs, int ExecutionCount,
    string? ErrorName, string? ErrorMessage, int? ErrorLine, TimeSpan Elapsed);

/// <summary>
/// One C# scripting session (Roslyn scripting): cells run in order in one script state, so variables, types and
/// <c>using</c>s of earlier cells stay visible. Supports top-level <c>await</c>, <c>#r "file.dll"</c> relative to the
/// notebook folder, <c>#i "nuget: feed"</c> + <c>#r "nuget: Id, Version"</c> resolved offline
/// (<see cref="NugetResolver"/>), <c>display(x)</c> and the value of a trailing expression. The usings and visible
/// names are the real C# kernel's (<see cref="DefaultImports"/>, <see cref="NotebookKernel"/>); loading the package
/// SoilNotebooks.Interactive adds <see cref="KernelExtension.Namespaces"/>, as the kernel extension does there.
/// </summary>
public sealed class ScriptSession : ICellSession
{
    /// <summary>
    /// Namespaces imported into every notebook: those of the real .NET Interactive C# kernel (measured with
    /// dotnet-repl 0.3.259: <c>Path</c>, <c>CultureInfo</c>, <c>Regex</c>, <c>Formatter</c> are not visible there) and
    /// <c>using static</c> <see cref="NotebookKernel"/> for <c>display</c> and <c>HTML</c>.
    /// </summary>
    public static readonly string[] DefaultImports =
    [
        "System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks",
        typeof(NotebookKernel).FullName!,
    ];

    /// <summary>The package id of the kernel extension, which soilnb already carries.</summary>
    public const string ExtensionPackageId = "SoilNotebooks.Interactive";

    private static readonly Regex MagicLine = new(@"^\s*#!(\S+)", RegexOptions.Multiline | RegexOptions.Compiled);

    private readonly Displayer _displayer;
    private readonly List<string> _feeds = [];
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private int _counter;
    private bool _poisoned;
    private readonly ScriptCompaction _compaction = new();
    // one loader for every chain, so an assembly loaded by #r is the same assembly after a compaction
    private readonly Microsoft.CodeAnalysis.Scripting.Hosting.InteractiveAssemblyLoader _loader = new();
    private int _chainLength;

    /// <summary>Creates a session for a notebook in <paramref name="notebookDirectory"/>.</summary>
    public ScriptSession(string notebookDirectory, Displayer? displayer = null)
    {
        KernelExtension.Register();
        RoutingConsole.Install();
        NotebookDirectory = Path.GetFullPath(notebookDirectory);
        _displayer = displayer ?? new Displayer();
        _options = ScriptOptions.Default
            .WithReferences(DefaultReferences())
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(NotebookDirectory).WithSearchPaths(NotebookDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, NotebookDirectory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true);
    }

    /// <summary>The notebook folder (base of <c>#r</c> paths).</summary>
    public string NotebookDirectory { get; }

    /// <summary>Number of cells executed so far (the next execution count minus one).</summary>
    public int ExecutionCount => _counter;

    /// <summary>
    /// After this many cells in one script chain the chain is compacted (<see cref="ScriptCompaction"/>), so that a
    /// long notebook's cells do not compile slower and slower; 0 turns compaction off. The default is
    /// <see cref="DefaultCompactAfter"/>, or the environment variable <c>SOILNB_COMPACT_AFTER</c> when it holds a
    /// whole number ≥ 0 (so that a run or a kernel can be measured without compaction).
    /// </summary>
    public int CompactAfter { get; init; } = CompactAfterFromEnvironment();

    /// <summary>The default of <see cref="CompactAfter"/>.</summary>
    public const int DefaultCompactAfter = 200;

    private static int CompactAfterFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("SOILNB_COMPACT_AFTER"), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : DefaultCompactAfter;

    /// <summary>How many times the script chain was compacted.</summary>
    public int Compactions { get; private set; }

    /// <summary>Why the chain can no longer be compacted in this session (the cell and what it declares), or null.</summary>
    public string? CompactionBlockedReason => _compaction.BlockedReason;

    /// <summary>Submissions in the current script chain (since the start or the last compaction).</summary>
    public int ChainLength => _chainLength;

    /// <summary>True after a timed-out cell: its code may still run, so the session refuses further cells.</summary>
    public bool IsPoisoned => _poisoned;

    private static IEnumerable<Assembly> DefaultReferences()
    {
        Type[] anchors =
        [
            typeof(object), typeof(Enumerable), typeof(List<>), typeof(Console), typeof(File), typeof(Stopwatch),
            typeof(Regex), typeof(System.Text.Json.JsonSerializer), typeof(System.Text.Json.Nodes.JsonNode),
            typeof(System.Collections.Concurrent.ConcurrentDictionary<,>), typeof(System.Numerics.BigInteger),
            typeof(System.Net.Http.HttpClient), typeof(Uri), typeof(System.ComponentModel.INotifyPropertyChanged),
            typeof(System.Collections.Immutable.ImmutableArray), typeof(System.Runtime.CompilerServices.DynamicAttribute),
            typeof(Microsoft.CSharp.RuntimeBinder.Binder), typeof(System.Linq.Expressions.Expression), typeof(ValueTuple),
            typeof(System.Collections.BitArray), typeof(System.Threading.Channels.Channel), typeof(System.Xml.XmlDocument),
            typeof(System.Xml.Linq.XDocument), typeof(System.Data.DataTable), typeof(System.Buffers.ArrayPool<>),
            typeof(System.Numerics.Tensors.TensorPrimitives), typeof(System.Numerics.Vector<>),
            typeof(SoilNotebooks.Check), typeof(KernelExtension), typeof(NotebookKernel),
            typeof(Microsoft.AspNetCore.Html.IHtmlContent),
            typeof(Microsoft.DotNet.Interactive.Formatting.Formatter),
            // interop packages the kernel extension brings (issue 12 item 7)
            typeof(Plotly.NET.GenericChart), typeof(Plotly.NET.CSharp.Chart), typeof(Microsoft.FSharp.Core.FSharpOption<>),
            typeof(Microsoft.Data.Analysis.DataFrame),
        ];
        var set = new HashSet<Assembly>(anchors.Select(t => t.Assembly));
        foreach (var name in new[] { "System.Runtime", "netstandard", "System.Collections", "System.Linq", "System.Console", "System.Threading.Tasks", "System.Text.RegularExpressions", "System.Runtime.InteropServices", "MathNet.Numerics", "CsvHelper" })
            try { set.Add(Assembly.Load(name)); } catch (FileNotFoundException) { }
        return set;
    }

    /// <inheritdoc/>
    Task<CellResult> ICellSession.ExecuteAsync(string code, string cellName, TimeSpan? timeout, OutputCollector collector) =>
        ExecuteAsync(code, cellName, timeout, collector);

    /// <summary>Releases the assembly loader; the script state is collected with the session.</summary>
    public void Dispose() => _loader.Dispose();

    /// <summary>How long an interrupted cell may take to stop before it is abandoned.</summary>
    public static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(2);

    private volatile TaskCompletionSource? _interrupt;

    /// <inheritdoc/>
    public void Interrupt() => _interrupt?.TrySetResult();

    /// <summary>
    /// Runs one cell. Compilation errors and exceptions become an <c>error</c> output; console output and
    /// <c>display</c> calls become outputs; a trailing expression's value becomes <c>execute_result</c>.
    /// </summary>
    /// <param name="code">The C# source of the cell.</param>
    /// <param name="cellName">Name used in stack traces and messages, e.g. "cell 4".</param>
    /// <param name="timeout">Time limit, or null for none.</param>
    /// <param name="collector">Receives outputs (pass one with an OutputAdded handler to stream them).</param>
    public async Task<CellResult> ExecuteAsync(string code, string cellName, TimeSpan? timeout = null, OutputCollector? collector = null)
    {
        if (_poisoned) throw new InvalidOperationException("This session ran a cell that exceeded its time limit; start a new session (restart the kernel).");
        collector ??= new OutputCollector();
        int count = ++_counter;
        var sw = Stopwatch.StartNew();
        // Armed before compiling: an interrupt that arrives while the cell compiles (seconds under load) stops it before
        // it runs, instead of being lost and leaving the cell to run to its end.
        var interrupt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _interrupt = interrupt;

        if (ApplyPackageDirectives(ref code) is { } failure)
            return Fail(collector, count, sw, failure.Name, failure.Message, failure.Line);
        var magic = MagicLine.Match(code);
        if (magic.Success)
            return Fail(collector, count, sw, "UnsupportedMagicCommand",
                $"The magic command '#!{magic.Groups[1].Value}' is not supported by soilnb; only C# code can run here.", LineOf(code, MagicLine));

        var options = _options.WithFilePath(cellName.Replace(' ', '-'));
        if (CompactAfter > 0 && _chainLength >= CompactAfter && _compaction.BlockedReason is null)
            await CompactAsync().ConfigureAwait(false);

        // Compile first (outside the time limit: the first cell pays Roslyn's start-up), then run.
        Script<object> script = _state is null
            ? CSharpScript.Create<object>(code, options, assemblyLoader: _loader)
            : _state.Script.ContinueWith<object>(code, options);
        var diagnostics = await Task.Run(() => script.Compile()).ConfigureAwait(false);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            var messages = errors.Select(d => $"{cellName}, line {LineOf(d) ?? 0}: {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            return Fail(collector, count, sw, "CompilationError", string.Join("\n", messages), LineOf(errors[0]));
        }
        if (interrupt.Task.IsCompleted)
            return Fail(collector, count, sw, "Interrupted", $"{cellName} was interrupted (SIGINT) before it ran; the variables of earlier cells are kept.", null);
        // the syntax tree Roslyn just parsed for this submission (no second parse)
        bool trailingExpression = HasTrailingExpression(script.GetCompilation().SyntaxTrees.Last());

        var cts = new CancellationTokenSource();
        var previous = _state;
        var run = Task.Run(async () =>
        {
            using var _ = RoutingConsole.Capture(collector);
            NotebookKernel.Current = new NotebookKernel.CellContext(_displayer, collector);
            return previous is null
                ? await script.RunAsync(null, _ => true, cts.Token).ConfigureAwait(false)
                : await script.RunFromAsync(previous, _ => true, cts.Token).ConfigureAwait(false);
        });

        try
        {
            var limitTask = timeout is { } limit ? Task.Delay(limit) : Task.Delay(Timeout.Infinite);
            var done = await Task.WhenAny(run, limitTask, interrupt.Task).ConfigureAwait(false);
            if (done == interrupt.Task)
            {
                cts.Cancel();
                var stopped = await Task.WhenAny(run, Task.Delay(InterruptGrace)).ConfigureAwait(false) == run;
                if (!stopped) collector.Detach();   // the abandoned cell's later writes go nowhere
                var message = stopped
                    ? $"{cellName} was interrupted (SIGINT); the variables of earlier cells are kept."
                    : $"{cellName} was interrupted (SIGINT) and did not stop within {InterruptGrace.TotalSeconds:0} s, so it was " +
                      "abandoned: it may still run in the background until the kernel restarts; the variables of earlier cells are kept.";
                _ = run.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                return Fail(collector, count, sw, "Interrupted", message, null);
            }
            if (done == limitTask)
            {
                cts.Cancel();
                _poisoned = true;
                collector.Flush();
                return Fail(collector, count, sw, "CellTimeoutException",
                    $"{cellName} did not finish within the time limit of {timeout!.Value.TotalSeconds:0.###} s (--timeout); later cells were not run.", null, CellStatus.TimedOut);
            }
        }
        finally { _interrupt = null; }

        ScriptState<object> state;
        try { state = await run.ConfigureAwait(false); }
        catch (Exception e)
        {
            return FailException(collector, count, sw, e, cellName);
        }

        _state = state;
        _chainLength++;
        _compaction.Record(script.GetCompilation(), cellName);
        if (state.Exception is { } ex) return FailException(collector, count, sw, ex, cellName);

        if (trailingExpression && state.ReturnValue is { } value)
        {
            var bundle = _displayer.ToBundle(value);
            if (bundle is not null) collector.Result(bundle, count);
        }
        collector.Flush();
        return new CellResult(CellStatus.Ok, collector.Outputs, count, null, null, null, sw.Elapsed);
    }

    /// <summary>
    /// Replaces the script chain by one submission that re-declares its variables with their current values
    /// (<see cref="ScriptCompaction"/>). On any failure the old chain is kept and compaction is not tried again.
    /// </summary>
    private async Task CompactAsync()
    {
        if (_state is null) return;
        var globals = new CarriedVariables();
        foreach (var name in _compaction.VariableNames) globals.__soilnb_carried[name] = _state.GetVariable(name)?.Value;
        try
        {
            var prologue = CSharpScript.Create<object>(_compaction.Prologue(), _options.WithFilePath("soilnb-compaction"),
                typeof(CarriedVariables), _loader);
            var errors = (await Task.Run(() => prologue.Compile()).ConfigureAwait(false))
                .Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
            {
                _compaction.Refuse($"the compacted chain did not compile: {errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
                return;
            }
            var state = await prologue.RunAsync(globals).ConfigureAwait(false);
            if (state.Exception is { } e) { _compaction.Refuse($"the compacted chain threw {e.GetType().Name}"); return; }
            _state = state;
            _chainLength = 0;
            Compactions++;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _compaction.Refuse($"the compacted chain failed: {e.GetType().Name}: {e.Message}");
        }
        finally { globals.__soilnb_carried.Clear(); }
    }

    /// <summary>
    /// Blanks the cell's <c>#i</c>/<c>#r "nuget:"</c> lines, adds its feeds (relative to the notebook) and references
    /// the packages' assemblies; the kernel extension's package adds its namespaces. Null when all resolved.
    /// </summary>
    private (string Name, string Message, int? Line)? ApplyPackageDirectives(ref string code)
    {
        IReadOnlyList<Packages.PackageReferenceLine> references;
        try
        {
            (code, var sources, references) = Packages.NugetDirectives.Parse(code);
            _feeds.AddRange(sources.Select(f => Path.GetFullPath(f, NotebookDirectory)));
        }
        catch (FormatException e) { return ("InvalidDirective", e.Message, null); }
        var host = new HashSet<string>(_options.MetadataReferences.OfType<PortableExecutableReference>()
            .Select(r => Path.GetFileNameWithoutExtension(r.FilePath ?? "")), StringComparer.OrdinalIgnoreCase);
        var resolver = new Packages.NugetResolver(_feeds, host.Contains);
        foreach (var r in references)
        {
            if (IsBuiltInExtension(r))
            {
                _options = _options.AddImports(KernelExtension.Namespaces);   // soilnb carries this very build
                continue;
            }
            Packages.ResolvedPackage package;
            try { package = resolver.Resolve(r.Id, r.Version); }
            catch (Packages.PackageNotFoundException e) { return ("PackageNotFound", e.Message, r.Line); }
            var extra = package.Assemblies.Where(a => !host.Contains(Path.GetFileNameWithoutExtension(a))).ToArray();
            _options = _options.AddReferences(extra.Select(a => MetadataReference.CreateFromFile(a)));
            foreach (var a in extra) host.Add(Path.GetFileNameWithoutExtension(a));
            if (string.Equals(package.Id, ExtensionPackageId, StringComparison.OrdinalIgnoreCase))
                _options = _options.AddImports(KernelExtension.Namespaces);
        }
        return null;
    }

    /// <summary>The kernel extension package at the version soilnb was built with (or no version).</summary>
    private static bool IsBuiltInExtension(Packages.PackageReferenceLine r) =>
        string.Equals(r.Id, ExtensionPackageId, StringComparison.OrdinalIgnoreCase)
        && (r.Version is null or "*" || Packages.SemVerComparer.Instance.Compare(r.Version,
                typeof(KernelExtension).Assembly.GetName().Version!.ToString()) == 0);

    private static int? LineOf(Diagnostic d) => d.Location.IsInSource ? d.Location.GetLineSpan().StartLinePosition.Line + 1 : null;

    private static bool HasTrailingExpression(SyntaxTree tree)
    {
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var last = root.Members.LastOrDefault();
        return last is GlobalStatementSyntax { Statement: ExpressionStatementSyntax es } && es.SemicolonToken.IsMissing;
    }

    private static int? LineOf(string code, Regex re)
    {
        var m = re.Match(code);
        return m.Success ? code[..m.Index].Count(c => c == '\n') + 1 + (code[m.Index] == '\n' ? 1 : 0) : null;
    }

    private static CellResult FailException(OutputCollector collector, int count, Stopwatch sw, Exception e, string cellName)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } agg) e = agg.InnerExceptions[0];
        if (e is TargetInvocationException { InnerException: { } inner }) e = inner;
        var fileName = cellName.Replace(' ', '-');
        var m = Regex.Match(e.StackTrace ?? "", Regex.Escape(fileName) + @":line (\d+)");
        int? line = m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var trace = CleanStackTrace(e, fileName);
        collector.Flush();
        collector.Error(e.GetType().FullName ?? e.GetType().Name, e.Message, [$"{e.GetType().FullName}: {e.Message}", .. trace]);
        return new CellResult(CellStatus.Error, collector.Outputs, count, e.GetType().FullName, e.Message, line, sw.Elapsed);
    }

    /// <summary>Stack frames without Roslyn's scripting plumbing; frames in the cell keep "cell-N:line L".</summary>
    private static string[] CleanStackTrace(Exception e, string fileName)
    {
        var lines = (e.StackTrace ?? "").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                        && !l.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal)
                        && !l.Contains("--- End of stack trace", StringComparison.Ordinal)
                        && !l.Contains("System.Threading.ExecutionContext", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l, @"Submission#\d+\.<<Initialize>>d__\d+\.MoveNext\(\)", "<cell>"))
            .ToArray();
        if (e.InnerException is { } inner) lines = [.. lines, $" ---> {inner.GetType().FullName}: {inner.Message}"];
        return lines;
    }

    private static CellResult Fail(OutputCollector collector, int count, Stopwatch sw, string ename, string message, int? line, CellStatus status = CellStatus.Error)
    {
        collector.Flush();
        collector.Error(ename, message, [$"{ename}: {message}"]);
        return new CellResult(status, collector.Outputs, count, ename, message, line, sw.Elapsed);
    }
}
