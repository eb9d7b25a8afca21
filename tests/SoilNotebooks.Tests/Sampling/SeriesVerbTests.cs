using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Sampling;

public class SeriesVerbTests
{
    private static SampleSeries Spectra()
    {
        var b = new SampleSeriesBuilder(SentinelChannels.Optical, Crs.FromEpsg(4326));
        int bare = b.AddSample("bare", 10, 50), green = b.AddSample("green", 11, 51);
        //                 B02   B03   B04   B05   B06   B07   B08   B8A   B11   B12
        b.AddObservation(bare, new DateTime(2018, 3, 1), [0.08, 0.10, 0.13, 0.15, 0.17, 0.18, 0.19, 0.20, 0.30, 0.29]);
        b.AddObservation(green, new DateTime(2018, 3, 1), [0.04, 0.07, 0.05, 0.12, 0.30, 0.38, 0.42, 0.44, 0.22, 0.12]);
        b.AddObservation(bare, new DateTime(2018, 6, 1), [0.05, 0.09, 0.07, 0.15, 0.30, 0.35, 0.38, 0.40, 0.25, 0.14]);
        return b.Target("clay", "%", [30, 20]).Build();
    }

    [Fact]
    public void Indices_match_the_scene_formulas_and_the_rule_keeps_bare_observations()
    {
        var s = Spectra().WithIndices();
        Assert.Equal(SpectralIndices.Ndvi(0.13f, 0.19f), s.ChannelSeries(0, "NDVI")[0]);
        Assert.Equal(SpectralIndices.Nbr2(0.30f, 0.29f), s.ChannelSeries(0, "NBR2")[0]);
        var bare = s.BareObservations();
        Assert.Equal([1, 0], bare.ObservationCounts());   // the March spectrum of "bare" only
        Assert.Equal(new DateTime(2018, 3, 1), bare.Date(0, 0));
        Assert.Equal(["bare"], bare.WithMinimumObservations().Ids);
    }

    [Fact]
    public void Csv_reads_compact_and_iso_dates_and_refuses_others()
    {
        var points = CsvTable.Parse(new StringReader("id,clay\na,20\n"), source: "points.csv");
        var obs = CsvTable.Parse(new StringReader("id,t,B02\na,20200101,0.1\na,2019-12-30,0.2\na,3.5,0.3\n"), source: "obs.csv");
        var s = SampleSeriesCsv.FromTables(points, obs, "clay", ["B02"], []);
        Assert.Equal([SampleSeriesCsv.DefaultEpoch.AddDays(3.5), new DateTime(2019, 12, 30), new DateTime(2020, 1, 1)],
            s.Dates(0));
        Assert.Equal([0.3, 0.2, 0.1], s.ChannelSeries(0, "B02"));
        var bad = CsvTable.Parse(new StringReader("id,t,B02\na,spring,0.1\n"), source: "obs.csv");   // not a number or date
        Assert.Contains("t = 'spring'", Assert.Throws<ArgumentException>(() => SampleSeriesCsv.FromTables(points, bad, "clay", ["B02"], [])).Message);
    }
}
