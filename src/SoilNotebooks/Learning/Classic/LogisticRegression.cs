using MathNet.Numerics.LinearAlgebra;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Classic;

/// <summary>Options of L2-regularised logistic regression (scikit-learn LogisticRegression meanings).</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>Inverse regularisation strength C &gt; 0 (default 1): minimises ½‖w‖² + C Σ_i s_i · loss_i (intercepts not penalised).</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Standardise features (training mean and population SD) before fitting (default false, as scikit-learn).</summary>
    public bool Standardize { get; init; }

    /// <summary>Maximum Newton iterations (default 100).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when the largest absolute gradient entry falls below this (default 1e-10).</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Weight per class label (missing labels weigh 1).</summary>
    public IReadOnlyDictionary<string, double>? ClassWeights { get; init; }

    /// <summary>Weight classes by n/(K·n_k).</summary>
    public bool BalancedClassWeights { get; init; }
}

/// <summary>
/// Logistic regression by Newton's method with a backtracking line search: binary (one coefficient vector,
/// sigmoid) for two classes, multinomial (softmax, one vector per class) for more — the models scikit-learn
/// 1.2 fits with lbfgs, solved here to a tighter tolerance.
/// </summary>
public static class LogisticRegression
{
    /// <summary>Fits the model on features and class labels.</summary>
    public static LogisticRegressionModel Fit(FeatureTable x, IReadOnlyList<string> labels, LogisticRegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new LogisticRegressionOptions();
        Check.Positive(options.C, "C");
        Check.Positive(options.MaxIterations, "maxIterations");
        var cl = ClassLabels.ForFit(labels, x.Rows);
        int K = cl.Classes.Count, n = x.Rows, p = x.Columns;
        var sw = cl.RowWeights(options.ClassWeights, options.BalancedClassWeights) ?? Enumerable.Repeat(1.0, n).ToArray();
        var (mean, sd) = x.StandardizationMoments(options.Standardize);
        int D = p + 1;                           // intercept first
        var X = new double[n * D];
        for (int i = 0; i < n; i++)
        {
            X[i * D] = 1;
            for (int j = 0; j < p; j++) X[i * D + 1 + j] = (x[i, j] - mean[j]) / sd[j];
        }
        int outputs = K == 2 ? 1 : K;
        int P = outputs * D;
        var w = new double[P];
        double C = options.C;

        double Objective(double[] ww)
        {
            double obj = 0;
            for (int o = 0; o < outputs; o++) for (int j = 1; j < D; j++) obj += 0.5 * ww[o * D + j] * ww[o * D + j];
            var z = new double[outputs];
            for (int i = 0; i < n; i++)
            {
                for (int o = 0; o < outputs; o++) { double s = 0; for (int j = 0; j < D; j++) s += ww[o * D + j] * X[i * D + j]; z[o] = s; }
                if (outputs == 1)
                {
                    double zz = z[0], yv = cl.Index[i] == 1 ? 1 : 0;
                    obj += C * sw[i] * (Math.Max(zz, 0) + Math.Log(1 + Math.Exp(-Math.Abs(zz))) - yv * zz);
                }
                else
                {
                    double mx = z.Max(), lse = 0;
                    foreach (var v in z) lse += Math.Exp(v - mx);
                    obj += C * sw[i] * (mx + Math.Log(lse) - z[cl.Index[i]]);
                }
            }
            return obj;
        }

        double current = Objective(w);
        for (int it = 0; it < options.MaxIterations; it++)
        {
            var g = new double[P];
            var H = Matrix<double>.Build.Dense(P, P);
            var z = new double[outputs]; var pr = new double[outputs];
            for (int o = 0; o < outputs; o++) for (int j = 1; j < D; j++) { g[o * D + j] += w[o * D + j]; H[o * D + j, o * D + j] += 1; }
            for (int i = 0; i < n; i++)
            {
                for (int o = 0; o < outputs; o++) { double s = 0; for (int j = 0; j < D; j++) s += w[o * D + j] * X[i * D + j]; z[o] = s; }
                if (outputs == 1) pr[0] = 1 / (1 + Math.Exp(-z[0]));
                else
                {
                    double mx = z.Max(), s = 0;
                    for (int o = 0; o < outputs; o++) { pr[o] = Math.Exp(z[o] - mx); s += pr[o]; }
                    for (int o = 0; o < outputs; o++) pr[o] /= s;
                }
                double cw = C * sw[i];
                for (int o = 0; o < outputs; o++)
                {
                    double yv = outputs == 1 ? (cl.Index[i] == 1 ? 1 : 0) : (cl.Index[i] == o ? 1 : 0);
                    double e = cw * (pr[o] - yv);
                    for (int j = 0; j < D; j++) g[o * D + j] += e * X[i * D + j];
                    for (int o2 = 0; o2 < outputs; o2++)
                    {
                        double h = outputs == 1 ? cw * pr[0] * (1 - pr[0]) : cw * pr[o] * ((o == o2 ? 1 : 0) - pr[o2]);
                        if (h == 0) continue;
                        for (int a = 0; a < D; a++)
                        {
                            double xa = h * X[i * D + a];
                            for (int b = 0; b < D; b++) H[o * D + a, o2 * D + b] += xa * X[i * D + b];
                        }
                    }
                }
            }
            if (g.Max(Math.Abs) < options.Tolerance) break;
            for (int a = 0; a < P; a++) H[a, a] += 1e-10; // softmax intercepts are only defined up to a constant
            var step = H.Solve(Vector<double>.Build.Dense(g)).ToArray();
            double t = 1;
            double[] trial = new double[P];
            double next;
            while (true)
            {
                for (int a = 0; a < P; a++) trial[a] = w[a] - t * step[a];
                next = Objective(trial);
                if (next <= current || t < 1e-10) break;
                t /= 2;
            }
            if (next > current) break;
            Array.Copy(trial, w, P);
            bool small = current - next <= 1e-15 * Math.Max(1, Math.Abs(current));
            current = next;
            if (small) break;
        }
        var coef = new double[outputs, p]; var intercept = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            intercept[o] = w[o * D];
            for (int j = 0; j < p; j++) coef[o, j] = w[o * D + 1 + j];
        }
        return new LogisticRegressionModel(cl.Classes, x.Names, coef, intercept, mean, sd);
    }
}

