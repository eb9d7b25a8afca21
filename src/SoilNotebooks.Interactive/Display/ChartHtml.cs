namespace SoilNotebooks.Interactive.Display;

/// <summary>HTML for a Plotly figure: a div and a script that draws it with <c>window.Plotly</c>.</summary>
public static class ChartHtml
{
    /// <summary>
    /// A self-drawing fragment. When <paramref name="embedPlotly"/> is true the plotly.js library is inlined before
    /// it; otherwise the page must provide <c>window.Plotly</c> (reports do, once, in their head). Without Plotly the
    /// fragment shows a short note instead of failing silently.
    /// </summary>
    /// <param name="plotlyJson">The figure, <c>{"data":…, "layout":…}</c>.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="embedPlotly">Inline the library before the fragment.</param>
    public static string Fragment(string plotlyJson, int height, bool embedPlotly = false)
    {
        var id = "soilnb-chart-" + Guid.NewGuid().ToString("N")[..12];
        var lib = embedPlotly ? PlotlyAsset.InlineScriptElement() : "";
        var json = plotlyJson.Replace("</", "<\\/", StringComparison.Ordinal);
        return lib + "<div class=\"soilnb-chart\" id=\"" + id + "\" style=\"width:100%;height:" + height + "px\"></div>\n" +
               "<script>(function(){var fig=" + json + ";var el=document.getElementById('" + id + "');\n" +
               "if(window.Plotly){window.Plotly.newPlot(el,fig.data,fig.layout,{responsive:true,displaylogo:false});}\n" +
               "else{el.style.height='auto';el.textContent='(chart: plotly.js is not loaded in this view; open the HTML report, " +
               "or a front end that renders application/vnd.plotly.v1+json)';}})();</script>";
    }
}
