using SoilNotebooks.Datasets;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Tests.Sampling;

public class SampleSeriesTests
{
    private static readonly DateTime D0 = new(2018, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Three samples: a (3 obs, added out of date order), b (1 obs), c (none).</summary>
    private static SampleSeries Small()
    {
        var b = new SampleSeriesBuilder(["B04", "B12", "VV"], Crs.FromEpsg(32633));
        int a = b.AddSample("a", 500000, 4000000);
        int bb = b.AddSample("b", 500100, 4000100);
        b.AddSample("c", 500200, 4000200);
        b.AddObservation(a, D0.AddDays(10), [0.30, 0.20, -12]);
        b.AddObservation(a, D0, [0.10, 0.40, -14]);
        b.AddObservation(a, D0.AddDays(5), [0.20, 0.30, -13]);
        b.AddObservation(bb, D0, [0.50, 0.60, -10]);
        return b.Target("clay", "%", [20, 30, 40]).Covariate("elev", "m", [100, 200, 300]).Build();
    }

    [Fact]
    public void Builder_orders_observations_by_date_and_addresses_channels_by_name()
    {
        var s = Small();
        Assert.Equal(3, s.Count);
        Assert.Equal(4, s.TotalObservations);
        Assert.Equal([3, 1, 0], s.ObservationCounts());
        Assert.Equal([D0, D0.AddDays(5), D0.AddDays(10)], s.Dates(0));
        Assert.Equal([0.40, 0.30, 0.20], s.ChannelSeries(0, "B12"));
        Assert.Equal(-13, s.Value(0, 1, s.ChannelIndex("VV")));
        Assert.Equal("%", s.Target("clay").Unit);
        Assert.Equal("clay (%)", s.Target("clay").Title);
        Assert.Equal([100.0, 200, 300], s.Covariate("elev").Values);
        Assert.Equal(32633, s.Crs.Epsg);
        var e = Assert.Throws<KeyNotFoundException>(() => s.ChannelIndex("B8"));
        Assert.Contains("Available channels: B04, B12, VV", e.Message);
        Assert.Contains("Available: clay", Assert.Throws<KeyNotFoundException>(() => s.Target("soc")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Observation(1, 1));
    }

    [Fact]
    public void Builder_keeps_the_order_added_for_equal_dates()
    {
        var b = new SampleSeriesBuilder(["x"], Crs.Undefined);
        int i = b.AddSample("p", double.NaN, double.NaN);
        b.AddObservation(i, D0, [2]); b.AddObservation(i, D0, [1]); b.AddObservation(i, D0.AddDays(-1), [3]);
        Assert.Equal([3.0, 2, 1], b.Build().ChannelSeries(0, "x"));
    }

    [Fact]
    public void Invalid_parts_are_refused_with_what_was_expected()
    {
        var b = new SampleSeriesBuilder(["x", "y"], Crs.Undefined);
        int i = b.AddSample("p", 0, 0);
        Assert.Contains("needs 2 values (x, y)", Assert.Throws<ArgumentException>(() => b.AddObservation(i, D0, [1.0])).Message);
        b.AddObservation(i, D0, [1, double.NaN]);
        Assert.Contains("non-finite value (NaN) in channel 'y'", Assert.Throws<ArgumentException>(() => b.Build()).Message);
        var dup = new SampleSeriesBuilder(["x"], Crs.Undefined);
        dup.AddSample("p", 0, 0); dup.AddSample("p", 1, 1);
        Assert.Contains("'p' appears twice", Assert.Throws<ArgumentException>(() => dup.Build()).Message);
        Assert.Contains("Channel 'x' appears twice",
            Assert.Throws<ArgumentException>(() => new SampleSeriesBuilder(["x", "x"], Crs.Undefined).Build()).Message);
        var shortTarget = new SampleSeriesBuilder(["x"], Crs.Undefined);
        shortTarget.AddSample("p", 0, 0); shortTarget.AddSample("q", 0, 0);
        shortTarget.Target("clay", "%", [1.0]);
        Assert.Contains("lengths differ", Assert.Throws<ArgumentException>(() => shortTarget.Build()).Message);
    }

    [Fact]
    public void Select_channels_rows_and_observations()
    {
        var s = Small();
        var sub = s.Select([1, 0]);
        Assert.Equal(["b", "a"], sub.Ids);
        Assert.Equal([30.0, 20], sub.Target("clay").Values);
        Assert.Equal([0.5, 0.6, -10], sub.Observation(0, 0).ToArray());
        Assert.Equal([500100.0, 500000], sub.X);
        Assert.Throws<ArgumentException>(() => s.Select([0, 0]));

        var sar = s.SelectChannels("VV", "B04");
        Assert.Equal(["VV", "B04"], sar.Channels);
        Assert.Equal([-14, 0.10], sar.Observation(0, 0).ToArray());

        var wet = s.WhereObservations((_, _, v) => v[2] > -13.5);
        Assert.Equal([2, 1, 0], wet.ObservationCounts());
        Assert.Equal(["a", "b"], wet.WithMinimumObservations(1).Ids);
        Assert.Equal(["a"], s.WithMinimumObservations(2).Ids);

        var noCov = s.SelectCovariates();
        Assert.Empty(noCov.Covariates);
        var withSoc = s.WithTarget(new SampleVariable("soc", "%", [1, 2, 3]));
        Assert.Equal(["clay", "soc"], withSoc.Targets.Select(t => t.Name));
    }

    [Fact]
    public void Reductions_and_feature_tables_by_name()
    {
        var s = Small().WithMinimumObservations();
        Assert.Equal([0.3, 0.6], s.Reduce("B12", SeriesReduction.Median));
        Assert.Equal([(0.40 + 0.30 + 0.20) / 3, 0.6], s.Reduce("B12", SeriesReduction.Mean));
        Assert.Equal([0.1, 0.5], s.Reduce("B04", SeriesReduction.Min));
        Assert.Equal(0.1, s.Reduce("B04", SeriesReduction.StandardDeviation)[0], 12);
        Assert.True(double.IsNaN(s.Reduce("B04", SeriesReduction.StandardDeviation)[1]));
        Assert.Equal(0.15, SampleSeriesFeatures.Reduce([0.1, 0.2], SeriesReduction.Median), 12);   // even count: mean of the middle two
        var x = s.Features(SeriesReduction.Median, ["B12", "B04"], ["elev"]);
        Assert.Equal(["B12", "B04", "elev"], x.Names);
        Assert.Equal(0.3f, x[0, 0]); Assert.Equal(0.2f, x[0, 1]); Assert.Equal(100f, x[0, 2]);
        Assert.Contains("'c' has no observations", Assert.Throws<ArgumentException>(() => Small().Features()).Message);
    }

    [Fact]
    public void All_time_steps_repeat_observations_like_the_cnn_padding()
    {
        var s = Small().WithMinimumObservations().SelectChannels("B04");
        var flat = s.AllTimeSteps(4);
        Assert.Equal(["t1 B04", "t2 B04", "t3 B04", "t4 B04"], flat.Channels);
        Assert.Equal([1, 1], flat.ObservationCounts());
        Assert.Equal([0.1, 0.2, 0.3, 0.1], flat.Observation(0, 0).ToArray());
        Assert.Equal([0.5, 0.5, 0.5, 0.5], flat.Observation(1, 0).ToArray());
    }

    [Fact]
    public void Geographic_coordinates_come_from_the_crs()
    {
        var b = new SampleSeriesBuilder(["x"], Crs.FromEpsg(32633));
        b.AddSample("equator", 500000, 0);   // the central meridian of UTM zone 33 (15° E) at the equator
        var s = b.Build().WithGeographicCoordinates();
        Assert.Equal(0, s.Covariate("lat")[0], 9);
        Assert.Equal(15, s.Covariate("lon")[0], 9);
        Assert.Equal("° N", s.Covariate("lat").Unit);
    }

    [Fact]
    public void The_point_twin_becomes_one_series_with_every_observation()
    {
        var twin = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 40, MaxObservations: 12, Seed: 3));
        var s = twin.ToSampleSeries();
        Assert.Equal(40, s.Count);
        Assert.Same(twin.Series, s);
        Assert.Equal(twin.Masking.Kept, s.TotalObservations);
        Assert.Equal(SentinelChannels.All, s.Channels);
        Assert.Equal(s.Covariate("lat")[7], s.Y[7]);
        Assert.Equal(s.Covariate("lon")[7], s.X[7]);
        Assert.Equal(["clay", "silt", "sand", "soc"], s.Targets.Select(t => t.Name));
    }

