using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// The degenerate-model guard (<see cref="ModelHealth"/>) fed from a neural network: its loss curves
/// (<see cref="TrainingHistory"/>) and the activity of the filters of a convolution or pooling layer.
/// </summary>
public static class NeuralHealth
{
    /// <summary>Default layer whose filters are checked: "relu3", the last S2MoS convolution after its ReLU.</summary>
    public const string DefaultLayer = "relu3";

    /// <summary>
    /// Per filter of <paramref name="layer"/>, the share of the samples of <paramref name="data"/> on which its
    /// feature map has any value &gt; 0 (after a ReLU, 0 everywhere means the filter is dead for that sample).
    /// </summary>
    /// <param name="model">A trained network.</param>
    /// <param name="data">Samples to run (e.g. the training data).</param>
    /// <param name="layer">Node name whose per-sample shape is [filters, …].</param>
    public static double[] FilterActivity(Model model, TensorData data, string layer = DefaultLayer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var node = model[layer];
        if (node.Shape.Length < 2)
            throw new ArgumentException($"Layer '{layer}' has flat output {Layer.ShapeText(node.Shape)}; " +
                "expected a convolution or pooling layer of shape [filters, …].");
        var act = model.Activations(data, node);
        int filters = node.Shape[0], per = node.Size / filters, n = data.Count;
        var share = new double[filters];
        for (int f = 0; f < filters; f++)
        {
            int active = 0;
            for (int i = 0; i < n; i++)
            {
                var span = new ReadOnlySpan<float>(act, i * node.Size + f * per, per);
                if (System.Numerics.Tensors.TensorPrimitives.Max(span) > 0) active++;
            }
            share[f] = n == 0 ? 0 : (double)active / n;
        }
        return share;
    }

    /// <summary>
    /// Checks a network's predictions, the training loss of each of its members (bags) and, when given, its filter
    /// activity (from <see cref="FilterActivity"/>).
    /// </summary>
    public static ModelHealth Assess(Prediction prediction, IReadOnlyList<TrainingHistory> histories,
        IReadOnlyList<double>? filterActivity = null, ModelHealthOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(histories);
        return ModelHealth.Assess(prediction, options, histories.Select(h => (IReadOnlyList<double>)h.Loss).ToArray(),
            filterActivity);
    }
}
