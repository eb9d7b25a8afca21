using System.Diagnostics;
using System.Text;

namespace SoilNotebooks.Learning.Neural;

/// <summary>A row of <see cref="Model.Describe"/>.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Kind">Layer kind ("conv", "linear", ...) or "input".</param>
/// <param name="Inputs">Names of the nodes it reads.</param>
/// <param name="OutputShape">Per-sample output shape.</param>
/// <param name="Parameters">Number of trainable values.</param>
public sealed record LayerInfo(string Name, string Kind, string[] Inputs, int[] OutputShape, long Parameters);

/// <summary>
/// A row of <see cref="Model.BlockSummary"/>: a layer with the activation and dropout layers that follow it (one row of a
/// paper's layer table, e.g. "Dense + Dropout", S2MoS Table 3).
/// </summary>
/// <param name="Name">Name of the block's first node (the input or the layer with weights).</param>
/// <param name="Kinds">Kinds of its layers, e.g. "linear + elu + dropout" ("input" for an input node).</param>
/// <param name="Layers">Names of its nodes.</param>
/// <param name="OutputShape">Per-sample output shape of its last node.</param>
/// <param name="Parameters">Trainable values of its layers.</param>
public sealed record LayerBlock(string Name, string Kinds, string[] Layers, int[] OutputShape, long Parameters)
{
    /// <summary>"16 × 10 × 150".</summary>
    public string Shape => string.Join(" × ", OutputShape);
}

/// <summary>Options of <see cref="Model.Fit(TensorData, FitOptions?, Optimizer?, TensorData?, IProgress{EpochProgress}?, CancellationToken)"/>.</summary>
public sealed record FitOptions
{
    /// <summary>Number of passes over the training data (≥ 1, default 100 as in S2MoS).</summary>
    public int Epochs { get; init; } = 100;
    /// <summary>Mini-batch size (≥ 1, default 8 as in S2MoS).</summary>
    public int BatchSize { get; init; } = Defaults.TrainingBatchSize;
    /// <summary>Seed of the per-epoch shuffling and of dropout (default 42).</summary>
    public int Seed { get; init; } = Defaults.Seed;
    /// <summary>Reshuffle the training rows at each epoch (default true; Keras <c>shuffle=True</c>).</summary>
    public bool Shuffle { get; init; } = true;
    /// <summary>Stop when the validation loss has not improved for this many epochs (0 = never; needs validation data).</summary>
    public int EarlyStoppingPatience { get; init; }
    /// <summary>With early stopping, restore the weights of the best validation epoch (default true).</summary>
    public bool RestoreBestWeights { get; init; } = true;
    /// <summary>
    /// Stop when the epoch's training loss (with penalties) has not fallen below the best so far minus
    /// <see cref="LossTolerance"/> for more than this many consecutive epochs (0 = never; default 0). This is
    /// scikit-learn's convergence rule for its MLPs (<c>n_iter_no_change=10</c>, <c>tol=1e-4</c>); it needs no
    /// validation data.
    /// </summary>
    public int TrainingLossPatience { get; init; }
    /// <summary>Improvement of the training loss that counts for <see cref="TrainingLossPatience"/> (≥ 0, default 1e-4).</summary>
    public double LossTolerance { get; init; } = 1e-4;
}

/// <summary>The loss a <see cref="Model"/> trains on and <see cref="Model.Evaluate"/> reports.</summary>
public enum LossFunction
{
    /// <summary>Mean squared error over samples and outputs, mean((ŷ − y)²) (regression; the default).</summary>
    MeanSquaredError,

    /// <summary>
    /// Softmax cross-entropy on the output logits z (one per class): per sample −Σ_k t_k log softmax(z)_k, averaged
    /// over the samples; the gradient per logit is softmax(z)_k·Σ_j t_j − t_k (Bishop 2006, §4.3.4; the loss of
    /// scikit-learn's <c>MLPClassifier</c> and PyTorch's <c>CrossEntropyLoss</c>). Targets are one-hot rows; a row
    /// scaled by w (w·one-hot) weighs its sample by w, which is how class weights enter. The network outputs
    /// logits: apply <see cref="Model.Softmax"/> to its predictions for probabilities.
    /// </summary>
    SoftmaxCrossEntropy,
}

