using SoilNotebooks.Datasets;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Masking;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Studies.S2Mos;

namespace SoilNotebooks.Tests.Datasets;

/// <summary>The S2MoS point twin: Table 2 clay, the paper's full mask on every observation, LUCAS-like counts, Fig. 3.</summary>
public class S2MosTwinTests
{
    private static readonly Lazy<S2MosTwinData> PaperSized = new(() => S2MosPointTwin.Generate(new S2MosTwinOptions(Seed: 7)));

    [Fact]
    public void ClayMatchesLucas2009Table2()
    {
        // Tziolas et al. 2020 Table 2: min 1, Q1 16, Q2 23, Q3 32, max 79, mean 24.61, sd 12.79 (n = 6136, as in the paper)
        var clay = PaperSized.Value.Series.Target("clay").Values.Order().ToArray();
        Assert.Equal(6136, clay.Length);
        Assert.Equal(1, clay[0], 6);
        Assert.Equal(79, clay[^1], 6);
        Assert.Equal(16, SoilNotebooks.Statistics.Quantiles.OfSorted(clay, 0.25), 0.1);
        Assert.Equal(23, SoilNotebooks.Statistics.Quantiles.OfSorted(clay, 0.50), 0.1);
        Assert.Equal(32, SoilNotebooks.Statistics.Quantiles.OfSorted(clay, 0.75), 0.1);
        double mean = clay.Average(), sd = Math.Sqrt(clay.Sum(v => (v - mean) * (v - mean)) / (clay.Length - 1));
        Assert.InRange(mean, 24.61 - 0.3, 24.61 + 0.3);
        Assert.InRange(sd, 12.79 - 0.3, 12.79 + 0.3);
        Assert.Equal(4901, PaperSized.Value.IsTrain.Count(t => t));
    }

