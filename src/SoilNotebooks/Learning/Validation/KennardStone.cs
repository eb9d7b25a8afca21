namespace SoilNotebooks.Learning.Validation;

/// <summary>
/// The Kennard–Stone (1969, Technometrics 11:137–148) CADEX selection: a deterministic, uniform cover of a
/// feature space, used by S2MoS (Tziolas et al. 2020 §2.3.4) to split spectra into calibration and test sets.
/// The first two rows are the pair farthest apart; each further row is the one whose Euclidean distance to
/// its nearest already-selected row is largest. Ties go to the lowest row index (pairs: lowest first index,
/// then lowest second index). Squared distances are summed over features in column order, in double precision.
/// </summary>
public static class KennardStone
{
    /// <summary>Selects <paramref name="n"/> rows of a row-major matrix [row, feature]; returns row indices in selection order.</summary>
    /// <param name="x">Feature matrix; finite values; at least 2 rows.</param>
    /// <param name="n">Number of rows to select, 2 ≤ n ≤ rows.</param>
    public static int[] Select(double[,] x, int n)
    {
        ArgumentNullException.ThrowIfNull(x);
        int rows = x.GetLength(0), p = x.GetLength(1);
        var flat = new double[rows * p];
        for (int i = 0; i < rows; i++) for (int j = 0; j < p; j++) flat[i * p + j] = x[i, j];
        return Select(flat, rows, p, n);
    }

    /// <summary>Selects <paramref name="n"/> rows (each an array of features); returns row indices in selection order.</summary>
    public static int[] Select(IReadOnlyList<double[]> rows, int n)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("Kennard–Stone needs at least 2 rows (got 0).");
        int p = rows[0].Length;
        var flat = new double[rows.Count * p];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != p) throw new ArgumentException($"Row {i + 1} has {rows[i].Length} features; row 1 has {p}.");
            rows[i].CopyTo(flat, i * p);
        }
        return Select(flat, rows.Count, p, n);
    }

    /// <summary>Splits rows into a calibration set (the <paramref name="n"/> Kennard–Stone picks, in selection order) and a test set (the rest, ascending).</summary>
    public static (int[] Calibration, int[] Test) Split(double[,] x, int n)
    {
        var cal = Select(x, n);
        var chosen = new HashSet<int>(cal);
        return (cal, Enumerable.Range(0, x.GetLength(0)).Where(i => !chosen.Contains(i)).ToArray());
    }

    private static int[] Select(double[] x, int rows, int p, int n)
    {
        if (rows < 2) throw new ArgumentException($"Kennard–Stone needs at least 2 rows (got {rows}).");
        if (p < 1) throw new ArgumentException("Kennard–Stone needs at least one feature.");
        if (n < 2 || n > rows) throw new ArgumentOutOfRangeException(nameof(n), n, $"The number of rows to select must be in [2, {rows}] (got {n}).");
        for (int k = 0; k < x.Length; k++)
            if (!double.IsFinite(x[k])) throw new ArgumentException($"Kennard–Stone: row {k / p + 1}, feature {k % p + 1} is not finite ({x[k]}).");

        // 1. the farthest pair (rows in parallel; each worker keeps its own best, merged in row order)
        var bestPerRow = new (double d, int j)[rows];
        Parallel.For(0, rows - 1, i =>
        {
            double best = -1; int bj = -1;
            var xi = x.AsSpan(i * p, p);
            for (int j = i + 1; j < rows; j++)
            {
                double d = Dist2(xi, x.AsSpan(j * p, p));
                if (d > best) { best = d; bj = j; }
            }
            bestPerRow[i] = (best, bj);
        });
        int a = 0, b = 1; double top = -1;
        for (int i = 0; i < rows - 1; i++)
            if (bestPerRow[i].d > top) { top = bestPerRow[i].d; a = i; b = bestPerRow[i].j; }

        var selected = new List<int>(n) { a, b };
        var taken = new bool[rows];
        taken[a] = taken[b] = true;
        var minD = new double[rows];
        for (int k = 0; k < rows; k++)
            minD[k] = taken[k] ? -1 : Math.Min(Dist2(x.AsSpan(k * p, p), x.AsSpan(a * p, p)), Dist2(x.AsSpan(k * p, p), x.AsSpan(b * p, p)));
        // 2. max–min additions
        while (selected.Count < n)
        {
            int next = -1; double far = -1;
            for (int k = 0; k < rows; k++)
                if (!taken[k] && minD[k] > far) { far = minD[k]; next = k; }
            selected.Add(next);
            taken[next] = true;
            var xn = x.AsSpan(next * p, p);
            for (int k = 0; k < rows; k++)
            {
                if (taken[k]) continue;
                double d = Dist2(x.AsSpan(k * p, p), xn);
                if (d < minD[k]) minD[k] = d;
            }
        }
        return selected.ToArray();
    }

    private static double Dist2(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int j = 0; j < u.Length; j++) { double d = u[j] - v[j]; s += d * d; }
        return s;
    }
}
