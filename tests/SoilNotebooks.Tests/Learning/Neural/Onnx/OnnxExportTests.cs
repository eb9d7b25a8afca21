using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using LimeSoDa = SoilNotebooks.Datasets.LimeSoDa;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Learning.Neural.Onnx;
using LimeSoDaSeries = SoilNotebooks.Datasets.LimeSoDaSeries;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Tests.Learning.Neural.Onnx;

/// <summary>
/// Parity of our ONNX export with our engine: ONNX Runtime 1.31.1 (an independent implementation of the ONNX
/// operators) runs the exported file on the same encoded inputs. Tolerance 1e-5, absolute, on the scaled
/// network outputs (tanh, in [−1, 1]) and on the ensemble predictions in % clay (float32 rounding of values
/// near 30 is ~2e-6).
/// </summary>
public class OnnxExportTests
{
    private const double Tolerance = 1e-5;

    /// <summary>The S2MoS point twin (the notebook's LUCAS-like points) as a sample series.</summary>
    internal static SampleSeries TwinPoints(int n, int seed) =>
        S2MosPointTwin.Generate(points: n, maxObservations: 12, seed: seed).ToSampleSeries();

    private static float[] Run(InferenceSession session, Model model, TensorData data, string output)
    {
        var inputs = model.Inputs.Select((node, k) => NamedOnnxValue.CreateFromTensor(node.Name,
            new DenseTensor<float>(data.Inputs[k], [data.Count, .. node.Shape]))).ToList();
        using var results = session.Run(inputs);
        return results.Single(r => r.Name == output).AsEnumerable<float>().ToArray();
    }

    [Fact]
    public void S2MoS_cnn_bag_runs_in_onnx_runtime_with_our_predictions()
    {
        var train = TwinPoints(80, 3);
        var test = TwinPoints(40, 4);
        // the Table 3 architecture (12 channels, 16/64/16 filters) on W = 16 slots, briefly trained
        var ens = NeuralEnsemble.Train(train,
            new NeuralTrainingOptions { Width = 16, Epochs = 3, Bags = 1, BagFraction = 1 });
        var model = ens.Models[0];
        Assert.Equal([1, 12, 16], model.Inputs[0].Shape);
        var data = ens.Encode(test);
        var ours = model.Predict(data);
        using var session = new InferenceSession(model.ToOnnx());
        var onnx = Run(session, model, data, model.Output.Name);
        Assert.Equal(ours.Length, onnx.Length);
        Assert.True(ours.Distinct().Count() > 10, "the outputs vary across points");
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - onnx[i]) <= Tolerance, $"point {i}: {ours[i]} vs {onnx[i]}");
    }

    [Fact]
    public void Table_3_cnn_at_the_papers_width_150_matches_onnx_runtime()
    {
        var train = TwinPoints(40, 7);
        var test = TwinPoints(20, 8);
        var ens = NeuralEnsemble.Train(train, new NeuralTrainingOptions { Epochs = 1, Bags = 1, BagFraction = 1 });
        var model = ens.Models[0];
        Assert.Equal([16, 6, 18], model["pool3"].Shape); // 12×150 → 16×10×75 → 64×8×37 → 16×6×18
        var data = ens.Encode(test);
        var ours = model.Predict(data);
        using var session = new InferenceSession(model.ToOnnx());
        var onnx = Run(session, model, data, model.Output.Name);
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - onnx[i]) <= Tolerance, $"point {i}: {ours[i]} vs {onnx[i]}");
    }

    [Fact]
    public void Whole_cnn_ensemble_exports_as_one_graph_with_the_mean_in_target_units()
    {
        var train = TwinPoints(60, 5);
        var test = TwinPoints(30, 6);
        var ens = NeuralEnsemble.Train(train,
            new NeuralTrainingOptions { Width = 16, Epochs = 2, Bags = 3, Threads = 2 });
        var path = Path.Combine(Path.GetTempPath(), $"soilnb-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            ens.ExportOnnx(path);
            using var session = new InferenceSession(path);
            Assert.Equal(["spectral", "aux"], session.InputMetadata.Keys.ToArray());
            Assert.Contains("soilnotebooks.encoding", session.ModelMetadata.CustomMetadataMap.Keys);
            var data = ens.Encode(test);
            var mean = Run(session, ens.Models[0], data, OnnxExport.PredictionOutput);
            var bags = Run(session, ens.Models[0], data, OnnxExport.BagPredictionsOutput);
            var oursMean = ens.Predict(test);
            var oursBags = ens.PredictPerModel(test);
            for (int i = 0; i < test.Count; i++)
            {
                Assert.True(Math.Abs(oursMean[i] - mean[i]) <= Tolerance,
                    $"point {i}: {oursMean[i]} vs {mean[i]}");
                for (int b = 0; b < 3; b++)
                    Assert.True(Math.Abs(oursBags[b][i] - bags[i * 3 + b]) <= Tolerance, $"bag {b} point {i}");
            }
            Assert.True(oursBags[0].Zip(oursBags[1]).Any(p => Math.Abs(p.First - p.Second) > 1e-3), "bags differ");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Ann_baseline_on_real_LimeSoDa_spectra_matches_onnx_runtime()
    {
        var bb = LimeSoDa.Load("BB.250");
        var points = LimeSoDaSeries.ToSampleSeries(bb);
        var ens = NeuralEnsemble.Train(points.Select(Enumerable.Range(0, 200).ToArray()), new NeuralTrainingOptions
        {
            Model = NeuralModelKind.Ann, Channels = [.. SentinelChannels.Optical], Auxiliary = [], Epochs = 20, Bags = 2, Seed = 3,
        });
        var test = points.Select(Enumerable.Range(200, 50).ToArray());
        using var session = new InferenceSession(ens.ToOnnx());
        Assert.Equal(["features"], session.InputMetadata.Keys.ToArray());
        var mean = Run(session, ens.Models[0], ens.Encode(test), OnnxExport.PredictionOutput);
        var ours = ens.Predict(test);
        Assert.Equal(50, mean.Length);
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - mean[i]) <= Tolerance, $"point {i}: {ours[i]} vs {mean[i]}");
        Assert.True(ours.Max() - ours.Min() > 0.5, "predictions vary by more than 0.5 % clay");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Same_padding_and_either_kernel_axis_match_onnx_runtime(int axis)
    {
        var x = nn.Input("x", 2, 7, 6);
        var y = x.Then(nn.Conv(3, 3, axis, Padding.Same)).Then(nn.ELU(0.7)).Then(nn.MaxPool(2, 3 - axis))
            .Then(nn.Flatten()).Then(nn.Linear(4)).Then(nn.Tanh());
        var seq = nn.Input("s", 3, 9);
        var z = seq.Then(nn.Conv1d(2, 4, Padding.Same)).Then(nn.ReLU()).Then(nn.MaxPool1d(3)).Then(nn.Flatten());
        var model = new Model([x, seq], nn.Concatenate().Call(y, z).Then(nn.Linear(2)), seed: axis);
        var r = new Random(9);
        const int n = 5;
        var data = new TensorData([Enumerable.Range(0, n * 84).Select(_ => (float)r.NextDouble() * 2 - 1).ToArray(),
            Enumerable.Range(0, n * 27).Select(_ => (float)r.NextDouble() * 2 - 1).ToArray()], [], n);
        var ours = model.Predict(data);
        using var session = new InferenceSession(model.ToOnnx());
        var onnx = Run(session, model, data, model.Output.Name);
        Assert.Equal(n * 2, onnx.Length);
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - onnx[i]) <= Tolerance, $"{i}: {ours[i]} vs {onnx[i]}");
    }
}
