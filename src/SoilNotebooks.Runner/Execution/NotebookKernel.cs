using Microsoft.AspNetCore.Html;
using SoilNotebooks.Interactive.Display;

namespace SoilNotebooks.Runner.Execution;

/// <summary>
/// The names every cell sees besides its usings, imported with <c>using static</c> like the real C# kernel's
/// <c>Microsoft.DotNet.Interactive.Kernel</c>: <c>display(x)</c> and <c>HTML(markup)</c>. Cells run without a
/// globals object, so no other member (e.g. <c>object.ReferenceEquals</c>) leaks into them.
/// </summary>
public static class NotebookKernel
{
    private static readonly AsyncLocal<CellContext?> _current = new();

    /// <summary>Where the running cell's outputs go (set by the session for the cell's async flow).</summary>
    internal sealed record CellContext(Displayer Displayer, OutputCollector Collector);

    internal static CellContext? Current { get => _current.Value; set => _current.Value = value; }

    /// <summary>Shows a value below the cell (charts, tables, records, text).</summary>
    /// <param name="value">The value.</param>
    /// <param name="mimeTypes">Accepted for compatibility with the real kernel; soilnb chooses the MIME types.</param>
    public static void display(object? value, params string[] mimeTypes)
    {
        if (Current is not { } c) return;
        var bundle = c.Displayer.ToBundle(value is IHtmlContent h ? new RawHtml(h.ToString() ?? "") : value);
        if (bundle is not null) c.Collector.Display(bundle);
    }

    /// <summary>HTML content to display or return as a cell's result.</summary>
    /// <param name="content">The markup.</param>
    public static IHtmlContent HTML(string content) => new HtmlString(content);
}
