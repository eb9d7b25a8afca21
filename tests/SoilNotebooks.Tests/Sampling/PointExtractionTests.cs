using SoilNotebooks.Compositing;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tabular;
using SoilNotebooks.Tests.Rasters;
using SoilNotebooks.Tests.Scenes;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Tests.Sampling;

[Collection("SimulatedStack")]
public class PointExtractionTests(SimFixture fx)
{
    [Fact]
    public void PointsInWgs84_GiveTheS2MoSObservationTable_MatchingTheRasters()
    {
        using var stack = SceneStack.Open(fx.Folder);
        var utm = stack.Grid.Crs;
        // pixel centres (col, row) → UTM → WGS 84 lon/lat
        var pixels = new[] { (3, 4), (40, 10), (63, 63), (20, 50) };
        using var toWgs = new CoordinateTransformer(utm, Crs.FromEpsg(4326));
        var pts = pixels.Select((p, i) =>
        {
            var (x, y) = stack.Grid.Transform.PixelToWorld(p.Item1 + 0.5, p.Item2 + 0.5);
            var (lon, lat) = toWgs.Transform(x, y);
            return new SamplePoint($"P{i}", lon, lat);
        }).Append(new SamplePoint("far", 10.0, 40.0)).ToArray();
        var result = PointExtraction.Extract(stack, pts, Crs.FromEpsg(4326));
        Assert.Single(result.Outside);
        Assert.Equal("far", result.Outside[0].Id);
        var series = result.Series;
        Assert.Equal(["P0", "P1", "P2", "P3"], series.Ids);
        Assert.True(stack.Grid.Crs.IsSameAs(series.Crs));
        Assert.Equal([.. S2Bands.Ids, "VV", "VH", PointExtraction.BareChannel], series.Channels);
        var counts = result.Counts;
        Assert.Equal(4 * stack.Dates.Count, counts.Observations);
        Assert.Equal(counts.Observations, counts.Masked + counts.WithoutSar + counts.NotBare + counts.Kept);
        Assert.Equal(counts.Kept, series.TotalObservations);
        Assert.True(counts.Cloud > 0 && counts.Cloud <= counts.Masked);
        Assert.Equal(40, series.Covariate(PointExtraction.ColumnCovariate)[1]);
        Assert.Equal(10, series.Covariate(PointExtraction.RowCovariate)[1]);
        // observations agree with the whole-stack classification: every usable date is kept, every masked one left out
        var tile = stack.ReadTile(stack.Grid.FullWindow);
        var status = CompositeKernel.Classify(tile, SoilNotebooks.Masking.BareSoilThresholds.S2MoS);
        var dates = stack.Dates.ToList();
        int bare = 0;
        for (int i = 0; i < series.Count; i++)
        {
            int p = pixels[i].Item2 * 64 + pixels[i].Item1;
            var kept = series.Dates(i);
            for (int d = 0; d < dates.Count; d++)
                Assert.Equal(status[d * 4096 + p] != ObservationStatus.Invalid && float.IsFinite(tile.VvDb![d * 4096 + p]),
                    kept.Contains(dates[d]));
            for (int k = 0; k < kept.Length; k++)
            {
                int d = dates.IndexOf(kept[k]);
                Assert.Equal(status[d * 4096 + p] == ObservationStatus.Bare ? 1 : 0, series.Value(i, k, series.ChannelIndex("bare")));
                Assert.Equal(tile.VvDb![d * 4096 + p], (float)series.Value(i, k, series.ChannelIndex("VV")));
                bare += status[d * 4096 + p] == ObservationStatus.Bare ? 1 : 0;
            }
        }
        Assert.Equal(bare, counts.Bare);
        Assert.True(bare > 0);
        int p1 = series.ChannelIndex("B08");
        int k1 = Array.IndexOf(series.Dates(1), stack.Dates[1]);
        Assert.True(k1 >= 0, "P1 on date 1 is usable in the simulated stack");
        var scene = stack.Scenes[1];
        Assert.Equal((GdalTools.LocationValue(scene.BandPaths[S2Band.B08], 1, 40, 10) - 1000) / 10000, series.Value(1, k1, p1), 5);
        Assert.Equal((GdalTools.LocationValue(scene.BandPaths[S2Band.B11], 1, 20, 5) - 1000) / 10000,
            series.Value(1, k1, series.ChannelIndex("B11")), 5);

        var csv = Path.Combine(RepoPaths.NewTempDir(), "obs.csv");
        result.WriteCsv(csv);
        var t = CsvTable.Read(csv);
        Assert.Equal(series.TotalObservations, t.RowCount);
        Assert.Equal(PointExtractionResult.Columns, t.Columns);
        Assert.Equal(series.Value(1, k1, p1), t.GetDoubles("B08")[series.ObservationCount(0) + k1], 6);

        var bareOnly = PointExtraction.Extract(stack, pts, Crs.FromEpsg(4326), new PointExtractionOptions(OnlyBare: true));
        Assert.Equal(bare, bareOnly.Series.TotalObservations);
        Assert.Equal(counts.Kept - bare, bareOnly.Counts.NotBare);
        var opticalOnly = PointExtraction.Extract(stack, pts, Crs.FromEpsg(4326), new PointExtractionOptions(IncludeSar: false));
        Assert.DoesNotContain("VV", opticalOnly.Series.Channels);
        Assert.Equal(0, opticalOnly.Counts.WithoutSar);
        Assert.Equal(counts.Kept + counts.WithoutSar, opticalOnly.Series.TotalObservations);
    }

