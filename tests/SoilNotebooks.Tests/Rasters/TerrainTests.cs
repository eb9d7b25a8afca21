using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Rasters;

public class TerrainTests
{
    private static RasterGrid Grid(int w, int h) => new(w, h, GeoTransform.NorthUp(500000, 5000000, 20), Crs.FromEpsg(32631));

    [Fact]
    public void Slope_OfAPlane_IsItsAngle()
    {
        var g = Grid(10, 8);
        // z rises 1 m per 20 m to the east: slope atan(0.05)
        var dem = Raster.Create(g, "elevation", Enumerable.Range(0, 80).Select(i => (float)(i % 10)).ToArray());
        var s = Terrain.Slope(dem).ToArray("slope");
        Assert.Equal(Math.Atan(0.05) * 180 / Math.PI, s[3 * 10 + 4], 4);
        Assert.Equal("degree", Terrain.Slope(dem).UnitOf("slope"));
    }

    [Fact]
    public void WetnessIndex_IsHighestWhereFlowGathers()
    {
        var g = Grid(9, 9);
        // a V-shaped valley draining south: column 4 is the thalweg
        var z = new float[81];
        for (int r = 0; r < 9; r++) for (int c = 0; c < 9; c++) z[r * 9 + c] = 10 * Math.Abs(c - 4) + (8 - r);
        var twi = Terrain.WetnessIndex(Raster.Create(g, "elevation", z)).ToArray("twi");
        Assert.True(twi[8 * 9 + 4] > twi[8 * 9 + 0]);
        Assert.True(twi[8 * 9 + 4] > twi[0 * 9 + 4]);
        Assert.All(twi, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void GeographicDem_IsRejected()
    {
        var g = new RasterGrid(4, 4, GeoTransform.NorthUp(4, 49, 0.0002), Crs.FromEpsg(4326));
        var e = Assert.Throws<ArgumentException>(() => Terrain.Slope(Raster.Create(g, "z", new float[16])));
        Assert.Contains("projected", e.Message);
    }
}
