using System.Globalization;
using System.Text;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Datasets;

/// <summary>
/// Reads a dataset's tabular file as its manifest describes it (separator, header lines, columns) after
/// verifying its sha256, and checks it against the manifest: every listed column is present, the row
/// count matches, and numeric cells lie in the column's [min, max] (missing cells only where the column is
/// nullable). Errors name the file, the column and the row.
/// </summary>
public static class ManifestTables
{
    /// <summary>Cells read as missing values: empty, NA, NaN, nan, NAN (Campbell loggers).</summary>
    public static bool IsMissing(string cell)
    {
        var s = cell.Trim();
        return s.Length == 0 || s is "NA" or "NaN" or "nan" or "NAN";
    }

    /// <summary>Parses a number (invariant culture); missing cells give NaN.</summary>
    /// <exception cref="FormatException">The cell is not a number; the message names source, column and row.</exception>
    public static double ParseNumber(string cell, string source, string column, int row)
    {
        if (IsMissing(cell)) return double.NaN;
        if (double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        throw new FormatException($"{source}: column '{column}' row {row} holds \"{cell}\", which is not a number.");
    }

    /// <summary>
    /// Reads and checks a listed file of <paramref name="dataset"/>.
    /// </summary>
    /// <param name="dataset">The opened dataset.</param>
    /// <param name="file">The file's relative path in the manifest.</param>
    /// <param name="checkRanges">Also check numeric cells against min/max and nullability (default true).</param>
    /// <exception cref="DatasetFileMissingException">The file is absent (message says where to get and put it).</exception>
    /// <exception cref="DatasetChecksumException">Its sha256 differs from the manifest.</exception>
    /// <exception cref="FormatException">A listed column is missing, the row count differs, or a value is out of range.</exception>
    public static CsvTable Read(Dataset dataset, string file, bool checkRanges = true) => ReadChecked(dataset, file, checkRanges).Table;

    /// <summary>
    /// As <see cref="Read(Dataset, string, bool)"/>, keeping the numeric columns the check parsed so that a
    /// loader does not parse them again (<see cref="CheckedTable.GetDoubles"/>, <see cref="CheckedTable.Numbers"/>).
    /// </summary>
    public static CheckedTable ReadChecked(Dataset dataset, string file, bool checkRanges = true)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var entry = dataset.Manifest.File(file);
        var path = dataset.Require(file);
        var table = Read(path, entry);
        return new CheckedTable(table, Check(table, entry, checkRanges));
    }

    /// <summary>Reads a delimited file following a manifest entry (no checksum or column checks).</summary>
    public static CsvTable Read(string path, DataFileEntry entry)
    {
        char sep = entry.Separator is { Length: > 0 } s ? (s == "\\t" ? '\t' : s[0]) : entry.Format == "tsv" ? '\t' : ',';
        int headerLines = entry.HeaderLines ?? 1;
        if (entry.Format == "toa5") return Toa5.Read(path).Data;
        if (headerLines == 1) return CsvTable.Read(path, sep);
        if (headerLines == 0)
        {
            var cols = entry.Columns ?? throw new FormatException($"{path}: a file without a header row needs its columns listed in the manifest.");
            var text = new StringBuilder();
            text.Append(string.Join(sep, cols.Select(c => CsvTable.Quote(c.Name, sep)))).Append('\n');
            text.Append(File.ReadAllText(path));
            return CsvTable.Parse(new StringReader(text.ToString()), sep, path);
        }
        throw new FormatException($"{path}: {headerLines} header lines are only supported for the 'toa5' format.");
    }

    /// <summary>Checks a table against a manifest entry (columns present, row count, ranges).</summary>
    /// <returns>
    /// The numeric columns parsed for the range check, by name, as <see cref="ParseNumber"/> reads them (missing
    /// cells NaN); empty when <paramref name="checkRanges"/> is false.
    /// </returns>
    /// <exception cref="FormatException">The first problem found, naming file, column and row.</exception>
    public static IReadOnlyDictionary<string, double[]> Check(CsvTable table, DataFileEntry entry, bool checkRanges = true)
    {
        var source = table.Source;
        var parsed = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (entry.Columns is { } cols)
        {
            var missing = cols.Where(c => !table.HasColumn(c.Name)).Select(c => c.Name).ToArray();
            if (missing.Length > 0)
                throw new FormatException($"{source}: column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} listed in the manifest are missing from the file. Columns found: {string.Join(", ", table.Columns)}.");
            if (checkRanges)
                foreach (var c in cols.Where(c => c.Type is "number" or "integer"))
                {
                    var cells = table.GetStrings(c.Name);
                    var values = new double[cells.Length];
                    for (int i = 0; i < cells.Length; i++)
                    {
                        var v = values[i] = ParseNumber(cells[i], source, c.Name, i + 1);
                        if (double.IsNaN(v))
                        {
                            if (!c.Nullable) throw new FormatException($"{source}: column '{c.Name}' row {i + 1} is missing, but the manifest does not allow missing values there.");
                            continue;
                        }
                        if (c.Min is { } lo && v < lo || c.Max is { } hi && v > hi)
                            throw new FormatException($"{source}: column '{c.Name}' row {i + 1} = {cells[i]} {c.Unit} is outside the valid range [{c.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"}, {c.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}].");
                    }
                    parsed[c.Name] = values;
                }
        }
        if (entry.RowCount is { } n && n != table.RowCount)
            throw new FormatException($"{source}: {table.RowCount} data rows, but the manifest lists {n}.");
        return parsed;
    }
}

