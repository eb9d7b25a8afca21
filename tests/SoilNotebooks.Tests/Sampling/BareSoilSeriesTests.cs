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
        foreach (var s in series)
        {
            Assert.Equal(comp.Data.BareCount[s.Pixel], s.Count);
            Assert.Equal(s.Row * stack.Grid.Width + s.Column, s.Pixel);
            Assert.All(s.Observations, o => Assert.Equal(10, o.Length));
        }
        Assert.True(series.Zip(series.Skip(1)).All(p => p.First.Pixel < p.Second.Pixel));

        // values of one pixel against a direct read and the bare-soil rule
        var tile = stack.ReadTile(stack.Grid.FullWindow);
        var s0 = series.OrderByDescending(s => s.Count).First();
        var dates = stack.Dates.ToList();
        int P = tile.PixelCount;
        var expected = Enumerable.Range(0, dates.Count).Where(d =>
        {
            if ((tile.Flags[d * P + s0.Pixel] & SclMaskOptions.Default.InvalidFlags) != 0) return false;
            float B(S2Band b) => tile.Get(d, b, s0.Pixel);
            return BareSoilThresholds.S2MoS.IsBare(B(S2Band.B02), B(S2Band.B03), B(S2Band.B04), B(S2Band.B08), B(S2Band.B11), B(S2Band.B12));
        }).ToArray();
        Assert.Equal(expected.Select(d => dates[d]), s0.Dates);
        for (int i = 0; i < expected.Length; i++)
            for (int b = 0; b < 10; b++) Assert.Equal(tile.Get(expected[i], (S2Band)b, s0.Pixel), s0.Observations[i][b], 6);
        var (x, y) = stack.Grid.Transform.PixelToWorld(s0.Column + 0.5, s0.Row + 0.5);
        Assert.Equal(x, s0.X); Assert.Equal(y, s0.Y);
    }

    [Fact]
    public void WithSentinel1_KeepsOnlyPairedObservations_WithDecibels()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var s2only = BareSoilSeries.FromStack(stack, new BareSoilSeriesOptions(IncludeSentinel1: false)).ToDictionary(s => s.Pixel);
        var both = BareSoilSeries.FromStack(stack);
        Assert.NotEmpty(both);
        var paired = stack.S1Pairs.Select((p, d) => (p, d)).Where(x => x.p is not null).Select(x => stack.Dates[x.d]).ToHashSet();
        Assert.True(paired.Count < stack.Dates.Count, "the simulator leaves some dates unpaired; the test needs one");
        foreach (var s in both)
        {
            Assert.All(s.Observations, o => { Assert.Equal(12, o.Length); Assert.InRange(o[10], -40, 5); Assert.InRange(o[11], -50, 5); });
            Assert.All(s.Dates, d => Assert.Contains(d, paired));
            var all = s2only[s.Pixel];
            Assert.Equal(all.Dates.Count(paired.Contains), s.Count);
        }
    }

    [Fact]
    public void StrideIncludeAndMinimum_SelectPixels()
    {
        using var stack = SceneStack.Open(fx.Folder);
        int n = stack.Grid.Width * stack.Grid.Height;
        var include = Enumerable.Range(0, n).Select(i => i % stack.Grid.Width < 32).ToArray();
        var s = BareSoilSeries.FromStack(stack, new BareSoilSeriesOptions(IncludeSentinel1: false, Stride: 2, MinObservations: 2), include);
        Assert.NotEmpty(s);
        Assert.All(s, p => { Assert.Equal(0, p.Column % 2); Assert.Equal(0, p.Row % 2); Assert.True(p.Column < 32); Assert.True(p.Count >= 2); });
        Assert.Throws<ArgumentOutOfRangeException>(() => BareSoilSeries.FromStack(stack, new BareSoilSeriesOptions(Stride: 0)));
        Assert.Throws<ArgumentException>(() => BareSoilSeries.FromStack(stack, null, new bool[5]));
    }
}
