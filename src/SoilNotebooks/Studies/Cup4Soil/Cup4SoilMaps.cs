using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Cup4Soil;

/// <summary>One property's map: bands "q05", "q50", "q95" (the property's unit) and "uncertainty".</summary>
/// <param name="Property">soc, ph or bd.</param>
/// <param name="Map">The four bands on the mapping grid, nodata off cropland.</param>
/// <param name="Path">The COG written, or null.</param>
public sealed record Cup4SoilMap(string Property, Raster Map, string? Path);

/// <summary>
/// Section 5: 20 m maps of the QRF median and the uncertainty index (q95 − q05) / q50, the 90 % interval width relative
/// to the median, as ISRIC's SoilGrids and CUP4Soil report it (<see cref="PredictionInterval.UncertaintyIndex"/>).
/// </summary>
public static class Cup4SoilMaps
{
    /// <summary>Fits one QRF per property on all samples and predicts every mapped pixel; writes a 4-band COG per
    /// property into <paramref name="folder"/> when given.</summary>
    public static IReadOnlyList<Cup4SoilMap> Predict(SampleSeries samples, FeatureTable trainFeatures,
        FeatureTable pixelFeatures, IReadOnlyList<int> pixels, RasterGrid grid, Cup4SoilSizes sizes,
        int seed = Defaults.Seed, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(samples); ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(pixelFeatures); ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(grid); ArgumentNullException.ThrowIfNull(sizes);
        var o = new RandomForestOptions { Trees = sizes.Trees, Seed = seed };
        var maps = new List<Cup4SoilMap>();
        foreach (var (prop, unit, title) in Cup4SoilSamples.Properties)
        {
            var qrf = RandomForest.FitQuantile(trainFeatures, samples.Target(prop).Values, o);
            var iv = qrf.PredictInterval(pixelFeatures, Defaults.IntervalCoverage);
            var bands = new[] { iv.Lower, iv.Median, iv.Upper, iv.UncertaintyIndex }
                .Select(v => Raster.FromPixels(grid, pixels, v, "x").Span(0).ToArray()).ToArray();
            var map = Raster.Create(grid, ["q05", "q50", "q95", "uncertainty"], bands,
                new RasterOptions(Units: [unit, unit, unit, "ratio"], Title: $"{title}: QRF 20 m map"));
            string? path = null;
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
                path = System.IO.Path.Combine(folder, $"{prop}_qrf.tif");
                map.WriteGeoTiff(path, cloudOptimized: true);
            }
            maps.Add(new Cup4SoilMap(prop, map, path));
        }
        return maps;
    }
}
