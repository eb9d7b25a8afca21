namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// A layer of a model graph. A layer is applied once with <see cref="Call(Node[])"/> (Keras functional
/// API), which fixes its input shapes and creates its parameters. Forward and backward passes work on
/// preallocated batch buffers owned by the <see cref="Model"/>; nothing is allocated per step.
/// </summary>
public abstract class Layer
{
    private Node? _node;

    /// <summary>Layer name, unique in a model (assigned from <see cref="Kind"/> and a counter when not given).</summary>
    public string? Name { get; set; }

    /// <summary>Short kind used for default names ("conv", "linear", "relu", ...).</summary>
    public abstract string Kind { get; }

    /// <summary>Per-sample input shapes, fixed by <see cref="Call(Node[])"/>.</summary>
    public int[][] InputShapes { get; private set; } = [];

    /// <summary>Per-sample output shape, fixed by <see cref="Call(Node[])"/>.</summary>
    public int[] OutputShape { get; private set; } = [];

    /// <summary>Trainable parameters (empty for parameter-free layers).</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>The node this layer produced, once called.</summary>
    public Node? Output => _node;

    /// <summary>Applies the layer to input nodes and returns its output node.</summary>
    /// <exception cref="InvalidOperationException">The layer was already applied (layers are not shared).</exception>
    /// <exception cref="ArgumentException">The input shapes do not suit the layer.</exception>
    public Node Call(params Node[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (_node is not null) throw new InvalidOperationException($"Layer '{Name ?? Kind}' has already been applied; create a new layer for each use.");
        if (inputs.Length == 0) throw new ArgumentException($"Layer '{Name ?? Kind}' needs at least one input node.");
        InputShapes = inputs.Select(i => (int[])i.Shape.Clone()).ToArray();
        OutputShape = Build(InputShapes);
        _node = new Node(Name ?? Kind, OutputShape, this, inputs);
        return _node;
    }

    /// <summary>Checks input shapes, creates parameters and returns the per-sample output shape.</summary>
    protected abstract int[] Build(int[][] inputShapes);

    /// <summary>Initialises parameters (Glorot-uniform kernels, zero biases by default).</summary>
    internal virtual void Initialize(Random random) { }

    /// <summary>Allocates internal buffers for batches of up to <paramref name="maxBatch"/> samples.</summary>
    internal virtual void Allocate(int maxBatch) { }

    /// <summary>True when the output buffer may simply be the input buffer (a view, e.g. Flatten).</summary>
    internal virtual bool IsView => false;

    /// <summary>
    /// True when the layer can work on samples stored with a column period (see <see cref="ColsIn"/>): its
    /// output columns depend only on the same input columns (convolution along axis 1, element-wise
    /// activations) or it pools along the columns.
    /// </summary>
    internal virtual bool SupportsColumnPeriods => false;

    /// <summary>
    /// Per-sample stored column counts of the input (null: full width). Sample s of a [C, H, W] node is then
    /// stored as [C, H, p] with p = ColsIn[s], and full column j equals stored column j mod p — exact when the
    /// observation slots repeat a point's observations cyclically (<see cref="SlotPadding.RepeatObservations"/>).
    /// </summary>
    internal int[]? ColsIn;

    /// <summary>Per-sample stored column counts of the output (set by <see cref="Forward"/>).</summary>
    internal int[]? ColsOut;

    /// <summary>
    /// Layout of the stored columns for the current batch, shared by the model's column-compact layers:
    /// periodic (full column j = stored j mod p) or constant tail (full column j = stored min(j, m − 1), i.e. the
    /// last stored column repeats — zero or median padding).
    /// </summary>
    internal ColumnLayout Layout = new();

    /// <summary>Threads a layer may use to split the samples of a batch (set by the model before <see cref="Allocate"/>).</summary>
    internal int Threads = 1;

    /// <summary>Sample range [lo, hi) of part t of n samples split into parts.</summary>
    internal static (int Lo, int Hi) Part(int n, int parts, int t) => (n * t / parts, n * (t + 1) / parts);

    /// <summary>Computes y for n samples from the inputs (each [n × input size]).</summary>
    internal abstract void Forward(PassContext ctx, float[][] x, float[] y, int n);

    /// <summary>
    /// Accumulates parameter gradients and adds input gradients into <paramref name="dx"/> (entries are
    /// null for inputs that need no gradient).
    /// </summary>
    internal abstract void Backward(float[][] x, float[] y, float[] dy, float[]?[] dx, int n);

    internal static int Product(int[] s) { int p = 1; foreach (var d in s) p *= d; return p; }

    internal static string ShapeText(int[] s) => "[" + string.Join("×", s) + "]";

    /// <summary>Glorot/Xavier uniform: U(−a, a), a = √(6 / (fan_in + fan_out)) (Glorot &amp; Bengio 2010; Keras default).</summary>
    internal static void GlorotUniform(float[] w, int fanIn, int fanOut, Random random)
    {
        double a = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < w.Length; i++) w[i] = (float)((random.NextDouble() * 2 - 1) * a);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var p = Parameters.Sum(q => q.Length);
        return $"{Name ?? Kind}: {string.Join(", ", InputShapes.Select(ShapeText))} → {ShapeText(OutputShape)}" + (p > 0 ? $" ({p} parameters)" : "");
    }
}