/// <summary>Progress of training after one epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Planned epochs.</param>
/// <param name="Loss">Mean training loss of the epoch (<see cref="Model.Loss"/>, MSE by default, + L2 penalties).</param>
/// <param name="ValidationLoss">Validation loss (same function, no penalties), or NaN without validation data.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
/// <param name="Bag">Bag index (0-based) when training an ensemble, else 0.</param>
public sealed record EpochProgress(int Epoch, int Epochs, double Loss, double ValidationLoss, double Seconds, int Bag = 0);

/// <summary>Loss curves of a training run.</summary>
/// <param name="Loss">Training loss per epoch.</param>
/// <param name="ValidationLoss">Validation loss per epoch (empty without validation data).</param>
/// <param name="SecondsPerEpoch">Wall time per epoch.</param>
/// <param name="BestEpoch">1-based epoch of the lowest validation loss (the last epoch without validation).</param>
/// <param name="StoppedEarly">True when early stopping ended the run.</param>
public sealed record TrainingHistory(double[] Loss, double[] ValidationLoss, double[] SecondsPerEpoch, int BestEpoch, bool StoppedEarly);

/// <summary>
/// A directed acyclic graph of layers between input nodes and one output node (Keras functional
/// <c>Model(inputs, outputs)</c>), with its own preallocated batch buffers, MSE (or softmax cross-entropy, see
/// <see cref="Loss"/>) training with an <see cref="Optimizer"/>, batched prediction, layer activations and state save/load.
/// Deterministic: for a seed the initial weights, shuffling and dropout masks are fixed, and the
/// engine uses one thread per model (ensembles parallelise over models), so results do not depend on
/// the thread count.
/// </summary>
public sealed class Model
{
    private readonly Node[] _order;
    private readonly Dictionary<Node, int> _index = new();
    private readonly PassContext _ctx = new();
    private float[][] _val = [], _grad = [];
    private bool[] _needGrad = [];
    private int[]?[] _cols = [];
    private readonly ColumnLayout _layout = new();
    private int _capacity;

    /// <summary>Builds a model and initialises its weights (Glorot-uniform kernels, zero biases) from <paramref name="seed"/>.</summary>
    /// <param name="inputs">Input nodes (from <see cref="nn.Input"/>), in the order data arrays are given.</param>
    /// <param name="output">Output node.</param>
    /// <param name="seed">Initialisation seed (default 42).</param>
    public Model(IReadOnlyList<Node> inputs, Node output, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(output);
        Inputs = inputs.ToArray();
        foreach (var i in Inputs) if (!i.IsInput) throw new ArgumentException($"Node '{i.Name}' is not an input node.");
        Output = output;
        var order = new List<Node>();
        var seen = new HashSet<Node>();
        void Visit(Node n)
        {
            if (!seen.Add(n)) return;
            foreach (var p in n.Inputs) Visit(p);
            if (n.IsInput && !Inputs.Contains(n)) throw new ArgumentException($"The output depends on input '{n.Name}', which is not in the model's input list.");
            order.Add(n);
        }
        Visit(output);
        foreach (var i in Inputs) if (!seen.Contains(i)) throw new ArgumentException($"Input '{i.Name}' does not reach the output.");
        _order = order.ToArray();
        for (int i = 0; i < _order.Length; i++) _index[_order[i]] = i;
        // unique layer names and parameter names
        var counts = new Dictionary<string, int>();
        var names = new HashSet<string>();
        foreach (var n in _order)
        {
            if (n.Layer is not { } l) continue;
            if (l.Name is null)
            {
                counts[l.Kind] = counts.GetValueOrDefault(l.Kind) + 1;
                l.Name = $"{l.Kind}{counts[l.Kind]}";
            }
            if (!names.Add(l.Name)) throw new ArgumentException($"Two layers are named '{l.Name}'.");
            n.Name = l.Name;
            foreach (var p in l.Parameters) p.Name = $"{l.Name}.{p.Name[(p.Name.LastIndexOf('.') + 1)..]}";
        }
        Layers = _order.Where(n => n.Layer is not null).Select(n => n.Layer!).ToArray();
        _parameters = Layers.SelectMany(l => l.Parameters).ToArray();
        Initialize(seed);
    }