/// <summary>A fitted logistic regression. Coefficients apply to standardised features when fitted with standardisation.</summary>
public sealed class LogisticRegressionModel : IClassifier
{
    private readonly double[] _mean, _sd;

    /// <inheritdoc />
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Feature names in training order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Coefficients [output, feature]: one row for two classes (log-odds of the second class), else one per class.</summary>
    public double[,] Coefficients { get; }

    /// <summary>Intercept per output.</summary>
    public double[] Intercepts { get; }

    internal LogisticRegressionModel(IReadOnlyList<string> classes, IReadOnlyList<string> names, double[,] coef, double[] intercept, double[] mean, double[] sd)
    { Classes = classes; FeatureNames = names; Coefficients = coef; Intercepts = intercept; _mean = mean; _sd = sd; }

    /// <inheritdoc />
    public double[,] PredictProbabilities(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != FeatureNames.Count) throw new ArgumentException($"The table has {x.Columns} features; the model was trained on {FeatureNames.Count}.");
        int K = Classes.Count, outputs = Intercepts.Length, p = FeatureNames.Count;
        var res = new double[x.Rows, K];
        var z = new double[outputs];
        for (int i = 0; i < x.Rows; i++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double s = Intercepts[o];
                for (int j = 0; j < p; j++) s += Coefficients[o, j] * ((x[i, j] - _mean[j]) / _sd[j]);
                z[o] = s;
            }
            if (outputs == 1) { double q = 1 / (1 + Math.Exp(-z[0])); res[i, 0] = 1 - q; res[i, 1] = q; continue; }
            double mx = z.Max(), t = 0;
            for (int o = 0; o < K; o++) { res[i, o] = Math.Exp(z[o] - mx); t += res[i, o]; }
            for (int o = 0; o < K; o++) res[i, o] /= t;
        }
        return res;
    }
}
