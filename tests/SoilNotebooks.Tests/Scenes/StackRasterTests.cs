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

    [Fact]
    public void ParcelMedianMap_OnRasters_EqualsTheNotebooksFlatArrayGlue()
    {
        // S2MoS notebook cell 29 by hand: predictions painted per stride block, then ZonalStatistics.MedianRaster
        using var stack = SceneStack.Open(fx.Folder);
        var grid = stack.Grid;
        int n = grid.Width * grid.Height, stride = 2;
        var agricultural = fx.Sim.Crop.Select(c => c != SoilNotebooks.Datasets.Synthetic.SimulatedCrop.Water).ToArray();
        var pixels = Enumerable.Range(0, n)
            .Where(p => p / grid.Width % stride == 0 && p % grid.Width % stride == 0).ToArray();
        var predicted = pixels.Select(p => 10 + p % 37 * 0.5).ToArray();
        var pixelClay = Enumerable.Repeat(double.NaN, n).ToArray();
        for (int i = 0; i < pixels.Length; i++)
            for (int r = pixels[i] / grid.Width; r < Math.Min(grid.Height, pixels[i] / grid.Width + stride); r++)
                for (int c = pixels[i] % grid.Width; c < Math.Min(grid.Width, pixels[i] % grid.Width + stride); c++)
                    if (agricultural[r * grid.Width + c]) pixelClay[r * grid.Width + c] = predicted[i];
        var byHand = ZonalStatistics.MedianRaster(fx.Sim.ParcelId, pixelClay, agricultural);

        // the same with raster values: three lines
        var farmland = Raster.Create(grid, "agricultural", agricultural.Select(a => a ? 1f : 0f).ToArray());
        var parcels = Raster.Create(grid, "parcel", fx.Sim.ParcelId.Select(z => (float)z).ToArray()).Mask(farmland);
        var clay = Raster.FromPixels(grid, pixels, predicted, "clay_percent", "%", stride).Mask(farmland);
        var parcelMedian = clay.ZonalMap(parcels);

        Assert.Equal(byHand, parcelMedian.ToArray());
        Assert.Equal("%", parcelMedian.UnitOf("clay_percent"));
    }
}