/// <summary>A table read and checked against its manifest, with the numeric columns the check parsed.</summary>
/// <param name="Table">The table.</param>
/// <param name="Numbers">Numeric columns parsed by <see cref="ManifestTables.Check"/> (missing cells NaN); shared, do not modify.</param>
public sealed record CheckedTable(CsvTable Table, IReadOnlyDictionary<string, double[]> Numbers)
{
    /// <summary>
    /// A column as <see cref="ManifestTables.ParseNumber"/> reads it (missing cells NaN): the checked values when
    /// the check parsed it, else parsed now. The array may be shared; do not modify it.
    /// </summary>
    public double[] Number(string column) =>
        Numbers.TryGetValue(column, out var v) ? v
        : Table.GetStrings(column).Select((cell, i) => ManifestTables.ParseNumber(cell, Table.Source, column, i + 1)).ToArray();

    /// <summary>
    /// A column as <see cref="CsvTable.GetDoubles"/> reads it: the checked values when the check parsed it and
    /// found no missing cell (the two parses then agree), else <see cref="CsvTable.GetDoubles"/>. The array may be
    /// shared; do not modify it.
    /// </summary>
    public double[] GetDoubles(string column, bool allowMissing = false) =>
        Numbers.TryGetValue(column, out var v) && !v.Any(double.IsNaN) ? v : Table.GetDoubles(column, allowMissing);
}

/// <summary>The four header lines of a Campbell Scientific TOA5 file.</summary>
/// <param name="Environment">Line 1: "TOA5", station name, logger model, serial, OS, program, signature, table.</param>
/// <param name="Names">Line 2: field names.</param>
/// <param name="Units">Line 3: units per field.</param>
/// <param name="Processing">Line 4: processing per field (Smp, Avg, Tot, Min, Max…).</param>
public sealed record Toa5Header(IReadOnlyList<string> Environment, IReadOnlyList<string> Names, IReadOnlyList<string> Units, IReadOnlyList<string> Processing)
{
    /// <summary>The unit of a field ("" when none).</summary>
    public string UnitOf(string name)
    {
        int i = Names.ToList().IndexOf(name);
        return i < 0 ? throw new KeyNotFoundException($"TOA5 file has no field '{name}'.") : Units[i];
    }
}

/// <summary>A TOA5 file: its header and its data as a table (columns = field names).</summary>
/// <param name="Header">The four header lines.</param>
/// <param name="Data">Data rows (cells as text; "NAN" is the logger's missing value).</param>
public sealed record Toa5File(Toa5Header Header, CsvTable Data);

/// <summary>Reader for Campbell Scientific TOA5 ASCII files (comma separated, quoted, 4 header lines).</summary>
public static class Toa5
{
    /// <summary>Reads a TOA5 file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="FormatException">Fewer than 4 header lines, a first line not starting with "TOA5", or header lines of different widths.</exception>
    public static Toa5File Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"TOA5 file not found: '{path}'.", path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        var head = new string[4][];
        for (int i = 0; i < 4; i++)
        {
            var line = reader.ReadLine() ?? throw new FormatException($"{path}: a TOA5 file has 4 header lines; the file ended after {i}.");
            head[i] = SplitLine(line);
        }
        if (head[0].Length == 0 || head[0][0] != "TOA5")
            throw new FormatException($"{path}: the first line must start with \"TOA5\" (found \"{head[0].FirstOrDefault()}\"); not a Campbell TOA5 file.");
        if (head[2].Length != head[1].Length || head[3].Length != head[1].Length)
            throw new FormatException($"{path}: TOA5 header lines 2–4 must have the same number of fields ({head[1].Length}, {head[2].Length}, {head[3].Length}).");
        var text = new StringBuilder();
        text.Append(string.Join(',', head[1].Select(h => CsvTable.Quote(h)))).Append('\n');
        text.Append(reader.ReadToEnd());
        var data = CsvTable.Parse(new StringReader(text.ToString()), ',', path);
        return new Toa5File(new Toa5Header(head[0], head[1], head[2], head[3]), data);
    }

    /// <summary>Splits one comma-separated line with RFC 4180 quotes (duplicates allowed, unlike a table header).</summary>
    internal static string[] SplitLine(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else if (c != '\r') sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }
}
