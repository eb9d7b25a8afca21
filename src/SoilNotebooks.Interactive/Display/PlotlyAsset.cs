namespace SoilNotebooks.Interactive.Display;

/// <summary>
/// Finds the pinned plotly.js (npm <c>plotly.js-dist-min</c>, installed by <c>environment/setup.sh</c> into
/// <c>environment/node_modules</c>) so pages can inline it and work offline.
/// Search order: the <c>SOILNB_PLOTLY_JS</c> environment variable; <c>plotly.min.js</c> beside this assembly
/// (as packed) or the host;
/// <c>environment/node_modules/plotly.js-dist-min/plotly.min.js</c> in a parent folder of this assembly or of
/// the current directory.
/// </summary>
public static class PlotlyAsset
{
    private static readonly Lazy<string?> _path = new(Find);
    private static readonly Lazy<string?> _script = new(() => _path.Value is { } p ? File.ReadAllText(p) : null);

    /// <summary>Path of plotly.min.js, or null when it cannot be found.</summary>
    public static string? Path => _path.Value;

    /// <summary>The script text, or null when it cannot be found.</summary>
    public static string? Script => _script.Value;

    /// <summary>The script text; throws with set-up advice when it cannot be found.</summary>
    public static string RequireScript() => Script ?? throw new FileNotFoundException(
        "plotly.min.js was not found. Run `bash environment/setup.sh` (it installs the pinned npm package " +
        "plotly.js-dist-min into environment/node_modules) or set SOILNB_PLOTLY_JS to the file.");

    /// <summary>
    /// A &lt;script&gt; element that defines <c>window.Plotly</c> from the inlined library. The library is wrapped
    /// in a function that hides AMD/CommonJS loaders, so it also lands on <c>window</c> in pages with require.js.
    /// </summary>
    public static string InlineScriptElement() =>
        "<script>(function(){var define=undefined,module=undefined,exports=undefined;\n" +
        RequireScript().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) +
        "\n}).call(window);</script>";

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("SOILNB_PLOTLY_JS");
        if (!string.IsNullOrEmpty(env) && File.Exists(env)) return env;
        var here = AppContext.BaseDirectory;
        // beside this assembly (the kernel extension package ships it there), then beside the host
        var own = System.IO.Path.GetDirectoryName(typeof(PlotlyAsset).Assembly.Location);
        foreach (var dir in new[] { own, here })
        {
            if (string.IsNullOrEmpty(dir)) continue;
            var beside = System.IO.Path.Combine(dir, "plotly.min.js");
            if (File.Exists(beside)) return beside;
        }
        foreach (var start in new[] { here, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var p = System.IO.Path.Combine(d.FullName, "environment", "node_modules", "plotly.js-dist-min", "plotly.min.js");
                if (File.Exists(p)) return p;
            }
        }
        return null;
    }
}
