using System.Globalization;
using System.Text;

namespace SoilNotebooks.Tabular;

/// <summary>
/// A small column-oriented table read from or written to CSV (header row, comma separated by default,
/// invariant culture, RFC 4180 quoting). Cells are kept as text; typed access converts on demand and
/// reports the row and column of a value that does not parse. Used by the CLI verbs and loaders.
/// <para>A row read from a line without quotes is stored as that line and the offsets of its cells, so a large numeric
/// file costs one string per line and numbers are parsed straight from the line; quoted rows keep their cells.</para>
/// </summary>
public sealed class CsvTable
{
    private readonly List<Row> _rows;
    private readonly Dictionary<string, int> _index;

    /// <summary>One row: either a line with the start of each cell (cell k is <c>Line[Starts[k] .. Starts[k+1]-1]</c>,
    /// the separator excluded), or the cells themselves.</summary>
    private readonly record struct Row(string? Line, int[]? Starts, string[]? Cells)
    {
        public int Count => Cells?.Length ?? Starts!.Length - 1;

        public ReadOnlySpan<char> Span(int k) =>
            Cells is not null ? Cells[k].AsSpan() : Line.AsSpan(Starts![k], Starts[k + 1] - 1 - Starts[k]);

        public string Cell(int k) => Cells is not null ? Cells[k] : Line!.Substring(Starts![k], Starts[k + 1] - 1 - Starts[k]);

        public string[] ToCells() => Cells ?? Enumerable.Range(0, Count).Select(Cell).ToArray();
    }

    /// <summary>Column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of data rows (the header excluded).</summary>
    public int RowCount => _rows.Count;

    /// <summary>Where the table was read from, when it was (used in error messages).</summary>
    public string Source { get; }

