using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoilNotebooks.IO;

/// <summary>One quantity of this run beside a recorded run.</summary>
/// <param name="Quantity">What is compared.</param>
/// <param name="ThisRun">This run's value ("–" where this run has none).</param>
/// <param name="Recorded">The recorded run's value (<see cref="RecordedRun.NotRecorded"/> without the file).</param>
public sealed record RunComparison(string Quantity, string ThisRun, string Recorded);

/// <summary>A quantity to read from a results.json: a label, a path (see <see cref="RecordedRun.Show"/>) and a .NET number format.</summary>
/// <param name="Label">Row label.</param>
/// <param name="Path">Path into the results (<c>a.b</c>, <c>a|b</c>, <c>a±b</c>, <c>a#</c>, <c>{a} × {b}</c>, <c>rows[figure=B.1].r2</c>, <c>first</c>/<c>last</c>).</param>
/// <param name="Format">Number format, e.g. <c>0.00</c> or <c>+0.000;-0.000;0.000</c>.</param>
public sealed record RecordedQuantity(string Label, string Path, string Format = "0.00");

/// <summary>
/// Reads numbers out of a notebook's results.json — this run's and a recorded run's, such as a full-mode run committed
/// under <c>notebooks/results/</c> — so that the numbers a notebook quotes for another run are read from its file,
/// never typed in.
/// </summary>
public static class RecordedRun
{
    /// <summary>What the recorded column shows when the recorded file does not exist.</summary>
    public const string NotRecorded = "not recorded";

    /// <summary>What a value shows when the path does not resolve to a value.</summary>
    public const string Missing = "–";

