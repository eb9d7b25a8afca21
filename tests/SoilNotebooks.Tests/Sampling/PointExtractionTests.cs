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
        Assert.Equal(4 * stack.Dates.Count, result.Rows.Count);
        var row = result.Rows.First(r => r.PointId == "P1" && r.Date == stack.Dates[1]);
        Assert.Equal(40, row.Column); Assert.Equal(10, row.Row);
        var scene = stack.Scenes[1];
        Assert.Equal((GdalTools.LocationValue(scene.BandPaths[S2Band.B08], 1, 40, 10) - 1000) / 10000, row.Reflectance[6], 5);
        Assert.Equal((GdalTools.LocationValue(scene.BandPaths[S2Band.B11], 1, 20, 5) - 1000) / 10000, row.Reflectance[8], 5);
        // flags agree with the whole-stack classification
        var tile = stack.ReadTile(stack.Grid.FullWindow);
        var status = CompositeKernel.Classify(tile, SoilNotebooks.Masking.BareSoilThresholds.S2MoS);
        foreach (var r in result.Rows)
        {
            int d = stack.Dates.ToList().IndexOf(r.Date), p = r.Row * 64 + r.Column;
            Assert.Equal(status[d * 4096 + p] == ObservationStatus.Bare, r.Bare);
            Assert.Equal(status[d * 4096 + p] != ObservationStatus.Invalid, r.Valid);
            Assert.Equal(tile.VvDb![d * 4096 + p], r.VvDb);
        }
        Assert.Contains(result.Rows, r => r.Bare);
        Assert.Contains(result.Rows, r => r.Cloud);

        var csv = Path.Combine(RepoPaths.NewTempDir(), "obs.csv");
        result.WriteCsv(csv);
        var t = CsvTable.Read(csv);
        Assert.Equal(result.Rows.Count, t.RowCount);
        Assert.Equal(PointExtractionResult.Columns, t.Columns);
        Assert.Equal(row.Reflectance[6], t.GetDoubles("B08")[result.Rows.ToList().IndexOf(row)], 6);

        var bareOnly = PointExtraction.Extract(stack, pts, Crs.FromEpsg(4326), new PointExtractionOptions(OnlyBare: true));
        Assert.Equal(result.Rows.Count(r => r.Bare), bareOnly.Rows.Count);
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
        var result = PointExtraction.Extract(stack, pts, stack.Grid.Crs);
        // rows come in point order, then date order, whatever block a point falls in
        Assert.Equal(pts.SelectMany(q => stack.Dates.Select(d => (q.Id, d))), result.Rows.Select(r => (r.PointId, r.Date)));
        var tile = stack.ReadTile(stack.Grid.FullWindow);
        var status = CompositeKernel.Classify(tile, SoilNotebooks.Masking.BareSoilThresholds.S2MoS);
        int P = tile.PixelCount;
        foreach (var r in result.Rows)
        {
            int d = stack.Dates.ToList().IndexOf(r.Date), p = r.Row * stack.Grid.Width + r.Column;
            for (int b = 0; b < S2Bands.Count; b++) Assert.Equal(tile.Get(d, (S2Band)b, p), r.Reflectance[b]);
            Assert.Equal(tile.Flags[d * P + p], r.Flags);
            Assert.Equal(status[d * P + p] == ObservationStatus.Bare, r.Bare);
            Assert.Equal(tile.VvDb![d * P + p], r.VvDb);
            Assert.Equal(tile.VhDb![d * P + p], r.VhDb);
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
