using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Learning.Validation;

/// <summary>Cross-validated regression: out-of-fold predictions, pooled metrics and per-fold metrics.</summary>
/// <param name="Observed">Observed target per row.</param>
/// <param name="Predicted">Out-of-fold prediction per row (each row predicted by the model that did not see it).</param>
/// <param name="Pooled">Metrics over all rows' out-of-fold predictions.</param>
/// <param name="PerFold">Metrics per fold (null for a fold with fewer than 2 rows).</param>
/// <param name="Folds">The folds used.</param>
public sealed record CrossValidationResult(double[] Observed, double[] Predicted, RegressionMetrics Pooled,
    IReadOnlyList<RegressionMetrics?> PerFold, FoldAssignment Folds)
{
    /// <summary>The out-of-fold predictions as a prediction value (ids "0", "1", … unless given).</summary>
    public Prediction ToPrediction(string model = Prediction.DefaultModel, string target = Prediction.DefaultTarget,
        string unit = "", IReadOnlyList<string>? ids = null) =>
        ids is null ? Prediction.Of(Observed, Predicted, model, target, unit)
            : new Prediction(ids, Observed, Predicted, model, target, unit);
}

/// <summary>Runs a learner over cross-validation folds.</summary>
public static class CrossValidation
{
    /// <summary>
    /// For each fold k, calls <paramref name="fitPredict"/>(train rows, test rows), which must fit on the
    /// training rows and return one prediction per test row (in the order given).
    /// </summary>
    public static CrossValidationResult Regression(IReadOnlyList<double> y, FoldAssignment folds, Func<int[], int[], double[]> fitPredict)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(fitPredict);
        Check.SameLength(y.Count, folds.Rows, "target and fold assignment");
        var pred = new double[y.Count];
        var per = new RegressionMetrics?[folds.K];
        for (int k = 0; k < folds.K; k++)
        {
            var test = folds.TestIndices(k);
            if (test.Length == 0) continue;
            var train = folds.TrainIndices(k);
            var p = fitPredict(train, test);
            if (p.Length != test.Length) throw new InvalidOperationException($"Fold {k + 1}: the learner returned {p.Length} predictions for {test.Length} test rows.");
            for (int m = 0; m < test.Length; m++) pred[test[m]] = p[m];
            per[k] = test.Length >= 2 ? RegressionMetrics.Compute(test.Select(i => y[i]).ToArray(), p) : null;
        }
        var obs = y.ToArray();
        return new CrossValidationResult(obs, pred, RegressionMetrics.Compute(obs, pred), per, folds);
    }

    /// <summary>
    /// Cross-validated regression as a prediction value: as
    /// <see cref="Regression(IReadOnlyList{double}, FoldAssignment, Func{int[], int[], double[]})"/>, with the
    /// out-of-fold predictions labelled by model, target and unit.
    /// </summary>
    /// <param name="y">Observed target per row.</param>
    /// <param name="folds">The folds.</param>
    /// <param name="fitPredict">Fits on the training rows, returns one prediction per test row.</param>
    /// <param name="model">Model name, e.g. "RF".</param>
    /// <param name="target">Target name, e.g. "Clay".</param>
    /// <param name="unit">Target unit, e.g. "%".</param>
    /// <param name="ids">Sample ids (default "0", "1", …).</param>
    public static Prediction Regression(IReadOnlyList<double> y, FoldAssignment folds,
        Func<int[], int[], double[]> fitPredict, string model, string target = Prediction.DefaultTarget,
        string unit = "", IReadOnlyList<string>? ids = null) =>
        Regression(y, folds, (tr, te) => new FoldPrediction(fitPredict(tr, te)),
            new CrossValidationOptions { Model = model, Target = target, Unit = unit, Ids = ids });

    /// <summary>
    /// Cross-validated regression with optional prediction intervals: for each fold k, <paramref name="fitPredict"/>
    /// fits on the training rows and returns, per test row, the prediction and (when the learner gives them) the
    /// interval bounds at <see cref="CrossValidationOptions.IntervalLevel"/>. Every fold must give bounds, or none.
    /// </summary>
    public static Prediction Regression(IReadOnlyList<double> y, FoldAssignment folds,
        Func<int[], int[], FoldPrediction> fitPredict, CrossValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(fitPredict);
        ArgumentNullException.ThrowIfNull(options);
        Check.SameLength(y.Count, folds.Rows, "target and fold assignment");
        if (options.Ids is not null) Check.SameLength(y.Count, options.Ids.Count, "target and sample ids");
        int n = y.Count;
        var pred = new double[n];
        double[]? lower = null, upper = null;
        bool? withBounds = null;
        for (int k = 0; k < folds.K; k++)
        {
            var test = folds.TestIndices(k);
            if (test.Length == 0) continue;
            var p = fitPredict(folds.TrainIndices(k), test)
                ?? throw new InvalidOperationException($"Fold {k + 1}: no prediction.");
            if (p.Predicted.Length != test.Length)
                throw new InvalidOperationException(
                    $"Fold {k + 1}: the learner returned {p.Predicted.Length} predictions for {test.Length} " +
                    "test rows.");
            bool has = p.Lower is not null && p.Upper is not null;
            if (withBounds is { } w && w != has)
                throw new InvalidOperationException(
                    $"Fold {k + 1}: interval bounds given in some folds but not in others.");
            withBounds = has;
            if (has)
            {
                if (p.Lower!.Length != test.Length || p.Upper!.Length != test.Length)
                    throw new InvalidOperationException(
                        $"Fold {k + 1}: expected {test.Length} interval bounds per side.");
                lower ??= new double[n]; upper ??= new double[n];
            }
            for (int m = 0; m < test.Length; m++)
            {
                pred[test[m]] = p.Predicted[m];
                if (has) { lower![test[m]] = p.Lower![m]; upper![test[m]] = p.Upper![m]; }
            }
        }
        var ids = options.Ids ?? Enumerable.Range(0, n)
            .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var interval = lower is null ? null : new IntervalBounds(options.IntervalLevel, lower, upper!);
        return new Prediction(ids, y.ToArray(), pred, options.Model, options.Target, options.Unit, interval);
    }

    /// <summary>Cross-validated classification: out-of-fold labels and their metrics.</summary>
    public static (string[] Predicted, ClassificationMetrics Metrics) Classification(IReadOnlyList<string> labels, FoldAssignment folds, Func<int[], int[], string[]> fitPredict)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(fitPredict);
        Check.SameLength(labels.Count, folds.Rows, "labels and fold assignment");
        var pred = new string[labels.Count];
        for (int k = 0; k < folds.K; k++)
        {
            var test = folds.TestIndices(k);
            if (test.Length == 0) continue;
            var p = fitPredict(folds.TrainIndices(k), test);
            if (p.Length != test.Length) throw new InvalidOperationException($"Fold {k + 1}: the learner returned {p.Length} labels for {test.Length} test rows.");
            for (int m = 0; m < test.Length; m++) pred[test[m]] = p[m];
        }
        return (pred, ClassificationMetrics.Compute(labels, pred));
    }
}