    /// <summary>
    /// Threads used inside one model to split each batch's samples in the column-periodic convolution path
    /// (default 1; opt-in). Results are reproducible for a fixed value; different values change the order of
    /// gradient sums (differences at float rounding level). With the S2MoS batch of 8 the per-layer work is small,
    /// so this helps only on idle cores (it measured slower than one thread on a shared two-core machine);
    /// training several bags at once (<see cref="NeuralTrainingOptions.Threads"/>) is the better use of cores.
    /// </summary>
    public int Threads
    {
        get => _threads;
        set { Check.Positive(value, nameof(Threads)); if (value != _threads) { _threads = value; _capacity = 0; } }
    }

    private int _threads = 1;

    /// <summary>
    /// The training loss (default <see cref="LossFunction.MeanSquaredError"/>), used by <see cref="TrainStep"/>,
    /// <see cref="ComputeGradients"/>, <see cref="Fit"/> and <see cref="Evaluate"/>.
    /// </summary>
    public LossFunction Loss { get; set; } = LossFunction.MeanSquaredError;

    /// <summary>Row-wise softmax of logits [count × classes] (max-shifted for stability): class probabilities.</summary>
    /// <param name="logits">Row-major logits, e.g. from <see cref="Predict(TensorData, int)"/>.</param>
    /// <param name="classes">Number of classes (the row length).</param>
    public static double[,] Softmax(float[] logits, int classes)
    {
        ArgumentNullException.ThrowIfNull(logits);
        Check.Positive(classes, nameof(classes));
        if (logits.Length % classes != 0)
            throw new ArgumentException($"{logits.Length} logits are not a whole number of rows of {classes} classes.");
        int n = logits.Length / classes;
        var p = new double[n, classes];
        for (int r = 0; r < n; r++)
        {
            double mx = double.NegativeInfinity, s = 0;
            for (int k = 0; k < classes; k++) mx = Math.Max(mx, logits[r * classes + k]);
            for (int k = 0; k < classes; k++) { p[r, k] = Math.Exp(logits[r * classes + k] - mx); s += p[r, k]; }
            for (int k = 0; k < classes; k++) p[r, k] /= s;
        }
        return p;
    }

    /// <summary>Model inputs.</summary>
    public IReadOnlyList<Node> Inputs { get; }
    /// <summary>Model output.</summary>
    public Node Output { get; }
    /// <summary>Layers in execution order.</summary>
    public IReadOnlyList<Layer> Layers { get; }
    /// <summary>All trainable parameters in execution order (PyTorch <c>parameters()</c>).</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    private readonly Parameter[] _parameters;
    /// <summary>Nodes in execution order.</summary>
    public IReadOnlyList<Node> Nodes => _order;
    /// <summary>Number of trainable values.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    /// <summary>Re-initialises all weights from a seed.</summary>
    public void Initialize(int seed)
    {
        var r = new Random(seed);
        foreach (var l in Layers) l.Initialize(r);
    }

    /// <summary>A node by name (layer or input name).</summary>
    public Node this[string name] => _order.FirstOrDefault(n => n.Name == name)
        ?? throw new KeyNotFoundException($"No node named '{name}'. Nodes: {string.Join(", ", _order.Select(n => n.Name))}.");

