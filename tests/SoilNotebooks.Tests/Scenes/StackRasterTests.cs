using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Tests.Scenes;

/// <summary>A scene stack as raster values, and spectral indices on its named bands.</summary>
[Collection("SimulatedStack")]
public class StackRasterTests(SimFixture fx)
{
    [Fact]
    public void StackRaster_HasNamedBandsAndDates_MatchingTheTile()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var tile = stack.ReadTile(stack.Grid.FullWindow);
        var s2 = stack.ReadRaster();
        Assert.Equal(S2Bands.Ids, s2.Bands);
        Assert.Equal(stack.Dates, s2.Dates);
        Assert.Equal("reflectance", s2.UnitOf("B12"));
        Assert.Equal(tile.Get(3, S2Band.B12, 100), s2.Value(100 % s2.Width, 100 / s2.Width, "B12", 3));
        var ndvi = s2.Ndvi();
        float red = tile.Get(2, S2Band.B04, 77), nir = tile.Get(2, S2Band.B08, 77);
        Assert.Equal(SpectralIndices.Ndvi(red, nir), ndvi.Value(77 % s2.Width, 77 / s2.Width, date: 2));
        Assert.Equal(["NBR2"], s2.Nbr2().Bands);
        if (tile.ToSarRaster(stack.Grid) is { } sar) Assert.Equal(["VV", "VH"], sar.Bands);
    }
}
