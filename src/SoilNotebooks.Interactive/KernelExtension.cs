using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;

namespace SoilNotebooks.Interactive;

/// <summary>
/// What loading the extension does, in any host: registers HTML and plain-text formatters
/// (Microsoft.DotNet.Interactive.Formatting) for the library's public types and names the namespaces a notebook
/// gets. The real .NET Interactive kernel calls it through <see cref="SoilNotebooksKernelExtension"/> when a cell
/// runs <c>#r "nuget: SoilNotebooks.Interactive, …"</c>; <c>soilnb</c> calls it on the same cell.
/// </summary>
public static class KernelExtension
{
    private static int _registered;
    private static readonly Lazy<IReadOnlyList<string>> _namespaces = new(FindNamespaces);

    /// <summary>
    /// The namespaces loading the extension imports: <c>System.IO</c>, <c>System.Globalization</c> and every
    /// namespace with public types in the domain library and in this assembly (found by reflection, so a namespace
    /// that moves stays imported).
    /// </summary>
    public static IReadOnlyList<string> Namespaces => _namespaces.Value;

    /// <summary>The <c>using</c> directives of <see cref="Namespaces"/>, one line.</summary>
    public static string UsingDirectives => string.Join(" ", Namespaces.Select(n => $"using {n};"));

    /// <summary>Registers the formatters (idempotent, thread-safe).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        DomainFormatters.Both<Table>(t => t);
        Formatter.Register<Chart>(ChartFormatter.Html, "text/html");
        Formatter.Register<Chart>(ChartFormatter.PlotlyJson, MimeBundle.PlotlyMime);
        Formatter.SetPreferredMimeTypesFor(typeof(Chart), "text/html", MimeBundle.PlotlyMime);
        DomainFormatters.Both<RegressionMetrics>(MetricsTable);
        Formatter.Register<FlowDiagram>(d => d.ToHtml(), "text/html");
        Formatter.Register<FlowDiagram>(d => d.ToString(), "text/plain");
        Formatter.Register<IEnumerable<RegressionMetrics>>(ms => Table.Of(ms).ToHtml(), "text/html");
        DomainFormatters.Register();
        Interop.InteropFormatters.Register();
        ChartFormatter.RegisterDomainCharts();
    }

    private static IReadOnlyList<string> FindNamespaces()
    {
        var domain = ExportedTypes(typeof(Check).Assembly)
            .Where(t => t.Namespace is { } n && n.StartsWith("SoilNotebooks", StringComparison.Ordinal))
            .Select(t => t.Namespace!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        // this assembly's own namespaces are listed, not reflected: soilnb does not carry
        // Microsoft.DotNet.Interactive.dll, so the extension class's type cannot be loaded there.
        return ["System.IO", "System.Globalization", .. domain,
            "SoilNotebooks.Interactive", "SoilNotebooks.Interactive.Charts", "SoilNotebooks.Interactive.Display"];
    }

    private static IEnumerable<Type> ExportedTypes(Assembly a)
    {
        try { return a.GetExportedTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>().Where(t => t.IsPublic); }
    }

    private static Table MetricsTable(RegressionMetrics m) =>
        new(["n", "RMSE", "MAE", "bias", "R²", "RPIQ", "Pearson r"],
            [[m.N, m.Rmse, m.Mae, m.Bias, m.R2, m.Rpiq, m.PearsonR]]);
}