/// <summary>What a learner returns for the test rows of one fold.</summary>
/// <param name="Predicted">One prediction per test row (for a quantile forest, the median).</param>
/// <param name="Lower">Optional lower interval bound per test row.</param>
/// <param name="Upper">Optional upper interval bound per test row.</param>
public sealed record FoldPrediction(double[] Predicted, double[]? Lower = null, double[]? Upper = null);

/// <summary>Labels and interval level of a cross-validation that returns a <see cref="Prediction"/>.</summary>
public sealed record CrossValidationOptions
{
    /// <summary>Model name (default "model").</summary>
    public string Model { get; init; } = Prediction.DefaultModel;
    /// <summary>Target name (default "value").</summary>
    public string Target { get; init; } = Prediction.DefaultTarget;
    /// <summary>Target unit (default "").</summary>
    public string Unit { get; init; } = "";
    /// <summary>Sample ids, one per row (default "0", "1", …).</summary>
    public IReadOnlyList<string>? Ids { get; init; }
    /// <summary>Nominal level of the interval bounds the learner returns (default 0.90).</summary>
    public double IntervalLevel { get; init; } = IntervalBounds.DefaultLevel;
}

/// <summary>One evaluated grid point.</summary>
/// <param name="Parameters">The hyper-parameters.</param>
/// <param name="Cv">Its cross-validation result.</param>
public sealed record GridPoint<T>(T Parameters, CrossValidationResult Cv)
{
    /// <summary>Pooled cross-validated RMSE.</summary>
    public double Rmse => Cv.Pooled.Rmse;
    /// <summary>Pooled cross-validated R².</summary>
    public double R2 => Cv.Pooled.R2;
}

/// <summary>All grid points and the best (lowest pooled CV RMSE; ties to the earliest point).</summary>
public sealed record GridSearchResult<T>(IReadOnlyList<GridPoint<T>> Points, GridPoint<T> Best);

/// <summary>Exhaustive grid search with k-fold cross-validation (S2MoS §2.3.3 tunes its RF this way).</summary>
public static class GridSearch
{
    /// <summary>
    /// Evaluates every parameter set of <paramref name="grid"/> with the same folds and returns them with
    /// the one of lowest pooled RMSE.
    /// </summary>
    public static GridSearchResult<T> Run<T>(IEnumerable<T> grid, IReadOnlyList<double> y, FoldAssignment folds,
        Func<T, int[], int[], double[]> fitPredict, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var pts = grid.ToArray();
        if (pts.Length == 0) throw new ArgumentException("The parameter grid is empty.");
        var res = new List<GridPoint<T>>(pts.Length);
        for (int g = 0; g < pts.Length; g++)
        {
            var prm = pts[g];
            res.Add(new GridPoint<T>(prm, CrossValidation.Regression(y, folds, (tr, te) => fitPredict(prm, tr, te))));
            progress?.Report((g + 1, pts.Length));
        }
        var best = res[0];
        foreach (var r in res) if (r.Rmse < best.Rmse) best = r;
        return new GridSearchResult<T>(res, best);
    }
}
