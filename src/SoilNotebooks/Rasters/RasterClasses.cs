using System.Globalization;
using System.Text.RegularExpressions;

namespace SoilNotebooks.Rasters;

/// <summary>One class of a categorical raster: its stored code, its name and its display colour.</summary>
/// <param name="Value">Class code stored in the cells (an integer, e.g. an SCL class 0–11).</param>
/// <param name="Name">Class name shown in legends, e.g. "cloud shadow".</param>
/// <param name="Color">CSS colour "#rrggbb" used by maps.</param>
public sealed record RasterClass(int Value, string Name, string Color)
{
    /// <summary>What a map legend shows for the class, e.g. "3 cloud shadow" for a class whose code is a published one
    /// (Sentinel-2 SCL, CORINE); null shows <see cref="Name"/>.</summary>
    public string? Legend { get; init; }

    /// <summary>The legend text: <see cref="Legend"/>, or the name.</summary>
    public string LegendText => Legend ?? Name;

    /// <summary>The class with its code before its name in legends ("4 vegetation").</summary>
    public RasterClass WithCodeInLegend() => this with { Legend = string.Create(CultureInfo.InvariantCulture, $"{Value} {Name}") };
}

/// <summary>
/// The classes of a categorical raster (value → name and colour), so that a map shows a legend of class names.
/// Validated: at least one class, distinct values and names, colours as "#rrggbb".
/// </summary>
public sealed partial class RasterClasses
{
    private readonly RasterClass[] _classes;
    private readonly Dictionary<int, RasterClass> _byValue;

    /// <summary>The classes in the order given (the legend's order).</summary>
    public IReadOnlyList<RasterClass> All => _classes;

    /// <summary>Creates the class table.</summary>
    public RasterClasses(IEnumerable<RasterClass> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        _classes = classes.ToArray();
        if (_classes.Length == 0) throw new ArgumentException("A categorical raster needs at least one class.",
            nameof(classes));
        _byValue = [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in _classes)
        {
            ArgumentNullException.ThrowIfNull(c);
            ArgumentException.ThrowIfNullOrWhiteSpace(c.Name);
            if (!Hex().IsMatch(c.Color ?? ""))
                throw new ArgumentException($"Class '{c.Name}': colour must be \"#rrggbb\" (got '{c.Color}').",
                    nameof(classes));
            if (!_byValue.TryAdd(c.Value, c))
                throw new ArgumentException($"Class value {c.Value} appears twice; expected distinct values.",
                    nameof(classes));
            if (!names.Add(c.Name))
                throw new ArgumentException($"Class name '{c.Name}' appears twice; expected distinct names.",
                    nameof(classes));
        }
    }

    /// <summary>The class table of the given classes.</summary>
    public static RasterClasses Of(params RasterClass[] classes) => new(classes);

    /// <summary>Number of classes.</summary>
    public int Count => _classes.Length;

    /// <summary>The class of a cell value, or null when the value is nodata or not a class code.</summary>
    public RasterClass? Find(float value) =>
        float.IsFinite(value) && value == MathF.Round(value) && _byValue.TryGetValue((int)value, out var c) ? c : null;

    /// <summary>The name of a class code; throws if there is none.</summary>
    public string NameOf(int value) => _byValue.TryGetValue(value, out var c) ? c.Name
        : throw new ArgumentOutOfRangeException(nameof(value), value,
            $"value must be one of the class codes {string.Join(", ", _classes.Select(k => k.Value))} (got {value}).");

    /// <summary>The code of a class name; throws if there is none.</summary>
    public int ValueOf(string name) => _classes.FirstOrDefault(c => c.Name == name)?.Value
        ?? throw new ArgumentException($"'{name}' is not a class name; expected one of: " +
            $"{string.Join(", ", _classes.Select(c => c.Name))}.");

    /// <summary>"value=name=#colour;…" (and "=legend" where a class has a legend text), the form stored in GeoTIFF
    /// metadata (';' and '=' in names become ',' and '-').</summary>
    public string Serialize() => string.Join(";", _classes.Select(c =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Value}={Clean(c.Name)}={c.Color}")
        + (c.Legend is { } l ? "=" + Clean(l) : "")));

    private static string Clean(string text) => text.Replace(';', ',').Replace('=', '-');

    /// <summary>Parses <see cref="Serialize"/>'s form.</summary>
    public static RasterClasses Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new(text.Split(';').Select(part =>
        {
            var f = part.Split('=');
            if (f.Length is not (3 or 4) || !int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
                throw new FormatException($"'{part}' is not a class entry (expected value=name=#rrggbb[=legend]).");
            return new RasterClass(v, f[1], f[2]) { Legend = f.Length == 4 ? f[3] : null };
        }));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _classes.Select(c => $"{c.Value} {c.Name}"));

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Hex();
}
