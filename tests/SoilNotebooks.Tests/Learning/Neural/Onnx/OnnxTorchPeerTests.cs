using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Learning.Neural.Onnx;

namespace SoilNotebooks.Tests.Learning.Neural.Onnx;

/// <summary>
/// The export checked by Debian's own ONNX and PyTorch (<c>Reference/onnx_torch_peer.py</c>): python3-onnx 1.12's
/// full checker accepts the file, and the graph evaluated with torch.nn.functional gives our engine's predictions
/// within 1e-5 (absolute; % clay for the ensemble mean and bags).
/// </summary>
public class OnnxTorchPeerTests
{
    private const double Tolerance = 1e-5;
    private static readonly string Script =
        Path.Combine(AppContext.BaseDirectory, "Learning", "Neural", "Onnx", "Reference", "onnx_torch_peer.py");

    private static JsonObject Peer(byte[] onnx, IReadOnlyList<Node> inputs, TensorData data)
    {
        var dir = Directory.CreateTempSubdirectory("soilnb-onnx-peer").FullName;
        try
        {
            string model = Path.Combine(dir, "m.onnx"), ins = Path.Combine(dir, "in.json");
            string outs = Path.Combine(dir, "out.json");
            File.WriteAllBytes(model, onnx);
            var json = new JsonObject();
            for (int k = 0; k < inputs.Count; k++)
                json[inputs[k].Name] = new JsonObject
                {
                    ["shape"] = new JsonArray([data.Count, .. inputs[k].Shape.Select(s => (JsonNode)s)]),
                    ["data"] = new JsonArray([.. data.Inputs[k].Select(v => (JsonNode)v)]),
                };
            File.WriteAllText(ins, json.ToJsonString());
            var psi = new ProcessStartInfo("/usr/bin/python3", [Script, model, ins, outs])
            { RedirectStandardError = true, RedirectStandardOutput = true };
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(120_000), "python3 peer timed out");
            Assert.True(p.ExitCode == 0, "onnx_torch_peer.py failed (python3-onnx and python3-torch come from "
                + "environment/apt-packages.txt): " + err.Result);
            return JsonNode.Parse(File.ReadAllText(outs))!.AsObject();
        }
        finally { Directory.Delete(dir, true); }
    }

    private static double[] Values(JsonObject o, string name) =>
        o[name]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    [Fact]
    public void Cnn_ensemble_export_passes_the_onnx_checker_and_matches_pytorch()
    {
        var train = OnnxExportTests.TwinPoints(60, 11);
        var test = OnnxExportTests.TwinPoints(25, 12);
        var ens = NeuralEnsemble.Train(train,
            new NeuralTrainingOptions { Width = 16, Epochs = 2, Bags = 2, Threads = 2 });
        var outputs = Peer(ens.ToOnnx(), ens.Models[0].Inputs, ens.Encode(test));
        var mean = Values(outputs, OnnxExport.PredictionOutput);
        var bags = Values(outputs, OnnxExport.BagPredictionsOutput);
        var ours = ens.Predict(test);
        var oursBags = ens.PredictPerModel(test);
        Assert.Equal(test.Count, mean.Length);
        for (int i = 0; i < test.Count; i++)
        {
            Assert.True(Math.Abs(ours[i] - mean[i]) <= Tolerance, $"point {i}: {ours[i]} vs {mean[i]}");
            for (int b = 0; b < 2; b++)
                Assert.True(Math.Abs(oursBags[b][i] - bags[i * 2 + b]) <= Tolerance, $"bag {b} point {i}");
        }
    }

    [Fact]
    public void Same_padding_along_either_axis_and_1d_convolutions_match_pytorch()
    {
        var x = nn.Input("x", 2, 7, 6);
        var h = x.Then(nn.Conv(3, 3, 1, Padding.Same)).Then(nn.Conv(2, 4, 2, Padding.Same)).Then(nn.ELU(0.7))
            .Then(nn.MaxPool(2, 2)).Then(nn.MaxPool(3, 1)).Then(nn.Flatten()).Then(nn.Linear(4)).Then(nn.Tanh());
        var s = nn.Input("s", 3, 9);
        var z = s.Then(nn.Conv1d(2, 4, Padding.Same)).Then(nn.ReLU()).Then(nn.MaxPool1d(3)).Then(nn.Flatten());
        var model = new Model([x, s], nn.Concatenate().Call(h, z).Then(nn.Linear(2)), seed: 5);
        var r = new Random(2);
        const int n = 4;
        var data = new TensorData([Enumerable.Range(0, n * 84).Select(_ => (float)r.NextDouble() * 2 - 1).ToArray(),
            Enumerable.Range(0, n * 27).Select(_ => (float)r.NextDouble() * 2 - 1).ToArray()], [], n);
        var ours = model.Predict(data);
        var theirs = Values(Peer(model.ToOnnx(), model.Inputs, data), model.Output.Name);
        Assert.Equal(ours.Length, theirs.Length);
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - theirs[i]) <= Tolerance, $"{i}: {ours[i]} vs {theirs[i]}");
    }
}
