using SoilNotebooks.Compositing;
using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tests.Scenes;

namespace SoilNotebooks.Tests.Compositing;

/// <summary>The compositing stage results as raster values: bare-soil mask, composite products.</summary>
[Collection("SimulatedStack")]
public class BareSoilMaskTests(SimFixture fx)
{
    [Fact]
    public void BareSoilMask_CodesAgreeWithTheKernel_AndItsCountWithTheComposite()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var mask = BareSoilMask.Compute(stack);
        var tile = stack.ReadTile(stack.Grid.FullWindow);
        var status = CompositeKernel.Classify(tile, BareSoilThresholds.S2MoS);
        int P = tile.PixelCount;
        var invalid = SclMaskOptions.Default.InvalidFlags;
        for (int d = 0; d < stack.Dates.Count; d++)
        {
            var layer = mask.AtDate(d).ToArray();
            for (int p = 0; p < P; p++)
            {
                float expected = status[d * P + p] switch
                {
                    ObservationStatus.Bare => BareSoilMask.BareCode,
                    ObservationStatus.Valid => BareSoilMask.NotBareCode,
                    _ => (float)BareSoilMask.MaskedCode(tile.Flags[d * P + p] & invalid),
                };
                Assert.Equal(expected, layer[p]);
            }
        }
        Assert.True(mask.Raster.IsCategorical);
        Assert.Equal("cloud shadow", mask.Raster.Classes!.NameOf(3));
        Assert.Equal("bare soil", mask.Raster.Classes!.NameOf(BareSoilMask.BareCode));
        var comp = ScmapComposite.Compute(stack);
        Assert.Equal(comp.Data.BareCount[..P], mask.BareCount().ToArray());
        var isBare = mask.IsBare();
        Assert.Equal(stack.Dates.Count, isBare.DateCount);
        Assert.All(isBare.ToArray(date: 0), v => Assert.True(float.IsNaN(v) || v == 0 || v == 1));
    }

    [Fact]
    public void MaskedCode_UsesTheSclCodes()
    {
        Assert.Equal(SclClass.CloudHighProbability,
            BareSoilMask.MaskedCode(ObservationFlags.Cloud | ObservationFlags.Shadow));
        Assert.Equal(SclClass.CloudShadow, BareSoilMask.MaskedCode(ObservationFlags.Shadow));
        Assert.Equal(SclClass.ThinCirrus, BareSoilMask.MaskedCode(ObservationFlags.Cirrus));
        Assert.Equal(SclClass.Water, BareSoilMask.MaskedCode(ObservationFlags.Water));
        Assert.Equal(SclClass.NoData, BareSoilMask.MaskedCode(ObservationFlags.None));
        Assert.Equal(12, SclClasses.Table.Count);
        Assert.Equal("thin cirrus", SclClasses.Table.NameOf(10));
    }

    [Fact]
    public void CompositeResult_ExposesItsProductsAsRasters()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var comp = ScmapComposite.Compute(stack);
        int n = comp.Grid.Width * comp.Grid.Height;
        Assert.Equal(comp.Data.BareFrequency[..n], comp.Frequency.ToArray());
        Assert.Equal(comp.Band(comp.Data.BareMean, S2Band.B12), comp.Src.ToArray("B12"));
        Assert.Equal(comp.Band(comp.Data.Mosaic, S2Band.B04), comp.Mosaic.ToArray("B04"));
        Assert.Equal(comp.Band(comp.Data.ValidMean, S2Band.B02), comp.Mean.ToArray("B02"));
        Assert.Equal(S2Bands.Ids, comp.SrcMedian.Bands);
        Assert.True(comp.MosaicSource.IsCategorical);
        Assert.Equal("count", comp.BareCount.UnitOf("bare_count"));
        Assert.True(comp.Frequency.Grid.IsAlignedWith(stack.Grid));
    }
}
