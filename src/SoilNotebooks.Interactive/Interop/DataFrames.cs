using System.Globalization;
using System.Reflection;
using Microsoft.Data.Analysis;
using SoilNotebooks.Interactive.Display;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Interactive.Interop;

/// <summary>
/// Conversions of our tables to Microsoft.Data.Analysis <see cref="DataFrame"/>s with typed columns and units in
/// the column names ("Clay (%)"), and back to a <see cref="Table"/> for display. Numbers become
/// <see cref="double"/> columns: <c>DataFrame.LoadCsv</c> infers <see cref="float"/>, which cannot hold UTM
/// coordinates (float32 values near 5.8 million metres are 0.5 m apart, so northings move by up to 0.25 m).
/// </summary>
public static class DataFrames
{
    /// <summary>Rows a displayed DataFrame shows (the rest is counted in the caption).</summary>
    public const int DisplayRows = 30;

    /// <summary>
    /// A DataFrame from named columns — the general converter for stage values (sample series, raster values,
    /// predictions): e.g. <c>FromColumns([NamedColumn.Of("id", ids), NamedColumn.Of("Clay", clay, "%")])</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Columns of different lengths, repeated headers, or an unsupported element
    /// type.</exception>
    public static DataFrame FromColumns(IEnumerable<NamedColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var list = columns.ToList();
        if (list.Count > 0)
        {
            int n = list[0].Values.Length;
            foreach (var c in list)
                if (c.Values.Length != n)
                    throw new ArgumentException(
                        $"Column '{c.Header}' has {c.Values.Length} values; '{list[0].Header}' has {n}.");
        }
        var dup = list.GroupBy(c => c.Header).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Two columns are named '{dup.Key}'.");
        return new DataFrame(list.Select(c => Column(c.Header, c.Values)));
    }

    /// <summary>A DataFrame from named columns (params form).</summary>
    public static DataFrame FromColumns(params NamedColumn[] columns) => FromColumns((IEnumerable<NamedColumn>)columns);

    /// <summary>
    /// A CSV table as a DataFrame: a column whose non-empty cells all parse as numbers (invariant culture) becomes a
    /// double column (empty, "NA" and "NaN" cells become nulls), one whose cells all parse as ISO dates a DateTime
    /// column, any other a string column. <paramref name="units"/> maps column names to unit symbols for the headers.
    /// </summary>
    public static DataFrame ToDataFrame(this CsvTable table, IReadOnlyDictionary<string, string>? units = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var cols = new List<DataFrameColumn>();
        foreach (var name in table.Columns)
        {
            var cells = table.GetStrings(name);
            string header = units is not null && units.TryGetValue(name, out var u) && u.Length > 0
                ? $"{name} ({u})" : name;
            cols.Add(CsvColumn(header, cells));
        }
        return new DataFrame(cols);
    }

    /// <summary>A feature table as a DataFrame of double columns (the float32 values widened exactly).</summary>
    public static DataFrame ToDataFrame(this FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new DataFrame(Enumerable.Range(0, table.Columns).Select(j =>
            (DataFrameColumn)new DoubleDataFrameColumn(table.Names[j], table.Column(j).Select(v => (double)v))));
    }

    /// <summary>
    /// A display table as a DataFrame: headers (with units) become column names; a column of integers becomes an
    /// int column, of other numbers a double column, of dates a DateTime column, of booleans a bool column, anything
    /// else a string column (cells as text). Null cells become nulls.
    /// </summary>
    public static DataFrame ToDataFrame(this Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var cols = new List<DataFrameColumn>();
        for (int j = 0; j < table.Headers.Count; j++)
        {
            var cells = table.Rows.Select(r => r[j]).ToArray();
            var present = cells.Where(c => c is not null).ToArray();
            Type kind = present.Length == 0 ? typeof(string)
                : present.All(c => c is int or short or byte) ? typeof(int)
                : present.All(c => c is double or float or int or long or short or byte or decimal) ? typeof(double)
                : present.All(c => c is DateTime) ? typeof(DateTime)
                : present.All(c => c is bool) ? typeof(bool) : typeof(string);
            cols.Add(Typed(table.Headers[j], kind, cells));
        }
        return new DataFrame(cols);
    }

