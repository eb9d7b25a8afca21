using System.Text.Json.Nodes;

namespace SoilNotebooks.Runner.Notebooks;

/// <summary>Kind of a notebook cell.</summary>
public enum CellKind
{
    /// <summary>Executable code.</summary>
    Code,
    /// <summary>Markdown text.</summary>
    Markdown,
    /// <summary>Raw text, passed through.</summary>
    Raw,
}

/// <summary>One cell of a notebook. Unknown metadata is kept as JSON and written back unchanged.</summary>
public sealed class NotebookCell
{
    /// <summary>The kind of cell.</summary>
    public required CellKind Kind { get; init; }
    /// <summary>The cell's text, lines joined with '\n'.</summary>
    public required string Source { get; set; }
    /// <summary>
    /// For code cells: the kernel the cell is written for, normalised ("csharp", "fsharp", "pwsh", "javascript",
    /// "html", "sql", ...), from a leading <c>#!kernel</c> line, the Polyglot cell metadata, or the notebook default.
    /// </summary>
    public string Kernel { get; set; } = "csharp";
    /// <summary>The cell's metadata (tags live in <c>metadata.tags</c>).</summary>
    public JsonObject Metadata { get; init; } = new();
    /// <summary>nbformat 4.5 cell id, when present.</summary>
    public string? Id { get; set; }
    /// <summary>Attachments of markdown cells, passed through.</summary>
    public JsonNode? Attachments { get; init; }
    /// <summary>Outputs (nbformat output objects).</summary>
    public List<JsonObject> Outputs { get; } = [];
    /// <summary>Execution counter, null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray a
            ? a.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToArray()
            : [];
}

/// <summary>Source format of a notebook file.</summary>
public enum NotebookFormat
{
    /// <summary>Jupyter .ipynb (nbformat 4).</summary>
    Ipynb,
    /// <summary>Polyglot Notebooks .dib (plain text with <c>#!kernel</c> separators).</summary>
    Dib,
}

/// <summary>A notebook: cells plus notebook-level metadata.</summary>
public sealed class Notebook
{
    /// <summary>Notebook metadata (kernelspec, language_info, polyglot_notebook...).</summary>
    public JsonObject Metadata { get; init; } = new();
    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; init; } = [];
    /// <summary>nbformat minor version (written back; 5 adds cell ids).</summary>
    public int NbformatMinor { get; set; } = 5;
    /// <summary>Where the notebook was read from.</summary>
    public string? SourcePath { get; init; }
    /// <summary>The file format it was read from.</summary>
    public NotebookFormat Format { get; init; } = NotebookFormat.Ipynb;

    /// <summary>Name without extension, used for output files.</summary>
    public string Name => SourcePath is null ? "notebook" : Path.GetFileNameWithoutExtension(SourcePath);

    /// <summary>Title: the first markdown heading, else the file name.</summary>
    public string Title
    {
        get
        {
            foreach (var c in Cells.Where(c => c.Kind == CellKind.Markdown))
                foreach (var line in c.Source.Split('\n'))
                    if (line.TrimStart().StartsWith('#')) return line.TrimStart().TrimStart('#').Trim();
            return Name;
        }
    }

    /// <summary>Polyglot-compatible metadata for a new C# notebook.</summary>
    public static JsonObject DefaultMetadata() => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject { ["name"] = "csharp", ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["pygments_lexer"] = "csharp" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    };
}

/// <summary>A notebook file that cannot be read: bad JSON, not nbformat 4, an unknown cell type...</summary>
public sealed class NotebookFormatException(string message, Exception? inner = null) : Exception(message, inner);
