using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoilNotebooks.Runner.Notebooks;

/// <summary>Reads .ipynb (nbformat 4) and .dib (Polyglot) notebooks, with clear errors for malformed files.</summary>
public static class NotebookReader
{
    /// <summary>Reads a notebook file by extension (.ipynb or .dib).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NotebookFormatException">The file is not a readable notebook.</exception>
    public static Notebook Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Notebook not found: '{path}'.", path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ipynb" => ParseIpynb(text, path),
            ".dib" => ParseDib(text, path),
            var e => throw new NotebookFormatException($"{path}: unsupported notebook extension '{e}'; expected .ipynb or .dib."),
        };
    }

    /// <summary>Parses nbformat 4 JSON.</summary>
    public static Notebook ParseIpynb(string json, string source = "notebook.ipynb")
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{source}: not valid JSON ({e.Message.Split(". ")[0]}, line {e.LineNumber + 1}); expected an nbformat 4 notebook.", e);
        }
        if (root is not JsonObject o)
            throw new NotebookFormatException($"{source}: the top level is not a JSON object; expected an nbformat 4 notebook.");
        var major = o["nbformat"] is JsonValue v && v.TryGetValue<int>(out var m) ? m : (int?)null;
        if (major is null) throw new NotebookFormatException($"{source}: missing 'nbformat'; expected an nbformat 4 notebook.");
        if (major != 4) throw new NotebookFormatException($"{source}: nbformat {major} is not supported; expected nbformat 4 (convert with `jupyter nbconvert --to notebook`).");
        if (o["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"{source}: missing 'cells' array; expected an nbformat 4 notebook.");
        int minor = o["nbformat_minor"] is JsonValue mv && mv.TryGetValue<int>(out var mi) ? mi : 4;
        var meta = o["metadata"] as JsonObject ?? new JsonObject();
        string defaultKernel = DefaultKernel(meta);
        var nb = new Notebook { Metadata = (JsonObject)meta.DeepClone(), NbformatMinor = minor, SourcePath = source, Format = NotebookFormat.Ipynb };
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject c)
                throw new NotebookFormatException($"{source}: cell {i + 1} is not a JSON object.");
            var type = c["cell_type"]?.GetValue<string>();
            var kind = type switch
            {
                "code" => CellKind.Code,
                "markdown" => CellKind.Markdown,
                "raw" => CellKind.Raw,
                null => throw new NotebookFormatException($"{source}: cell {i + 1} has no 'cell_type'; expected code, markdown or raw."),
                _ => throw new NotebookFormatException($"{source}: cell {i + 1} has unknown cell_type '{type}'; expected code, markdown or raw."),
            };
            var src = JoinSource(c["source"], source, i);
            var cellMeta = c["metadata"] as JsonObject ?? new JsonObject();
            var cell = new NotebookCell
            {
                Kind = kind, Source = src, Metadata = (JsonObject)cellMeta.DeepClone(),
                Id = c["id"]?.GetValue<string>(), Attachments = c["attachments"]?.DeepClone(),
            };
            if (kind == CellKind.Code) cell.Kernel = CellKernel(cellMeta, defaultKernel);
            nb.Cells.Add(cell);
        }
        return nb;
    }

    private static string JoinSource(JsonNode? node, string source, int index) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => Normalize(s),
        JsonArray a => Normalize(string.Concat(a.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var line) ? line
            : throw new NotebookFormatException($"{source}: cell {index + 1} has a non-string line in 'source'.")))),
        _ => throw new NotebookFormatException($"{source}: cell {index + 1} 'source' must be a string or a list of strings."),
    };

    private static string Normalize(string s) => s.Replace("\r\n", "\n");

    private static string DefaultKernel(JsonObject meta)
    {
        if (meta["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"] is JsonValue p && p.TryGetValue<string>(out var pk)) return Kernels.Normalize(pk);
        if (meta["kernelspec"]?["name"] is JsonValue k && k.TryGetValue<string>(out var kn) && kn.StartsWith(".net-", StringComparison.Ordinal)) return Kernels.Normalize(kn[5..]);
        if (meta["language_info"]?["name"] is JsonValue l && l.TryGetValue<string>(out var ln)) return Kernels.Normalize(ln);
        return "csharp";
    }

    private static string CellKernel(JsonObject cellMeta, string fallback)
    {
        if (cellMeta["polyglot_notebook"]?["kernelName"] is JsonValue p && p.TryGetValue<string>(out var pk)) return Kernels.Normalize(pk);
        if (cellMeta["dotnet_interactive"]?["language"] is JsonValue d && d.TryGetValue<string>(out var dk)) return Kernels.Normalize(dk);
        return fallback;
    }

    /// <summary>
    /// Parses a Polyglot .dib file: a <c>#!meta</c> block with kernel info, then cells each starting with a
    /// <c>#!kernel</c> line (<c>#!csharp</c>, <c>#!markdown</c>, <c>#!fsharp</c>...). Lines such as <c>#!time</c>
    /// that are not kernel names stay inside their cell. A cell whose first line is <c>// parameters</c> is tagged
    /// <c>parameters</c> (the .dib format has no tags).
    /// </summary>
    public static Notebook ParseDib(string text, string source = "notebook.dib")
    {
        var lines = Normalize(text).Split('\n');
        var nb = new Notebook { Metadata = Notebook.DefaultMetadata(), SourcePath = source, Format = NotebookFormat.Dib };
        string? kernel = null;
        var buf = new List<string>();
        void Flush()
        {
            if (kernel is null) { if (buf.Any(l => l.Trim().Length > 0)) throw new NotebookFormatException($"{source}: text before the first '#!kernel' line; a .dib cell starts with a line such as #!csharp or #!markdown."); buf.Clear(); return; }
            while (buf.Count > 0 && buf[0].Trim().Length == 0) buf.RemoveAt(0);
            while (buf.Count > 0 && buf[^1].Trim().Length == 0) buf.RemoveAt(buf.Count - 1);
            var src = string.Join('\n', buf);
            buf.Clear();
            if (kernel == "meta")
            {
                if (src.Length > 0)
                {
                    try { if (JsonNode.Parse(src) is JsonObject m) nb.Metadata["polyglot_notebook"] = m.DeepClone(); }
                    catch (JsonException e) { throw new NotebookFormatException($"{source}: the #!meta block is not valid JSON ({e.Message.Split(". ")[0]}).", e); }
                }
                return;
            }
            if (kernel == "markdown") { nb.Cells.Add(new NotebookCell { Kind = CellKind.Markdown, Source = src }); return; }
            var cell = new NotebookCell { Kind = CellKind.Code, Source = src, Kernel = kernel };
            cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel };
            if (src.TrimStart().StartsWith("// parameters", StringComparison.OrdinalIgnoreCase)) cell.Metadata["tags"] = new JsonArray("parameters");
            nb.Cells.Add(cell);
        }
        foreach (var line in lines)
        {
            var t = line.TrimEnd();
            if (t.StartsWith("#!", StringComparison.Ordinal) && !t.Contains(' ') && Kernels.IsKernelName(t[2..]))
            {
                Flush();
                kernel = Kernels.Normalize(t[2..]);
                continue;
            }
            buf.Add(line);
        }
        Flush();
        if (nb.Cells.Count == 0) throw new NotebookFormatException($"{source}: no cells found; a .dib file has cells that start with lines such as #!csharp or #!markdown.");
        return nb;
    }
}
