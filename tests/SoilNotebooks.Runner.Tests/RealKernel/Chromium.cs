using System.Text.RegularExpressions;

namespace SoilNotebooks.Runner.Tests.RealKernel;

/// <summary>What headless Chromium saw on a page: the DOM after scripts ran, console messages, requests.</summary>
/// <param name="Dom">The serialised DOM (--dump-dom).</param>
/// <param name="Console">Console messages the page logged.</param>
/// <param name="Requests">URLs the page itself requested other than file:, data: and blob: (from the net log).</param>
public sealed record PageRender(string Dom, IReadOnlyList<string> Console, IReadOnlyList<string> Requests);

/// <summary>
/// Debian's chromium, headless with a fresh profile, no background networking and every host name unresolvable
/// (--host-resolver-rules), so nothing can leave the machine; the net log still records what the page tried.
/// </summary>
public static class Chromium
{
    /// <summary>Chromium's traffic annotation of requests made by pages (Blink's resource loader).</summary>
    private const string PageRequestAnnotation = "101845102";

    /// <summary>Opens a local HTML file and returns what it drew, logged and requested.</summary>
    public static PageRender Render(string htmlFile)
    {
        var dir = RepoPaths.NewTempDir("soilnb-chromium");
        var netLog = Path.Combine(dir, "net.json");
        var r = TestNotebooks.Run("/usr/bin/chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + Path.Combine(dir, "profile"),
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr", "--v=0", "--log-net-log=" + netLog, "--virtual-time-budget=20000",
            "--dump-dom", new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
        ], limit: TimeSpan.FromMinutes(3));
        if (r.ExitCode != 0) throw new InvalidOperationException($"chromium exited {r.ExitCode}: {r.Stderr}");
        var console = Regex.Matches(r.Stderr, @"CONSOLE[^\]]*\]\s*(.*)").Select(m => m.Groups[1].Value).ToList();
        var log = File.Exists(netLog) ? File.ReadAllText(netLog) : "";
        var requests = Regex.Matches(log, "\"traffic_annotation\":" + PageRequestAnnotation + ",\"url\":\"([^\"]*)\"")
            .Select(m => m.Groups[1].Value)
            .Where(u => !new[] { "file:", "data:", "blob:" }.Any(p => u.StartsWith(p, StringComparison.Ordinal)))
            .Distinct().ToList();
        return new PageRender(r.Stdout, console, requests);
    }

    /// <summary>The chart divs of a rendered page and whether each holds a drawn Plotly SVG.</summary>
    public static IReadOnlyList<(string Id, bool Drawn)> Charts(string dom)
    {
        var starts = Regex.Matches(dom, "<div[^>]*class=\"([^\"]*soilnb-chart[^\"]*)\"[^>]*id=\"([^\"]+)\"").ToList();
        return starts.Select((m, i) =>
        {
            int end = i + 1 < starts.Count ? starts[i + 1].Index : dom.Length;
            var body = dom[m.Index..end];
            bool drawn = m.Groups[1].Value.Contains("js-plotly-plot") && body.Contains("<svg class=\"main-svg\"");
            return (m.Groups[2].Value, drawn);
        }).ToList();
    }
}
