using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using SoilNotebooks.Interactive.Display;

namespace SoilNotebooks.Interactive.Interop;

/// <summary>
/// Formatters for the interop types, registered by <see cref="KernelExtension.Register"/> so they apply in every
/// host that formats through Microsoft.DotNet.Interactive.Formatting: a <see cref="DataFrame"/> shows as our table
/// (column names carry the units), a Plotly.NET <see cref="GenericChart"/> as our chart fragment. (soilnb's
/// <see cref="Displayer"/> also gives a GenericChart the plotly MIME output.)
/// </summary>
internal static class InteropFormatters
{
    /// <summary>
    /// Registers them (called once) where Plotly.NET and Microsoft.Data.Analysis load: soilnb carries both; in the real
    /// kernel they are there once a notebook references them, and otherwise there is nothing to format.
    /// </summary>
    internal static void Register()
    {
        try { RegisterLoaded(); }
        catch (FileNotFoundException) { }   // the interop assemblies are absent: no such values can be displayed
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void RegisterLoaded()
    {
        DomainFormatters.Both<DataFrame>(f => f.ToDisplayTable());
        Formatter.Register<GenericChart>(g =>
        {
            var json = PlotlyNetInterop.FigureJson(g);
            return ChartHtml.Fragment(json, PlotlyNetInterop.Height(json));
        }, "text/html");
        Formatter.Register<GenericChart>(PlotlyNetInterop.Describe, "text/plain");
    }
}
