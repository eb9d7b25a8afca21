using SoilNotebooks.Interactive.Display;

namespace SoilNotebooks.Runner.Execution;

/// <summary>
/// Members every notebook cell can use directly: <c>display(x)</c>, the notebook's folder, a cancellation token.
/// Named like Polyglot Notebooks' globals so notebooks read the same there.
/// </summary>
public class NotebookGlobals
{
    private readonly Func<OutputCollector?> _collector;
    private readonly Displayer _displayer;

    internal NotebookGlobals(Func<OutputCollector?> collector, Displayer displayer, string notebookDirectory)
    {
        _collector = collector;
        _displayer = displayer;
        NotebookDirectory = notebookDirectory;
    }

    /// <summary>The folder of the notebook file; relative paths in cells resolve against the current directory, which the runner sets to this folder.</summary>
    public string NotebookDirectory { get; }

    /// <summary>Cancelled when the run is stopped (timeout or shutdown); long loops may check it.</summary>
    public CancellationToken CancellationToken { get; internal set; }

    /// <summary>Shows a value below the cell (charts, tables, records, text).</summary>
    public void display(object? value)
    {
        var bundle = _displayer.ToBundle(value);
        if (bundle is not null) _collector()?.Display(bundle);
    }

    /// <summary>Shows HTML markup below the cell.</summary>
    public void displayHtml(string html) => display(new RawHtml(html));
}
