using SoilNotebooks.Masking;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Tests.Masking;

public class MaskingTests
{
    [Fact]
    public void SclClasses_MapToFlags_AndOptionsDecideValidity()
    {
        Assert.Equal(ObservationFlags.Cloud, SclMask.FlagOf(8));
        Assert.Equal(ObservationFlags.Cloud, SclMask.FlagOf(9));
        Assert.Equal(ObservationFlags.Shadow, SclMask.FlagOf(3));
        Assert.Equal(ObservationFlags.Cirrus, SclMask.FlagOf(10));
        Assert.Equal(ObservationFlags.Snow, SclMask.FlagOf(11));
        Assert.Equal(ObservationFlags.Water, SclMask.FlagOf(6));
        Assert.Equal(ObservationFlags.None, SclMask.FlagOf(4));
        Assert.Equal(ObservationFlags.None, SclMask.FlagOf(5));
        Assert.Equal(ObservationFlags.NoData, SclMask.FlagOf(0));
        Assert.Equal(ObservationFlags.NoData, SclMask.FlagOf(200));
        var lax = new SclMaskOptions(MaskWater: false, MaskSnow: false);
        Assert.Equal(0, (int)(lax.InvalidFlags & ObservationFlags.Water));
        Assert.NotEqual(0, (int)(SclMaskOptions.Default.InvalidFlags & ObservationFlags.Water));
        Assert.Throws<ArgumentOutOfRangeException>(() => SclMask.Classify(new byte[4], 2, 2, new SclMaskOptions(DilationPixels: -1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Dilation_MatchesBruteForceSquareWindow(int radius)
    {
        int w = 13, h = 9;
        var rng = new Random(1);
        var scl = Enumerable.Range(0, w * h).Select(_ => (byte)(rng.NextDouble() < 0.08 ? (rng.NextDouble() < 0.5 ? 9 : 3) : rng.NextDouble() < 0.1 ? 6 : 4)).ToArray();
        var flags = SclMask.Classify(scl, w, h, new SclMaskOptions(DilationPixels: radius));
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                var expected = SclMask.FlagOf(scl[r * w + c]);
                for (int rr = Math.Max(0, r - radius); rr <= Math.Min(h - 1, r + radius); rr++)
                    for (int cc = Math.Max(0, c - radius); cc <= Math.Min(w - 1, c + radius); cc++)
                        expected |= SclMask.FlagOf(scl[rr * w + cc]) & (ObservationFlags.Cloud | ObservationFlags.Shadow | ObservationFlags.Cirrus);
                Assert.Equal(expected, flags[r * w + c]);
            }
    }

    [Fact]
    public void BareSoilRule_IsExactlyS2MoS()
    {
        var t = BareSoilThresholds.S2MoS;
        // typical bare soil: NDVI = (0.24-0.16)/0.40 = 0.2, NBR2 = (0.30-0.28)/0.58 = 0.034, B3 > B2, B4 > B3
        Assert.True(t.IsBare(0.09f, 0.12f, 0.16f, 0.24f, 0.30f, 0.28f));
        // NDVI exactly at/above 0.25 fails (strict <)
        Assert.False(t.IsBare(0.09f, 0.12f, 0.14f, 0.26f, 0.30f, 0.28f));   // NDVI = 0.30
        Assert.True(t.IsBare(0.09f, 0.12f, 0.151f, 0.25f, 0.30f, 0.28f));   // NDVI = 0.2467
        // residue: NBR2 = (0.38-0.26)/0.64 = 0.19 ≥ 0.075
        Assert.False(t.IsBare(0.10f, 0.14f, 0.18f, 0.29f, 0.38f, 0.26f));
        // band order conditions
        Assert.False(t.IsBare(0.13f, 0.12f, 0.16f, 0.24f, 0.30f, 0.28f));   // B3 < B2
        Assert.False(t.IsBare(0.09f, 0.17f, 0.16f, 0.24f, 0.30f, 0.28f));   // B4 < B3
        Assert.True(new BareSoilThresholds(RequireRedAboveGreen: false).IsBare(0.09f, 0.17f, 0.16f, 0.24f, 0.30f, 0.28f));
        Assert.False(t.IsBare(float.NaN, 0.12f, 0.16f, 0.24f, 0.30f, 0.28f));
        Assert.False(t.IsBare(0.09f, 0.12f, 0.16f, 0.24f, 0f, 0f));         // NBR2 undefined
        // configurable thresholds
        Assert.True(new BareSoilThresholds(Ndvi: 0.31).IsBare(0.09f, 0.12f, 0.14f, 0.26f, 0.30f, 0.28f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BareSoilThresholds(Ndvi: 2).Validate());
        Assert.Equal(0.2f, SpectralIndices.Ndvi(0.16f, 0.24f), 6);
        Assert.Equal(0.02f / 0.58f, SpectralIndices.Nbr2(0.30f, 0.28f), 6);
    }
}
