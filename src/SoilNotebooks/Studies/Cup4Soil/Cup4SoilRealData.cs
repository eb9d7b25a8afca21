using SoilNotebooks.Datasets;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Studies.Cup4Soil;

/// <summary>One QRF on a real LimeSoDa set.</summary>
/// <param name="Target">soc (%) or pH.</param>
/// <param name="Covariates">"without spectral" (the set's own covariates, e.g. BB.250's altitude, slope, ERa, gamma
/// counts and pH_ISE, without NDVI/GNDVI) or "with spectral" (plus the bare-soil S2 bands).</param>
/// <param name="Mec">MEC (1 − SSE/SST) over the out-of-fold predictions.</param>
/// <param name="Rmse">RMSE.</param>
/// <param name="Picp90">Share inside the 90 % interval.</param>
/// <param name="MeanWidth90">Mean width of the 90 % interval.</param>
/// <param name="N">Samples.</param>
public sealed record Cup4SoilRealRow(string Target, string Covariates, double Mec, double Rmse, double Picp90,
    double MeanWidth90, int N);

/// <summary>Section 7: the slides' question in miniature on a real LimeSoDa set (Schmidinger et al. 2023) with
/// bare-soil Sentinel-2 bands: QRF for SOC and pH without and with the spectral covariates, on the set's own ten
/// folds.</summary>
public static class Cup4SoilRealData
{
    /// <summary>The targets compared.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["soc", "pH"];

    /// <summary>Covariates of LimeSoDa sets that are computed from the Sentinel-2 bands (left out of
    /// "without spectral", kept out of "with spectral" too, which adds the bands themselves).</summary>
    public static IReadOnlyList<string> SpectralIndices { get; } = ["NDVI", "GNDVI"];

    /// <summary>Model name of the forest with only the set's non-spectral covariates.</summary>
    public const string WithoutSpectral = "without spectral";
    /// <summary>Model name of the forest with the spectral covariates added.</summary>
    public const string WithSpectral = "with spectral";

    /// <summary>The out-of-fold QRF predictions (per target: without, then with spectral covariates).</summary>
    public static IReadOnlyList<Prediction> Compare(SampleSeries samples, int trees, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Channels.Count == 0)
            throw new ArgumentException("The set has no Sentinel-2 bands; pick one of LimeSoDa.SetsWithSentinel2.",
                nameof(samples));
        // the set's own covariates, without the fold label and without indices computed from the Sentinel-2 bands
        var cov = samples.Covariates.Select(c => c.Name)
            .Where(n => n != "fold" && !SpectralIndices.Contains(n)).ToArray();
        var folds = samples.PredefinedFolds("fold");
        var forest = new RandomForestOptions { Trees = trees, Seed = seed };
        var without = samples.Features(SeriesReduction.Median, [], cov);
        var with = samples.Features(SeriesReduction.Median,
            SentinelChannels.Optical.Where(samples.Channels.Contains).ToArray(), cov);
        var result = new List<Prediction>();
        foreach (var t in Targets)
        {
            var y = samples.Target(t);
            var l = new CrossValidationOptions { Target = t, Unit = y.Unit, Ids = samples.Ids };
            result.Add(ForestCrossValidation.QuantileForest(without, y.Values, folds, forest,
                l with { Model = WithoutSpectral }));
            result.Add(ForestCrossValidation.QuantileForest(with, y.Values, folds, forest,
                l with { Model = WithSpectral }));
        }
        return result;
    }

    /// <summary>The table row of a prediction.</summary>
    public static Cup4SoilRealRow Row(Prediction p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var m = p.Metrics; var iv = p.Intervals!;
        return new Cup4SoilRealRow(p.Target, p.Model, m.Mec, m.Rmse, iv.Picp, iv.MeanWidth, m.N);
    }
}
