using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using Plotly.NET;
using SoilNotebooks.Interactive.Display;
using Chart = SoilNotebooks.Interactive.Charts.Chart;

namespace SoilNotebooks.Interactive.Interop;

/// <summary>
/// Interop with Plotly.NET (6.0): a Plotly.NET <see cref="GenericChart"/> displays like our own charts (a
/// <c>application/vnd.plotly.v1+json</c> figure plus a self-drawing HTML fragment, plotly.js once per page, offline),
/// and our <see cref="Chart"/> converts to a <see cref="GenericChart"/> carrying the same traces and layout, for
/// users who continue in Plotly.NET (<c>Plotly.NET.CSharp</c>'s styling, <c>GenericChart.combine</c>, its exporters).
/// </summary>
public static class PlotlyNetInterop
{
    /// <summary>Height in pixels used when a Plotly.NET figure's layout sets none (our charts' default).</summary>
    public const int DefaultHeight = 420;

    /// <summary>
    /// Our chart as a Plotly.NET chart: each trace becomes a <see cref="Trace"/> of the same type with every property
    /// of our figure JSON, and the layout a <see cref="Layout"/> with every layout property (no Plotly.NET template
    /// is added, so it looks the same). Later Plotly.NET styling adds to or overrides these properties.
    /// </summary>
    public static GenericChart ToPlotlyNet(this Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = JObject.Parse(chart.ToPlotlyJson());
        var traces = new List<Trace>();
        foreach (var t in (JArray)figure["data"]!)
        {
            var o = (JObject)t;
            var trace = new Trace(o.Value<string>("type") ?? "scatter");
            foreach (var p in o.Properties().Where(p => p.Name != "type")) trace.SetProperty(p.Name, Plain(p.Value));
            traces.Add(trace);
        }
        var layout = new Layout();
        foreach (var p in ((JObject)figure["layout"]!).Properties()) layout.SetProperty(p.Name, Plain(p.Value));
        return GenericChart.setLayout(layout, GenericChart.ofTraceObjects(false, traces));
    }

    /// <summary>JSON as the values Plotly.NET's objects hold: objects as <see cref="DynamicObj.DynamicObj"/>, arrays as
    /// object arrays, scalars as .NET values.</summary>
    private static object? Plain(JToken token)
    {
        switch (token)
        {
            case JObject o:
                var d = new DynamicObj.DynamicObj();
                foreach (var p in o.Properties()) d.SetProperty(p.Name, Plain(p.Value));
                return d;
            case JArray a:
                return a.Select(Plain).ToArray();
            case JValue v:
                return v.Value;
            default:
                return token.ToString();
        }
    }

    /// <summary>
    /// The Plotly.NET chart as figure JSON <c>{"data": [...], "layout": {...}}</c> (Plotly.NET's
    /// <see cref="GenericChart.toFigureJson"/>; its empty <c>frames</c> list is dropped).
    /// </summary>
    public static string FigureJson(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var node = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        if (node["frames"] is JsonArray { Count: 0 }) node.Remove("frames");
        return node.ToJsonString();
    }

    /// <summary>The figure's layout height, or <see cref="DefaultHeight"/>.</summary>
    public static int Height(string figureJson)
    {
        var h = JsonNode.Parse(figureJson)?["layout"]?["height"];
        return h is JsonValue v && v.TryGetValue<double>(out var d) && d >= 50 ? (int)d : DefaultHeight;
    }

    /// <summary>A short text stand-in for a Plotly.NET chart (the text/plain representation).</summary>
    public static string Describe(GenericChart chart)
    {
        var traces = GenericChart.getTraces(chart).Select(t => t.TryGetTypedPropertyValue<string>("type")?.Value
            ?? "trace");
        return $"Plotly.NET chart: {string.Join(", ", traces)}";
    }
}
