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
        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
            throw new NotebookFormatException($"{path}: {length / (1024 * 1024)} MB is larger than the {MaxBytes / (1024 * 1024)} MB a notebook may have.");
        var text = DecodeUtf8(File.ReadAllBytes(path), path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ipynb" => ParseIpynb(text, path),
            ".dib" => ParseDib(text, path),
            var e => throw new NotebookFormatException($"{path}: unsupported notebook extension '{e}'; expected .ipynb or .dib."),
        };
    }

    /// <summary>The largest notebook file soilnb reads (512 MB).</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    /// <summary>Most cells a notebook may have.</summary>
    public const int MaxCells = 100_000;

    private static readonly System.Text.RegularExpressions.Regex CellId = new("^[a-zA-Z0-9-_]{1,64}$");

    /// <summary>Decodes strict UTF-8 (a BOM is allowed); invalid bytes are an error naming their offset.</summary>
    /// <exception cref="NotebookFormatException">The bytes are not valid UTF-8.</exception>
    public static string DecodeUtf8(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try { return strict.GetString(bytes, start, bytes.Length - start); }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index >= 0 ? $" at byte {e.Index + start}" : "";
            throw new NotebookFormatException($"{source}: not valid UTF-8{offset}; a notebook must be UTF-8 text (re-save it as UTF-8).", e);
        }
    }

    /// <summary>Parses nbformat 4 JSON.</summary>
    /// <exception cref="NotebookFormatException">Not a readable nbformat 4 notebook.</exception>
    public static Notebook ParseIpynb(string json, string source = "notebook.ipynb")
    {
        // System.Text.Json reads objects lazily and reports a repeated property name only when the object is used
        // (an ArgumentException, found by the fuzzer): a notebook error like any other
        try { return ParseIpynbCore(json, source); }
        catch (ArgumentException e) when (e is not ArgumentNullException && e.Message.Contains("same key", StringComparison.Ordinal))
        {
            var key = e.Message.Split("Key: ").LastOrDefault()?.Split(' ')[0];
            throw new NotebookFormatException($"{source}: a JSON object repeats the property '{key}'; property names must be unique.", e);
        }
    }

    private static Notebook ParseIpynbCore(string json, string source)
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
        int minor = o["nbformat_minor"] switch
        {
            null => 4,
            JsonValue mv when mv.TryGetValue<int>(out var mi) && mi >= 0 => mi,
            var other => throw new NotebookFormatException($"{source}: 'nbformat_minor' must be a non-negative integer; got {other.ToJsonString()}."),
        };
        if (cells.Count > MaxCells) throw new NotebookFormatException($"{source}: {cells.Count} cells; at most {MaxCells} are supported.");
        var meta = o["metadata"] switch
        {
            null => new JsonObject(),
            JsonObject mo => mo,
            var other => throw new NotebookFormatException($"{source}: the notebook's 'metadata' must be an object; got {other.ToJsonString()}."),
        };
        CheckNotebookMetadata(meta, source);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string defaultKernel = DefaultKernel(meta);
        var nb = new Notebook { Metadata = (JsonObject)meta.DeepClone(), NbformatMinor = minor, SourcePath = source, Format = NotebookFormat.Ipynb };
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject c)
                throw new NotebookFormatException($"{source}: cell {i + 1} is not a JSON object.");
            var type = c["cell_type"] switch
            {
                null => null,
                JsonValue tv when tv.TryGetValue<string>(out var ts) => ts,
                var other => throw new NotebookFormatException($"{source}: cell {i + 1} has cell_type {other.ToJsonString()}; expected \"code\", \"markdown\" or \"raw\"."),
            };
            var kind = type switch
            {
                "code" => CellKind.Code,
                "markdown" => CellKind.Markdown,
                "raw" => CellKind.Raw,
                null => throw new NotebookFormatException($"{source}: cell {i + 1} has no 'cell_type'; expected code, markdown or raw."),
                _ => throw new NotebookFormatException($"{source}: cell {i + 1} has unknown cell_type '{type}'; expected code, markdown or raw."),
            };
            var src = JoinSource(c["source"], source, i);
            var cellMeta = c["metadata"] switch
            {
                null => new JsonObject(),
                JsonObject cm => cm,
                var other => throw new NotebookFormatException($"{source}: cell {i + 1} 'metadata' must be an object; got {other.ToJsonString()}."),
            };
            CheckCellMetadata(cellMeta, source, i);
            string? id = c["id"] switch
            {
                null => null,
                JsonValue iv when iv.TryGetValue<string>(out var ids0) && CellId.IsMatch(ids0) => ids0,
                var other => throw new NotebookFormatException($"{source}: cell {i + 1} has id {Short(other)}; a cell id is a string of 1 to 64 " +
                    "letters, digits, '-' or '_'."),
            };
            if (id is not null && !ids.Add(id))
                throw new NotebookFormatException($"{source}: cell {i + 1} repeats the id '{id}' of an earlier cell; cell ids must be unique.");
            if (c["attachments"] is { } att && att is not JsonObject)
                throw new NotebookFormatException($"{source}: cell {i + 1} 'attachments' must be an object; got {Short(att)}.");
            var cell = new NotebookCell
            {
                Kind = kind, Source = src, Metadata = (JsonObject)cellMeta.DeepClone(),
                Id = id, Attachments = c["attachments"]?.DeepClone(),
            };
            if (kind == CellKind.Code) cell.Kernel = CellKernel(cellMeta, defaultKernel);
            nb.Cells.Add(cell);
        }
        return nb;
    }

    private static string Short(JsonNode n)
    {
        var t = n.ToJsonString();
        return t.Length > 60 ? t[..60] + "…" : t;
    }

    /// <summary>The notebook-level metadata nbformat validates: kernelspec and language_info.</summary>
    private static void CheckNotebookMetadata(JsonObject meta, string source)
    {
        if (meta["kernelspec"] is { } ks)
        {
            if (ks is not JsonObject k)
                throw new NotebookFormatException($"{source}: metadata.kernelspec must be an object with 'name' and 'display_name'; got {Short(ks)}.");
            foreach (var field in new[] { "name", "display_name" })
                if (k[field] is not JsonValue v || !v.TryGetValue<string>(out _))
                    throw new NotebookFormatException($"{source}: metadata.kernelspec.{field} must be a string; got {(k[field] is { } x ? Short(x) : "nothing")}.");
        }
        if (meta["language_info"] is { } li)
        {
            if (li is not JsonObject l || l["name"] is not JsonValue n || !n.TryGetValue<string>(out _))
                throw new NotebookFormatException($"{source}: metadata.language_info must be an object with a string 'name'; got {Short(li)}.");
        }
    }

    /// <summary>The cell metadata nbformat validates: tags (unique strings), name, collapsed, scrolled, jupyter, execution.</summary>
    private static void CheckCellMetadata(JsonObject meta, string source, int index)
    {
        string Where(string f) => $"{source}: cell {index + 1} metadata.{f}";
        if (meta["tags"] is { } tags)
        {
            if (tags is not JsonArray a || a.Any(t => t is not JsonValue tv || !tv.TryGetValue<string>(out _)))
                throw new NotebookFormatException($"{Where("tags")} must be a list of strings, e.g. [\"parameters\"]; got {Short(tags)}.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in a)
                if (!seen.Add(t!.GetValue<string>()))
                    throw new NotebookFormatException($"{Where("tags")} lists '{t!.GetValue<string>()}' twice; tags must be unique.");
        }
        if (meta["name"] is { } name && (name is not JsonValue nv || !nv.TryGetValue<string>(out _)))
            throw new NotebookFormatException($"{Where("name")} must be a string; got {Short(name)}.");
        if (meta["collapsed"] is { } col && (col is not JsonValue cv || !cv.TryGetValue<bool>(out _)))
            throw new NotebookFormatException($"{Where("collapsed")} must be true or false; got {Short(col)}.");
        if (meta["scrolled"] is { } sc && (sc is not JsonValue sv || !(sv.TryGetValue<bool>(out _) || sv.TryGetValue<string>(out var ss) && ss == "auto")))
            throw new NotebookFormatException($"{Where("scrolled")} must be true, false or \"auto\"; got {Short(sc)}.");
        foreach (var f in new[] { "jupyter", "execution" })
            if (meta[f] is { } o && o is not JsonObject)
                throw new NotebookFormatException($"{Where(f)} must be an object; got {Short(o)}.");
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
        ArgumentNullException.ThrowIfNull(text);
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
