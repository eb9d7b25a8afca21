using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>Scores of the map of the unseen area (paper Fig. 13) for a results file.</summary>
public static class S2MosMap
{
    /// <summary>
    /// Pixel and field-sample scores of <paramref name="pixelMap"/> (the CNN's per-pixel map) and <paramref name="field"/>
    /// (the parcel-median map at the field samples), against the simulator's true clay, beside the paper's R² and RMSE.
    /// </summary>
    public static object Summary(SampleSeries pixels, Raster pixelMap, FieldSamples field, SimulatedScenes sim)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(pixelMap);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(sim);
        var index = pixels.Covariate(BareSoilSeries.PixelCovariate).Values.Select(v => (int)v).ToArray();
        var map = pixelMap.Span(0).ToArray();
        var pixel = RegressionMetrics.Compute(index.Select(p => (double)sim.ClayPercent[p]).ToArray(), index.Select(p => (double)map[p]).ToArray());
        var f = field.Metrics;
        return new
        {
            pixels = pixels.Count, fieldSamples = field.Pixels.Length, r2 = f.R2, rmse = f.Rmse, pearsonR = f.PearsonR, bias = f.Bias,
            pixelR2 = pixel.R2, pixelPearsonR = pixel.PearsonR, paperR2 = S2MosPaper.MapR2, paperRmse = S2MosPaper.MapRmsePercent,
        };
    }
}
