using System.Globalization;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// Options of <see cref="MlpClassifier"/>, with the defaults of scikit-learn's <c>MLPClassifier</c> (1.2):
/// one hidden layer of 100 ReLU units, Adam (lr 1e-3, β 0.9/0.999, ε 1e-8), L2 α = 1e-4, mini-batches of
/// min(200, n), at most 200 epochs, stop after 10 epochs without a training-loss gain of 1e-4.
/// </summary>
public sealed record MlpClassifierOptions
{
    /// <summary>Units per hidden layer (each ≥ 1; default one layer of 100, scikit-learn <c>hidden_layer_sizes=(100,)</c>).</summary>
    public IReadOnlyList<int> HiddenUnits { get; init; } = [100];

    /// <summary>Adam learning rate &gt; 0 (default 1e-3, <c>learning_rate_init</c>).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// L2 penalty α ≥ 0 on the weights (not the biases; default 1e-4). As in scikit-learn the batch loss gains
    /// α/(2·b)·Σw² for a mini-batch of b rows, i.e. <see cref="Parameter.L2"/> = α/(2b).
    /// </summary>
    public double Alpha { get; init; } = 1e-4;

    /// <summary>
    /// Mini-batch rows (≥ 1; default 200, used as min(200, n) — scikit-learn's <c>batch_size="auto"</c>; not the
    /// S2MoS training batch of <see cref="Defaults.TrainingBatchSize"/>).
    /// </summary>
    public int MiniBatchSize { get; init; } = 200;

    /// <summary>Maximum epochs (≥ 1, default 200, <c>max_iter</c>).</summary>
    public int MaxEpochs { get; init; } = 200;

    /// <summary>Minimum training-loss improvement that counts (≥ 0, default 1e-4, <c>tol</c>).</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Stop after more than this many epochs without improvement (≥ 1, default 10, <c>n_iter_no_change</c>).</summary>
    public int NoImprovementEpochs { get; init; } = 10;

    /// <summary>Standardise the features (training mean and population SD) before the network (default true:
    /// scikit-learn's advice of a <c>StandardScaler</c> in front of an MLP).</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Weight per class label (missing labels weigh 1).</summary>
    public IReadOnlyDictionary<string, double>? ClassWeights { get; init; }

    /// <summary>Weight classes by n/(K·n_k) (scikit-learn <c>class_weight="balanced"</c>; the sample's loss term is scaled).</summary>
    public bool BalancedClassWeights { get; init; }

    /// <summary>Seed of the initial weights (Glorot uniform) and of the epoch shuffling (default 42).</summary>
    public int Seed { get; init; } = Defaults.Seed;
}

/// <summary>
/// A multilayer perceptron classifier on a <see cref="FeatureTable"/>, built from the neural stage: standardised
/// inputs → [<see cref="Linear"/> → <see cref="ReLU"/>] per hidden layer → <see cref="Linear"/> logits, one per
/// class, trained with <see cref="LossFunction.SoftmaxCrossEntropy"/> and <see cref="Adam"/> (Rumelhart, Hinton &amp;
/// Williams 1986; Kingma &amp; Ba 2015). The model is scikit-learn's <c>MLPClassifier</c> except that two classes get
/// two softmax outputs instead of one logistic unit (the same family of functions) and the biases start at 0.
/// Seeded: the same seed gives the same fit.
/// </summary>
public static class MlpClassifier
{
    /// <summary>Fits the network on features and class labels.</summary>
    /// <exception cref="ArgumentException">Labels missing or a single class; bad options.</exception>
    public static MlpClassifierModel Fit(FeatureTable x, IReadOnlyList<string> labels, MlpClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new MlpClassifierOptions();
        ArgumentNullException.ThrowIfNull(options.HiddenUnits);
        foreach (var h in options.HiddenUnits) Check.Positive(h, "hidden units");
        Check.Positive(options.LearningRate, "LearningRate");
        NonNegative(options.Alpha, "Alpha");
        Check.Positive(options.MiniBatchSize, "MiniBatchSize");
        Check.Positive(options.MaxEpochs, "MaxEpochs");
        NonNegative(options.Tolerance, "Tolerance");
        Check.Positive(options.NoImprovementEpochs, "NoImprovementEpochs");
        var cl = ClassLabels.ForFit(labels, x.Rows);
        int n = x.Rows, p = x.Columns, K = cl.Classes.Count;
        var weights = cl.RowWeights(options.ClassWeights, options.BalancedClassWeights);
        var (mean, sd) = x.StandardizationMoments(options.Standardize);
        var inputs = MlpClassifierModel.Encode(x, mean, sd);
        var targets = new float[n * K];
        for (int i = 0; i < n; i++) targets[i * K + cl.Index[i]] = weights is null ? 1f : (float)weights[i];

        int batch = Math.Min(options.MiniBatchSize, n);
        float l2 = (float)(options.Alpha / (2.0 * batch));
        var input = nn.Input("features", p);
        var node = input;
        foreach (var h in options.HiddenUnits) node = nn.ReLU().Call(nn.Linear(h, l2).Call(node));
        var network = new Model([input], nn.Linear(K, l2).Call(node), options.Seed) { Loss = LossFunction.SoftmaxCrossEntropy };
        var adam = new Adam(network.Parameters, options.LearningRate, 0.9, 0.999, 1e-8, AdamEpsilon.Keras);
        var data = new TensorData([inputs], targets, n);
        var history = network.Fit(data, new FitOptions
        {
            Epochs = options.MaxEpochs, BatchSize = batch, Seed = options.Seed,
            TrainingLossPatience = options.NoImprovementEpochs, LossTolerance = options.Tolerance,
        }, adam);
        var model = new MlpClassifierModel(cl.Classes, x.Names, network, mean, sd, history);
        model.Health = MlpClassifierModel.Assess(model, data, cl);
        return model;
    }

