using SoilNotebooks.Compositing;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>Bare-soil share of one simulated crop type.</summary>
/// <param name="Crop">Crop type.</param>
/// <param name="Pixels">Its pixels.</param>
/// <param name="BareShare">Share of them with at least one bare-soil observation.</param>
/// <param name="MeanBareObservations">Mean bare-soil observations per pixel.</param>
public sealed record CropBareness(string Crop, int Pixels, double BareShare, double MeanBareObservations);

/// <summary>The bare-soil share of the agricultural (non-water) pixels of a simulated area.</summary>
/// <param name="Fraction">Bare pixels / agricultural pixels.</param>
/// <param name="BarePixels">Agricultural pixels with at least one bare-soil observation.</param>
/// <param name="AgriculturalPixels">Non-water pixels.</param>
public sealed record BareShare(double Fraction, int BarePixels, int AgriculturalPixels);

/// <summary>Field samples of a map: observed (true) values at seeded pixels against the mapped value there.</summary>
/// <param name="Pixels">The sampled pixels (row-major indices).</param>
/// <param name="Observed">True values at those pixels.</param>
/// <param name="Predicted">Mapped values there.</param>
/// <param name="Prediction">The mapped values against the true ones (ids "pixel 1234").</param>
public sealed record FieldSamples(int[] Pixels, double[] Observed, double[] Predicted, Prediction Prediction)
{
    /// <summary>RMSE, R², r … of the map at the samples.</summary>
    public RegressionMetrics Metrics => Prediction.Metrics;
}

/// <summary>What a notebook asks of a simulated area beside its scenes: which pixels are fields, how bare they got,
/// laboratory spectra and field samples for checking a map against the simulator's truth.</summary>
public static class SimulatedScenesAnalysis
{
    /// <summary>Per pixel: true for agricultural parcels (every crop but water).</summary>
    public static bool[] Agricultural(this SimulatedScenes sim)
    {
        ArgumentNullException.ThrowIfNull(sim);
        return sim.Crop.Select(c => c != SimulatedCrop.Water).ToArray();
    }

    /// <summary>True clay (%) of the agricultural pixels, for comparing the area with the training points.</summary>
    public static double[] AgriculturalClay(this SimulatedScenes sim)
    {
        var agri = sim.Agricultural();
        return Enumerable.Range(0, agri.Length).Where(p => agri[p]).Select(p => (double)sim.ClayPercent[p]).ToArray();
    }

    /// <summary>The share of agricultural pixels with at least one bare-soil observation in <paramref name="composite"/>.</summary>
    public static BareShare BareShare(this SimulatedScenes sim, CompositeResult composite)
    {
        ArgumentNullException.ThrowIfNull(composite);
        var agri = sim.Agricultural();
        int all = agri.Count(a => a), bare = Enumerable.Range(0, agri.Length).Count(p => agri[p] && composite.Data.BareCount[p] > 0);
        return new BareShare((double)bare / all, bare, all);
    }

    /// <summary>Bare soil by crop type (share of pixels with ≥ 1 bare-soil observation, mean count).</summary>
    public static IReadOnlyList<CropBareness> BareShareByCrop(this SimulatedScenes sim, CompositeResult composite)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(composite);
        var count = composite.Data.BareCount;
        return Enum.GetValues<SimulatedCrop>().Where(c => sim.Crop.Contains(c)).Select(c =>
        {
            var px = Enumerable.Range(0, sim.Crop.Length).Where(p => sim.Crop[p] == c).ToArray();
            return new CropBareness(c.ToString(), px.Length, px.Count(p => count[p] > 0) / (double)px.Length, px.Average(p => count[p]));
        }).ToArray();
    }

    /// <summary>
    /// <paramref name="count"/> seeded agricultural pixels as sample points ("S" + pixel index, pixel centres in the stack
    /// CRS) with "laboratory" spectra of their true clay and SOC from <see cref="LabSpectrumModel"/> — a model written
    /// independently of the scenes' (it shares only clay and SOC, and is brighter, as the paper's Fig. 7 shows).
    /// </summary>
    public static (IReadOnlyList<SamplePoint> Points, IReadOnlyDictionary<string, float[]> Spectra) LaboratorySpectra(
        this SimulatedScenes sim, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(sim);
        Check.Positive(count);
        var agri = sim.Agricultural();
        var rng = new Random(seed);
        var pixels = Enumerable.Range(0, agri.Length).Where(p => agri[p]).OrderBy(_ => rng.Next()).Take(count).ToArray();
        var points = pixels.Select(p =>
        {
            var (x, y) = sim.Grid.Transform.PixelToWorld(p % sim.Grid.Width + 0.5, p / sim.Grid.Width + 0.5);
            return new SamplePoint($"S{p}", x, y);
        }).ToArray();
        var labRng = new Random(seed ^ 0x1AB);
        var spectra = pixels.ToDictionary(p => $"S{p}", p => LabSpectrumModel.Resampled(sim.ClayPercent[p], sim.SocPercent[p], labRng));
        return (points, spectra);
    }

    /// <summary>
    /// <paramref name="count"/> seeded pixels where <paramref name="map"/> is finite, with the true clay there against the
    /// map: the field samples a map is scored on (S2MoS Fig. 13: 52 samples).
    /// </summary>
    public static FieldSamples FieldSamples(this SimulatedScenes sim, Raster map, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(map);
        if (!map.Grid.IsAlignedWith(sim.Grid)) throw new ArgumentException($"The map ({map.Grid}) is not on the simulated grid ({sim.Grid}).");
        var values = map.Span(0);
        return sim.FieldSamples(values.ToArray(), count, seed, map.Title ?? map.Bands[0]);
    }

    private static FieldSamples FieldSamples(this SimulatedScenes sim, float[] map, int count, int seed, string model)
    {
        var rng = new Random(seed);
        var pixels = Enumerable.Range(0, map.Length).Where(p => float.IsFinite(map[p])).OrderBy(_ => rng.Next()).Take(count).ToArray();
        if (pixels.Length < 2) throw new ArgumentException("The map has fewer than two finite pixels to sample.");
        var observed = pixels.Select(p => (double)sim.ClayPercent[p]).ToArray();
        var predicted = pixels.Select(p => (double)map[p]).ToArray();
        var ids = pixels.Select(p => "pixel " + p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new FieldSamples(pixels, observed, predicted, new Prediction(ids, observed, predicted, model, "clay", "%"));
    }

    /// <summary>The parcel id of every pixel as a zone raster (for parcel medians of a map).</summary>
    public static Raster ParcelRaster(this SimulatedScenes sim)
    {
        ArgumentNullException.ThrowIfNull(sim);
        return Raster.Create(sim.Grid, "parcel", sim.ParcelId.Select(v => (float)v).ToArray());
    }

    /// <summary>1 on agricultural pixels, NaN elsewhere (a mask raster).</summary>
    public static Raster AgriculturalRaster(this SimulatedScenes sim) =>
        Raster.Create(sim.Grid, "agricultural", sim.Agricultural().Select(a => a ? 1f : float.NaN).ToArray());

    /// <summary>The simulator's true clay (%) on agricultural pixels, NaN elsewhere.</summary>
    public static Raster ClayRaster(this SimulatedScenes sim)
    {
        var agri = sim.Agricultural();
        return Raster.Create(sim.Grid, ["clay_percent"], [sim.ClayPercent.Select((c, p) => agri[p] ? c : float.NaN).ToArray()],
            new RasterOptions("%", Title: "True clay of the simulator"));
    }
}
