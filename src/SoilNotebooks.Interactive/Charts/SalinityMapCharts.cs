using SoilNotebooks.Rasters;
using SoilNotebooks.Salinity;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>The three layers of a <see cref="SalinityMap"/> as maps in EPSG:3035 with the Natural Earth borders.</summary>
public static class SalinityMapCharts
{
    /// <summary>Predicted ECe on a log colour scale (log10 ECe, dS/m; the colour bar is in log10 units).</summary>
    public static Chart Ece(SalinityMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var v = map.Ece.Span(0).ToArray().Select(e => float.IsFinite(e) && e > 0 ? MathF.Log10(e) : float.NaN).ToArray();
        var log = Raster.Create(map.Ece.Grid, ["log10 ECe"], [v], new RasterOptions("log10 dS/m", Title: map.Ece.Title));
        return Borders(RasterCharts.Map(log, new RasterMapOptions(Title: $"log10 {map.Ece.Title}", Scale: ColorScale.YlOrBr)), map.Ece);
    }

    /// <summary>The predicted class with a legend of class names.</summary>
    public static Chart Class(SalinityMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Borders(RasterCharts.Map(map.Class), map.Class);
    }

    /// <summary>P(saline), the classifier's probability, 0–1.</summary>
    public static Chart ProbabilitySaline(SalinityMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Borders(RasterCharts.Map(map.ProbabilitySaline, new RasterMapOptions(Scale: ColorScale.YlOrBr, Min: 0, Max: 1)), map.ProbabilitySaline);
    }

    private static Chart Borders(Chart chart, Raster raster) => chart.WithCountryBorders(raster.Grid.Crs, raster.Grid.Bounds);
}