    private static void NonNegative(double v, string name)
    {
        if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(name, v, $"{name} must be a finite number ≥ 0 (got {v}).");
    }
}

/// <summary>
/// A fitted <see cref="MlpClassifier"/>: class probabilities from the softmax of the network's logits, the training
/// history and a degenerate-model check (<see cref="Health"/>) made on the training rows at fit time.
/// </summary>
public sealed class MlpClassifierModel : IClassifier
{
    /// <summary>Name used in <see cref="Health"/>.</summary>
    public const string ModelName = "Neural network (MLP)";

    private readonly double[] _mean, _sd;
    private readonly Lock _lock = new();

    internal MlpClassifierModel(IReadOnlyList<string> classes, IReadOnlyList<string> names, Model network, double[] mean, double[] sd,
        TrainingHistory history)
    { Classes = classes; FeatureNames = names; Network = network; _mean = mean; _sd = sd; History = history; }

    /// <inheritdoc />
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Feature names in training order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The trained network (input "features" → logits, one per class).</summary>
    public Model Network { get; }

    /// <summary>Training loss per epoch (softmax cross-entropy + L2 penalty) and whether the tolerance rule stopped it.</summary>
    public TrainingHistory History { get; }

    /// <summary>
    /// The degenerate-model guard on the training rows: "one-class" when the network predicts a single class for every
    /// training row, plus the flags of <see cref="NeuralHealth.Assess"/> on the predicted class index against the
    /// observed one (near-constant predictions) and on the loss curve (diverged or not decreasing).
    /// </summary>
    public ModelHealth Health { get; internal set; } = new(ModelName, []);

    /// <summary>True when <see cref="Health"/> raised a flag: a comparison should not rest on this model.</summary>
    public bool IsDegenerate => Health.IsFlagged;

    /// <inheritdoc />
    public double[,] PredictProbabilities(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != FeatureNames.Count)
            throw new ArgumentException($"The table has {x.Columns} features; the model was trained on {FeatureNames.Count}.");
        var data = new TensorData([Encode(x, _mean, _sd)], [], x.Rows);
        float[] logits;
        lock (_lock) logits = Network.Predict(data);   // the network's batch buffers are shared
        return Model.Softmax(logits, Classes.Count);
    }

    internal static float[] Encode(FeatureTable x, double[] mean, double[] sd)
    {
        int n = x.Rows, p = x.Columns;
        var a = new float[n * p];
        for (int j = 0; j < p; j++)
        {
            var c = x.ColumnSpan(j);
            for (int i = 0; i < n; i++) a[i * p + j] = (float)((c[i] - mean[j]) / sd[j]);   // finite: FeatureTable checks
        }
        return a;
    }

    internal static ModelHealth Assess(MlpClassifierModel model, TensorData train, ClassLabels cl)
    {
        var prob = Model.Softmax(model.Network.Predict(train), cl.Classes.Count);
        var predicted = model.MostProbable(prob);
        var index = predicted.Select(c => (double)IndexOf(cl.Classes, c)).ToArray();
        var observed = cl.Index.Select(i => (double)i).ToArray();
        var flags = new List<HealthFlag>();
        var distinct = predicted.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 1)
            flags.Add(new("one-class", string.Create(CultureInfo.InvariantCulture,
                $"predicts class '{distinct[0]}' for all {predicted.Length} training rows")));
        var health = NeuralHealth.Assess(Prediction.Of(observed, index, ModelName, "class index"), [model.History]);
        flags.AddRange(health.Flags);
        return new ModelHealth(ModelName, flags);
    }

    private static int IndexOf(IReadOnlyList<string> classes, string c)
    {
        for (int k = 0; k < classes.Count; k++) if (classes[k] == c) return k;
        return -1;
    }
}