    [Fact]
    public void EveryObservationPassesTheFullMask()
    {
        // the paper's SCL mask + NDVI < 0.25, NBR2 < 0.075, B3 > B2, B4 > B3 on every observation a model can see
        var twin = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 400, MaxObservations: 32, Seed: 3));
        var s = twin.Series.WithIndices();
        int b2 = s.ChannelIndex("B02"), b3 = s.ChannelIndex("B03"), b4 = s.ChannelIndex("B04");
        int ndvi = s.ChannelIndex(SeriesIndices.NdviChannel), nbr2 = s.ChannelIndex(SeriesIndices.Nbr2Channel);
        for (int i = 0; i < s.Count; i++)
            for (int k = 0; k < s.ObservationCount(i); k++)
            {
                var o = s.Observation(i, k);
                Assert.True(o[ndvi] < 0.25 && o[nbr2] < 0.075 && o[b3] > o[b2] && o[b4] > o[b3], $"sample {s.Ids[i]} obs {k}");
            }
        Assert.Equal(twin.Series.TotalObservations, twin.Series.BareObservations(BareSoilThresholds.S2MoS).TotalObservations);
        var m = twin.Masking;
        Assert.True(m.SceneCloudFree < m.Acquisitions && m.PixelCloudFree < m.SceneCloudFree && m.Bare < m.PixelCloudFree, m.ToString());
        Assert.Equal(m.Kept, twin.Series.TotalObservations);
        Assert.All(twin.Series.ObservationCounts(), n => Assert.InRange(n, 1, 32));
        for (int i = 0; i < s.Count; i++)
        {
            var d = s.Dates(i);
            Assert.Equal(d.Order(), d);
            Assert.Equal(d.Length, d.Distinct().Count());
            Assert.All(d, x => Assert.InRange(x.Year, 2017, 2019));
        }
        var clay = twin.Series.Target("clay").Values; var silt = twin.Series.Target("silt").Values; var sand = twin.Series.Target("sand").Values;
        for (int i = 0; i < clay.Count; i++) Assert.Equal(100, clay[i] + silt[i] + sand[i], 9);
    }

    [Fact]
    public void TrainingObservationsOfATwinRun_PassTheFullMask()
    {
        var twin = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 200, MaxObservations: 16, Seed: 9)).ToSampleSeries();
        var split = twin.KennardStone(160, SentinelChannels.Optical);
        var cal = split.Calibration;
        Assert.Equal(cal.TotalObservations, cal.BareObservations().TotalObservations);
    }

    [Fact]
    public void CountDistribution_IsWithinStatedBoundsOfThePapers()
    {
        // paper §3.1 / Fig. 6: 116,089 bare pixels over 6136 points (mean 18.9), ≥ 2 for 96 %, > 25 for about a quarter,
        // < 4 for about 15 %; yearly 21,334 / 48,913 / 45,842. Bounds: mean ± 15 %, shares ± 0.07 (≥ 2: ± 0.04), years ± 20 %.
        var twin = PaperSized.Value.Series.CountSummary("twin");
        var paper = S2MosPaper.ObservationCounts;
        Assert.InRange(twin.Mean, 0.85 * paper.Mean, 1.15 * paper.Mean);
        Assert.InRange(twin.ShareAbove25, paper.ShareAbove25 - 0.07, paper.ShareAbove25 + 0.07);
        Assert.InRange(twin.ShareBelow4, paper.ShareBelow4 - 0.07, paper.ShareBelow4 + 0.07);
        Assert.InRange(twin.ShareAtLeastTwo, paper.ShareAtLeastTwo - 0.04, paper.ShareAtLeastTwo + 0.04);
        Assert.InRange(twin.Median!.Value, 10, 25);
        Assert.Equal([2017, 2018, 2019], twin.Years.Select(y => y.Year));
        foreach (var (t, p) in twin.Years.Zip(paper.Years))
            Assert.InRange(t.Observations, 0.8 * p.Observations, 1.2 * p.Observations);
    }

    [Fact]
    public void Correlogram_FollowsThePapersFigure3()
    {
        // Fig. 3: all correlations very small, latitude and B12 the highest
        var r = PaperSized.Value.Series.Correlogram("clay", SentinelChannels.All, ["lat", "lon"]).ToDictionary(f => f.Feature, f => f.R);
        Assert.All(r.Values, v => Assert.InRange(Math.Abs(v), 0, 0.35));
        var top = r.OrderByDescending(kv => Math.Abs(kv.Value)).Take(2).Select(kv => kv.Key).Order().ToArray();
        Assert.Equal(["B12", "lat"], top);
        Assert.True(r["B12"] < 0 && r["lat"] > 0);
        Assert.True(Math.Abs(r["VV"]) > Math.Abs(r["VH"]), "VV more sensitive to clay than VH (§4.2 iv)");
    }

    [Fact]
    public void DrySpectrum_AlbedoIsNonMonotonicInClay()
    {
        double B4(double clay) { var d = new double[10]; SoilSpectrum.Dry(clay, 1.1, 0, 0, 1, 0, new Random(1), d); return d[2]; }
        Assert.True(B4(30) > B4(5) && B4(30) > B4(70));
    }

    [Fact]
    public void IsReproducible_AndSeedDependent()
    {
        var opts = new S2MosTwinOptions(Points: 150, MaxObservations: 12, Seed: 5);
        var a = S2MosPointTwin.Generate(opts);
        var b = S2MosPointTwin.Generate(opts);
        var c = S2MosPointTwin.Generate(opts with { Seed = 6 });
        Assert.Equal(a.Masking, b.Masking);
        Assert.NotEqual(a.Series.Covariate("lat").Values, c.Series.Covariate("lat").Values);
        var d1 = RepoPaths.NewTempDir(); var d2 = RepoPaths.NewTempDir();
        a.Write(d1); b.Write(d2);
        foreach (var f in new[] { "points.csv", "obs.csv", "split.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(d1, f)), File.ReadAllBytes(Path.Combine(d2, f)));
    }

    [Fact]
    public void WrittenFiles_MatchTheManifest_AndReadBack()
    {
        var dir = RepoPaths.NewTempDir();
        var data = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 120, MaxObservations: 10, Seed: 2));
        data.Write(dir);
        var manifest = DataRoots.Repo.Open(S2MosPointTwin.DatasetId).Manifest;
        foreach (var f in manifest.Files)
            ManifestTables.Check(ManifestTables.Read(Path.Combine(dir, f.Path), f), f);
        Assert.Equal("id,t,B2,B3,B4,B5,B6,B7,B8,B8A,B11,B12,VV,VH", File.ReadLines(Path.Combine(dir, "obs.csv")).First());
        var back = SampleSeriesCsv.Read(Path.Combine(dir, "points.csv"), Path.Combine(dir, "obs.csv"), "clay", S2MosTwinData.FileColumns, ["lat", "lon"]);
        Assert.Equal(data.Series.TotalObservations, back.TotalObservations);
        Assert.Equal(data.Series.Observation(0, 0)[9], back.Observation(0, 0)[9], 5);
    }

    [Fact]
    public void BadOptions_AreRejectedWithTheRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => S2MosPointTwin.Generate(new S2MosTwinOptions(MaxObservations: 1)));
        Assert.Contains("MaxObservations", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => S2MosPointTwin.Generate(new S2MosTwinOptions(CloudLimitPercent: 0)));
    }
}
