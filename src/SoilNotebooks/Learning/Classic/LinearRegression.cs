using MathNet.Numerics.LinearAlgebra;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Classic;

/// <summary>Options of (ridge) linear regression.</summary>
public sealed record LinearRegressionOptions
{
    /// <summary>L2 penalty λ ≥ 0 on the coefficients (not the intercept): minimises Σ(y − ŷ)² + λ‖β‖² (default 0: ordinary
    /// least squares, as scikit-learn's LinearRegression; Ridge's alpha otherwise).</summary>
    public double Lambda { get; init; }
}

/// <summary>
/// Linear regression ŷ = β₀ + Σ βⱼ xⱼ by least squares (SVD of the centred design, minimum norm for collinear features;
/// normal equations with λ for ridge).
/// The plain baseline that the salinity two-step model pairs per class.
/// </summary>
public static class LinearRegression
{
    /// <summary>Fits on features and targets (every value finite).</summary>
    /// <exception cref="ArgumentException">Fewer rows than features + 1 (without a penalty), or a non-finite value.</exception>
    public static LinearRegressionModel Fit(FeatureTable x, IReadOnlyList<double> y, LinearRegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(y);
        options ??= new LinearRegressionOptions();
        if (!(options.Lambda >= 0)) throw new ArgumentOutOfRangeException(nameof(options), options.Lambda, "Lambda must be ≥ 0.");
        Check.SameLength(x.Rows, y.Count, "features and target");
        int n = x.Rows, p = x.Columns;
        if (n < 1) throw new ArgumentException("Linear regression needs at least one row.");
        if (n < 2) throw new ArgumentException($"Linear regression needs at least 2 rows; got {n}.");
        var mean = new double[p];
        for (int j = 0; j < p; j++) { double s = 0; for (int i = 0; i < n; i++) s += x[i, j]; mean[j] = s / n; }
        double ym = 0;
        for (int i = 0; i < n; i++) { if (!double.IsFinite(y[i])) throw new ArgumentException($"Target row {i} is not finite ({y[i]})."); ym += y[i]; }
        ym /= n;
        var a = Matrix<double>.Build.Dense(n, p, (i, j) => x[i, j] - mean[j]);
        var b = Vector<double>.Build.Dense(n, i => y[i] - ym);
        Vector<double> beta;
        if (p == 0) beta = Vector<double>.Build.Dense(0);
        else if (options.Lambda > 0)
            beta = (a.TransposeThisAndMultiply(a) + Matrix<double>.Build.DenseIdentity(p) * options.Lambda).Solve(a.TransposeThisAndMultiply(b));
        else beta = MinimumNormSolve(a, b);
        double intercept = ym;
        for (int j = 0; j < p; j++) intercept -= beta[j] * mean[j];
        return new LinearRegressionModel(x.Names, beta.ToArray(), intercept);
    }

    /// <summary>
    /// Least squares by SVD with singular values below max(n, p)·ε·s_max treated as zero: the minimum-norm solution, as
    /// numpy's lstsq and scikit-learn's LinearRegression give for collinear features (one-hot classes, fractions summing
    /// to 100).
    /// </summary>
    private static Vector<double> MinimumNormSolve(Matrix<double> a, Vector<double> b)
    {
        var svd = a.Svd(true);
        var s = svd.S;
        double tol = Math.Max(a.RowCount, a.ColumnCount) * 2.220446049250313e-16 * (s.Count > 0 ? s.Maximum() : 0);
        var utb = svd.U.TransposeThisAndMultiply(b);
        var w = Vector<double>.Build.Dense(a.ColumnCount);
        for (int i = 0; i < s.Count; i++) if (s[i] > tol) w[i] = utb[i] / s[i];
        return svd.VT.TransposeThisAndMultiply(w);
    }
}

/// <summary>A fitted linear regression.</summary>
public sealed class LinearRegressionModel : IRegressor
{
    internal LinearRegressionModel(IReadOnlyList<string> names, double[] coefficients, double intercept)
    { FeatureNames = names; Coefficients = coefficients; Intercept = intercept; }

    /// <summary>Feature names in training order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>βⱼ per feature.</summary>
    public double[] Coefficients { get; }

    /// <summary>β₀.</summary>
    public double Intercept { get; }

    /// <inheritdoc />
    public double[] Predict(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != Coefficients.Length) throw new ArgumentException($"The table has {x.Columns} features; the model was trained on {Coefficients.Length}.");
        var r = new double[x.Rows];
        for (int i = 0; i < r.Length; i++)
        {
            double s = Intercept;
            for (int j = 0; j < Coefficients.Length; j++) s += Coefficients[j] * x[i, j];
            r[i] = s;
        }
        return r;
    }
}
