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
        name = Words(name);
        return unit is null ? name : $"{name} ({unit})";
    }

    /// <summary>
    /// Splits a PascalCase name into words, keeping each word's case: a word starts at an upper-case letter after a
    /// lower-case one or a digit, at the last capital of an acronym followed by lower case, and at a digit after a
    /// lower-case letter ("PaperClaim" → "Paper Claim", "MeanB12" → "Mean B12", "RMSEGain" → "RMSE Gain",
    /// "With95Percent" → "With 95 Percent"); "R2", "Q1" and "PICP90" stay whole.
    /// </summary>
    internal static string Words(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (i > 0 && name[i - 1] != ' ' && name[i - 1] != '_')
            {
                char prev = name[i - 1];
                bool upperAfterLowerOrDigit = char.IsUpper(c) && (char.IsLower(prev) || char.IsDigit(prev));
                bool acronymEnd = char.IsUpper(c) && char.IsUpper(prev) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                bool digitAfterLower = char.IsDigit(c) && char.IsLower(prev);
                if (upperAfterLowerOrDigit || acronymEnd || digitAfterLower) sb.Append(' ');
            }
            sb.Append(c == '_' ? ' ' : c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Formats a cell on its own: floating-point numbers to <see cref="Digits"/> significant digits, NaN as "–".
    /// (<see cref="ToHtml"/> and <see cref="ToString"/> give a column of numbers shared decimals instead.)
    /// </summary>
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
        "[" + string.Join(", ", firstNine.Take(8).Select(c => FormatCell(c))) + (firstNine.Length > 8 ? ", …]" : "]");

    /// <summary>A cell with its column's shared decimals (finite numbers only; the rest as <see cref="FormatCell(object?)"/>).</summary>
    private string FormatCell(object? v, int? decimals)
    {
        double x = v switch { double d => d, float f => f, _ => double.NaN };
        if (decimals is not { } k || !double.IsFinite(x)) return FormatCell(v);
        return (Math.Round(x, k) == 0 ? 0.0 : x).ToString("F" + k.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Per column of floating-point numbers, the decimals shared by all its shown cells, so a column reads aligned
    /// (15.99, 0.30, 3.42 rather than 15.99, 0.2991, 3.418): enough for <see cref="Digits"/> significant digits of the
    /// column's largest magnitude, fewer when every value needs fewer (a column of whole numbers shows none). Null for a
    /// column with other kinds of cells, or magnitudes that need exponent notation (each cell is then formatted alone).
    /// </summary>
    private int?[] ColumnDecimals()
    {
        var shown = Rows.Take(MaxRows).ToArray();
        var result = new int?[Headers.Count];
        for (int j = 0; j < Headers.Count; j++)
        {
            var values = new List<double>();
            bool numeric = true;
            foreach (var r in shown)
            {
                switch (r[j])
                {
                    case null: break;
                    case double d: if (double.IsFinite(d)) values.Add(d); break;
                    case float f: if (float.IsFinite(f)) values.Add(f); break;
                    default: numeric = false; break;
                }
                if (!numeric) break;
            }
            if (!numeric || values.Count == 0) continue;
            double max = values.Max(Math.Abs);
            if (max == 0) { result[j] = 0; continue; }
            if (max >= 1e7 || max < 1e-4) continue;
            int most = Math.Clamp(Digits - 1 - (int)Math.Floor(Math.Log10(max)), 0, 10);
            int k = 0;
            while (k < most && values.Any(v => Math.Abs(Math.Round(v, most) - Math.Round(v, k)) > 1e-9 * Math.Max(1, max))) k++;
            result[j] = k;
        }
        return result;
    }

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
        var decimals = ColumnDecimals();
        foreach (var r in Rows.Take(MaxRows))
        {
            sb.Append("<tr>");
            for (int j = 0; j < r.Length; j++)
                sb.Append(r[j] is double or float or int or long ? "<td class=\"num\">" : "<td>").Append(WebUtility.HtmlEncode(FormatCell(r[j], decimals[j]))).Append("</td>");
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
        var decimals = ColumnDecimals();
        var cells = Rows.Take(MaxRows).Select(r => r.Select((c, j) => FormatCell(c, decimals[j])).ToArray()).ToList();
        var widths = Headers.Select((h, j) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[j].Length))).ToArray();
        var sb = new StringBuilder();
        if (Caption is not null) sb.AppendLine(Caption);
        sb.AppendLine(string.Join("  ", Headers.Select((h, j) => h.PadRight(widths[j]))).TrimEnd());
        foreach (var r in cells) sb.AppendLine(string.Join("  ", r.Select((c, j) => c.PadLeft(widths[j]))).TrimEnd());
        if (Rows.Count > MaxRows) sb.AppendLine($"… {Rows.Count - MaxRows} more rows ({Rows.Count} in all)");
        return sb.ToString().TrimEnd();
    }
}