    [Fact]
    public void PointsInManyBlocks_MatchTheWholeStackTile()
    {
        // 160 px: points fall into several 64-px blocks whose windows differ in size (tile buffers reused and regrown)
        var sim = SceneSimulator.Simulate(RepoPaths.NewTempDir(), new SceneSimulatorOptions(Seed: 3, Size: 160, Dates: 3, ParcelSizePixels: 16, OriginY: 5550000));
        using var stack = SceneStack.Open(sim.Folder);
        var pixels = new[] { (2, 2), (5, 60), (70, 3), (100, 120), (127, 127), (150, 10), (159, 159), (64, 64), (30, 140), (90, 70) };
        var pts = pixels.Select((p, i) =>
        {
            var (x, y) = stack.Grid.Transform.PixelToWorld(p.Item1 + 0.5, p.Item2 + 0.5);
            return new SamplePoint($"P{i}", x, y);
        }).ToArray();
        var result = PointExtraction.Extract(stack, pts, stack.Grid.Crs, new PointExtractionOptions(IncludeSar: false));
        // samples come in point order, whatever block a point falls in
        Assert.Equal(pts.Select(q => q.Id), result.Series.Ids);
        var tile = stack.ReadTile(stack.Grid.FullWindow);
        var status = CompositeKernel.Classify(tile, SoilNotebooks.Masking.BareSoilThresholds.S2MoS);
        int P = tile.PixelCount;
        var dates = stack.Dates.ToList();
        var s = result.Series;
        for (int i = 0; i < s.Count; i++)
        {
            int p = pixels[i].Item2 * stack.Grid.Width + pixels[i].Item1;
            Assert.Equal(Enumerable.Range(0, dates.Count).Where(d => status[d * P + p] != ObservationStatus.Invalid).Select(d => dates[d]),
                s.Dates(i));
            for (int k = 0; k < s.ObservationCount(i); k++)
            {
                int d = dates.IndexOf(s.Date(i, k));
                for (int b = 0; b < S2Bands.Count; b++) Assert.Equal(tile.Get(d, (S2Band)b, p), (float)s.Value(i, k, s.ChannelIndex(S2Bands.Ids[b])));
                Assert.Equal(status[d * P + p] == ObservationStatus.Bare ? 1 : 0, s.Value(i, k, s.ChannelIndex("bare")));
            }
        }
    }

    [Fact]
    public void DuplicateIds_AndBadCoordinates_AreRejected()
    {
        using var stack = SceneStack.Open(fx.Folder);
        Assert.Throws<ArgumentException>(() => PointExtraction.Extract(stack, [new("a", 500100, 5549900), new("a", 500200, 5549900)], stack.Grid.Crs));
        Assert.Throws<ArgumentException>(() => PointExtraction.Extract(stack, [new("a", double.NaN, 5549900)], stack.Grid.Crs));
    }
}
