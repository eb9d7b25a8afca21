using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Cup4Soil;

/// <summary>How the dissimilarity index relates to the map's uncertainty and to the CV error.</summary>
/// <param name="Property">The property whose model weighted the covariates.</param>
/// <param name="Threshold">AOA threshold of the DI.</param>
/// <param name="OutsideShare">Share of mapped pixels outside the AOA.</param>
/// <param name="SpearmanDiUncertainty">Spearman correlation of pixel DI and uncertainty index.</param>
/// <param name="UncertaintyInside">Median uncertainty index inside the AOA.</param>
/// <param name="UncertaintyOutside">Median uncertainty index outside the AOA (NaN if no pixel is outside).</param>
/// <param name="CvRmseLowDi">Spatial-CV RMSE of the samples in the lowest third of training DI.</param>
/// <param name="CvRmseHighDi">Spatial-CV RMSE of the samples in the highest third of training DI.</param>
public sealed record Cup4SoilAoaSummary(string Property, double Threshold, double OutsideShare,
    double SpearmanDiUncertainty, double UncertaintyInside, double UncertaintyOutside, double CvRmseLowDi,
    double CvRmseHighDi);

/// <summary>Section 6, beyond the slides: the area of applicability of one property's model (set 3).</summary>
public static class Cup4SoilApplicability
{
    /// <summary>The DI map (band "di") and its summary against the uncertainty map and the spatial-CV errors.</summary>
    public static (Raster Di, Cup4SoilAoaSummary Summary) Assess(string property, SampleSeries samples,
        FeatureTable train, FeatureTable pixelFeatures, IReadOnlyList<int> pixels, RasterGrid grid,
        Raster uncertaintyMap, Prediction spatialCv, FoldAssignment spatialFolds, int trees, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(samples); ArgumentNullException.ThrowIfNull(spatialCv);
        var f = RandomForest.FitRegression(train, samples.Target(property).Values,
            new RandomForestOptions { Trees = trees, Seed = seed, Importance = ForestImportance.Permutation });
        var aoa = AreaOfApplicability.Fit(train,
            new AreaOfApplicabilityOptions { Weights = f.PermutationImportance, Folds = spatialFolds });
        var di = aoa.Dissimilarity(pixelFeatures);
        var unc = uncertaintyMap.Span(uncertaintyMap.IndexOf("uncertainty")).ToArray();
        var u = pixels.Select(p => (double)unc[p]).ToArray();
        var inside = aoa.Inside(di);
        var ok = Enumerable.Range(0, di.Length).Where(i => double.IsFinite(di[i]) && double.IsFinite(u[i])).ToArray();
        double outside = ok.Length == 0 ? double.NaN : ok.Count(i => !inside[i]) / (double)ok.Length;
        double Med(IEnumerable<double> v)
        {
            var a = v.ToArray();
            return a.Length == 0 ? double.NaN : Statistics.Quantiles.Median(a);
        }
        var tdi = aoa.TrainingDi; var order = Enumerable.Range(0, tdi.Count).OrderBy(i => tdi[i]).ToArray();
        int third = order.Length / 3;
        double Rmse(IEnumerable<int> idx) =>
            Math.Sqrt(idx.Average(i => Math.Pow(spatialCv.Observed[i] - spatialCv.Predicted[i], 2)));
        var summary = new Cup4SoilAoaSummary(property, aoa.Threshold, outside,
            Spearman(ok.Select(i => di[i]).ToArray(), ok.Select(i => u[i]).ToArray()),
            Med(ok.Where(i => inside[i]).Select(i => u[i])), Med(ok.Where(i => !inside[i]).Select(i => u[i])),
            Rmse(order[..third]), Rmse(order[^third..]));
        var map = Raster.FromPixels(grid, pixels, di, "di").WithTitle($"Dissimilarity index ({property} model, set 3)");
        return (map, summary);
    }

    /// <summary>Spearman rank correlation (average ranks for ties): <see cref="Statistics.Correlation.Spearman"/>.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b) => Statistics.Correlation.Spearman(a, b);
}
