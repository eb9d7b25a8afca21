namespace SoilNotebooks.Learning.Neural.Onnx;

/// <summary>
/// Translates a <see cref="Model"/>'s graph into ONNX operators (opset 13, https://onnx.ai/onnx/operators/):
/// Conv (the kernel runs along one axis: kernel_shape [k, 1] or [1, k], or [k] for [C, L] samples; weights
/// [out, in, k] reshaped to the kernel's rank; "same" padding as explicit begin/end pads), MaxPool (window =
/// stride, floor), Flatten (axis 1), Gemm (transB = 1, PyTorch's [out, in] weight), Relu, Elu (alpha), Tanh,
/// Concat (axis 1); Dropout is the identity at inference. Per-sample shapes gain a leading batch dimension N.
/// </summary>
internal static class OnnxLayers
{
    /// <summary>
    /// Appends the model's operators and weights to <paramref name="graph"/>. Model inputs keep their names
    /// (several models can share them); every other value and weight is prefixed with <paramref name="prefix"/>.
    /// Returns the name of the value holding the model's output.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer with no ONNX translation.</exception>
    public static string Append(OnnxGraph graph, Model model, string prefix)
    {
        var names = new Dictionary<Node, string>();
        foreach (var node in model.Nodes)
        {
            if (node.Layer is not { } layer) { names[node] = node.Name; continue; }
            string output = prefix + node.Name;
            string[] inputs = node.Inputs.Select(n => names[n]).ToArray();
            AppendLayer(graph, layer, node, prefix + node.Name, inputs, output);
            names[node] = output;
        }
        return names[model.Output];
    }

    private static void AppendLayer(OnnxGraph g, Layer layer, Node node, string name, string[] x, string y)
    {
        switch (layer)
        {
            case Conv c: AppendConv(g, c, name, x[0], y); break;
            case MaxPool p: AppendPool(g, p, name, x[0], y); break;
            case Linear l:
                g.Initializer(name + ".weight", l.Weight.Shape, l.Weight.Value);
                g.Initializer(name + ".bias", l.Bias.Shape, l.Bias.Value);
                g.Node("Gemm", name, [x[0], name + ".weight", name + ".bias"], [y],
                    new OnnxAttribute("transB", Int: 1));
                break;
            case Flatten: g.Node("Flatten", name, x, [y], new OnnxAttribute("axis", Int: 1)); break;
            case Concatenate: g.Node("Concat", name, x, [y], new OnnxAttribute("axis", Int: 1)); break;
            case Dropout: g.Node("Identity", name, x, [y]); break;
            case ReLU: g.Node("Relu", name, x, [y]); break;
            case Tanh: g.Node("Tanh", name, x, [y]); break;
            case ELU e: g.Node("Elu", name, x, [y], new OnnxAttribute("alpha", Float: e.Alpha)); break;
            default:
                throw new NotSupportedException(
                    $"Layer '{node.Name}' ({layer.Kind}, {layer.GetType().Name}) has no ONNX translation.");
        }
    }

    private static void AppendConv(OnnxGraph g, Conv c, string name, string x, string y)
    {
        bool oneD = c.InputShapes[0].Length == 2;
        int k = c.KernelSize;
        int[] wShape = c.Weight.Shape; // [out, in, k]
        long[] kernel;
        int[] dims;
        if (oneD) { kernel = [k]; dims = wShape; }
        else if (c.Axis == 1) { kernel = [k, 1]; dims = [wShape[0], wShape[1], k, 1]; }
        else { kernel = [1, k]; dims = [wShape[0], wShape[1], 1, k]; }
        g.Initializer(name + ".weight", dims, c.Weight.Value);
        g.Initializer(name + ".bias", c.Bias.Shape, c.Bias.Value);
        var attributes = new List<OnnxAttribute> { new("kernel_shape", Ints: kernel) };
        if (c.PaddingMode == Padding.Same)
        {
            // the engine pads (k − 1) / 2 before and the rest after, along the kernel's axis only;
            // ONNX pads are [x1_begin, x2_begin, ..., x1_end, x2_end]
            long before = (k - 1) / 2, after = k - 1 - before;
            attributes.Add(new("pads", Ints: oneD ? [before, after]
                : c.Axis == 1 ? [before, 0, after, 0] : [0, before, 0, after]));
        }
        g.Node("Conv", name, [x, name + ".weight", name + ".bias"], [y], [.. attributes]);
    }

    private static void AppendPool(OnnxGraph g, MaxPool p, string name, string x, string y)
    {
        bool oneD = p.InputShapes[0].Length == 2;
        long[] window = oneD ? [p.Size] : p.Axis == 1 ? [p.Size, 1] : [1, p.Size];
        g.Node("MaxPool", name, [x], [y], new OnnxAttribute("kernel_shape", Ints: window),
            new OnnxAttribute("strides", Ints: window));
    }
}
