using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace SoilNotebooks.Interactive.Display;

/// <summary>
/// A table for notebooks: rows of records (or any objects) shown with one column per public property, units in
/// the headers (from <see cref="UnitAttribute"/> or unit-word suffixes), numbers to a fixed number of significant
/// digits, and at most <see cref="MaxRows"/> rows with a note of how many were left out.
/// </summary>
public sealed class Table
{
    private static readonly (string Suffix, string Unit)[] UnitSuffixes =
    [
        ("Percent", "%"), ("DsPerM", "dS/m"), ("GPerCm3", "g/cm³"), ("Db", "dB"), ("Meters", "m"), ("Metres", "m"),
        ("Degrees", "°"), ("Days", "d"), ("Seconds", "s"), ("Mm", "mm"), ("Cm", "cm"), ("Km", "km"),
    ];

    /// <summary>Column headers (with units).</summary>
    public IReadOnlyList<string> Headers { get; }
    /// <summary>Rows of cell values (boxed).</summary>
    public IReadOnlyList<object?[]> Rows { get; }
    /// <summary>Optional caption.</summary>
    public string? Caption { get; init; }
    /// <summary>Rows shown at most (default 30); the rest is summarised.</summary>
    public int MaxRows { get; init; } = 30;
    /// <summary>Significant digits for floating-point cells (default 4).</summary>
    public int Digits { get; init; } = 4;

    /// <summary>Creates a table from headers and rows.</summary>
    public Table(IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        Headers = headers;
        Rows = rows.ToArray();
        foreach (var r in Rows) Check.SameLength(headers.Count, r.Length, "table headers and row cells");
    }

    /// <summary>A table of objects: one row per item, one column per public readable property.</summary>
    public static Table Of<T>(IEnumerable<T> items, string? caption = null)
    {
        var type = typeof(T) == typeof(object) ? items.FirstOrDefault()?.GetType() ?? typeof(object) : typeof(T);
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").ToArray();
        return new Table(props.Select(Header).ToArray(), items.Select(i => props.Select(p => p.GetValue(i)).ToArray())) { Caption = caption };
    }

    /// <summary>The header for a property: its name split into words, with the unit in parentheses.</summary>
    public static string Header(PropertyInfo p)
    {
        var name = p.Name;
        var unit = p.GetCustomAttribute<UnitAttribute>()?.Symbol;
        if (unit is null)
            foreach (var (suffix, u) in UnitSuffixes)
                if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal) && char.IsLower(name[^(suffix.Length + 1)]) | char.IsDigit(name[^(suffix.Length + 1)]))
                { unit = u; name = name[..^suffix.Length]; break; }
        return unit is null ? name : $"{name} ({unit})";
    }

    /// <summary>Formats a cell: floating-point numbers to <see cref="Digits"/> significant digits, NaN as "–".</summary>
    public string FormatCell(object? v) => v switch
    {
        null => "",
        double d => double.IsNaN(d) ? "–" : FormatNumber(d, Digits),
        float f => float.IsNaN(f) ? "–" : FormatNumber(f, Digits),
        IFormattable fo => fo.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e and not string => FormatList(e.Cast<object?>().Take(9).ToArray()),
        _ => v.ToString() ?? "",
    };

    private string FormatList(object?[] firstNine) =>
        "[" + string.Join(", ", firstNine.Take(8).Select(FormatCell)) + (firstNine.Length > 8 ? ", …]" : "]");

    internal static string FormatNumber(double d, int digits)
    {
        if (double.IsInfinity(d)) return d > 0 ? "∞" : "−∞";
        if (d == 0) return "0";
        double a = Math.Abs(d);
        if (a >= 1e7 || a < 1e-4) return d.ToString("G" + digits, CultureInfo.InvariantCulture);
        int decimals = Math.Clamp(digits - 1 - (int)Math.Floor(Math.Log10(a)), 0, 10);
        return Math.Round(d, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);
    }

    /// <summary>The table as an HTML &lt;table&gt;.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table class=\"soilnb-table\">");
        if (Caption is not null) sb.Append("<caption>").Append(WebUtility.HtmlEncode(Caption)).Append("</caption>");
        sb.Append("<thead><tr>");
        foreach (var h in Headers) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var r in Rows.Take(MaxRows))
        {
            sb.Append("<tr>");
            foreach (var c in r)
                sb.Append(c is double or float or int or long ? "<td class=\"num\">" : "<td>").Append(WebUtility.HtmlEncode(FormatCell(c))).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody>");
        if (Rows.Count > MaxRows)
            sb.Append($"<tfoot><tr><td colspan=\"{Headers.Count}\">… {Rows.Count - MaxRows} more rows ({Rows.Count} in all)</td></tr></tfoot>");
        return sb.Append("</table>").ToString();
    }

    /// <summary>The table as aligned plain text.</summary>
    public override string ToString()
    {
        var cells = Rows.Take(MaxRows).Select(r => r.Select(FormatCell).ToArray()).ToList();
        var widths = Headers.Select((h, j) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[j].Length))).ToArray();
        var sb = new StringBuilder();
        if (Caption is not null) sb.AppendLine(Caption);
        sb.AppendLine(string.Join("  ", Headers.Select((h, j) => h.PadRight(widths[j]))).TrimEnd());
        foreach (var r in cells) sb.AppendLine(string.Join("  ", r.Select((c, j) => c.PadLeft(widths[j]))).TrimEnd());
        if (Rows.Count > MaxRows) sb.AppendLine($"… {Rows.Count - MaxRows} more rows ({Rows.Count} in all)");
        return sb.ToString().TrimEnd();
    }
}