    /// <summary>Creates a table from column names and rows of cells.</summary>
    public CsvTable(IReadOnlyList<string> columns, IEnumerable<string[]> rows, string source = "table")
    {
        Columns = columns.ToArray();
        Source = source;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Columns.Count; i++)
            if (!_index.TryAdd(Columns[i], i))
                throw new FormatException($"{source}: column '{Columns[i]}' appears twice in the header.");
        _rows = new List<Row>();
        foreach (var r in rows) Add(new Row(null, null, r));
    }

    private CsvTable(IReadOnlyList<string> columns, string source) : this(columns, [], source) { }

    private void Add(Row r)
    {
        if (r.Count != Columns.Count)
            throw new FormatException($"{Source}: row {_rows.Count + 1} has {r.Count} cells; the header has {Columns.Count}.");
        _rows.Add(r);
    }

    /// <summary>Reads a CSV file with a header row.</summary>
    /// <param name="path">The file.</param>
    /// <param name="separator">Field separator (default ',').</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">Empty file, ragged rows, duplicate header names, or an unterminated quote.</exception>
    public static CsvTable Read(string path, char separator = ',')
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file not found: '{path}'.", path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, separator, path);
    }

    /// <summary>Parses CSV text with a header row.</summary>
    public static CsvTable Parse(TextReader reader, char separator = ',', string source = "CSV text")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = ReadRecords(reader, separator, source).GetEnumerator();
        if (!records.MoveNext()) throw new FormatException($"{source}: the file is empty; expected a header row.");
        var table = new CsvTable(records.Current.ToCells().Select(h => h.Trim()).ToArray(), source);
        while (records.MoveNext())
        {
            var r = records.Current;
            if (r.Count == 1 && r.Span(0).Length == 0) continue; // blank line
            table.Add(r);
        }
        return table;
    }

    // Line by line: a line without a quote keeps its text and the offsets of its cells (the common case, and fast); a
    // line with quotes is parsed character by character (RFC 4180: "" is a quote inside a quoted field) and may continue
    // over further lines. A lone '\r' is dropped as in "\r\n".
    private static IEnumerable<Row> ReadRecords(TextReader reader, char sep, string source)
    {
        var fields = new List<string>();
        var starts = new List<int>();
        var sb = new StringBuilder();
        int line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.AsSpan().IndexOfAny('"', '\r') < 0)
            {
                starts.Clear(); starts.Add(0);
                for (int i = text.IndexOf(sep); i >= 0; i = text.IndexOf(sep, i + 1)) starts.Add(i + 1);
                starts.Add(text.Length + 1);
                yield return new Row(text, starts.ToArray(), null);
                continue;
            }
            int startLine = line;
            bool inQuotes = false;
            fields.Clear(); sb.Clear();
            while (true)
            {
                for (int i = 0; i < text.Length; i++)
                {
                    char ch = text[i];
                    if (inQuotes)
                    {
                        if (ch != '"') sb.Append(ch);
                        else if (i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i++; }
                        else inQuotes = false;
                    }
                    else if (ch == '"') inQuotes = true;
                    else if (ch == sep) { fields.Add(sb.ToString()); sb.Clear(); }
                    else if (ch != '\r') sb.Append(ch);
                }
                if (!inQuotes) break;
                text = reader.ReadLine()
                    ?? throw new FormatException($"{source}: unterminated quoted field starting on line {startLine}.");
                line++;
                sb.Append('\n');
            }
            fields.Add(sb.ToString());
            yield return new Row(null, null, fields.ToArray());
        }
    }

    /// <summary>True when the table has a column of that name.</summary>
    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>Index of a column; throws naming the available columns when it is absent.</summary>
    public int ColumnIndex(string name) =>
        _index.TryGetValue(name, out var i) ? i
        : throw new KeyNotFoundException($"{Source}: unknown column '{name}'. Available columns: {string.Join(", ", Columns)}.");

    /// <summary>The raw cell at a row and column.</summary>
    public string this[int row, string column] => _rows[row].Cell(ColumnIndex(column));

    /// <summary>A column as strings.</summary>
    public string[] GetStrings(string column)
    {
        int j = ColumnIndex(column);
        var a = new string[_rows.Count];
        for (int i = 0; i < a.Length; i++) a[i] = _rows[i].Cell(j);
        return a;
    }

    /// <summary>
    /// A column as doubles (invariant culture). Empty cells, "NA" and "NaN" become <see cref="double.NaN"/>
    /// when <paramref name="allowMissing"/> is true; otherwise they are an error naming the row.
    /// </summary>
    public double[] GetDoubles(string column, bool allowMissing = false)
    {
        int j = ColumnIndex(column);
        var a = new double[_rows.Count];
        for (int i = 0; i < a.Length; i++)
        {
            var s = _rows[i].Span(j).Trim();
            if (s.Length == 0 || s is "NA" or "NaN" or "nan")
            {
                if (!allowMissing) throw new FormatException($"{Source}: column '{column}' row {i + 1} is missing (\"{s}\"); expected a number.");
                a[i] = double.NaN;
            }
            else if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out a[i]))
                throw new FormatException($"{Source}: column '{column}' row {i + 1} holds \"{s}\", which is not a number.");
        }
        return a;
    }

    /// <summary>Several columns as a row-major matrix [row, column], in the given column order.</summary>
    public double[,] GetMatrix(IReadOnlyList<string> columns, bool allowMissing = false)
    {
        var m = new double[_rows.Count, columns.Count];
        for (int k = 0; k < columns.Count; k++)
        {
            var col = GetDoubles(columns[k], allowMissing);
            for (int i = 0; i < col.Length; i++) m[i, k] = col[i];
        }
        return m;
    }

    /// <summary>Formats a double for CSV output: invariant culture, round-trippable ("R").</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Quotes a cell when it holds the separator, a quote or a line break.</summary>
    public static string Quote(string cell, char separator = ',') =>
        cell.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    /// <summary>Writes the table atomically (temporary file, then move).</summary>
    public void Write(string path, char separator = ',') => WriteCsv(path, Columns, _rows.Select(r => r.ToCells()), separator);

    /// <summary>Writes rows of cells under a header, atomically (a failure leaves no partial file).</summary>
    public static void WriteCsv(string path, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, char separator = ',')
    {
        IO.AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false));
            w.NewLine = "\n";
            w.WriteLine(string.Join(separator, columns.Select(c => Quote(c, separator))));
            foreach (var r in rows)
                w.WriteLine(string.Join(separator, r.Select(c => Quote(c, separator))));
        });
    }
}
