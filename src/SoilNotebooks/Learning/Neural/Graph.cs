namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// A symbolic tensor in a model graph (Keras functional API): either a model input or the output of a
/// layer applied to other nodes. Shapes are per sample; the batch dimension is implicit and first.
/// </summary>
public sealed class Node
{
    internal Node(string name, int[] shape, Layer? layer, Node[] inputs)
    {
        Name = name;
        Shape = shape;
        Layer = layer;
        Inputs = inputs;
        Size = Layer.Product(shape);
    }

    /// <summary>Name of the node (the input name, or the layer name).</summary>
    public string Name { get; internal set; }

    /// <summary>Per-sample shape, e.g. [1, 12, 150] for the S2MoS spectral input, [8] after a dense layer.</summary>
    public int[] Shape { get; }

    /// <summary>Number of values per sample (product of <see cref="Shape"/>).</summary>
    public int Size { get; }

    /// <summary>The layer that produces this node; null for a model input.</summary>
    public Layer? Layer { get; }

    /// <summary>The nodes the layer reads.</summary>
    public IReadOnlyList<Node> Inputs { get; }

    /// <summary>True for a model input.</summary>
    public bool IsInput => Layer is null;

    /// <summary>Applies <paramref name="layer"/> to this node (chaining: <c>x.Then(nn.ReLU())</c>).</summary>
    public Node Then(Layer layer) => layer.Call(this);

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{string.Join("×", Shape)}]";
}

/// <summary>Context of one forward pass.</summary>
internal sealed class PassContext
{
    public bool Training;
    public Random DropoutRandom = new(0);
}
