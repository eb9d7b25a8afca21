using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Interactive.Charts;

namespace SoilNotebooks.Interactive.Display;

/// <summary>
/// The formatters a chart gets in a .NET Interactive kernel (soilnb's <see cref="Displayer"/> builds its bundle
/// itself): <c>application/vnd.plotly.v1+json</c> for front ends that render Plotly natively, and a
/// <c>text/html</c> fragment whose first instance in the process inlines plotly.js, so charts draw offline in
/// front ends without a Plotly renderer (Jupyter classic and Lab, nbconvert's HTML).
/// </summary>
internal static class ChartFormatter
{
    private static int _plotlyEmbedded;

    /// <summary>The HTML fragment; the first one of the process carries plotly.js.</summary>
    internal static string Html(Chart chart)
    {
        bool embed = PlotlyAsset.Script is not null && Interlocked.Exchange(ref _plotlyEmbedded, 1) == 0;
        return ChartHtml.Fragment(chart.ToPlotlyJson(), chart.Height, embed);
    }

    /// <summary>The Plotly figure JSON.</summary>
    internal static string PlotlyJson(Chart chart) => chart.ToPlotlyJson();

    /// <summary>
    /// Domain results that display as charts (see <see cref="Displayer.ToChart"/>) get both formatters.
    /// </summary>
    internal static void RegisterDomainCharts()
    {
        As<SoilNotebooks.Compositing.CompositeResult>();
        As<SoilNotebooks.Sampling.ThresholdSearchResult>();
        As<SoilNotebooks.Learning.Validation.CrossValidationResult>();
        As<SoilNotebooks.Rasters.Raster>();
        As<SoilNotebooks.Compositing.BareSoilMask>();
        // a raster value's text is its one-line description ("3×2 px, EPSG:…, bands …"), not an object dump
        Formatter.Register<SoilNotebooks.Rasters.Raster>(r => r.ToString(), "text/plain");
        Formatter.Register<SoilNotebooks.Compositing.BareSoilMask>(m => m.ToString(), "text/plain");
        As<SoilNotebooks.Evaluation.Prediction>();
        As<SoilNotebooks.Learning.Neural.TrainingHistory>();
        As<SoilNotebooks.Evaluation.ObservedVsPredicted>();
        As<SoilNotebooks.Evaluation.RocCurve>();
    }

    private static void As<T>() where T : class
    {
        Formatter.Register<T>(v => Displayer.ToChart(v) is { } c ? Html(c) : v.ToString() ?? "", "text/html");
        Formatter.Register<T>(v => Displayer.ToChart(v) is { } c ? PlotlyJson(c) : "{}", MimeBundle.PlotlyMime);
        Formatter.SetPreferredMimeTypesFor(typeof(T), "text/html", MimeBundle.PlotlyMime);
    }
}
