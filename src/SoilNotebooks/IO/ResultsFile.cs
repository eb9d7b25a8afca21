using System.Diagnostics;
using System.Text.Json;

namespace SoilNotebooks.IO;

/// <summary>
/// The machine-readable results of a notebook run: a results.json in the run's output folder holding the notebook's
/// name, mode and seed, whatever the steps add (<c>results["metrics"] = …</c>) and the cell time. Record and object
/// properties are written in camelCase (<c>RmsePercent</c> → <c>rmsePercent</c>); keys set here are kept as given; a number
/// that is not finite (NaN, ±∞: a correlation over one filter, an empty class) is written as <c>null</c>, which JSON
/// readers take as "no value". Written atomically, indented, so a recorded run can be committed and quoted.
/// </summary>
public sealed class ResultsFile
{
    /// <summary>The serializer options of results.json: camelCase properties, non-finite numbers as null.</summary>
    internal static readonly JsonSerializerOptions Options = WithFiniteNumbers(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    private static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    private static JsonSerializerOptions WithFiniteNumbers(JsonSerializerOptions o)
    {
        o.Converters.Add(new FiniteDouble());
        o.Converters.Add(new FiniteSingle());
        return o;
    }

    private sealed class FiniteDouble : System.Text.Json.Serialization.JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value); else writer.WriteNullValue();
        }
    }

    private sealed class FiniteSingle : System.Text.Json.Serialization.JsonConverter<float>
    {
        public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? float.NaN : reader.GetSingle();

        public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
        {
            if (float.IsFinite(value)) writer.WriteNumberValue(value); else writer.WriteNullValue();
        }
    }

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Starts the results of <paramref name="notebook"/>; creates <paramref name="outputFolder"/>.</summary>
    public ResultsFile(string notebook, string mode, int seed, string outputFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebook);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        OutputFolder = System.IO.Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(OutputFolder);
        _values["notebook"] = notebook;
        _values["mode"] = mode;
        _values["seed"] = seed;
    }

    /// <summary>The run's output folder (absolute).</summary>
    public string OutputFolder { get; }

    /// <summary>Path of results.json.</summary>
    public string Path => System.IO.Path.Combine(OutputFolder, "results.json");

    /// <summary>Time since the results were started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>A result by name (any JSON-serialisable value: numbers, strings, records, lists).</summary>
    public object? this[string name]
    {
        get => _values[name];
        set => _values[name] = value;
    }

    /// <summary>A path inside the output folder; with <paramref name="fresh"/>, an existing folder there is removed first.</summary>
    public string Folder(string name, bool fresh = false)
    {
        var path = System.IO.Path.Combine(OutputFolder, name);
        if (fresh && Directory.Exists(path)) Directory.Delete(path, recursive: true);
        return path;
    }

    /// <summary>A file path inside the output folder.</summary>
    public string File(string name) => System.IO.Path.Combine(OutputFolder, name);

    /// <summary>The results so far as JSON, as <see cref="Write"/> would write them (with the elapsed seconds), e.g. to set this
    /// run beside a recorded one with <see cref="RecordedRun.Compare"/>.</summary>
    public System.Text.Json.Nodes.JsonNode ToJson() =>
        RecordedRun.ToJson(new Dictionary<string, object?>(_values, StringComparer.Ordinal) { ["seconds"] = Elapsed.TotalSeconds });

    /// <summary>Adds the elapsed seconds and writes results.json atomically; returns its path.</summary>
    public string Write()
    {
        _values["seconds"] = Elapsed.TotalSeconds;
        AtomicFile.WriteAllText(Path, JsonSerializer.Serialize(_values, Indented));
        return Path;
    }
}
