using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoilNotebooks.IO;

namespace SoilNotebooks.Runner.Notebooks;

/// <summary>Writes notebooks as nbformat 4 JSON (one-space indented like Jupyter, sources as line lists).</summary>
public static class NotebookWriter
{
    /// <summary>The notebook as an nbformat 4 JSON object. Cells get ids when the minor version is ≥ 5.</summary>
    public static JsonObject ToJson(Notebook nb)
    {
        var cells = new JsonArray();
        int n = 0;
        foreach (var c in nb.Cells)
        {
            n++;
            var o = new JsonObject();
            o["cell_type"] = c.Kind switch { CellKind.Code => "code", CellKind.Markdown => "markdown", _ => "raw" };
            if (nb.NbformatMinor >= 5) o["id"] = c.Id ??= $"cell-{n:D3}-{SourceHash(c.Source) % 100000:D5}";
            o["metadata"] = c.Metadata.DeepClone();
            o["source"] = Lines(c.Source);
            if (c.Attachments is not null && c.Kind != CellKind.Code) o["attachments"] = c.Attachments.DeepClone();
            if (c.Kind == CellKind.Code)
            {
                o["execution_count"] = c.ExecutionCount;
                var outs = new JsonArray();
                foreach (var x in c.Outputs) outs.Add(Stored(x));
                o["outputs"] = outs;
            }
            cells.Add(o);
        }
        return new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = nb.Metadata.DeepClone(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = nb.NbformatMinor,
        };
    }

    /// <summary>
    /// An output as the file stores it: a JSON MIME value (e.g. the Plotly figure) as a one-string list, the form
    /// Microsoft.DotNet.Interactive.Documents reads and writes (nbformat allows any JSON there).
    /// </summary>
    private static JsonNode Stored(JsonObject output)
    {
        var copy = (JsonObject)output.DeepClone();
        if (copy["data"] is not JsonObject data) return copy;
        foreach (var key in data.Select(kv => kv.Key).ToList())
            if (IsJsonMime(key) && data[key] is JsonObject)
                data[key] = new JsonArray(data[key]!.ToJsonString());
        return copy;
    }

    private static bool IsJsonMime(string mime) =>
        mime.StartsWith("application/", StringComparison.Ordinal) && (mime.EndsWith("+json", StringComparison.Ordinal)
                                                                      || mime == "application/json");

    /// <summary>
    /// A hash of a cell's source that is the same in every process (string.GetHashCode is randomised per process, which
    /// gave a new cell id on every run).
    /// </summary>
    private static uint SourceHash(string source) => BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(source)), 0);

    /// <summary>Splits text into Jupyter's list-of-lines form (each line but the last keeps its '\n').</summary>
    public static JsonArray Lines(string text)
    {
        var a = new JsonArray();
        if (text.Length == 0) return a;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') { a.Add(text[start..(i + 1)]); start = i + 1; }
        if (start < text.Length) a.Add(text[start..]);
        return a;
    }

    /// <summary>Serialises to JSON text.</summary>
    public static string ToText(Notebook nb) =>
        ToJson(nb).ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    /// <summary>Writes the notebook atomically (temporary file, then move).</summary>
    public static void Write(Notebook nb, string path) => AtomicFile.WriteAllText(path, ToText(nb));
}
