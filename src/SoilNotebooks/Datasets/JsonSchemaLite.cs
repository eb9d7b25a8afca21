using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SoilNotebooks.Datasets;

/// <summary>One problem found in a JSON document: where (a path like <c>$.files[2].sha256</c>) and what.</summary>
/// <param name="Path">Location in the document, <c>$</c> being the root.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record JsonIssue(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// A small validator for the subset of JSON Schema (draft 2020-12) that the manifest schema uses:
/// <c>type</c> (one name or a list), <c>required</c>, <c>properties</c>, <c>additionalProperties</c>
/// (false or a schema), <c>items</c>, <c>enum</c>, <c>const</c>, <c>pattern</c>, <c>minLength</c>,
/// <c>minItems</c>, <c>minimum</c>, <c>maximum</c> and <c>$ref</c> to <c>#/$defs/…</c>. Other keywords
/// (titles, descriptions, <c>x-…</c> annotations) are ignored. Every problem is reported, not just the first.
/// </summary>
public sealed class JsonSchemaLite
{
    private static readonly HashSet<string> Supported =
    [
        "$schema", "$id", "$defs", "$ref", "title", "description", "type", "required", "properties",
        "additionalProperties", "items", "enum", "const", "pattern", "minLength", "minItems", "minimum", "maximum",
    ];

    private readonly JsonElement _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <summary>Loads a schema from JSON text.</summary>
    /// <exception cref="InvalidDataException">The text is not JSON or uses a keyword this validator cannot check.</exception>
    public JsonSchemaLite(string schemaJson, string source = "schema")
    {
        try { _root = JsonDocument.Parse(schemaJson).RootElement.Clone(); }
        catch (JsonException e) { throw new InvalidDataException($"{source}: not valid JSON ({e.Message})."); }
        CheckKeywords(_root, "#", source);
    }

    /// <summary>Loads a schema file.</summary>
    public static JsonSchemaLite Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"JSON schema not found: '{path}'.", path);
        return new JsonSchemaLite(File.ReadAllText(path), path);
    }

    /// <summary>Validates a document; returns every problem found (empty when valid).</summary>
    public IReadOnlyList<JsonIssue> Validate(JsonElement document)
    {
        var issues = new List<JsonIssue>();
        Validate(document, _root, "$", issues);
        return issues;
    }

    private static void CheckKeywords(JsonElement schema, string where, string source)
    {
        if (schema.ValueKind != JsonValueKind.Object) return;
        foreach (var p in schema.EnumerateObject())
        {
            if (!Supported.Contains(p.Name) && !p.Name.StartsWith("x-", StringComparison.Ordinal))
                throw new InvalidDataException($"{source}: keyword '{p.Name}' at {where} is not supported by JsonSchemaLite.");
            switch (p.Name)
            {
                case "properties":
                case "$defs":
                    foreach (var q in p.Value.EnumerateObject()) CheckKeywords(q.Value, $"{where}/{p.Name}/{q.Name}", source);
                    break;
                case "items":
                case "additionalProperties":
                    CheckKeywords(p.Value, $"{where}/{p.Name}", source);
                    break;
            }
        }
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var r))
        {
            var reference = r.GetString() ?? "";
            if (!reference.StartsWith("#/$defs/", StringComparison.Ordinal))
                throw new InvalidDataException($"Only local references '#/$defs/NAME' are supported (got '{reference}').");
            var name = reference["#/$defs/".Length..];
            if (!_root.TryGetProperty("$defs", out var defs) || !defs.TryGetProperty(name, out schema))
                throw new InvalidDataException($"Schema reference '{reference}' does not resolve.");
        }
        return schema;
    }

    private void Validate(JsonElement value, JsonElement schema, string path, List<JsonIssue> issues)
    {
        schema = Resolve(schema);
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False) { issues.Add(new(path, "no value is allowed here.")); return; }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(value, type))
        {
            issues.Add(new(path, $"expected {DescribeType(type)}, found {Describe(value)}."));
            return;
        }
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(value, constant))
            issues.Add(new(path, $"must be {constant.GetRawText()} (found {Describe(value)})."));
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
            issues.Add(new(path, $"must be one of {string.Join(", ", options.EnumerateArray().Select(o => o.GetRawText()))} (found {Describe(value)})."));

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var s = value.GetString()!;
                if (schema.TryGetProperty("minLength", out var minLen) && s.Length < minLen.GetInt32())
                    issues.Add(new(path, s.Length == 0 ? "must not be empty." : $"must have at least {minLen.GetInt32()} characters."));
                if (schema.TryGetProperty("pattern", out var pattern) && !Regex(pattern.GetString()!).IsMatch(s))
                    issues.Add(new(path, $"\"{Shorten(s)}\" does not match the pattern {pattern.GetString()}."));
                break;
            case JsonValueKind.Number:
                var x = value.GetDouble();
                if (schema.TryGetProperty("minimum", out var min) && x < min.GetDouble())
                    issues.Add(new(path, $"must be ≥ {min.GetDouble().ToString(CultureInfo.InvariantCulture)} (found {value.GetRawText()})."));
                if (schema.TryGetProperty("maximum", out var max) && x > max.GetDouble())
                    issues.Add(new(path, $"must be ≤ {max.GetDouble().ToString(CultureInfo.InvariantCulture)} (found {value.GetRawText()})."));
                break;
            case JsonValueKind.Array:
                if (schema.TryGetProperty("minItems", out var minItems) && value.GetArrayLength() < minItems.GetInt32())
                    issues.Add(new(path, $"must list at least {minItems.GetInt32()} item(s) (found {value.GetArrayLength()})."));
                if (schema.TryGetProperty("items", out var items))
                {
                    int i = 0;
                    foreach (var item in value.EnumerateArray()) Validate(item, items, $"{path}[{i++}]", issues);
                }
                break;
            case JsonValueKind.Object:
                ValidateObject(value, schema, path, issues);
                break;
        }
    }

    private void ValidateObject(JsonElement value, JsonElement schema, string path, List<JsonIssue> issues)
    {
        if (schema.TryGetProperty("required", out var required))
            foreach (var r in required.EnumerateArray())
                if (!value.TryGetProperty(r.GetString()!, out _))
                    issues.Add(new($"{path}.{r.GetString()}", "required field is missing."));
        schema.TryGetProperty("properties", out var props);
        bool hasProps = props.ValueKind == JsonValueKind.Object;
        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var p in value.EnumerateObject())
        {
            if (hasProps && props.TryGetProperty(p.Name, out var sub)) Validate(p.Value, sub, $"{path}.{p.Name}", issues);
            else if (additional.ValueKind == JsonValueKind.False)
                issues.Add(new($"{path}.{p.Name}", hasProps
                    ? $"unknown field (allowed: {string.Join(", ", props.EnumerateObject().Select(q => q.Name))})."
                    : "unknown field."));
            else if (additional.ValueKind == JsonValueKind.Object) Validate(p.Value, additional, $"{path}.{p.Name}", issues);
        }
    }

    private Regex Regex(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var rx))
            _patterns[pattern] = rx = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return rx;
    }

    private static bool TypeMatches(JsonElement value, JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => TypeMatches(value, t.GetString()!))
            : TypeMatches(value, type.GetString()!);

    private static bool TypeMatches(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidDataException($"Unknown JSON Schema type '{type}'."),
    };

    private static string DescribeType(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString())) : type.GetString()!;

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"string \"{Shorten(v.GetString()!)}\"",
        JsonValueKind.Number => $"number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {v.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
