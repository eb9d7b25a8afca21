using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tabular;

/// <summary>
/// An immutable, validated feature matrix for the tree learners: <see cref="Rows"/> × <see cref="Columns"/>
/// single-precision values stored column-major (all rows of feature 0, then feature 1, …), which is the
/// layout split search reads. Values must be finite: a NaN or infinity is rejected with the row and the
/// column named, because CART splits (ours and ranger's) have no missing-value rule.
/// </summary>
public sealed class FeatureTable
{
    internal readonly float[] Data;

    /// <summary>Number of rows (observations).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>Feature names, one per column.</summary>
    public IReadOnlyList<string> Names { get; }

    private FeatureTable(float[] data, int rows, int columns, IReadOnlyList<string> names)
    {
        Data = data; Rows = rows; Columns = columns; Names = names;
    }

    /// <summary>The value at a row and column.</summary>
    public float this[int row, int column] => Data[column * Rows + row];

    /// <summary>A copy of one column.</summary>
    public float[] Column(int column) => Data.AsSpan(column * Rows, Rows).ToArray();

    internal ReadOnlySpan<float> ColumnSpan(int column) => Data.AsSpan(column * Rows, Rows);

    /// <summary>Per-column mean and population SD for standardising (all 0 and 1 when <paramref name="standardize"/> is false; an SD of 0 becomes 1).</summary>
    internal (double[] Mean, double[] Sd) StandardizationMoments(bool standardize)
    {
        var mean = new double[Columns]; var sd = Enumerable.Repeat(1.0, Columns).ToArray();
        if (standardize)
            for (int j = 0; j < Columns; j++)
            {
                var c = ColumnSpan(j);
                double m = 0; foreach (var v in c) m += v; m /= Rows;
                double s = 0; foreach (var v in c) s += (v - m) * (v - m);
                mean[j] = m; sd[j] = s > 0 ? Math.Sqrt(s / Rows) : 1;
            }
        return (mean, sd);
    }

    /// <summary>Index of a named column; throws naming the available columns when it is absent.</summary>
    public int IndexOf(string name)
    {
        for (int j = 0; j < Names.Count; j++) if (Names[j] == name) return j;
        throw new KeyNotFoundException($"Unknown feature '{name}'. Available features: {string.Join(", ", Names)}.");
    }

    private static IReadOnlyList<string> DefaultNames(int p, IReadOnlyList<string>? names)
    {
        if (names is null) return Enumerable.Range(0, p).Select(j => $"x{j}").ToArray();
        if (names.Count != p) throw new ArgumentException($"{names.Count} feature names given for {p} columns; expected one name per column.");
        return names.ToArray();
    }

    private static float Validate(double v, int row, int col, IReadOnlyList<string> names)
    {
        if (!double.IsFinite(v))
            throw new ArgumentException($"Feature '{names[col]}' row {row + 1} is {(double.IsNaN(v) ? "NaN (missing)" : v.ToString())}; tree learners need finite feature values — impute or drop the row first.");
        return (float)v;
    }

