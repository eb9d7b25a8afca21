namespace SoilNotebooks.Statistics;

/// <summary>
/// Principal component analysis of the rows of a table (samples × variables), on the covariance of the centred
/// variables (not scaled; reflectances share one unit): the components are the eigenvectors of the sample covariance
/// (n − 1), in order of decreasing variance, each with its sign fixed so that its largest-magnitude loading is
/// positive (an eigenvector's sign is arbitrary; NumPy's SVD and this Jacobi solver may disagree on it otherwise).
/// Used for the S2MoS Fig. 5a view of a calibration/test split in spectral space.
/// </summary>
public sealed class PrincipalComponents
{
    private PrincipalComponents(double[] mean, double[][] loadings, double[] variances, double totalVariance)
    {
        Mean = mean; Loadings = loadings; Variances = variances; TotalVariance = totalVariance;
    }

    /// <summary>Mean of each variable (the centre).</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Unit-length loadings of each component (component × variable), by decreasing variance.</summary>
    public IReadOnlyList<double[]> Loadings { get; }

    /// <summary>Variance of the scores along each component (the covariance eigenvalues).</summary>
    public IReadOnlyList<double> Variances { get; }

    /// <summary>Sum of the variables' variances (the covariance trace).</summary>
    public double TotalVariance { get; }

    /// <summary>Share of the total variance along each component (0–1).</summary>
    public IReadOnlyList<double> ExplainedShare => Variances.Select(v => TotalVariance > 0 ? v / TotalVariance : 0).ToArray();

    /// <summary>Number of variables.</summary>
    public int Variables => Mean.Count;

    /// <summary>Fits the components of <paramref name="rows"/> (at least two rows of equal, non-zero length, finite).</summary>
    public static PrincipalComponents Fit(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 2) throw new ArgumentException($"A PCA needs at least two rows; got {rows.Count}.", nameof(rows));
        int p = rows[0].Count;
        if (p == 0) throw new ArgumentException("A PCA needs at least one variable.", nameof(rows));
        foreach (var r in rows)
        {
            Check.SameLength(p, r.Count, "PCA row lengths");
            foreach (var v in r)
                if (!double.IsFinite(v)) throw new ArgumentException("A PCA needs finite values (drop or fill NaN first).", nameof(rows));
        }
        int n = rows.Count;
        var mean = new double[p];
        foreach (var r in rows) for (int j = 0; j < p; j++) mean[j] += r[j];
        for (int j = 0; j < p; j++) mean[j] /= n;
        var cov = new double[p, p];
        foreach (var r in rows)
            for (int a = 0; a < p; a++)
            {
                double da = r[a] - mean[a];
                for (int b = a; b < p; b++) cov[a, b] += da * (r[b] - mean[b]);
            }
        double trace = 0;
        for (int a = 0; a < p; a++)
        {
            for (int b = a; b < p; b++) { cov[a, b] /= n - 1; cov[b, a] = cov[a, b]; }
            trace += cov[a, a];
        }
        var (values, vectors) = SymmetricEigen(cov);
        var order = Enumerable.Range(0, p).OrderByDescending(k => values[k]).ToArray();
        var loadings = order.Select(k =>
        {
            var v = Enumerable.Range(0, p).Select(j => vectors[j, k]).ToArray();
            int big = Enumerable.Range(0, p).MaxBy(j => Math.Abs(v[j]));
            if (v[big] < 0) for (int j = 0; j < p; j++) v[j] = -v[j];
            return v;
        }).ToArray();
        return new PrincipalComponents(mean, loadings, order.Select(k => Math.Max(0, values[k])).ToArray(), trace);
    }

    /// <summary>The scores of <paramref name="rows"/> on the first <paramref name="components"/> components
    /// (row × component): the centred rows projected on the loadings.</summary>
    public double[][] Scores(IReadOnlyList<IReadOnlyList<double>> rows, int components = 2)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Check.InRange(components, 1, Variables);
        return rows.Select(r =>
        {
            Check.SameLength(Variables, r.Count, "PCA row lengths");
            var s = new double[components];
            for (int k = 0; k < components; k++)
                for (int j = 0; j < Variables; j++) s[k] += (r[j] - Mean[j]) * Loadings[k][j];
            return s;
        }).ToArray();
    }

    /// <summary>
    /// Eigenvalues and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations, to machine precision; fine
    /// for the ten to a few dozen variables of a spectrum.
    /// </summary>
    internal static (double[] Values, double[,] Vectors) SymmetricEigen(double[,] matrix)
    {
        int p = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[p, p];
        for (int i = 0; i < p; i++) v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diag = 0;
            for (int i = 0; i < p; i++)
            {
                diag += a[i, i] * a[i, i];
                for (int j = i + 1; j < p; j++) off += a[i, j] * a[i, j];
            }
            if (off <= 1e-30 * Math.Max(diag, 1e-300)) break;
            for (int i = 0; i < p - 1; i++)
                for (int j = i + 1; j < p; j++)
                {
                    if (a[i, j] == 0) continue;
                    double theta = (a[j, j] - a[i, i]) / (2 * a[i, j]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < p; k++)
                    {
                        double aki = a[k, i], akj = a[k, j];
                        a[k, i] = c * aki - s * akj; a[k, j] = s * aki + c * akj;
                    }
                    for (int k = 0; k < p; k++)
                    {
                        double aik = a[i, k], ajk = a[j, k];
                        a[i, k] = c * aik - s * ajk; a[j, k] = s * aik + c * ajk;
                    }
                    for (int k = 0; k < p; k++)
                    {
                        double vki = v[k, i], vkj = v[k, j];
                        v[k, i] = c * vki - s * vkj; v[k, j] = s * vki + c * vkj;
                    }
                }
        }
        return (Enumerable.Range(0, p).Select(i => a[i, i]).ToArray(), v);
    }
}
