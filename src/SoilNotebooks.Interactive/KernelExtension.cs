using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Interactive.Display;

namespace SoilNotebooks.Interactive;

/// <summary>
/// The kernel extension: registers HTML and plain-text formatters (Microsoft.DotNet.Interactive.Formatting) for
/// the library's public types. <c>soilnb run</c> and <c>soilnb serve</c> call <see cref="Register"/> before the
/// first cell; in another .NET notebook host, reference this assembly and call it once.
/// </summary>
public static class KernelExtension
{
    private static int _registered;

    /// <summary>Registers the formatters (idempotent, thread-safe).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        DomainFormatters.Both<Table>(t => t);
        Formatter.Register<Chart>(c => ChartHtml.Fragment(c.ToPlotlyJson(), c.Height), "text/html");
        DomainFormatters.Both<RegressionMetrics>(MetricsTable);
        Formatter.Register<IEnumerable<RegressionMetrics>>(ms => Table.Of(ms).ToHtml(), "text/html");
        DomainFormatters.Register();
        Interop.InteropFormatters.Register();
        RegisterMap<SoilNotebooks.Rasters.Raster>(RasterCharts.Display);
        RegisterMap<SoilNotebooks.Compositing.BareSoilMask>(m => RasterCharts.Display(m.Raster));
    }

    /// <summary>Registers a type that displays as a map: the chart as HTML, its description as text.</summary>
    private static void RegisterMap<T>(Func<T, Chart> chart)
    {
        Formatter.Register<T>(v => { var c = chart(v); return ChartHtml.Fragment(c.ToPlotlyJson(), c.Height); },
            "text/html");
        Formatter.Register<T>(v => v?.ToString() ?? "", "text/plain");
    }


    private static Table MetricsTable(RegressionMetrics m) =>
        new(["n", "RMSE", "MAE", "bias", "R²", "RPIQ", "Pearson r"], [[m.N, m.Rmse, m.Mae, m.Bias, m.R2, m.Rpiq, m.PearsonR]]);
}
