using SoilNotebooks.Compositing;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tabular;
using SoilNotebooks.Tests.Rasters;
using SoilNotebooks.Tests.Scenes;

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
    public void DuplicateIds_AndBadCoordinates_AreRejected()
    {
        using var stack = SceneStack.Open(fx.Folder);
        Assert.Throws<ArgumentException>(() => PointExtraction.Extract(stack, [new("a", 500100, 5549900), new("a", 500200, 5549900)], stack.Grid.Crs));
        Assert.Throws<ArgumentException>(() => PointExtraction.Extract(stack, [new("a", double.NaN, 5549900)], stack.Grid.Crs));
    }
}