    /// <summary>The recorded results at <paramref name="path"/>, or null when there is no such file.</summary>
    /// <exception cref="InvalidDataException">The file is not JSON.</exception>
    public static JsonNode? Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) return null;
        try { return JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: expected a results.json (JSON), but it does not parse: {e.Message}", e); }
    }

    /// <summary>A result value (a dictionary of sections, a record, a list) as JSON, with record properties in camelCase and
    /// non-finite numbers as null, as <see cref="ResultsFile"/> writes them.</summary>
    public static JsonNode ToJson(object? value) => JsonSerializer.SerializeToNode(value, ResultsFile.Options) ?? new JsonObject();

    /// <summary>
    /// One row per quantity: its value in <paramref name="thisRun"/> and in <paramref name="recorded"/>
    /// (<see cref="NotRecorded"/> when <paramref name="recorded"/> is null).
    /// </summary>
    public static IReadOnlyList<RunComparison> Compare(JsonNode thisRun, JsonNode? recorded, IEnumerable<RecordedQuantity> quantities)
    {
        ArgumentNullException.ThrowIfNull(thisRun);
        ArgumentNullException.ThrowIfNull(quantities);
        return quantities.Select(q => new RunComparison(q.Label, Show(thisRun, q.Path, q.Format),
            recorded is null ? NotRecorded : Show(recorded, q.Path, q.Format))).ToArray();
    }

    /// <summary>
    /// The value at <paramref name="path"/> in <paramref name="root"/>, formatted with <paramref name="format"/> if it is a
    /// number, else as JSON; <see cref="Missing"/> where the path does not resolve. Path syntax: keys separated by dots
    /// (<c>emulator.leave_site_out.r</c>); in an array, <c>first</c> and <c>last</c> pick the first and last element on
    /// which the rest of the path resolves to a number, and <c>[name=value]</c> the first element whose property
    /// <c>name</c> is <c>value</c> (<c>seedSpread[figure=B.1].meanR2</c>; without dots in the value the brackets may be left
    /// out: <c>seedSpread.figure=9C.meanR2</c>), <c>[2]</c> or <c>.2</c> the third element; a trailing <c>#</c> counts an array's elements;
    /// <c>a|b</c> shows both, joined by " / "; <c>a±b</c> shows "a ± b" (only a when b is missing); a path with braces is a
    /// template whose <c>{path}</c> parts are replaced (<c>{sizes.sites} × {sizes.days}</c>), each with its own format after a
    /// colon if it has one (<c>{seedSpread.figure=9C.flaggedSeeds:0}</c>).
    /// </summary>
    public static string Show(JsonNode? root, string path, string format = "0.00")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (root is null) return Missing;
        if (path.Contains('{'))
        {
            var sb = new System.Text.StringBuilder();
            int i = 0;
            while (i < path.Length)
            {
                int open = path.IndexOf('{', i);
                if (open < 0) { sb.Append(path, i, path.Length - i); break; }
                int close = path.IndexOf('}', open);
                if (close < 0) throw new FormatException($"Unclosed brace in the path template '{path}'.");
                var part = path[(open + 1)..close];
                int colon = part.IndexOf(':');
                sb.Append(path, i, open - i).Append(colon < 0 ? Show(root, part, format) : Show(root, part[..colon], part[(colon + 1)..]));
                i = close + 1;
            }
            return sb.ToString();
        }
        if (path.Contains('|')) return string.Join(" / ", path.Split('|').Select(p => Show(root, p, format)));
        if (path.Contains('±'))
        {
            var parts = path.Split('±');
            string sd = Show(root, parts[1], format);
            return Show(root, parts[0], format) + (sd == Missing ? "" : " ± " + sd);
        }
        bool count = path.EndsWith('#');
        var node = Resolve(root, Keys(path.TrimEnd('#')));
        if (node is null) return Missing;
        if (count) return node is JsonArray arr ? arr.Count.ToString(CultureInfo.InvariantCulture) : Missing;
        return node is JsonValue value && value.TryGetValue<double>(out var d) ? d.ToString(format, CultureInfo.InvariantCulture)
            : node is JsonValue s && s.TryGetValue<string>(out var text) ? text : node.ToJsonString();
    }

    // Splits a path at dots outside brackets: "rows[figure=B.1].r2" → rows, figure=B.1, r2.
    private static string[] Keys(string path)
    {
        var keys = new List<string>();
        var key = new System.Text.StringBuilder();
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if (c == '[')
            {
                int close = path.IndexOf(']', i);
                if (close < 0) throw new FormatException($"Unclosed bracket in the path '{path}'.");
                if (key.Length > 0) { keys.Add(key.ToString()); key.Clear(); }
                keys.Add(path[(i + 1)..close]);
                i = close;
            }
            else if (c == '.') { if (key.Length > 0) { keys.Add(key.ToString()); key.Clear(); } }
            else key.Append(c);
        }
        if (key.Length > 0) keys.Add(key.ToString());
        return keys.ToArray();
    }

    private static JsonNode? Resolve(JsonNode? node, ReadOnlySpan<string> keys)
    {
        for (int k = 0; k < keys.Length; k++)
        {
            if (node is null) return null;
            string key = keys[k];
            if (node is JsonArray a)
            {
                if (key is "first" or "last")
                {
                    var rest = keys[(k + 1)..].ToArray();
                    var values = a.Select(e => Resolve(e, rest)).Where(v => v is JsonValue jv && jv.TryGetValue<double>(out _)).ToArray();
                    return values.Length == 0 ? null : key == "first" ? values[0] : values[^1];
                }
                int eq = key.IndexOf('=');
                if (eq > 0)
                {
                    string name = key[..eq], wanted = key[(eq + 1)..];
                    node = a.FirstOrDefault(e => e is JsonObject o && o.TryGetPropertyValue(name, out var v) && v is JsonValue jv
                        && (jv.TryGetValue<string>(out var s) ? s : jv.ToJsonString()) == wanted);
                    continue;
                }
                node = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count ? a[index] : null;
                continue;
            }
            node = node is JsonObject obj && obj.TryGetPropertyValue(key, out var child) ? child : null;
        }
        return node;
    }
}
