using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Cup4Soil;

/// <summary>One row of the slides' cross-validation table (plus n, intervals and the spread over folds).</summary>
/// <param name="Property">soc, ph or bd.</param>
/// <param name="CovariateSet">1, 2 or 3 (<see cref="Cup4SoilCovariates.Describe"/>).</param>
/// <param name="CvKind">"random" (k-fold) or "spatial" (blocks).</param>
/// <param name="Mec">Model efficiency coefficient 1 − SSE/SST over all out-of-fold predictions (= R² of the
/// slides).</param>
/// <param name="Rmse">RMSE, the property's unit.</param>
/// <param name="Picp90">Share of observations inside the 90 % QRF interval.</param>
/// <param name="MeanWidth90">Mean width of the 90 % interval, the property's unit.</param>
/// <param name="N">Samples.</param>
/// <param name="MecFoldSd">SD (n − 1) of the MEC computed fold by fold.</param>
/// <param name="Unit">The property's unit.</param>
public sealed record Cup4SoilCvRow(string Property, int CovariateSet, string CvKind, double Mec, double Rmse,
    double Picp90, double MeanWidth90, int N, double MecFoldSd, string Unit);

/// <summary>A feature's permutation importance in the forest of one property and covariate set.</summary>
public sealed record Cup4SoilImportance(string Property, int CovariateSet, string Feature, double Permutation);

/// <summary>The cross-validated quantile forests of section 4: every property × covariate set × CV kind.</summary>
public sealed class Cup4SoilCrossValidation
{
    /// <summary>The CV kinds compared.</summary>
    public static IReadOnlyList<string> CvKinds { get; } = ["random", "spatial"];

    private Cup4SoilCrossValidation(IReadOnlyList<Cup4SoilCvRow> rows,
        IReadOnlyDictionary<(string, int, string), Prediction> p,
        FoldAssignment random, FoldAssignment spatial)
    { Rows = rows; Predictions = p; RandomFolds = random; SpatialFolds = spatial; }

    /// <summary>The table: 3 properties × 3 sets × 2 CV kinds.</summary>
    public IReadOnlyList<Cup4SoilCvRow> Rows { get; }
    /// <summary>Out-of-fold QRF predictions by (property, set, CV kind).</summary>
    public IReadOnlyDictionary<(string Property, int Set, string CvKind), Prediction> Predictions { get; }
    /// <summary>The random k folds.</summary>
    public FoldAssignment RandomFolds { get; }
    /// <summary>The spatial block folds.</summary>
    public FoldAssignment SpatialFolds { get; }

    /// <summary>Runs the 18 cross-validations; <paramref name="features"/> holds the point features of sets
    /// 1–3.</summary>
    public static Cup4SoilCrossValidation Run(SampleSeries samples, IReadOnlyDictionary<int, FeatureTable> features,
        Cup4SoilSizes sizes, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(samples); ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(sizes);
        var random = Folds.KFold(samples.Count, sizes.Folds, seed);
        var spatial = Folds.SpatialBlocks(samples.X, samples.Y, sizes.BlockSizeMetres, sizes.Folds, seed);
        var forest = new RandomForestOptions { Trees = sizes.Trees, Seed = seed };
        var rows = new List<Cup4SoilCvRow>(); var preds = new Dictionary<(string, int, string), Prediction>();
        foreach (var (prop, unit, _) in Cup4SoilSamples.Properties)
            foreach (var set in Cup4SoilCovariates.Sets)
                foreach (var kind in CvKinds)
                {
                    var folds = kind == "random" ? random : spatial;
                    var y = samples.Target(prop).Values;
                    var p = ForestCrossValidation.QuantileForest(features[set], y, folds, forest,
                        new CrossValidationOptions
                    { Target = prop, Unit = unit, Model = $"QRF set {set} ({kind} CV)", Ids = samples.Ids });
                    preds[(prop, set, kind)] = p;
                    var m = p.Metrics; var iv = p.Intervals!;
                    rows.Add(new Cup4SoilCvRow(prop, set, kind, m.Mec, m.Rmse, iv.Picp, iv.MeanWidth, m.N,
                        FoldMecSd(y, p.Predicted, folds), unit));
                }
        return new Cup4SoilCrossValidation(rows, preds, random, spatial);
    }

    /// <summary>SD (n − 1) over folds of the MEC computed on each fold's test rows.</summary>
    public static double FoldMecSd(IReadOnlyList<double> observed, IReadOnlyList<double> predicted,
        FoldAssignment folds)
    {
        ArgumentNullException.ThrowIfNull(observed); ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(folds);
        var mec = Enumerable.Range(0, folds.K).Select(k => folds.TestIndices(k)).Where(t => t.Length >= 2)
            .Select(t => RegressionMetrics.Compute(t.Select(i => observed[i]).ToArray(),
                t.Select(i => predicted[i]).ToArray()).Mec)
            .Where(double.IsFinite).ToArray();
        return Statistics.Moments.StandardDeviation(mec);
    }

    /// <summary>Permutation importance (OOB MSE increase) of a forest fitted on all samples, per property and
    /// set.</summary>
    public static IReadOnlyList<Cup4SoilImportance> Importance(SampleSeries samples,
        IReadOnlyDictionary<int, FeatureTable> features,
        Cup4SoilSizes sizes, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(samples); ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(sizes);
        var o = new RandomForestOptions { Trees = sizes.Trees, Seed = seed, Importance = ForestImportance.Permutation };
        var list = new List<Cup4SoilImportance>();
        foreach (var (prop, _, _) in Cup4SoilSamples.Properties)
            foreach (var set in Cup4SoilCovariates.Sets)
            {
                var f = RandomForest.FitRegression(features[set], samples.Target(prop).Values, o);
                list.AddRange(f.FeatureNames.Select((n, j) =>
                    new Cup4SoilImportance(prop, set, n, f.PermutationImportance![j]))
                    .OrderByDescending(r => r.Permutation));
            }
        return list;
    }
}