    [Fact]
    public void LimeSoDa_becomes_a_series_with_one_composite_observation()
    {
        var set = LimeSoDa.Load("BB.250");
        var s = set.ToSampleSeries();
        Assert.Equal(250, s.Count);
        Assert.Equal(Enumerable.Repeat(1, 250), s.ObservationCounts());
        Assert.Equal(set.Samples[4].Sentinel2!["B12"], s.ChannelSeries(4, "B12")[0]);
        Assert.Equal(set.Samples[4].Covariates["B12"] / 10000.0, s.ChannelSeries(4, "B12")[0], 12);
        Assert.Equal(set.PH, s.Target("pH").Values);
        Assert.Equal(set.Epsg, s.Crs.Epsg);
        Assert.DoesNotContain(s.Covariates, c => c.Name == "B12");
        var folds = s.PredefinedFolds();
        Assert.Equal(10, folds.K);
        Assert.Equal(set.Samples[9].Fold, (int)s.Covariate("fold")[9]);
    }

    [Fact]
    public void Kennard_stone_on_a_series_matches_the_matrix_split()
    {
        var s = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 60, MaxObservations: 8, Seed: 5)).ToSampleSeries();
        var split = s.KennardStone(0.8, SentinelChannels.Optical);
        var means = new double[s.Count, 10];
        for (int i = 0; i < s.Count; i++)
            for (int b = 0; b < 10; b++)
            {
                var v = s.ChannelSeries(i, SentinelChannels.Optical[b]);
                means[i, b] = v.Average();
            }
        var (cal, test) = KennardStone.Split(means, 48);
        Assert.Equal(cal, split.CalibrationRows);
        Assert.Equal(test, split.TestRows);
        Assert.Equal(cal.Select(i => s.Ids[i]), split.Calibration.Ids);
        Assert.Equal(12, split.Test.Count);
    }
}
