namespace SoilNotebooks.Datasets;

/// <summary>Shared by the typed loaders whose rows carry their covariates by name.</summary>
internal static class CovariateRows
{
    /// <summary>
    /// Row-major matrix [row, covariate] in <paramref name="names"/> order (default: <paramref name="all"/>).
    /// </summary>
    /// <param name="owner">Names the table in the error message (e.g. "LimeSoDa BB.250").</param>
    /// <param name="all">The table's covariate names.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="covariates">A row's covariates by name.</param>
    /// <param name="names">The covariates wanted, in column order; null for all.</param>
    /// <exception cref="KeyNotFoundException">A name is not a covariate of the table (the message lists them).</exception>
    internal static double[,] Matrix<TRow>(string owner, IReadOnlyList<string> all, IReadOnlyList<TRow> rows,
        Func<TRow, IReadOnlyDictionary<string, double>> covariates, IReadOnlyList<string>? names)
    {
        names ??= all;
        foreach (var n in names)
            if (!all.Contains(n)) throw new KeyNotFoundException($"{owner} has no covariate '{n}'. Covariates: {string.Join(", ", all)}.");
        var m = new double[rows.Count, names.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var c = covariates(rows[i]);
            for (int j = 0; j < names.Count; j++) m[i, j] = c[names[j]];
        }
        return m;
    }
}
