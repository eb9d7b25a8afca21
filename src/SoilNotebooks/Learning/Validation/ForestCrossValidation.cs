using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Validation;

/// <summary>
/// Cross-validated random forests as prediction values: a regression forest, and a quantile regression forest
/// (Meinshausen 2006) whose out-of-fold median is the prediction and whose central quantiles are the intervals.
/// </summary>
public static class ForestCrossValidation
{
    /// <summary>Model name of <see cref="RandomForest"/> by default.</summary>
    public const string DefaultForestModel = "RF";

    /// <summary>Model name of <see cref="QuantileForest"/> by default.</summary>
    public const string DefaultQuantileModel = "QRF";

    /// <summary>
    /// Out-of-fold predictions of a regression forest fitted on each fold's training rows with
    /// <paramref name="forest"/> (default options when null).
    /// </summary>
    public static Prediction RandomForest(FeatureTable x, IReadOnlyList<double> y, FoldAssignment folds,
        RandomForestOptions? forest = null, CrossValidationOptions? labels = null)
    {
        var o = forest ?? new RandomForestOptions();
        return Run(x, y, folds, labels ?? new CrossValidationOptions { Model = DefaultForestModel },
            (train, yTrain, test) =>
                new FoldPrediction(Forests.RandomForest.FitRegression(train, yTrain, o).Predict(test)));
    }

    /// <summary>
    /// Out-of-fold conditional medians of a quantile regression forest with central prediction intervals of nominal
    /// coverage <see cref="CrossValidationOptions.IntervalLevel"/> (default 0.90: the 5 % and 95 % quantiles).
    /// </summary>
    public static Prediction QuantileForest(FeatureTable x, IReadOnlyList<double> y, FoldAssignment folds,
        RandomForestOptions? forest = null, CrossValidationOptions? labels = null)
    {
        var o = forest ?? new RandomForestOptions();
        var l = labels ?? new CrossValidationOptions { Model = DefaultQuantileModel };
        if (!(l.IntervalLevel > 0 && l.IntervalLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(labels), l.IntervalLevel,
                $"IntervalLevel must be in (0, 1), e.g. 0.9 (got {l.IntervalLevel}).");
        return Run(x, y, folds, l, (train, yTrain, test) =>
        {
            var iv = Forests.RandomForest.FitQuantile(train, yTrain, o).PredictInterval(test, l.IntervalLevel);
            return new FoldPrediction(iv.Median, iv.Lower, iv.Upper);
        });
    }

    private static Prediction Run(FeatureTable x, IReadOnlyList<double> y, FoldAssignment folds,
        CrossValidationOptions labels, Func<FeatureTable, double[], FeatureTable, FoldPrediction> fit)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Check.SameLength(x.Rows, y.Count, "feature rows and target");
        return CrossValidation.Regression(y, folds,
            (tr, te) => fit(x.SelectRows(tr), tr.Select(i => y[i]).ToArray(), x.SelectRows(te)), labels);
    }
}
