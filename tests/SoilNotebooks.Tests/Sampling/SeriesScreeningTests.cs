using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Tests.Sampling;

/// <summary>The SCL verb, month and outlier screening, count summaries and correlograms on small hand-made series.</summary>
public class SeriesScreeningTests
{
    private static SampleSeries Series(params (string Id, (DateTime Date, double Scl, double B12)[] Obs, double Clay)[] samples)
    {
        var b = new SampleSeriesBuilder(["B12", SeriesIndices.SclChannel], Crs.FromEpsg(4326));
        foreach (var s in samples)
        {
            int i = b.AddSample(s.Id, 10, 50);
            foreach (var o in s.Obs) b.AddObservation(i, o.Date, [o.B12, o.Scl]);
        }
        return b.Target("clay", "%", samples.Select(s => s.Clay).ToArray()).Build();
    }

    private static DateTime D(int y, int m) => new(y, m, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CloudFreeObservations_DropsMaskedSclClasses_AndTheSclChannel()
    {
        var s = Series(("a", [(D(2018, 1), 4, 0.2), (D(2018, 2), 8, 0.5), (D(2018, 3), 3, 0.1), (D(2018, 4), 5, 0.3)], 20),
            ("b", [(D(2018, 1), 9, 0.4), (D(2018, 2), 10, 0.4), (D(2018, 3), 11, 0.4), (D(2018, 4), 6, 0.4)], 30));
        var clear = s.CloudFreeObservations();
        Assert.Equal(["B12"], clear.Channels);
        Assert.Equal([0.2, 0.3], clear.ChannelSeries(0, "B12"));
        Assert.Equal(0, clear.ObservationCount(1));
        Assert.Throws<KeyNotFoundException>(() => clear.CloudFreeObservations());
    }

    [Fact]
    public void InMonths_KeepsOctoberToMarch()
    {
        var s = Series(("a", [(D(2018, 1), 4, 1), (D(2018, 5), 4, 2), (D(2018, 10), 4, 3), (D(2019, 3), 4, 4)], 20));
        Assert.Equal([1.0, 3, 4], s.InMonths([10, 11, 12, 1, 2, 3]).ChannelSeries(0, "B12"));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.InMonths([13]));
    }

    [Fact]
    public void WithoutSpectralOutliers_RemovesSamplesBeyondKSds()
    {
        var samples = Enumerable.Range(0, 30).Select(i => ($"p{i}", new[] { (D(2018, 1), 4.0, 0.20 + 0.001 * (i % 5)) }, 20.0))
            .Append(("far", [(D(2018, 1), 4.0, 0.9)], 20.0)).ToArray();
        var s = Series(samples);
        var kept = s.WithoutSpectralOutliers(["B12"], sds: 3);
        Assert.Equal(30, kept.Count);
        Assert.DoesNotContain("far", kept.Ids);
    }

    [Fact]
    public void CountSummary_GivesTheShares_AndYearlyCounts()
    {
        var s = Series(("a", [(D(2017, 1), 4, 1)], 10),
            ("b", [(D(2018, 1), 4, 1), (D(2018, 2), 4, 1), (D(2019, 2), 4, 1)], 20),
            ("c", Enumerable.Range(0, 30).Select(k => (D(2018, 1).AddDays(k), 4.0, 1.0)).ToArray(), 30));
        var c = s.CountSummary("test");
        Assert.Equal(34, c.Observations);
        Assert.Equal(3, c.Median);
        Assert.Equal(2 / 3.0, c.ShareAtLeastTwo, 12);
        Assert.Equal(1 / 3.0, c.ShareAbove25, 12);
        Assert.Equal(2 / 3.0, c.ShareBelow4, 12);
        Assert.Equal([new YearCount(2017, 1, 1), new YearCount(2018, 32, 2), new YearCount(2019, 1, 1)], c.Years);
        Assert.Equal("2018: 32 / 2", c.Years[1].ToString());
    }

    [Fact]
    public void Correlogram_CorrelatesMediansAndCovariatesWithTheTarget()
    {
        var s = Series(("a", [(D(2018, 1), 4, 0.3), (D(2018, 2), 4, 0.1)], 10), ("b", [(D(2018, 1), 4, 0.2)], 20),
            ("c", [(D(2018, 1), 4, 0.1)], 30));
        var r = s.Correlogram("clay", ["B12"]);
        Assert.Equal("B12", r[0].Feature);
        Assert.Equal(-Math.Sqrt(3) / 2, r[0].R, 9);   // medians 0.2, 0.2, 0.1 against clay 10, 20, 30
    }
}
