using System.Text.Json.Nodes;

namespace SoilNotebooks.Interactive.Display;

/// <summary>
/// A displayed value in several representations, keyed by MIME type, as Jupyter's <c>display_data</c> and
/// <c>execute_result</c> carry them. Always holds <c>text/plain</c> and <c>text/html</c>; charts add
/// <c>application/vnd.plotly.v1+json</c> (rendered natively by VS Code and JupyterLab's Plotly renderer).
/// </summary>
public sealed class MimeBundle
{
    /// <summary>MIME type of Plotly figures.</summary>
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    /// <summary>The representations: MIME type → content (a string, or a JSON value for JSON MIME types).</summary>
    public Dictionary<string, JsonNode> Data { get; } = new(StringComparer.Ordinal);

    /// <summary>Plain-text representation.</summary>
    public string Text => Data.TryGetValue("text/plain", out var t) ? t.GetValue<string>() : "";

    /// <summary>HTML representation.</summary>
    public string Html => Data.TryGetValue("text/html", out var t) ? t.GetValue<string>() : "";

    /// <summary>The Plotly figure JSON, when the value was a chart.</summary>
    public JsonNode? PlotlyFigure => Data.TryGetValue(PlotlyMime, out var f) ? f : null;

    /// <summary>Builds a bundle from text and HTML.</summary>
    public static MimeBundle Of(string text, string html)
    {
        var b = new MimeBundle();
        b.Data["text/plain"] = text;
        b.Data["text/html"] = html;
        return b;
    }

    /// <summary>The <c>data</c> object of a Jupyter output (a deep copy).</summary>
    public JsonObject ToJupyterData()
    {
        var o = new JsonObject();
        foreach (var (k, v) in Data.OrderBy(kv => kv.Key, StringComparer.Ordinal)) o[k] = v.DeepClone();
        return o;
    }
}
