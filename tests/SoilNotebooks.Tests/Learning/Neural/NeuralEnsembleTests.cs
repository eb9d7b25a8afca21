using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Learning.Neural;

public class NeuralEnsembleTests
{
    private static NeuralTrainingOptions Small(NeuralModelKind kind = NeuralModelKind.S2MoSCnn) => new()
    {
        Model = kind, Width = 8, Epochs = 6, Bags = 2, BatchSize = 8, Seed = 7,
        Cnn = new S2MoSCnnOptions { ConvFilters = [4, 8, 4], SpectralDense = 8, HeadDense = [16, 8] },
    };

    [Fact]
    public void Cnn_ensemble_learns_better_than_the_mean()
    {
        var train = SyntheticS2MoS.Points(160, 1);
        var test = SyntheticS2MoS.Points(60, 2);
        var ens = NeuralEnsemble.Train(train, Small() with { Epochs = 25, Bags = 2 });
        var pred = ens.Predict(test);
        var m = RegressionMetrics.Compute(test.Target("clay").ToArray(), pred);
        Assert.True(m.R2 > 0.3, $"test R² {m.R2:F3}");
        Assert.Equal(2, ens.Models.Count);
        Assert.All(ens.Histories, h => Assert.True(h.Loss[^1] < h.Loss[0]));
        Assert.Equal(128, ens.BagRows[0].Length); // 80 % of 160 without replacement
        Assert.Equal(ens.BagRows[0].Length, ens.BagRows[0].Distinct().Count());
    }

    [Fact]
    public void Ann_baseline_trains_on_median_spectra()
    {
        var train = SyntheticS2MoS.Points(160, 3);
        var ens = NeuralEnsemble.Train(train, Small(NeuralModelKind.Ann) with { Epochs = 30 });
        Assert.Equal([14], ens.Models[0].Inputs[0].Shape);
        var pred = ens.Predict(train);
        var m = RegressionMetrics.Compute(train.Target("clay").ToArray(), pred);
        Assert.True(m.R2 > 0.2, $"train R² {m.R2:F3}");
    }

