using SoilNotebooks.Datasets;
using SoilNotebooks.Mapping;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Mapping;

/// <summary>The EPSG:3035 grid over EU27 + GB land: aligned to its resolution, cell centres that round-trip through
/// longitude/latitude, the projection's centre where EPSG puts it, land cells that add up to the land's area.</summary>
public class EuGbGridTests
{
    [Theory]
    [InlineData(25_000)]
    [InlineData(1_000)]
    public void Grid_IsLaea_AlignedToItsResolution_AroundTheLand(double res)
    {
        var g = EuGbGrid.Create(res);
        Assert.Equal(3035, g.Grid.Crs.Epsg);
        Assert.Equal(res, g.Grid.PixelSizeX); Assert.Equal(res, g.Grid.PixelSizeY);
        Assert.Equal(0, g.Grid.Transform.OriginX % res); Assert.Equal(0, g.Grid.Transform.OriginY % res);
        var (minX, minY, maxX, maxY) = g.Grid.Bounds;
        // Ireland's west coast (≈ 2.9 Mm) to Cyprus' east (≈ 6.6 Mm); Crete/Cyprus (≈ 1.4 Mm) to Lapland (≈ 5.4 Mm)
        Assert.InRange(minX, 2.5e6, 3.0e6); Assert.InRange(maxX, 6.4e6, 6.9e6);
        Assert.InRange(minY, 1.2e6, 1.6e6); Assert.InRange(maxY, 5.2e6, 5.6e6);
    }

    [Fact]
    public void CellCentres_RoundTripThroughLonLat()
    {
        var g = EuGbGrid.Create(10_000);
        var win = new RasterWindow(180, 150, 40, 30);
        var (lon, lat) = g.LonLat(win);
        var x = lon.ToArray(); var y = lat.ToArray();
        using (var t = new CoordinateTransformer(Crs.FromEpsg(4326), Crs.FromEpsg(3035))) t.TransformInPlace(x, y);
        for (int r = 0; r < win.Height; r++)
            for (int c = 0; c < win.Width; c++)
            {
                var (cx, cy) = g.CellCentre(win.ColumnOffset + c, win.RowOffset + r);
                Assert.Equal(cx, x[r * win.Width + c], 1e-3);
                Assert.Equal(cy, y[r * win.Width + c], 1e-3);
            }
    }

    [Fact]
    public void TheProjectionCentre_IsAtEpsgsFalseOrigin()
    {
        // EPSG:3035: natural origin 52° N 10° E, false easting 4 321 000 m, false northing 3 210 000 m
        var g = EuGbGrid.Create(1_000);
        var (col, row) = g.Grid.Transform.WorldToPixel(4_321_000 + 500, 3_210_000 - 500);
        var (lon, lat) = g.LonLat(new RasterWindow((int)col, (int)row, 1, 1));
        var (x, y) = CoordinateTransformer.Transform(Crs.FromEpsg(4326), Crs.FromEpsg(3035), 10, 52);
        Assert.Equal(4_321_000, x, 1e-3); Assert.Equal(3_210_000, y, 1e-3);
        Assert.Equal(10, lon[0], 0.01); Assert.Equal(52, lat[0], 0.01);   // the cell's centre is 500 m from the origin
        Assert.Equal("DE", EuGbLand.Country(lat[0], lon[0]));
    }

    [Fact]
    public void LandCells_AddUpToTheLandArea_AndAreOnLand()
    {
        var g = EuGbGrid.Create(10_000);
        long land = 0;
        foreach (var w in g.Windows(128))
        {
            var l = g.Land(w);
            land += l.Pixels.Length;
            Assert.Equal(l.Pixels.Length, l.Cells.Length);
            Assert.All(l.Cells, c => Assert.True(EuGbLand.IsLand(c.Lat, c.Lon)));
            Assert.Equal(l.Pixels.Order(), l.Pixels);
        }
        Assert.Equal(EuGbLand.AreaKm2(), land * g.CellAreaKm2, EuGbLand.AreaKm2() * 0.01);
    }

    [Fact]
    public void BadResolution_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EuGbGrid.Create(10));
}
