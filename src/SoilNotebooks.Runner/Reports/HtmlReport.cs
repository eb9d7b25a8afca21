using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.IO;
using SoilNotebooks.Runner.Notebooks;

namespace SoilNotebooks.Runner.Reports;

/// <summary>Run details printed at the top of a report.</summary>
public sealed record ReportInfo(DateTimeOffset Started, TimeSpan Elapsed, string? Failure, IReadOnlyList<KeyValuePair<string, string>> Parameters);

/// <summary>
/// Writes one self-contained HTML page per executed notebook: rendered markdown, code, outputs and charts.
/// plotly.js is inlined once in the head when the notebook has a chart; a Content-Security-Policy forbids every
/// network request, so the page opens offline and nothing leaves the machine.
/// </summary>
public static class HtmlReport
{
    /// <summary>The page's Content-Security-Policy: inline scripts and styles, data: images, no network.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; worker-src blob:; connect-src 'none'; form-action 'none'; base-uri 'none'";

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private const string Css = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.5}
header{border-bottom:2px solid #8a5a2b;margin-bottom:1.5rem}header h1{margin:.2rem 0}.meta{color:#57606a;font-size:.9rem}
.cell{margin:1rem 0}.code pre.src{background:#f6f8fa;border-left:3px solid #8a5a2b;padding:.6rem .8rem;overflow-x:auto;font-size:.85rem}
.prompt{color:#8a5a2b;font:600 .75rem monospace}.out{margin:.3rem 0 .3rem 1rem}pre.stream{background:#fff;border-left:3px solid #d0d7de;padding:.3rem .6rem;font-size:.8rem;max-height:30rem;overflow:auto}
pre.stderr{border-left-color:#bf8700}.error{background:#ffebe9;border-left:3px solid #cf222e;padding:.4rem .6rem}.error pre{margin:0;font-size:.8rem;white-space:pre-wrap}
table.soilnb-table,.out table{border-collapse:collapse;font-size:.85rem;margin:.3rem 0}.out th,.out td{border:1px solid #d0d7de;padding:.2rem .5rem}.out th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.2rem 0}.md table{border-collapse:collapse}.md th,.md td{border:1px solid #d0d7de;padding:.2rem .5rem}
.status-ok{color:#1a7f37}.status-failed{color:#cf222e;font-weight:600}.skipped{color:#57606a;font-style:italic}
""";

    /// <summary>Renders the page.</summary>
    public static string Render(Notebook nb, ReportInfo info)
    {
        bool hasChart = nb.Cells.SelectMany(c => c.Outputs).Any(o => o["data"]?[MimeBundle.PlotlyMime] is not null);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        sb.Append("<title>").Append(Enc(nb.Title)).Append("</title><style>").Append(Css).Append("</style>");
        if (hasChart)
        {
            if (PlotlyAsset.Script is not null) sb.Append(PlotlyAsset.InlineScriptElement());
            else sb.Append("<!-- plotly.js not found: charts cannot render; run environment/setup.sh -->");
        }
        sb.Append("</head><body><header><h1>").Append(Enc(nb.Title)).Append("</h1><div class=\"meta\">");
        sb.Append(Enc(Path.GetFileName(nb.SourcePath ?? nb.Name))).Append(" · run ").Append(info.Started.ToString("yyyy-MM-dd HH:mm 'UTC'"))
          .Append($" · {info.Elapsed.TotalSeconds:0.0} s · ");
        sb.Append(info.Failure is null ? "<span class=\"status-ok\">all cells ran</span>" : $"<span class=\"status-failed\">failed: {Enc(info.Failure)}</span>");
        if (info.Parameters.Count > 0) sb.Append(" · parameters: ").Append(Enc(string.Join(", ", info.Parameters.Select(p => $"{p.Key}={p.Value}"))));
        sb.Append("</div></header>\n<main>\n");
        int index = 0;
        foreach (var cell in nb.Cells)
        {
            index++;
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    sb.Append("<section class=\"cell md\">").Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)).Append("</section>\n");
                    break;
                case CellKind.Raw:
                    sb.Append("<section class=\"cell raw\"><pre>").Append(Enc(cell.Source)).Append("</pre></section>\n");
                    break;
                default:
                    if (cell.Source.Trim().Length == 0) continue;
                    sb.Append("<section class=\"cell code\" id=\"cell-").Append(index).Append("\"><div class=\"prompt\">In [")
                      .Append(cell.ExecutionCount?.ToString() ?? " ").Append("]").Append(cell.Tags.Count > 0 ? " · " + Enc(string.Join(", ", cell.Tags)) : "")
                      .Append(cell.Kernel != "csharp" ? " · " + Enc(cell.Kernel) : "").Append("</div><pre class=\"src\"><code class=\"language-csharp\">")
                      .Append(Enc(cell.Source)).Append("</code></pre>");
                    foreach (var o in cell.Outputs) sb.Append("<div class=\"out\">").Append(RenderOutput(o)).Append("</div>");
                    if (cell.ExecutionCount is null && cell.Outputs.Count == 0 && cell.Kernel == "csharp") sb.Append("<div class=\"out skipped\">(not run)</div>");
                    sb.Append("</section>\n");
                    break;
            }
        }
        sb.Append("</main></body></html>\n");
        return sb.ToString();
    }

    private static string RenderOutput(JsonObject o)
    {
        switch (o["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = o["name"]?.GetValue<string>() ?? "stdout";
                return $"<pre class=\"stream {Enc(name)}\">{Enc(Text(o["text"]))}</pre>";
            case "error":
                var tb = o["traceback"] is JsonArray a ? string.Join("\n", a.Select(x => x?.GetValue<string>())) : "";
                return $"<div class=\"error\"><pre>{Enc(StripAnsi(tb.Length > 0 ? tb : $"{o["ename"]}: {o["evalue"]}"))}</pre></div>";
            case "display_data":
            case "execute_result":
                var data = o["data"] as JsonObject;
                if (Figure(data?[MimeBundle.PlotlyMime]) is { } fig)
                {
                    int height = fig["layout"]?["height"] is JsonValue h && h.TryGetValue<int>(out var hv) ? hv : 420;
                    return ChartHtml.Fragment(fig.ToJsonString(), height, embedPlotly: false);
                }
                if (data?["text/html"] is { } html) return Text(html);
                if (data?["image/png"] is { } png) return $"<img src=\"data:image/png;base64,{Text(png).Replace("\n", "")}\">";
                if (data?["text/plain"] is { } plain) return $"<pre class=\"stream\">{Enc(Text(plain))}</pre>";
                return "";
            default:
                return "";
        }
    }

    /// <summary>A Plotly figure stored as a JSON object or as JSON text (a string or a list of strings).</summary>
    private static JsonObject? Figure(JsonNode? n) => n switch
    {
        JsonObject o => o,
        JsonArray or JsonValue => JsonNode.Parse(Text(n)) as JsonObject,
        _ => null,
    };

    private static string Text(JsonNode? n) => n switch
    {
        JsonArray a => string.Concat(a.Select(x => x?.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    private static string StripAnsi(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\x1b\[[0-9;]*m", "");

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Writes the page atomically.</summary>
    public static void Write(Notebook nb, string path, ReportInfo info) => AtomicFile.WriteAllText(path, Render(nb, info));
}