    [Fact]
    public void Seeded_training_is_reproducible_and_independent_of_threads()
    {
        var train = SyntheticS2MoS.Points(40, 4);
        var a = NeuralEnsemble.Train(train, Small() with { Epochs = 2, Threads = 1 }).Predict(train);
        var b = NeuralEnsemble.Train(train, Small() with { Epochs = 2, Threads = 2 }).Predict(train);
        var c = NeuralEnsemble.Train(train, Small() with { Epochs = 2, Seed = 8 }).Predict(train);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Progress_reports_every_epoch_of_every_bag()
    {
        var train = SyntheticS2MoS.Points(30, 5);
        var reports = new List<EpochProgress>();
        var progress = new SyncProgress(reports);
        NeuralEnsemble.Train(train, Small() with { Epochs = 3, Bags = 2 }, progress);
        Assert.Equal(6, reports.Count);
        Assert.Equal([0, 1], reports.Select(r => r.Bag).Distinct().Order().ToArray());
        Assert.All(reports, r => Assert.True(double.IsFinite(r.Loss) && r.Loss > 0));
    }

    private sealed class SyncProgress(List<EpochProgress> list) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value) { lock (list) list.Add(value); }
    }

    [Fact]
    public void Out_of_bag_curve_and_early_stopping()
    {
        var train = SyntheticS2MoS.Points(50, 6);
        var ens = NeuralEnsemble.Train(train, Small() with { Epochs = 40, Bags = 1, EarlyStoppingPatience = 2, LearningRate = 0.05 });
        var h = ens.Histories[0];
        Assert.Equal(h.Loss.Length, h.ValidationLoss.Length);
        Assert.True(h.StoppedEarly, $"ran {h.Loss.Length} epochs");
        Assert.True(h.Loss.Length < 40);
        Assert.InRange(h.BestEpoch, 1, h.Loss.Length - 2);
    }

    [Fact]
    public void Save_and_load_round_trip()
    {
        var train = SyntheticS2MoS.Points(30, 7);
        var ens = NeuralEnsemble.Train(train, Small() with { Epochs = 2, Padding = SlotPadding.PointMedian });
        var path = Path.Combine(RepoPaths.NewTempDir(), "ens.bin");
        ens.Save(path);
        var back = NeuralEnsemble.Load(path);
        Assert.Equal(ens.Predict(train), back.Predict(train));
        Assert.Equal(SlotPadding.PointMedian, back.Options.Padding);
        Assert.Throws<InvalidDataException>(() => NeuralEnsemble.Load(Path.Combine(RepoPaths.Root, "SoilNotebooks.sln")));
    }

    [Fact]
    public void Model_save_load_rejects_other_architectures()
    {
        var a = S2MoSNetworks.Cnn(new S2MoSCnnOptions { Width = 8 }, seed: 1);
        var b = S2MoSNetworks.Cnn(new S2MoSCnnOptions { Width = 8 }, seed: 2);
        var path = Path.Combine(RepoPaths.NewTempDir(), "m.bin");
        a.Save(path);
        b.Load(path);
        Assert.Equal(a.Parameters[0].Value, b.Parameters[0].Value);
        var ann = S2MoSNetworks.Ann();
        Assert.Throws<InvalidDataException>(() => ann.Load(path));
    }

    [Theory]
    [InlineData(SlotPadding.RepeatObservations)]
    [InlineData(SlotPadding.ZeroAfterScaling)]
    [InlineData(SlotPadding.PointMedian)]
    public void Padding_rules_fill_slots_as_documented(SlotPadding padding)
    {
        var train = SyntheticS2MoS.Points(20, 8, minObs: 3, maxObs: 3);
        var ens = NeuralEnsemble.Train(train, Small() with { Epochs = 1, Bags = 1, BagFraction = 1, Padding = padding });
        var d = ens.Encode(train);
        int W = 8;
        var spec = d.Inputs[0];
        for (int c = 0; c < 12; c++)
        {
            float s0 = spec[c * W + 0], s1 = spec[c * W + 1], s2 = spec[c * W + 2];
            float pad = spec[c * W + 5];
            switch (padding)
            {
                case SlotPadding.RepeatObservations: Assert.Equal(spec[c * W + (5 % 3)], pad); Assert.Equal(s0, spec[c * W + 3]); break;
                case SlotPadding.ZeroAfterScaling: Assert.Equal(0f, pad); break;
                case SlotPadding.PointMedian: Assert.Equal(new[] { s0, s1, s2 }.Order().ElementAt(1), pad, 1e-5f); break;
            }
            Assert.InRange(s0, -1f, 1f);
        }
    }

    [Fact]
    public void Bad_input_gives_clear_errors()
    {
        var train = SyntheticS2MoS.Points(10, 9);
        var noObs = train.WhereObservations((i, _, _) => i != 3);
        Assert.Contains("'P0003' has no observations", Assert.Throws<ArgumentException>(() => NeuralEnsemble.Train(noObs, Small())).Message);
        Assert.Contains("Unknown channel 'B13'",
            Assert.Throws<KeyNotFoundException>(() => NeuralEnsemble.Train(train, Small() with { Channels = ["B13"] })).Message);
        Assert.Contains("Unknown target 'silt'",
            Assert.Throws<KeyNotFoundException>(() => NeuralEnsemble.Train(train, Small() with { Target = "silt" })).Message);
        Assert.Contains("Width 4 is smaller than the network needs",
            Assert.Throws<ArgumentException>(() => NeuralEnsemble.Train(train, Small() with { Width = 4 })).Message);
    }

    [Fact]
    public void Tables_are_joined_with_clear_errors()
    {
        var points = CsvTable.Parse(new StringReader("id,clay,lat,lon\na,20,40,10\nb,30,41,11\n"), source: "points.csv");
        var obs = CsvTable.Parse(new StringReader("id,t,B2,VV\na,2,0.1,-12\na,1,0.2,-13\nb,5,0.3,-14\nz,1,0.1,-1\n"), source: "obs.csv");
        var pts = SampleSeriesCsv.FromTables(points, obs, "clay", ["B2", "VV"], ["lat", "lon"]);
        Assert.Equal(2, pts.Count);
        Assert.Equal([0.2, -13], pts.Observation(0, 0).ToArray()); // ordered by t
        Assert.Equal(SampleSeriesCsv.DefaultEpoch.AddDays(1), pts.Date(0, 0));
        Assert.Equal([40.0, 41], pts.Covariate("lat").Values);
        Assert.Equal([10.0, 11], pts.X);
        Assert.Contains("channel or column 'VH' is missing",
            Assert.Throws<ArgumentException>(() => SampleSeriesCsv.FromTables(points, obs, "clay", ["B2", "VH"], [])).Message);
        var obsNoB = CsvTable.Parse(new StringReader("id,t,B2,VV\na,2,0.1,-12\n"), source: "obs.csv");
        Assert.Contains("Point 'b' has no observations",
            Assert.Throws<ArgumentException>(() => SampleSeriesCsv.FromTables(points, obsNoB, "clay", ["B2", "VV"], [])).Message);
        var obsNan = CsvTable.Parse(new StringReader("id,t,B2,VV\na,2,NaN,-12\nb,1,0.1,-1\n"), source: "obs.csv");
        Assert.Contains("NaN or missing value in channel 'B2'",
            Assert.Throws<ArgumentException>(() => SampleSeriesCsv.FromTables(points, obsNan, "clay", ["B2", "VV"], [])).Message);
    }

    [Fact]
    public void Filter_profiles_rank_top_five_percent_and_order_by_mean_target()
    {
        var train = SyntheticS2MoS.Points(100, 10);
        var ens = NeuralEnsemble.Train(train, Small() with { Epochs = 3, Bags = 1 });
        var profiles = FilterInterpretation.TopActivatingSamples(ens, train);
        Assert.Equal(4, profiles.Count); // filters of conv3 in the small network
        Assert.All(profiles, p =>
        {
            Assert.Equal(5, p.SampleIndices.Length);
            Assert.True(p.Scores.Zip(p.Scores.Skip(1)).All(t => t.First >= t.Second));
            Assert.Equal(12, p.Channels.Count);
            Assert.Equal(["lat", "lon"], p.Auxiliary.Select(a => a.Variable));
            Assert.Equal(p.SampleIndices.Average(i => train.Target("clay")[i]), p.MeanTarget, 9);
            Assert.Equal(p.SampleIndices.Sum(i => Math.Min(8, train.ObservationCount(i))), p.Channels[0].N); // the first W observations
        });
        Assert.True(profiles.Zip(profiles.Skip(1)).All(t => t.First.MeanTarget <= t.Second.MeanTarget));
        // the ranking uses the activations of the named layer: the first sample has the largest max
        var act = ens.Activations(train, "relu3");
        var node = ens.Models[0]["relu3"];
        int per = node.Size / 4;
        var f = profiles[0].Filter;
        var best = Enumerable.Range(0, train.Count).MaxBy(i => act.AsSpan(i * node.Size + f * per, per).ToArray().Max());
        Assert.Equal(best, profiles[0].SampleIndices[0]);
    }

    [Fact]
    public void Variants_drop_sar_channels_and_coordinates()
    {
        var o = new NeuralTrainingOptions();
        Assert.Equal(10, o.ForVariant(S2MoSVariant.NoSar).Channels.Length);
        Assert.DoesNotContain("VV", o.ForVariant(S2MoSVariant.NoSarNoAux).Channels);
        Assert.Empty(o.ForVariant(S2MoSVariant.NoAux).Auxiliary);
        Assert.Equal(12, o.ForVariant(S2MoSVariant.NoAux).Channels.Length);
        var train = SyntheticS2MoS.Points(20, 11).SelectChannels(SyntheticS2MoS.Channels[..10]).SelectCovariates();
        var ens = NeuralEnsemble.Train(train, (Small() with { Epochs = 1, Bags = 1 }).ForVariant(S2MoSVariant.NoSarNoAux));
        Assert.Single(ens.Models[0].Inputs);
        Assert.Equal([1, 10, 8], ens.Models[0].Inputs[0].Shape);
    }

    [Fact]
    public void Box_stats_match_type_7_quantiles()
    {
        var b = BoxStats.Of("x", [1, 2, 3, 4, 100]);
        Assert.Equal(2, b.Q1); Assert.Equal(3, b.Median); Assert.Equal(4, b.Q3);
        Assert.Equal(4, b.UpperWhisker); Assert.Equal(1, b.LowerWhisker); Assert.Equal(100, b.Max);
    }
}
