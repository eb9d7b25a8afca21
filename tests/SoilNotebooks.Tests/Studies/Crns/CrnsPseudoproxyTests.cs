using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Studies.Crns;

namespace SoilNotebooks.Tests.Studies.Crns;

/// <summary>The pseudoproxy experiment's pieces: distances, bins, climate dissimilarity, and that only off-site cells are scored.</summary>
public class CrnsPseudoproxyTests
{
    private static readonly Lazy<CrnsTwinData> Twin = new(() => CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 5, Days: 500, Seed: 4)));

    private static readonly Lazy<PseudoproxyResult> Result = new(() =>
        CrnsPseudoproxy.Run(Twin.Value, new PseudoproxyOptions(Seeds: 2, Trees: 15, Seed: 9, CellDegrees: 3, DayStride: 5, SpinUpDays: 60)));

    [Fact]
    public void Haversine_KnownDistances()
    {
        Assert.Equal(111.195, CrnsPseudoproxy.HaversineKm(50, 10, 51, 10), 2);                 // one degree of latitude, R = 6371.0088 km
        Assert.Equal(343.56, CrnsPseudoproxy.HaversineKm(48.8566, 2.3522, 51.5074, -0.1278), 2); // Paris – London
        Assert.Equal(0, CrnsPseudoproxy.HaversineKm(45, 7, 45, 7), 12);
        var (km, index) = CrnsPseudoproxy.NearestSite(50, 10, [(40, 10), (50.5, 10), (60, 0)]);
        Assert.Equal(1, index);
        Assert.Equal(CrnsPseudoproxy.HaversineKm(50, 10, 50.5, 10), km, 12);
        Assert.Throws<ArgumentException>(() => CrnsPseudoproxy.NearestSite(50, 10, []));
    }

    [Fact]
    public void Bins_LowerEdgeInclusive_UpperExclusive_OutsideIsMinusOne()
    {
        double[] edges = [0, 100, 200, double.PositiveInfinity];
        Assert.Equal(0, CrnsPseudoproxy.BinOf(0, edges));
        Assert.Equal(0, CrnsPseudoproxy.BinOf(99.9, edges));
        Assert.Equal(1, CrnsPseudoproxy.BinOf(100, edges));
        Assert.Equal(2, CrnsPseudoproxy.BinOf(5000, edges));
        Assert.Equal(-1, CrnsPseudoproxy.BinOf(-1, edges));
        Assert.Equal(-1, CrnsPseudoproxy.BinOf(double.NaN, edges));
        Assert.Equal("100–200", CrnsPseudoproxy.BinLabel(edges, 1));
        Assert.Equal("200+", CrnsPseudoproxy.BinLabel(edges, 2));
        Assert.Equal("0–0.25", CrnsPseudoproxy.BinLabel([0, 0.25, 1], 0));
        Assert.Throws<ArgumentException>(() => new PseudoproxyOptions { DistanceEdgesKm = [0, 100, 50] }.Validate());
    }

    [Fact]
    public void ClimateDissimilarity_StandardisedByTheTrainingSites_NearestInClimateSpace()
    {
        double[][] training = [[10, 600, 0.8], [12, 1000, 0.6], [8, 800, 1.0]];   // SDs 2, 200, 0.2
        var d = CrnsPseudoproxy.ClimateDissimilarity(training, [[12, 1000, 0.6], [10, 800, 0.8], [14, 1000, 0.6]]);
        Assert.Equal(0, d[0], 12);                                          // the climate of a training site
        Assert.Equal(1, d[1], 12);                                          // one SD of precipitation (200 mm) from site 1
        Assert.Equal(1, d[2], 12);                                          // 2 °C (one SD) warmer than site 2
        // units do not matter: precipitation in metres instead of millimetres gives the same dissimilarity
        var m = CrnsPseudoproxy.ClimateDissimilarity(training.Select(r => new[] { r[0], r[1] / 1000, r[2] }).ToArray(), [[10, 0.8, 0.8]]);
        Assert.Equal(d[1], m[0], 12);
        Assert.Throws<ArgumentException>(() => CrnsPseudoproxy.ClimateDissimilarity([[1.0, 2, 3]], [[1.0, 2, 3]]));
    }

    [Fact]
    public void OffSiteCells_NeverHoldASite()
    {
        var field = CrnsEra5Twin.Field(Twin.Value, new CrnsFieldOptions(3, Seed: 1));
        var off = CrnsPseudoproxy.OffSiteCells(field);
        var siteCells = Twin.Value.Sites.Select(s => field.CellOf(s.LatitudeDegrees, s.LongitudeDegrees)).ToHashSet();
        Assert.NotEmpty(off);
        Assert.All(off, u => Assert.False(u.IsSite || u.ContainsSite || siteCells.Contains((u.Row, u.Column))));
        Assert.Equal(field.Cells.Count - field.Cells.Count(u => siteCells.Contains((u.Row, u.Column))), off.Count);
    }

    [Fact]
    public void Run_ScoresOffSiteCellsOnly_AndBinsPartitionThem()
    {
        var r = Result.Value;
        Assert.Equal([9, 1009], r.Runs.Select(x => x.Seed));
        foreach (var run in r.Runs)
        {
            var field = CrnsEra5Twin.Field(Twin.Value, new CrnsFieldOptions(3, Seed: run.Seed));
            var offIds = CrnsPseudoproxy.OffSiteCells(field).Select(u => u.Id).ToHashSet();
            var siteCellIds = field.Cells.Where(u => u.ContainsSite).Select(u => u.Id).ToArray();
            Assert.NotEmpty(siteCellIds);
            Assert.Equal(siteCellIds.Length, run.SiteCellsExcluded);
            Assert.NotEmpty(run.Cells);
            // a site cell never scores itself, and no scored cell is a site's location
            Assert.All(run.Cells, c => Assert.Contains(c.CellId, offIds));
            Assert.DoesNotContain(run.Cells, c => siteCellIds.Contains(c.CellId) || Twin.Value.Sites.Any(s => s.SiteId == c.CellId));
            Assert.All(run.Cells, c => Assert.True(c.DistanceKm > 0 && c.Dissimilarity >= 0 && c.Days >= 10));
            Assert.All(run.Cells, c => Assert.True(double.IsFinite(c.PearsonR) && double.IsFinite(c.RmseCm3PerCm3) && double.IsFinite(c.Kge)
                && double.IsFinite(c.UbRmseCm3PerCm3) && c.UbRmseCm3PerCm3 <= c.RmseCm3PerCm3 + 1e-12));
            Assert.Equal(Twin.Value.Sites.Count, run.TrainingSites);
            Assert.InRange(run.SwiTDays, 1, 100);
        }
        // the distance bins (and the dissimilarity bins) partition the scored cells of every seed
        Assert.Equal(r.Overall.Cells, r.ByDistance.Sum(b => b.Cells), 9);
        Assert.Equal(r.Overall.Cells, r.ByDissimilarity.Sum(b => b.Cells), 9);
        Assert.Equal(2, r.Overall.Seeds);
        Assert.True(double.IsFinite(r.Overall.PearsonRSd));
        Assert.Equal(2, r.SpearmanDistanceR.Count);
        // seeded: the same options give the same skill
        var again = CrnsPseudoproxy.Run(Twin.Value, r.Options);
        Assert.Equal(r.Runs.SelectMany(x => x.Cells).Select(c => c.Kge), again.Runs.SelectMany(x => x.Cells).Select(c => c.Kge));
    }

    [Fact]
    public void Results_HoldEveryBin_WithNullForOpenEdges()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(CrnsStudy.PseudoproxyResults(Result.Value));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("seeds").GetArrayLength());
        Assert.Equal(Result.Value.ByDistance.Count, root.GetProperty("by_distance").GetArrayLength());
        var last = root.GetProperty("by_distance")[Result.Value.ByDistance.Count - 1];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("upper_km").ValueKind);
        foreach (var key in new[] { "r", "rmse", "ubrmse", "kge", "nearest_site_r" })
            Assert.Equal(System.Text.Json.JsonValueKind.Number, root.GetProperty("overall").GetProperty(key).ValueKind);
    }
}
