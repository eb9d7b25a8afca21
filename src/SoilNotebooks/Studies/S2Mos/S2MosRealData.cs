using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>One learner's cross-validated scores on real data.</summary>
/// <param name="Target">Target with unit.</param>
/// <param name="Model">Learner.</param>
/// <param name="Rmse">RMSE, target unit.</param>
/// <param name="R2">R².</param>
/// <param name="Rpiq">RPIQ.</param>
/// <param name="Picp90">Share of observations inside the 90 % interval (QRF only).</param>
/// <param name="MeanWidth90">Mean width of the 90 % interval (QRF only).</param>
public sealed record RealDataRow(string Target, string Model, double Rmse, double R2, double Rpiq, double? Picp90, double? MeanWidth90);

/// <summary>The S2MoS learners on a real single-date data set (section 7 of the notebook: LimeSoDa BB.250).</summary>
public static class S2MosRealData
{
    /// <summary>The targets compared (LimeSoDa's clay, SOC and pH).</summary>
    public static IReadOnlyList<string> Targets { get; } = ["clay", "soc", "pH"];

    /// <summary>
    /// For each target, out-of-fold predictions of a random forest, the S2MoS ANN (bags of five) and a quantile forest
    /// (median with 90 % intervals) on the median Sentinel-2 bands, over <paramref name="folds"/>.
    /// </summary>
    public static IReadOnlyList<Prediction> Compare(SampleSeries samples, FoldAssignment folds, S2MosSizes sizes, int seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(sizes);
        var x = samples.Features(SeriesReduction.Median, SentinelChannels.Optical);
        var forest = new RandomForestOptions { Trees = sizes.RealDataTrees, Seed = seed };
        var result = new List<Prediction>();
        foreach (var target in Targets)
        {
            var y = samples.Target(target);
            var labels = new CrossValidationOptions { Target = target, Unit = y.Unit, Ids = samples.Ids };
            result.Add(ForestCrossValidation.RandomForest(x, y.Values, folds, forest, labels with { Model = "RF" }));
            var ann = new NeuralTrainingOptions
            {
                Model = NeuralModelKind.Ann, Target = target, Channels = [.. SentinelChannels.Optical], Auxiliary = [],
                Epochs = sizes.AnnEpochs, Bags = sizes.Bags, Seed = seed, Threads = 2,
            };
            result.Add(CrossValidation.Regression(y.Values, folds, (train, test) =>
                new FoldPrediction(NeuralEnsemble.Train(samples.Select(train), ann).Predict(samples.Select(test))),
                labels with { Model = "ANN (5 bags)" }));
            result.Add(ForestCrossValidation.QuantileForest(x, y.Values, folds, forest,
                labels with { Model = "QRF (median, 90 % interval)" }));
        }
        return result;
    }

    /// <summary>The table row of one prediction (PICP and width only when it has intervals).</summary>
    public static RealDataRow Row(this Prediction p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var m = p.Metrics;
        var iv = p.Intervals;
        return new RealDataRow(p.TargetWithUnit, p.Model, m.Rmse, m.R2, m.Rpiq, iv?.Picp, iv?.MeanWidth);
    }
}
