using SoilNotebooks.Rasters;
using SoilNotebooks.Salinity;

namespace SoilNotebooks.Tests.Salinity;

/// <summary>CRSI (Scudiero et al. 2014, 2015) by band name, and its invalid inputs.</summary>
public class CresiTests
{
    [Fact]
    public void Compute_MatchesTheFormula()
    {
        // NIR·R = 0.4·0.06 = 0.024, G·B = 0.08·0.05 = 0.004 → √(0.020/0.028) = 0.845154…
        Assert.Equal(Math.Sqrt(0.020 / 0.028), CanopyResponseSalinityIndex.Compute(blue: 0.05, green: 0.08, red: 0.06, nir: 0.4), 12);
    }

    [Fact]
    public void NegativeRadicand_NegativeReflectance_AndZeroDenominator_GiveNaN()
    {
        Assert.True(double.IsNaN(CanopyResponseSalinityIndex.Compute(0.3, 0.3, 0.1, 0.1)));   // G·B > NIR·R
        Assert.True(double.IsNaN(CanopyResponseSalinityIndex.Compute(-0.01, 0.08, 0.06, 0.4)));
        Assert.True(double.IsNaN(CanopyResponseSalinityIndex.Compute(0, 0, 0, 0)));
    }

    [Fact]
    public void WrongScale_IsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => CanopyResponseSalinityIndex.Compute(500, 800, 600, 4000));
        Assert.Contains("10000", e.Message);
        Assert.Contains("reflectance 0–1", e.Message);
    }

    [Fact]
    public void Bands_AreChosenByName()
    {
        var bands = new Dictionary<string, double[]>
        {
            ["B08"] = [0.4, 0.1], ["B02"] = [0.05, 0.3], ["B04"] = [0.06, 0.1], ["B03"] = [0.08, 0.3],
        };
        var v = CanopyResponseSalinityIndex.Compute(bands);
        Assert.Equal(Math.Sqrt(0.020 / 0.028), v[0], 12);
        Assert.True(double.IsNaN(v[1]));
        bands.Remove("B03");
        var e = Assert.Throws<KeyNotFoundException>(() => CanopyResponseSalinityIndex.Compute(bands));
        Assert.Contains("B03", e.Message);
    }

    [Fact]
    public void Raster_CresiUsesNamedBandsInAnyOrder()
    {
        var grid = new RasterGrid(2, 1, GeoTransform.NorthUp(0, 20, 10), Crs.FromEpsg(32633));
        var r = Raster.Create(grid, ["B08", "B04", "B03", "B02"],
            [new float[] { 0.4f, 0.1f }, new float[] { 0.06f, 0.1f }, new float[] { 0.08f, 0.3f }, new float[] { 0.05f, 0.3f }]);
        var c = r.Cresi();
        Assert.Equal(["CRSI"], c.Bands);
        var a = c.ToArray();
        Assert.Equal(Math.Sqrt(0.020 / 0.028), a[0], 5);
        Assert.True(float.IsNaN(a[1]));
        var scaled = Raster.Create(grid, ["B08", "B04", "B03", "B02"],
            [new float[] { 4000, 1000 }, new float[] { 600, 1000 }, new float[] { 800, 3000 }, new float[] { 500, 3000 }]);
        Assert.Throws<ArgumentException>(() => scaled.Cresi());
    }
}
