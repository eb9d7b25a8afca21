using System.Globalization;
using System.Text.Json;

namespace SoilNotebooks.Learning.Neural.Onnx;

/// <summary>
/// Exports trained networks to ONNX (https://onnx.ai; IR and protobuf schema:
/// https://github.com/onnx/onnx/blob/main/docs/IR.md and <c>onnx/onnx.proto3</c>; operators:
/// https://onnx.ai/onnx/operators/), so a network trained here runs in ONNX Runtime, PyTorch (via
/// onnx2torch or similar), TorchSharp or on a GPU. The file is written by this project's own protobuf
/// writer; no ONNX library is needed. Dropout is the identity (inference). Inputs are the encoded
/// (scaled, padded) arrays <see cref="NeuralEnsemble.Encode(Sampling.SampleSeries, bool)"/> produces, one per model input, named as the
/// model's input nodes ("spectral" [N, 1, C, W] and "aux" [N, A] for the S2MoS CNN, "features" [N, F] for
/// the ANN).
/// </summary>
public static class OnnxExport
{
    /// <summary>ONNX operator set the export targets.</summary>
    public const int Opset = 13;

    /// <summary>ONNX IR version written (7 is the IR of opset 13, ONNX 1.8).</summary>
    public const int IrVersion = 7;

    /// <summary>Output of an ensemble export: the mean of the bags, in target units, [N, 1].</summary>
    public const string PredictionOutput = "prediction";

    /// <summary>Output of an ensemble export: each bag's prediction in target units, [N, bags].</summary>
    public const string BagPredictionsOutput = "bag_predictions";

    /// <summary>
    /// The model as an ONNX ModelProto. Its output is the network's output node (named as the node, e.g.
    /// "output_tanh"), in the network's own (scaled) units.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has a layer with no ONNX translation.</exception>
    public static byte[] ToOnnx(this Model model, string graphName = "model")
    {
        ArgumentNullException.ThrowIfNull(model);
        var g = new OnnxGraph();
        foreach (var i in model.Inputs) g.Input(i.Name, i.Shape);
        string y = OnnxLayers.Append(g, model, "");
        g.Output(y, model.Output.Shape);
        var meta = new Dictionary<string, string>
        {
            ["soilnotebooks.inputs"] = string.Join(",", model.Inputs.Select(i => i.Name)),
        };
        return g.ToModel(graphName, "A SoilNotebooks.Learning.Neural model (dropout removed for inference).",
            IrVersion, Opset, meta);
    }

    /// <summary>Writes <see cref="ToOnnx(Model, string)"/> to <paramref name="path"/> atomically.</summary>
    public static void ExportOnnx(this Model model, string path)
    {
        var bytes = model.ToOnnx(Path.GetFileNameWithoutExtension(path));
        IO.AtomicFile.Write(path, s => s.Write(bytes));
    }

    /// <summary>
    /// The whole ensemble as ONE ONNX graph: every bag's network (weights prefixed "bag{b}/") reads the shared
    /// inputs; the bags' scaled outputs are concatenated, mapped back to target units (the target scaler:
    /// y = min + (s + 1) / 2 · (max − min)) as <see cref="BagPredictionsOutput"/> [N, bags], and averaged into
    /// <see cref="PredictionOutput"/> [N, 1] — the same numbers as <see cref="NeuralEnsemble.Predict"/> and
    /// <see cref="NeuralEnsemble.PredictPerModel"/> (in float32). The metadata (key "soilnotebooks.encoding")
    /// holds, as JSON, what the inputs need: channels, auxiliary names, width W, slot padding and the
    /// channel/auxiliary min–max scalers (x' = 2 (x − min) / (max − min) − 1, 0 where max = min).
    /// </summary>
    /// <exception cref="NotSupportedException">A network has a layer with no ONNX translation.</exception>
    public static byte[] ToOnnx(this NeuralEnsemble ensemble, string graphName = "ensemble")
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        var models = ensemble.Models;
        var g = new OnnxGraph();
        foreach (var i in models[0].Inputs) g.Input(i.Name, i.Shape);
        var outs = new string[models.Count];
        for (int b = 0; b < models.Count; b++) outs[b] = OnnxLayers.Append(g, models[b], $"bag{b}/");
        var t = ensemble.TargetScaler;
        double half = t.Max[0] > t.Min[0] ? (t.Max[0] - t.Min[0]) / 2 : 0;
        g.Initializer("target_scale", [], [(float)half]);
        g.Initializer("target_offset", [], [(float)(t.Min[0] + half)]);
        g.Node("Concat", "bags", outs, ["scaled_bags"], new OnnxAttribute("axis", Int: 1));
        g.Node("Mul", "unscale_mul", ["scaled_bags", "target_scale"], ["bags_times_scale"]);
        g.Node("Add", "unscale_add", ["bags_times_scale", "target_offset"], [BagPredictionsOutput]);
        g.Node("ReduceMean", "ensemble_mean", [BagPredictionsOutput], [PredictionOutput],
            new OnnxAttribute("axes", Ints: [1]), new OnnxAttribute("keepdims", Int: 1));
        g.Output(PredictionOutput, [1]);
        g.Output(BagPredictionsOutput, [models.Count]);
        var o = ensemble.Options;
        var encoding = new
        {
            model = o.Model.ToString(),
            inputs = models[0].Inputs.Select(i => new { name = i.Name, shape = i.Shape }).ToArray(),
            channels = o.Channels,
            auxiliary = o.Auxiliary,
            width = o.Width,
            padding = o.Padding.ToString(),
            channelScaler = new { min = ensemble.ChannelScaler.Min, max = ensemble.ChannelScaler.Max },
            auxScaler = new { min = ensemble.AuxScaler.Min, max = ensemble.AuxScaler.Max },
            targetScaler = new { min = t.Min, max = t.Max },
        };
        var meta = new Dictionary<string, string>
        {
            ["soilnotebooks.encoding"] = JsonSerializer.Serialize(encoding),
            ["soilnotebooks.bags"] = models.Count.ToString(CultureInfo.InvariantCulture),
        };
        return g.ToModel(graphName,
            $"A bagged SoilNotebooks {o.Model} ensemble of {models.Count} networks; '{PredictionOutput}' is their mean "
            + "in target units. Inputs are scaled and padded as described by the metadata 'soilnotebooks.encoding'.",
            IrVersion, Opset, meta);
    }

    /// <summary>Writes <see cref="ToOnnx(NeuralEnsemble, string)"/> to <paramref name="path"/> atomically.</summary>
    public static void ExportOnnx(this NeuralEnsemble ensemble, string path)
    {
        var bytes = ensemble.ToOnnx(Path.GetFileNameWithoutExtension(path));
        IO.AtomicFile.Write(path, s => s.Write(bytes));
    }
}
