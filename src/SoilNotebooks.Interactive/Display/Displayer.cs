using System.Collections;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Sampling;
using SoilNotebooks.Interactive.Interop;

namespace SoilNotebooks.Interactive.Display;

/// <summary>
/// Turns values into <see cref="MimeBundle"/>s, the way a notebook shows them: charts as Plotly figures with an
/// HTML fallback, strings as text, and everything else through the HTML formatters registered with
/// Microsoft.DotNet.Interactive.Formatting (see <see cref="KernelExtension"/>).
/// One instance per notebook run: it remembers whether plotly.js was already embedded in an output.
/// </summary>
public sealed class Displayer
{
    private bool _plotlyEmbedded;

    /// <summary>
    /// When true (the default), the first chart's <c>text/html</c> embeds plotly.js once, so the executed
    /// .ipynb renders charts offline in Jupyter front ends that run output scripts. Reports inline it in the page
    /// head instead and render from the Plotly JSON.
    /// </summary>
    public bool EmbedPlotlyInFirstChart { get; init; } = true;

    static Displayer() => KernelExtension.Register();

    /// <summary>Formats a value. Returns null for null (nothing to show).</summary>
    public MimeBundle? ToBundle(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case MimeBundle b:
                return b;
            case var v when ToChart(v) is { } converted:
                return ToBundle(converted);
            case Chart chart:
                return FigureBundle(chart.ToString(), chart.ToPlotlyJson(), chart.Height);
            case Plotly.NET.GenericChart generic:
            {
                var json = PlotlyNetInterop.FigureJson(generic);
                return FigureBundle(PlotlyNetInterop.Describe(generic), json, PlotlyNetInterop.Height(json));
            }
            case IEnumerable e when ScriptRecordElement(value.GetType()) is { } elementType:
                var table = (Table)typeof(Table).GetMethod(nameof(Table.Of))!.MakeGenericMethod(elementType).Invoke(null, [e, null])!;
                return MimeBundle.Of(table.ToString(), table.ToHtml());
            case SoilNotebooks.Learning.Neural.Model model:
                return ToBundle(DomainCharts.LayerTable(model));
            case string s:
                return MimeBundle.Of(s, $"<pre class=\"soilnb-text\">{WebUtility.HtmlEncode(s)}</pre>");
            case RawHtml h:
                return MimeBundle.Of(StripTags(h.Html), h.Html);
            default:
                string html, text;
                try { html = value.ToDisplayString("text/html"); }
                catch (Exception e) { html = $"<pre>{WebUtility.HtmlEncode(value.ToString() ?? "")}</pre><!-- formatter failed: {WebUtility.HtmlEncode(e.Message)} -->"; }
                try { text = value.ToDisplayString("text/plain"); }
                catch (Exception) { text = value.ToString() ?? ""; }
                return MimeBundle.Of(text, html);
        }
    }

    /// <summary>A Plotly figure's bundle: plotly MIME + HTML (plotly.js embedded in the first chart of a run).</summary>
    private MimeBundle FigureBundle(string text, string json, int height)
    {
        bool embed = EmbedPlotlyInFirstChart && !_plotlyEmbedded && PlotlyAsset.Script is not null;
        if (embed) _plotlyEmbedded = true;
        var bundle = MimeBundle.Of(text, ChartHtml.Fragment(json, height, embed));
        bundle.Data[MimeBundle.PlotlyMime] = JsonNode.Parse(json)!;
        return bundle;
    }

    /// <summary>
    /// Results that display as charts: raster values and bare-soil masks as maps, composites as bare-soil frequency
    /// maps, threshold searches as heat maps, cross-validations and prediction values as observed-vs-predicted plots
    /// (with the interval chart when a prediction has intervals).
    /// </summary>
    public static Chart? ToChart(object value) => value switch
    {
        SoilNotebooks.Compositing.CompositeResult c => DomainCharts.BareFrequencyMap(c),
        SoilNotebooks.Rasters.Raster r => RasterCharts.Display(r),
        SoilNotebooks.Compositing.BareSoilMask m => RasterCharts.Display(m.Raster),
        SoilNotebooks.Sampling.ThresholdSearchResult t => DomainCharts.ThresholdHeatmap(t),
        SoilNotebooks.Learning.Validation.CrossValidationResult cv => DomainCharts.ObservedVsPredicted(cv),
        SoilNotebooks.Evaluation.Prediction p => PredictionCharts.Of(p),
        IReadOnlyList<SoilNotebooks.Learning.Neural.FilterProfile> { Count: > 0 } fp => DomainCharts.FilterPanels(fp),
        IReadOnlyList<SoilNotebooks.Learning.Neural.TrainingHistory> { Count: > 0 } h => DomainCharts.LossCurves(h),
        SoilNotebooks.Learning.Neural.TrainingHistory h1 => DomainCharts.LossCurves([h1]),
        SoilNotebooks.Evaluation.ObservedVsPredicted ovp => DomainCharts.ObservedVsPredicted(ovp),
        SoilNotebooks.Evaluation.RocCurve roc => DomainCharts.RocChart(roc),
        IReadOnlyList<SoilNotebooks.Learning.Forests.FeatureImportance> { Count: > 0 } imp => DomainCharts.ImportanceBars(imp),
        _ => null,
    };

    /// <summary>
    /// The element type of a collection of records declared in a notebook (or anonymous objects), which show as a
    /// compact <see cref="Table"/> (units in headers) rather than the generic nested formatter; else null.
    /// </summary>
    internal static Type? ScriptRecordElement(Type type)
    {
        var enumerable = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        if (enumerable is null) return null;
        var t = enumerable.GetGenericArguments()[0];
        bool scriptDefined = t.Assembly.IsDynamic || (t.FullName ?? "").StartsWith("Submission#", StringComparison.Ordinal);
        bool anonymous = t.Name.Contains("AnonymousType", StringComparison.Ordinal);
        return (scriptDefined || anonymous) && t.GetProperties().Length > 0 ? t : null;
    }

    private static string StripTags(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", "").Trim();
}

/// <summary>HTML content to display as is (like IHtmlContent): <c>display(new RawHtml("&lt;b&gt;hi&lt;/b&gt;"))</c>.</summary>
/// <param name="Html">The markup.</param>
public sealed record RawHtml(string Html)
{
    /// <inheritdoc/>
    public override string ToString() => Html;
}
