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

/// <summary>One score of a clay map.</summary>
/// <param name="Area">"Greek test area" or "in-domain control".</param>
/// <param name="Level">"pixels" (every mapped pixel) or "field samples" (the parcel-median map at the sampled pixels).</param>
/// <param name="N">Pixels or samples scored.</param>
/// <param name="R2">R² against the simulator's true clay.</param>
/// <param name="Rmse">RMSE, % clay.</param>
/// <param name="PearsonR">Pearson r.</param>
/// <param name="Bias">Mean of predicted − true, % clay.</param>
/// <param name="MeanTrueClay">Mean true clay of the scored pixels, %.</param>
/// <param name="PaperR2">The paper's R² (Fig. 13, 52 Greek samples) where comparable.</param>
public sealed record MapScore(string Area, string Level, int N, double R2, double Rmse, double PearsonR, double Bias,
    double MeanTrueClay, string PaperR2);

/// <summary>
/// The map step of S2MoS (§3.5, Fig. 13) on one simulated area: the bagged CNN applied to every bare-soil pixel series of the
/// area (optionally only the observations of some months), the pixel map, its parcel medians and the field samples.
/// </summary>
/// <param name="Area">Name of the area.</param>
/// <param name="Sim">The simulated area (true clay).</param>
/// <param name="Pixels">The pixel series the CNN saw (with lat/lon).</param>
/// <param name="ClayMap">The CNN's per-pixel clay map.</param>
/// <param name="ParcelMap">Parcel medians of the pixel map.</param>
/// <param name="Field">Field samples of the parcel map against true clay.</param>
/// <param name="PixelPrediction">Every mapped pixel against its true clay.</param>
public sealed record S2MosMapArea(string Area, SimulatedScenes Sim, SampleSeries Pixels, Raster ClayMap, Raster ParcelMap,
    FieldSamples Field, Prediction PixelPrediction)
{
    /// <summary>Maps <paramref name="stack"/> of <paramref name="sim"/> with <paramref name="cnn"/>.</summary>
    /// <param name="area">Name of the area.</param>
    /// <param name="sim">The simulated area.</param>
    /// <param name="stack">Its scene stack.</param>
    /// <param name="cnn">The trained CNN (channels and covariates by name, lat/lon among them).</param>
    /// <param name="sizes">Map stride and field-sample count.</param>
    /// <param name="seed">Seed of the field-sample draw (seed + 1).</param>
    /// <param name="months">Keep only observations of these months (null: all), e.g. <see cref="S2MosPaper.GreekCompositeMonths"/>.</param>
    public static S2MosMapArea Map(string area, SimulatedScenes sim, Scenes.SceneStack stack, Learning.Neural.NeuralEnsemble cnn,
        S2MosSizes sizes, int seed, IReadOnlyList<int>? months = null)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(cnn);
        ArgumentNullException.ThrowIfNull(sizes);
        var agricultural = sim.Agricultural();
        var all = BareSoilSeries.FromStack(stack, new BareSoilSeriesOptions(Stride: sizes.MapStride), agricultural);
        var pixels = (months is null ? all : all.InMonths(months).WithMinimumObservations(1)).WithGeographicCoordinates();
        var predicted = cnn.Predict(pixels);
        var clayMap = pixels.ToRaster(predicted, stack.Grid, "clay_percent", "%", sizes.MapStride, agricultural)
            .WithTitle($"CNN per bare pixel ({area})");
        var parcelMap = clayMap.ZonalMap(sim.ParcelRaster(), ZonalStatistic.Median).WithTitle($"Parcel median ({area})");
        var field = sim.FieldSamples(parcelMap, sizes.FieldSamples, seed + 1);
        var index = pixels.Covariate(BareSoilSeries.PixelCovariate).Values.Select(v => (int)v).ToArray();
        var pixelPrediction = new Prediction(pixels.Ids, index.Select(p => (double)sim.ClayPercent[p]).ToArray(), predicted,
            "9C map", "clay", "%");
        return new S2MosMapArea(area, sim, pixels, clayMap, parcelMap, field, pixelPrediction);
    }

    /// <summary>Scores at pixel level and at the field samples.</summary>
    public IReadOnlyList<MapScore> Scores()
    {
        MapScore Row(string level, Prediction p, string paper)
        {
            var m = p.Metrics;
            return new MapScore(Area, level, m.N, m.R2, m.Rmse, m.PearsonR, m.Bias, p.ObservedArray().Average(), paper);
        }
        return [Row("pixels", PixelPrediction, "—"), Row($"{Field.Pixels.Length} field samples (parcel median)", Field.Prediction,
            Area.StartsWith("Greek", StringComparison.Ordinal) ? "0.51" : "—")];
    }

    /// <summary>The numbers a results file keeps (field-sample and pixel scores, beside the paper's).</summary>
    public object Summary()
    {
        var f = Field.Metrics; var px = PixelPrediction.Metrics;
        return new
        {
            area = Area, pixels = Pixels.Count, fieldSamples = Field.Pixels.Length, r2 = f.R2, rmse = f.Rmse, pearsonR = f.PearsonR,
            bias = f.Bias, pixelR2 = px.R2, pixelRmse = px.Rmse, pixelPearsonR = px.PearsonR, pixelBias = px.Bias,
            paperR2 = S2MosPaper.MapR2, paperRmse = S2MosPaper.MapRmsePercent,
        };
    }
}
