using SoilNotebooks.Interactive.Charts;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Interactive.Tests.Charts;

public class CompositeChartTests
{
    private static Raster Rgb(float k)
    {
        var g = new RasterGrid(4, 2, GeoTransform.NorthUp(572000, 5462000, 20), Crs.FromEpsg(32631));
        float[] L(float v) => Enumerable.Range(0, 8).Select(i => k * v * (1 + 0.1f * i)).ToArray();
        return Raster.Create(g, ["B02", "B03", "B04"], [L(0.05f), L(0.08f), L(0.10f)], new RasterOptions("reflectance"));
    }

    [Fact]
    public void TrueColorShared_UsesOneStretch_SoADarkerCompositeStaysDarker()
    {
        var chart = CompositeCharts.TrueColorShared([Rgb(1), Rgb(2)], ["dark", "bright"]);
        var images = chart.Traces.OfType<ImageTrace>().ToArray();
        Assert.Equal(2, images.Length);
        double Mean(ImageTrace t) { double s = 0; foreach (var b in t.Rgba) s += b; return s; }
        Assert.True(Mean(images[0]) < Mean(images[1]));
        // drawn alone, each would be stretched to its own range and look alike
        var alone = new[] { Rgb(1).TrueColor(), Rgb(2).TrueColor() }.Select(c => c.Traces.OfType<ImageTrace>().Single()).ToArray();
        Assert.Equal(Mean(alone[0]), Mean(alone[1]), 0);
        Assert.Contains("one stretch", chart.Title);
    }

    [Fact]
    public void TrueColorShared_RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => CompositeCharts.TrueColorShared([]));
        Assert.Throws<ArgumentException>(() => CompositeCharts.TrueColorShared([Rgb(1)], ["a", "b"]));
        Assert.Throws<ArgumentException>(() => CompositeCharts.TrueColorShared([Rgb(1)], lowPercent: 50, highPercent: 10));
    }
}
