using SoilNotebooks.Compositing;
using SoilNotebooks.Masking;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tests.Scenes;

namespace SoilNotebooks.Tests.Sampling;

[Collection("SimulatedStack")]
public class BareSoilSeriesTests(SimFixture fx)
{
    [Fact]
    public void WithoutSentinel1_CountsMatchTheCompositeBareCount_AndValuesMatchTheTile()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var series = BareSoilSeries.FromStack(stack, new BareSoilSeriesOptions(IncludeSentinel1: false, TileSize: 24));
        var comp = ScmapComposite.Compute(stack);
        Assert.Equal(comp.Summary.PixelsWithBareObservation, series.Count);
        var pixel = series.Covariate(BareSoilSeries.PixelCovariate);
        var column = series.Covariate(BareSoilSeries.ColumnCovariate);
        var rowOf = series.Covariate(BareSoilSeries.RowCovariate);
        Assert.Equal(SentinelChannels.Optical, series.Channels);
        for (int i = 0; i < series.Count; i++)
        {
            Assert.Equal(comp.Data.BareCount[(int)pixel[i]], series.ObservationCount(i));
            Assert.Equal(rowOf[i] * stack.Grid.Width + column[i], pixel[i]);
            Assert.Equal(((int)pixel[i]).ToString(System.Globalization.CultureInfo.InvariantCulture), series.Ids[i]);
        }
        Assert.True(pixel.Values.Zip(pixel.Values.Skip(1)).All(p => p.First < p.Second));

        // values of one pixel against a direct read and the bare-soil rule
        var tile = stack.ReadTile(stack.Grid.FullWindow);
        int i0 = Enumerable.Range(0, series.Count).MaxBy(series.ObservationCount);
        int p0 = (int)pixel[i0];
        var dates = stack.Dates.ToList();
        int P = tile.PixelCount;
        var expected = Enumerable.Range(0, dates.Count).Where(d =>
        {
            if ((tile.Flags[d * P + p0] & SclMaskOptions.Default.InvalidFlags) != 0) return false;
            float B(S2Band b) => tile.Get(d, b, p0);
            return BareSoilThresholds.S2MoS.IsBare(B(S2Band.B02), B(S2Band.B03), B(S2Band.B04), B(S2Band.B08), B(S2Band.B11), B(S2Band.B12));
        }).ToArray();
        Assert.Equal(expected.Select(d => dates[d]), series.Dates(i0));
        for (int i = 0; i < expected.Length; i++)
            for (int b = 0; b < 10; b++) Assert.Equal(tile.Get(expected[i], (S2Band)b, p0), series.Value(i0, i, b), 6);
        var (x, y) = stack.Grid.Transform.PixelToWorld(column[i0] + 0.5, rowOf[i0] + 0.5);
        Assert.Equal(x, series.X[i0]); Assert.Equal(y, series.Y[i0]);
        Assert.Equal(stack.Grid.Crs, series.Crs);
    }

    [Fact]
    public void WithSentinel1_KeepsOnlyPairedObservations_WithDecibels()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var s2only = BareSoilSeries.FromStack(stack, new BareSoilSeriesOptions(IncludeSentinel1: false));
        var byId = Enumerable.Range(0, s2only.Count).ToDictionary(i => s2only.Ids[i]);
        var both = BareSoilSeries.FromStack(stack);
        Assert.True(both.Count > 0);
        Assert.Equal(SentinelChannels.All, both.Channels);
        var paired = stack.S1Pairs.Select((p, d) => (p, d)).Where(x => x.p is not null).Select(x => stack.Dates[x.d]).ToHashSet();
        Assert.True(paired.Count < stack.Dates.Count, "the simulator leaves some dates unpaired; the test needs one");
        int vv = both.ChannelIndex("VV"), vh = both.ChannelIndex("VH");
        for (int i = 0; i < both.Count; i++)
        {
            for (int k = 0; k < both.ObservationCount(i); k++)
            {
                Assert.InRange(both.Value(i, k, vv), -40, 5); Assert.InRange(both.Value(i, k, vh), -50, 5);
            }
            Assert.All(both.Dates(i), d => Assert.Contains(d, paired));
            Assert.Equal(s2only.Dates(byId[both.Ids[i]]).Count(paired.Contains), both.ObservationCount(i));
        }
    }

    [Fact]
    public void StrideIncludeAndMinimum_SelectPixels()
    {
        using var stack = SceneStack.Open(fx.Folder);
        int n = stack.Grid.Width * stack.Grid.Height;
        var include = Enumerable.Range(0, n).Select(i => i % stack.Grid.Width < 32).ToArray();
        var s = BareSoilSeries.FromStack(stack, new BareSoilSeriesOptions(IncludeSentinel1: false, Stride: 2, MinObservations: 2), include);
        Assert.True(s.Count > 0);
        var col = s.Covariate(BareSoilSeries.ColumnCovariate); var row = s.Covariate(BareSoilSeries.RowCovariate);
        for (int i = 0; i < s.Count; i++)
        {
            Assert.Equal(0, col[i] % 2); Assert.Equal(0, row[i] % 2); Assert.True(col[i] < 32); Assert.True(s.ObservationCount(i) >= 2);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => BareSoilSeries.FromStack(stack, new BareSoilSeriesOptions(Stride: 0)));
        Assert.Throws<ArgumentException>(() => BareSoilSeries.FromStack(stack, null, new bool[5]));
    }
}