    /// <summary>
    /// Records (or any objects) as a DataFrame: one column per public property, named like <see cref="Table"/>
    /// headers ("ClayPercent" → "Clay (%)", or from <see cref="UnitAttribute"/>), typed from the property type.
    /// </summary>
    public static DataFrame ToDataFrame<T>(this IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rows = items.ToArray();
        var props = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").ToArray();
        return new DataFrame(props.Select(p =>
        {
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            Type kind = t == typeof(int) || t == typeof(short) || t == typeof(byte) ? typeof(int)
                : t == typeof(long) ? typeof(long)
                : t == typeof(double) || t == typeof(float) || t == typeof(decimal) ? typeof(double)
                : t == typeof(DateTime) ? typeof(DateTime) : t == typeof(bool) ? typeof(bool) : typeof(string);
            return Typed(Table.Header(p), kind, rows.Select(r => p.GetValue(r)).ToArray());
        }));
    }

    /// <summary>The first <see cref="DisplayRows"/> rows of a DataFrame as a display table (column names as
    /// headers).</summary>
    public static Table ToDisplayTable(this DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        long n = frame.Rows.Count;
        int shown = (int)Math.Min(n, DisplayRows);
        var rows = new List<object?[]>(shown);
        for (int i = 0; i < shown; i++)
            rows.Add(frame.Columns.Select(c => c[i]).ToArray());
        var caption = string.Create(CultureInfo.InvariantCulture,
            $"DataFrame: {n} rows × {frame.Columns.Count} columns{(n > shown ? $", first {shown} shown" : "")}");
        return new Table(frame.Columns.Select(c => c.Name).ToArray(), rows)
        {
            Caption = caption, MaxRows = DisplayRows,
        };
    }

    private static DataFrameColumn Column(string name, Array values) => values switch
    {
        double[] d => new DoubleDataFrameColumn(name, d),
        double?[] d => new DoubleDataFrameColumn(name, d),
        float[] f => new DoubleDataFrameColumn(name, f.Select(v => (double)v)),
        float?[] f => new DoubleDataFrameColumn(name, f.Select(v => (double?)v)),
        int[] i => new Int32DataFrameColumn(name, i),
        int?[] i => new Int32DataFrameColumn(name, i),
        long[] l => new Int64DataFrameColumn(name, l),
        long?[] l => new Int64DataFrameColumn(name, l),
        bool[] b => new BooleanDataFrameColumn(name, b),
        bool?[] b => new BooleanDataFrameColumn(name, b),
        DateTime[] t => new DateTimeDataFrameColumn(name, t),
        DateTime?[] t => new DateTimeDataFrameColumn(name, t),
        string[] s => new StringDataFrameColumn(name, s),
        _ => throw new ArgumentException(
            $"Column '{name}': values of type {values.GetType().Name} are not supported (use double, float, int, long, "
            + "bool, DateTime or string arrays)."),
    };

    private static DataFrameColumn Typed(string name, Type kind, object?[] cells)
    {
        var inv = CultureInfo.InvariantCulture;
        if (kind == typeof(int))
            return new Int32DataFrameColumn(name, cells.Select(c => c is null ? (int?)null : Convert.ToInt32(c, inv)));
        if (kind == typeof(long))
            return new Int64DataFrameColumn(name, cells.Select(c => c is null ? (long?)null : Convert.ToInt64(c, inv)));
        if (kind == typeof(double))
            return new DoubleDataFrameColumn(name,
                cells.Select(c => c is null ? (double?)null : Convert.ToDouble(c, inv)));
        if (kind == typeof(DateTime)) return new DateTimeDataFrameColumn(name, cells.Select(c => (DateTime?)c));
        if (kind == typeof(bool)) return new BooleanDataFrameColumn(name, cells.Select(c => (bool?)c));
        return new StringDataFrameColumn(name, cells.Select(c => c switch
        {
            null => null,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => c.ToString(),
        }));
    }

    private static DataFrameColumn CsvColumn(string header, string[] cells)
    {
        static bool Missing(string s) => s.Length == 0 || s is "NA" or "NaN" or "nan" or "null";
        var present = cells.Where(c => !Missing(c.Trim())).ToArray();
        if (present.Length > 0
            && present.All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            return new DoubleDataFrameColumn(header, cells.Select(c => Missing(c.Trim()) ? (double?)null
                : double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)));
        if (present.Length > 0 && present.All(c => DateTime.TryParse(c, CultureInfo.InvariantCulture,
                DateTimeStyles.RoundtripKind, out _) && c.Contains('-')))
            return new DateTimeDataFrameColumn(header, cells.Select(c => Missing(c.Trim()) ? (DateTime?)null
                : DateTime.Parse(c, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        return new StringDataFrameColumn(header, cells);
    }
}