    /// <summary>A Keras-like summary: one line per layer with shapes and parameter counts.</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        foreach (var n in _order)
            sb.AppendLine(n.IsInput ? $"{n.Name} (input) → {Layer.ShapeText(n.Shape)}" : n.Layer!.ToString());
        sb.Append($"Trainable parameters: {ParameterCount}");
        return sb.ToString();
    }

    /// <summary>One row per node (inputs and layers) for a table display: name, kind, output shape, parameter count.</summary>
    public IReadOnlyList<LayerInfo> Describe() => _order.Select(n => new LayerInfo(n.Name, n.Layer?.Kind ?? "input",
        n.Inputs.Select(i => i.Name).ToArray(), (int[])n.Shape.Clone(), n.Layer?.Parameters.Sum(p => (long)p.Length) ?? 0)).ToArray();

    /// <summary>
    /// The layers grouped as a paper's layer table groups them: every input and every layer that is not an activation
    /// or dropout starts a block; an activation (relu, elu, tanh) or dropout joins the block it directly follows. One row
    /// per block with its output shape and trainable values (their sum is <see cref="ParameterCount"/>).
    /// </summary>
    public IReadOnlyList<LayerBlock> BlockSummary()
    {
        var blocks = new List<(List<Node> Nodes, long Params)>();
        foreach (var n in _order)
        {
            long p = n.Layer?.Parameters.Sum(x => (long)x.Length) ?? 0;
            bool joins = n.Layer?.Kind is "relu" or "elu" or "tanh" or "dropout" && blocks.Count > 0 && n.Inputs.Count == 1
                && n.Inputs[0] == blocks[^1].Nodes[^1];
            if (joins) { blocks[^1].Nodes.Add(n); blocks[^1] = (blocks[^1].Nodes, blocks[^1].Params + p); }
            else blocks.Add(([n], p));
        }
        return blocks.Select(b => new LayerBlock(b.Nodes[0].Name, string.Join(" + ", b.Nodes.Select(n => n.Layer?.Kind ?? "input")),
            b.Nodes.Select(n => n.Name).ToArray(), (int[])b.Nodes[^1].Shape.Clone(), b.Params)).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => Summary();

    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity) return;
        _capacity = batch;
        _val = new float[_order.Length][];
        _grad = new float[_order.Length][];
        _needGrad = new bool[_order.Length];
        // a node needs a gradient when some parameter lies upstream of one of its consumers
        var upstreamParams = new bool[_order.Length];
        for (int i = 0; i < _order.Length; i++)
        {
            var n = _order[i];
            upstreamParams[i] = n.Layer is { } l && (l.Parameters.Count > 0 || n.Inputs.Any(p => upstreamParams[_index[p]]));
        }
        // column-periodic storage: [C, H, W] inputs and the layers that keep columns independent, up to a Flatten
        _cols = new int[_order.Length][];
        var periodic = new bool[_order.Length];
        for (int i = 0; i < _order.Length; i++)
        {
            var n = _order[i];
            periodic[i] = n.IsInput ? n.Shape.Length == 3
                : n.Layer!.SupportsColumnPeriods && n.Inputs.Count == 1 && periodic[_index[n.Inputs[0]]];
        }
        bool ok = true;
        for (int i = 0; i < _order.Length; i++)
            foreach (var p in _order[i].Inputs)
                if (periodic[_index[p]] && !periodic[i] && _order[i].Layer is not Flatten) ok = false;
        if (_order.Length > 0 && periodic[^1]) ok = false;
        for (int i = 0; i < _order.Length; i++)
        {
            var n = _order[i];
            if (ok && periodic[i]) _cols[i] = new int[batch];
            if (n.Layer is { } l)
            {
                l.Layout = _layout;
                int src = _index[n.Inputs[0]];
                l.ColsIn = ok && periodic[src] ? _cols[src] : null;
                l.ColsOut = ok && periodic[i] ? _cols[i] : null;
            }
        }
        for (int i = 0; i < _order.Length; i++)
        {
            var n = _order[i];
            if (n.Layer is { IsView: true } && n.Layer.ColsIn is null)
            {
                int src = _index[n.Inputs[0]];
                _val[i] = _val[src];
                continue;
            }
            _val[i] = new float[batch * n.Size];
            _needGrad[i] = upstreamParams[i];
            if (n.Layer is { } layer) { layer.Threads = _threads; layer.Allocate(batch); }
        }
        for (int i = 0; i < _order.Length; i++)
        {
            var n = _order[i];
            if (n.Layer is { IsView: true, ColsIn: null }) { int src = _index[n.Inputs[0]]; _needGrad[i] = _needGrad[src]; _grad[i] = _grad[src]; }
            else _grad[i] = _needGrad[i] ? new float[batch * n.Size] : [];
        }
        _argCache.Clear();
        foreach (var node in _order) if (node.Layer is { } l) _argCache[l] = Args(node);
    }

    private readonly Dictionary<Layer, (float[][] X, float[]?[] DX)> _argCache = new();

    private (float[][] X, float[]?[] DX) Args(Node n)
    {
        // rebuilt after each (re)allocation (end of EnsureCapacity)
        var x = new float[n.Inputs.Count][];
        var dx = new float[]?[n.Inputs.Count];
        for (int k = 0; k < x.Length; k++)
        {
            int j = _index[n.Inputs[k]];
            x[k] = _val[j];
            dx[k] = _needGrad[j] ? _grad[j] : null;
        }
        return (x, dx);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Run(int n, bool training)
    {
        _ctx.Training = training;
        for (int i = 0; i < _order.Length; i++)
        {
            var node = _order[i];
            if (node.Layer is not { } l || (l.IsView && l.ColsIn is null)) continue;
            l.Forward(_ctx, _argCache[l].X, _val[i], n);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Back(int n)
    {
        for (int i = 0; i < _order.Length - 1; i++)
            if (_needGrad[i] && _order[i].Layer is not { IsView: true, ColsIn: null }) Array.Clear(_grad[i], 0, n * _order[i].Size);
        for (int i = _order.Length - 1; i >= 0; i--)
        {
            var node = _order[i];
            if (node.Layer is not { } l || (l.IsView && l.ColsIn is null)) continue;
            var (x, dx) = _argCache[l];
            l.Backward(x, _val[i], _grad[i], dx, n);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void LoadBatch(TensorData data, ReadOnlySpan<int> rows)
    {
        for (int k = 0; k < Inputs.Count; k++)
        {
            int idx = _index[Inputs[k]];
            var dst = _val[idx];
            int size = Inputs[k].Size;
            var src = data.Inputs[k];
            if (_cols[idx] is { } cols)
            {
                // store each sample as [C, H, p]: the first p columns of every row
                int w = Inputs[k].Shape[2], nrows = size / w;
                var periods = data.ColumnPeriods is { } cp && k < cp.Length ? cp[k] : null;
                var tails = periods is null && data.ColumnTails is { } ct && k < ct.Length ? ct[k] : null;
                _layout.Tail = tails is not null;
                periods ??= tails;
                for (int r = 0; r < rows.Length; r++)
                {
                    int p = periods is null ? w : Math.Clamp(periods[rows[r]], 1, w);
                    cols[r] = p;
                    for (int q = 0; q < nrows; q++) Array.Copy(src, rows[r] * size + q * w, dst, r * size + q * p, p);
                }
                continue;
            }
            for (int r = 0; r < rows.Length; r++) Array.Copy(src, rows[r] * size, dst, r * size, size);
        }
    }

    private void CheckData(TensorData data, bool needTargets)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count < 1) throw new ArgumentException("The dataset is empty.");
        if (data.Inputs.Length != Inputs.Count)
            throw new ArgumentException($"The model has {Inputs.Count} input(s) ({string.Join(", ", Inputs.Select(i => i.Name))}); the data has {data.Inputs.Length}.");
        for (int k = 0; k < Inputs.Count; k++)
            if (data.Inputs[k].Length != data.Count * Inputs[k].Size)
                throw new ArgumentException($"Input '{Inputs[k].Name}' needs {Inputs[k].Size} values per sample (shape {Layer.ShapeText(Inputs[k].Shape)}); the data array has {data.Inputs[k].Length} values for {data.Count} samples.");
        if (needTargets && data.Targets.Length != data.Count * Output.Size)
            throw new ArgumentException($"The targets need {Output.Size} value(s) per sample; got {data.Targets.Length} for {data.Count} samples.");
    }

    /// <summary>
    /// One training step on rows of <paramref name="data"/>: forward, loss (<see cref="Loss"/>), backward, optimiser
    /// step. Returns the batch's loss (without penalties).
    /// </summary>
    public double TrainStep(TensorData data, ReadOnlySpan<int> rows, Optimizer optimizer)
    {
        int n = rows.Length;
        EnsureCapacity(n);
        LoadBatch(data, rows);
        Run(n, training: true);
        double loss = LossAndGradient(data, rows);
        optimizer.ZeroGrad();
        Back(n);
        optimizer.Step();
        return loss;
    }

    /// <summary>Forward and backward on rows without an update; gradients are left in <see cref="Parameter.Grad"/> (zeroed first). Returns the loss (<see cref="Loss"/>). For tests and gradient checks.</summary>
    public double ComputeGradients(TensorData data, ReadOnlySpan<int> rows, bool training = false)
    {
        int n = rows.Length;
        EnsureCapacity(n);
        LoadBatch(data, rows);
        Run(n, training);
        double loss = LossAndGradient(data, rows);
        foreach (var p in Parameters) Array.Clear(p.Grad);
        Back(n);
        return loss;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double LossAndGradient(TensorData data, ReadOnlySpan<int> rows)
    {
        if (Loss == LossFunction.SoftmaxCrossEntropy) return CrossEntropyAndGradient(data, rows);
        int o = _order.Length - 1, size = Output.Size, n = rows.Length;
        var y = _val[o]; var g = _grad[o];
        double loss = 0;
        float scale = 2f / (n * size);
        for (int r = 0; r < n; r++)
            for (int j = 0; j < size; j++)
            {
                float e = y[r * size + j] - data.Targets[rows[r] * size + j];
                loss += (double)e * e;
                if (g.Length > 0) g[r * size + j] = scale * e;
            }
        return loss / (n * size);
    }

    // Softmax cross-entropy: loss_r = Σ_k t_k (logsumexp(z) − z_k); dL/dz_k = (p_k Σ_j t_j − t_k) / n.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double CrossEntropyAndGradient(TensorData data, ReadOnlySpan<int> rows)
    {
        int o = _order.Length - 1, size = Output.Size, n = rows.Length;
        var z = _val[o]; var g = _grad[o];
        double loss = 0;
        for (int r = 0; r < n; r++)
        {
            int zr = r * size, tr = rows[r] * size;
            double mx = double.NegativeInfinity, s = 0, tsum = 0;
            for (int k = 0; k < size; k++) mx = Math.Max(mx, z[zr + k]);
            for (int k = 0; k < size; k++) s += Math.Exp(z[zr + k] - mx);
            double lse = mx + Math.Log(s);
            for (int k = 0; k < size; k++)
            {
                double t = data.Targets[tr + k];
                tsum += t;
                if (t != 0) loss += t * (lse - z[zr + k]);
            }
            if (g.Length > 0)
                for (int k = 0; k < size; k++)
                    g[zr + k] = (float)((Math.Exp(z[zr + k] - lse) * tsum - data.Targets[tr + k]) / n);
        }
        return loss / n;
    }

    /// <summary>Restarts the dropout random stream (tests use it to repeat a mask).</summary>
    internal void ReseedDropout(int seed) => _ctx.DropoutRandom = new Random(seed);

    /// <summary>Sum of the L2 penalties λ·Σw² of all parameters.</summary>
    public double Penalty()
    {
        double s = 0;
        foreach (var p in _parameters) s += p.Penalty();
        return s;
    }

    /// <summary>
    /// Trains with mini-batches (reshuffled each epoch from <see cref="FitOptions.Seed"/>), the <see cref="Loss"/>
    /// (MSE by default) plus L2 penalties, and <paramref name="optimizer"/> (default <see cref="Adam"/> with Keras defaults).
    /// </summary>
    /// <param name="train">Training data.</param>
    /// <param name="options">Epochs, batch size, seed, early stopping (defaults: S2MoS 100 epochs × batch 8).</param>
    /// <param name="optimizer">Optimiser over <see cref="Parameters"/>; a new Adam when null.</param>
    /// <param name="validation">Optional validation data for the validation curve and early stopping.</param>
    /// <param name="progress">Receives one report per epoch.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public TrainingHistory Fit(TensorData train, FitOptions? options = null, Optimizer? optimizer = null, TensorData? validation = null,
        IProgress<EpochProgress>? progress = null, CancellationToken cancellationToken = default) =>
        FitCore(train, options, optimizer, validation, progress, 0, cancellationToken);

    internal TrainingHistory FitCore(TensorData train, FitOptions? options, Optimizer? optimizer, TensorData? validation,
        IProgress<EpochProgress>? progress, int bag, CancellationToken cancellationToken)
    {
        options ??= new FitOptions();
        Check.Positive(options.Epochs, "Epochs");
        Check.Positive(options.BatchSize, "BatchSize");
        Check.NonNegative(options.EarlyStoppingPatience, "EarlyStoppingPatience");
        Check.NonNegative(options.TrainingLossPatience, "TrainingLossPatience");
        if (!(options.LossTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(options), options.LossTolerance, $"LossTolerance must be ≥ 0 (got {options.LossTolerance}).");
        CheckData(train, true);
        if (validation is not null) CheckData(validation, true);
        if (options.EarlyStoppingPatience > 0 && validation is null)
            throw new ArgumentException("Early stopping needs validation data.");
        optimizer ??= new Adam(Parameters);
        var shuffle = new Random(options.Seed);
        _ctx.DropoutRandom = new Random(unchecked(options.Seed * 31 + 17));
        int count = train.Count, bs = Math.Min(options.BatchSize, count);
        var perm = Enumerable.Range(0, count).ToArray();
        var losses = new List<double>(); var vlosses = new List<double>(); var secs = new List<double>();
        double best = double.PositiveInfinity; int bestEpoch = 0, since = 0; bool stopped = false;
        double bestTrain = double.PositiveInfinity; int noImprovement = 0;
        float[][]? bestWeights = null;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var sw = Stopwatch.StartNew();
            if (options.Shuffle)
                for (int i = count - 1; i > 0; i--) { int j = shuffle.Next(i + 1); (perm[i], perm[j]) = (perm[j], perm[i]); }
            double sum = 0; int batches = 0;
            for (int start = 0; start < count; start += bs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int len = Math.Min(bs, count - start);
                double l = TrainStep(train, perm.AsSpan(start, len), optimizer);
                if (!double.IsFinite(l)) throw new InvalidOperationException($"Training diverged: the loss became {l} in epoch {epoch}.");
                sum += l + Penalty();
                batches++;
            }
            double loss = sum / batches;
            double vloss = double.NaN;
            if (validation is not null)
            {
                vloss = Evaluate(validation, bs);
                vlosses.Add(vloss);
                if (vloss < best)
                {
                    best = vloss; bestEpoch = epoch; since = 0;
                    if (options.EarlyStoppingPatience > 0 && options.RestoreBestWeights) bestWeights = Parameters.Select(p => (float[])p.Value.Clone()).ToArray();
                }
                else since++;
            }
            sw.Stop();
            losses.Add(loss); secs.Add(sw.Elapsed.TotalSeconds);
            progress?.Report(new EpochProgress(epoch, options.Epochs, loss, vloss, sw.Elapsed.TotalSeconds, bag));
            if (options.EarlyStoppingPatience > 0 && since >= options.EarlyStoppingPatience) { stopped = true; break; }
            if (options.TrainingLossPatience > 0)
            {
                // scikit-learn _update_no_improvement_count: no improvement unless the loss beats best − tol
                noImprovement = loss > bestTrain - options.LossTolerance ? noImprovement + 1 : 0;
                bestTrain = Math.Min(bestTrain, loss);
                if (noImprovement > options.TrainingLossPatience) { stopped = true; break; }
            }
        }
        if (bestWeights is not null)
            for (int i = 0; i < Parameters.Count; i++) bestWeights[i].CopyTo(Parameters[i].Value, 0);
        if (validation is null) bestEpoch = losses.Count;
        return new TrainingHistory(losses.ToArray(), vlosses.ToArray(), secs.ToArray(), bestEpoch, stopped);
    }

    /// <summary>The loss (<see cref="Loss"/>: mean squared error by default) on a dataset (inference mode, no penalties).</summary>
    public double Evaluate(TensorData data, int batchSize = Defaults.PredictionBatchSize)
    {
        CheckData(data, true);
        var p = ActivationsOf(data, Output, batchSize);
        double s = 0;
        if (Loss == LossFunction.SoftmaxCrossEntropy)
        {
            var prob = Softmax(p, Output.Size);
            for (int r = 0; r < data.Count; r++)
                for (int k = 0; k < Output.Size; k++)
                {
                    double t = data.Targets[r * Output.Size + k];
                    if (t != 0) s -= t * Math.Log(Math.Max(prob[r, k], double.Epsilon));
                }
            return s / data.Count;
        }
        for (int i = 0; i < p.Length; i++) { double e = p[i] - data.Targets[i]; s += e * e; }
        return s / p.Length;
    }

    /// <summary>Predicts in inference mode (dropout off), in batches of <paramref name="batchSize"/>. Returns [count × output size].</summary>
    public float[] Predict(TensorData data, int batchSize = Defaults.PredictionBatchSize) => Activations(data, Output, batchSize);

    /// <summary>Predicts from input arrays (one per model input, row-major [count × size]).</summary>
    public float[] Predict(params float[][] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0) throw new ArgumentException("No input arrays given.");
        int count = inputs[0].Length / Math.Max(1, Inputs[0].Size);
        return Predict(new TensorData(inputs, [], count));
    }

    /// <summary>
    /// The values of any node (layer output) for every sample, in inference mode: [count × node size], with
    /// the node's per-sample layout (e.g. [filters, height, width] for a convolution).
    /// </summary>
    public float[] Activations(TensorData data, Node node, int batchSize = Defaults.PredictionBatchSize)
    {
        CheckData(data, false);
        return ActivationsOf(data, node, batchSize);
    }

    // Activations on data already checked by CheckData.
    private float[] ActivationsOf(TensorData data, Node node, int batchSize)
    {
        Check.Positive(batchSize);
        if (!_index.TryGetValue(node, out int idx)) throw new ArgumentException($"Node '{node.Name}' is not part of this model.");
        int bs = Math.Min(batchSize, data.Count);
        EnsureCapacity(bs);
        var result = new float[data.Count * node.Size];
        var rows = new int[bs];
        for (int start = 0; start < data.Count; start += bs)
        {
            int len = Math.Min(bs, data.Count - start);
            for (int r = 0; r < len; r++) rows[r] = start + r;
            LoadBatch(data, rows.AsSpan(0, len));
            Run(len, training: false);
            if (_cols[idx] is { } cols)
            {
                int w = node.Shape[^1], nrows = node.Size / w;
                for (int r = 0; r < len; r++)
                    for (int q = 0; q < nrows; q++)
                        for (int j = 0; j < w; j++)
                            result[(start + r) * node.Size + q * w + j] = _val[idx][r * node.Size + q * cols[r] + _layout.Source(j, cols[r])];
            }
            else Array.Copy(_val[idx], 0, result, start * node.Size, len * node.Size);
        }
        return result;
    }

    /// <summary>The values of the node named <paramref name="name"/> (see <see cref="Activations(TensorData, Node, int)"/>).</summary>
    public float[] Activations(TensorData data, string name, int batchSize = Defaults.PredictionBatchSize) => Activations(data, this[name], batchSize);

    /// <summary>The state dictionary: parameter name → values (copies).</summary>
    public IReadOnlyDictionary<string, float[]> StateDict() => Parameters.ToDictionary(p => p.Name, p => (float[])p.Value.Clone());

    /// <summary>Copies values into parameters by name (PyTorch <c>load_state_dict</c>); every parameter must be present with the right length.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, float[]> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var p in Parameters)
        {
            if (!state.TryGetValue(p.Name, out var v)) throw new KeyNotFoundException($"The state has no values for parameter '{p.Name}'.");
            if (v.Length != p.Length) throw new ArgumentException($"Parameter '{p.Name}' has {p.Length} values ({Layer.ShapeText(p.Shape)}); the state has {v.Length}.");
            v.CopyTo(p.Value, 0);
        }
    }

    private const int Magic = 0x4E4E4253; // "SBNN"

    /// <summary>Writes the parameters (names, shapes, float32 values) to a binary stream.</summary>
    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic); w.Write(1); w.Write(Parameters.Count);
        foreach (var p in Parameters)
        {
            w.Write(p.Name); w.Write(p.Shape.Length);
            foreach (var d in p.Shape) w.Write(d);
            foreach (var v in p.Value) w.Write(v);
        }
    }

    /// <summary>Saves the parameters to a file, atomically.</summary>
    public void Save(string path) => IO.AtomicFile.Write(path, Save);

    /// <summary>Reads parameters written by <see cref="Save(Stream)"/> into this model (same architecture).</summary>
    /// <exception cref="InvalidDataException">Not a model file, or its parameters do not match this architecture.</exception>
    public void Load(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadInt32() != Magic) throw new InvalidDataException("Not a SoilNotebooks neural-network parameter file.");
        int version = r.ReadInt32();
        if (version != 1) throw new InvalidDataException($"Unsupported parameter file version {version}.");
        int count = r.ReadInt32();
        var state = new Dictionary<string, float[]>();
        for (int i = 0; i < count; i++)
        {
            string name = r.ReadString();
            int rank = r.ReadInt32();
            int len = 1;
            for (int d = 0; d < rank; d++) len *= r.ReadInt32();
            var v = new float[len];
            for (int j = 0; j < len; j++) v[j] = r.ReadSingle();
            state[name] = v;
        }
        if (count != Parameters.Count)
            throw new InvalidDataException($"The file holds {count} parameters; this model has {Parameters.Count} — a different architecture.");
        try { LoadStateDict(state); }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException) { throw new InvalidDataException(e.Message, e); }
    }

    /// <summary>Loads parameters from a file (see <see cref="Load(Stream)"/>).</summary>
    public void Load(string path)
    {
        using var s = File.OpenRead(path);
        Load(s);
    }
}