    /// <summary>Builds a table from a row-major matrix [row, column] (values converted to float).</summary>
    /// <param name="x">The matrix; at least one row and one column; all finite.</param>
    /// <param name="names">Optional feature names (default x0, x1, …).</param>
    public static FeatureTable FromMatrix(double[,] x, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), p = x.GetLength(1);
        if (n < 1 || p < 1) throw new ArgumentException($"A feature table needs at least one row and one column (got {n} × {p}).");
        var nm = DefaultNames(p, names);
        var d = new float[n * p];
        for (int j = 0; j < p; j++)
            for (int i = 0; i < n; i++) d[j * n + i] = Validate(x[i, j], i, j, nm);
        return new FeatureTable(d, n, p, nm);
    }

    /// <summary>Builds a table from jagged rows (each row one observation).</summary>
    public static FeatureTable FromRows(IReadOnlyList<double[]> rows, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 1) throw new ArgumentException("A feature table needs at least one row (got 0).");
        int n = rows.Count, p = rows[0].Length;
        if (p < 1) throw new ArgumentException("A feature table needs at least one column (got 0).");
        var nm = DefaultNames(p, names);
        var d = new float[n * p];
        for (int i = 0; i < n; i++)
        {
            if (rows[i].Length != p) throw new ArgumentException($"Row {i + 1} has {rows[i].Length} values; row 1 has {p}.");
            for (int j = 0; j < p; j++) d[j * n + i] = Validate(rows[i][j], i, j, nm);
        }
        return new FeatureTable(d, n, p, nm);
    }

    /// <summary>
    /// A table over column-major single-precision data (all rows of feature 0, then feature 1, …), taken as it is (not
    /// copied); every value must be finite.
    /// </summary>
    internal static FeatureTable FromColumnMajor(float[] data, int rows, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(data); ArgumentNullException.ThrowIfNull(names);
        int p = names.Count;
        if (rows < 1 || p < 1) throw new ArgumentException($"A feature table needs at least one row and one column (got {rows} × {p}).");
        if (data.Length != (long)rows * p) throw new ArgumentException($"{data.Length} values given for {rows} rows × {p} features.");
        for (int k = 0; k < data.Length; k++)
            if (!float.IsFinite(data[k])) Validate(data[k], k % rows, k / rows, names);
        return new FeatureTable(data, rows, p, names.ToArray());
    }

    /// <summary>Builds a table from columns (each array one feature, all of equal length).</summary>
    public static FeatureTable FromColumns(IReadOnlyList<double[]> columns, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count < 1) throw new ArgumentException("A feature table needs at least one column (got 0).");
        int p = columns.Count, n = columns[0].Length;
        if (n < 1) throw new ArgumentException("A feature table needs at least one row (got 0).");
        var nm = DefaultNames(p, names);
        var d = new float[n * p];
        for (int j = 0; j < p; j++)
        {
            if (columns[j].Length != n) throw new ArgumentException($"Feature '{nm[j]}' has {columns[j].Length} values; '{nm[0]}' has {n}.");
            for (int i = 0; i < n; i++) d[j * n + i] = Validate(columns[j][i], i, j, nm);
        }
        return new FeatureTable(d, n, p, nm);
    }

    /// <summary>Builds a table from single-precision columns (copied).</summary>
    public static FeatureTable FromColumns(IReadOnlyList<float[]> columns, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return FromColumns(columns.Select(c => c.Select(v => (double)v).ToArray()).ToArray(), names);
    }

    /// <summary>
    /// Reads the named columns of a CSV table. A missing cell ("", NA, NaN) or an unknown column is an error
    /// naming the column (and row).
    /// </summary>
    public static FeatureTable FromCsv(CsvTable table, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("No feature columns given.");
        if (table.RowCount == 0) throw new ArgumentException($"{table.Source}: the table has no data rows.");
        var cols = new double[columns.Count][];
        for (int j = 0; j < columns.Count; j++)
        {
            cols[j] = table.GetDoubles(columns[j], allowMissing: true);
            for (int i = 0; i < cols[j].Length; i++)
                if (!double.IsFinite(cols[j][i]))
                    throw new ArgumentException($"{table.Source}: feature '{columns[j]}' row {i + 1} is missing or not finite; tree learners need finite feature values — impute or drop the row first.");
        }
        return FromColumns(cols, columns);
    }

    /// <summary>The rows at the given indices, as a new table (indices may repeat).</summary>
    public FeatureTable SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("Cannot select zero rows.");
        int m = rows.Count;
        var d = new float[m * Columns];
        for (int k = 0; k < m; k++)
            if ((uint)rows[k] >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(rows), $"Row index {rows[k]} is outside 0..{Rows - 1}.");
        for (int j = 0; j < Columns; j++)
        {
            var src = Data.AsSpan(j * Rows, Rows);
            var dst = d.AsSpan(j * m, m);
            for (int k = 0; k < m; k++) dst[k] = src[rows[k]];
        }
        return new FeatureTable(d, m, Columns, Names);
    }

    /// <summary>The row-major double matrix [row, column] (a copy).</summary>
    public double[,] ToMatrix()
    {
        var m = new double[Rows, Columns];
        for (int j = 0; j < Columns; j++) for (int i = 0; i < Rows; i++) m[i, j] = Data[j * Rows + i];
        return m;
    }
}
