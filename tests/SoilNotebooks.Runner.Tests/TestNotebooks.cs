using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SoilNotebooks.Runner.Tests;

/// <summary>Builds small .ipynb files for tests and runs the soilnb CLI as a child process.</summary>
public static class TestNotebooks
{
    /// <summary>A code cell (optionally tagged).</summary>
    public static JsonObject Code(string source, params string[] tags)
    {
        var meta = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } };
        if (tags.Length > 0) meta["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray());
        return new JsonObject { ["cell_type"] = "code", ["metadata"] = meta, ["source"] = source, ["execution_count"] = null, ["outputs"] = new JsonArray() };
    }

    /// <summary>A markdown cell.</summary>
    public static JsonObject Markdown(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    /// <summary>Writes an nbformat 4.5 notebook with Polyglot metadata and the given cells; returns its path.</summary>
    public static string Write(string dir, string name, params JsonObject[] cells)
    {
        var nb = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select((c, i) => { c["id"] = $"c{i}"; return (JsonNode)c; }).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, nb.ToJsonString());
        return path;
    }

    /// <summary>Result of a child process.</summary>
    public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs soilnb (the built soilnb.dll beside the tests) with arguments.</summary>
    public static ProcessResult Soilnb(params string[] args) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "soilnb.dll"), .. args]);

    /// <summary>Runs a program and waits (at most <paramref name="limit"/>, default 5 minutes).</summary>
    /// <param name="cancel">Kills the process tree when cancelled (a fixture's run that no test waited for).</param>
    public static ProcessResult Run(string file, IEnumerable<string> args, IDictionary<string, string>? env = null,
        string? cwd = null, TimeSpan? limit = null, CancellationToken cancel = default)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (cwd is not null) psi.WorkingDirectory = cwd;
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        using var kill = cancel.Register(() => { try { p.Kill(true); } catch (InvalidOperationException) { } });
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var wait = limit ?? TimeSpan.FromMinutes(5);
        if (!p.WaitForExit(wait))
        {
            p.Kill(true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {wait}.");
        }
        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Validates a notebook with Debian's python3-nbformat; returns null when valid, else the error.</summary>
    public static string? NbformatError(string path)
    {
        var r = Run("/usr/bin/python3", ["-c", "import sys, nbformat\nnb = nbformat.read(sys.argv[1], as_version=4)\nnbformat.validate(nb)\nprint('valid')", path]);
        return r.ExitCode == 0 && r.Stdout.Contains("valid") ? null : r.Stderr + r.Stdout;
    }

    /// <summary>Reads a notebook file as JSON.</summary>
    public static JsonObject Load(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    /// <summary>The outputs of the n-th cell (0-based) of a notebook file.</summary>
    public static JsonArray Outputs(JsonObject nb, int cell) => (JsonArray)nb["cells"]![cell]!["outputs"]!;

    /// <summary>Joins a string-or-list-of-lines JSON value.</summary>
    public static string Text(JsonNode? n) => n switch
    {
        JsonArray a => string.Concat(a.Select(x => x!.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };
}
